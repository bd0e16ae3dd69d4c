"""Adding and removing a tag in bulk: each row through the tag services and ats.tag_application."""

import pytest

from ats.exceptions import BulkActionRefused, InvalidTag
from ats.models import BulkActionRow, Tag
from ats.services.bulk import bulk_action_run, bulk_action_start, bulk_action_summary
from ats.services.tags import tag_create, tag_delete
from ats.tests.bulk.conftest import ids, make_applications, new_token


@pytest.fixture
def top(acme):
    return tag_create(company=acme, name="Top 5")


def run(actor, kind, applications, tag):
    started = bulk_action_start(actor=actor, kind=kind, application_ids=ids(applications), token=new_token(), tag=tag)
    return bulk_action_run(bulk_action_id=started.pk)


def test_tags_every_row_and_counts_those_already_tagged(recruiter, job, top):
    applications = make_applications(job, 4)
    applications[0].tags.add(top)
    finished = run(recruiter, "tag_add", applications, top)
    assert all(top in application.tags.all() for application in applications)
    assert bulk_action_summary(finished).text == "3 tagged; 1 unchanged: already tagged"


def test_untags_and_counts_those_without_it(recruiter, job, top):
    applications = make_applications(job, 3)
    for application in applications[:2]:
        application.tags.add(top)
    finished = run(recruiter, "tag_remove", applications, top)
    assert not Tag.objects.get(pk=top.pk).applications.exists()
    assert bulk_action_summary(finished).text == "2 untagged; 1 unchanged: not tagged"


def test_another_companys_rows_are_refused_and_never_tagged(recruiter, job, globex_job, top):
    ours, theirs = make_applications(job, 2), make_applications(globex_job, 2)
    finished = run(recruiter, "tag_add", ours + theirs, top)
    assert not any(top in application.tags.all() for application in theirs)
    assert bulk_action_summary(finished).text == "2 tagged; 2 refused: not available to you"


def test_a_hiring_manager_tags_only_what_they_may_see(settings, hiring_manager, job, unassigned_job, top):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    visible, hidden = make_applications(job, 1), make_applications(unassigned_job, 1)
    run(hiring_manager, "tag_add", visible + hidden, top)
    assert top in visible[0].tags.all()
    assert top not in hidden[0].tags.all()


def test_a_tag_of_another_company_is_refused_before_anything_starts(recruiter, job, globex):
    theirs = tag_create(company=globex, name="Fast track")
    with pytest.raises(InvalidTag):
        run(recruiter, "tag_add", make_applications(job, 1), theirs)


def test_a_tag_action_needs_a_tag(recruiter, job):
    with pytest.raises(BulkActionRefused, match="Choose the tag"):
        run(recruiter, "tag_add", make_applications(job, 1), None)


def test_a_tag_deleted_before_the_run_refuses_the_rows(recruiter, job, top):
    applications = make_applications(job, 2)
    started = bulk_action_start(
        actor=recruiter, kind="tag_add", application_ids=ids(applications), token=new_token(), tag=top
    )
    tag_delete(tag=top)
    finished = bulk_action_run(bulk_action_id=started.pk)
    assert set(BulkActionRow.objects.filter(bulk_action=finished).values_list("outcome", flat=True)) == {"refused"}


def test_the_bar_tags_the_ticked_rows(client, recruiter, job, top):
    applications = make_applications(job, 2)
    client.force_login(recruiter)
    response = client.post(
        "/workspace/candidates/bulk/",
        {"action": "tag_add", "applications": ids(applications), "tag": top.pk, "token": str(new_token())},
    )
    assert response.status_code == 302
    assert all(top in application.tags.all() for application in applications)


def test_the_bar_without_a_tag_says_what_to_choose(client, recruiter, job, top):
    client.force_login(recruiter)
    response = client.post(
        "/workspace/candidates/bulk/",
        {"action": "tag_add", "applications": ids(make_applications(job, 1)), "token": str(new_token())},
        follow=True,
    )
    assert "Choose the tag to add or remove" in response.content.decode()
    assert not top.applications.exists()
