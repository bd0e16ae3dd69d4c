"""The tag services: the company's list (create, rename, delete) and tagging applications,
with every refusal, idempotence and the company boundary."""

import pytest

from ats.exceptions import InvalidTag
from ats.models import Tag
from ats.services import tags as tag_services
from ats.services.tags import (
    TAG_NAME_MAX_LENGTH,
    application_tag_add,
    application_tag_remove,
    tag_create,
    tag_delete,
    tag_rename,
)
from ats.tests import factories
from ats.tests.tags.conftest import names


@pytest.mark.django_db
def test_a_new_tags_whitespace_is_normalised(acme):
    tag = tag_create(company=acme, name="  Strong \t  portfolio ")
    assert Tag.objects.get(pk=tag.pk).name == "Strong portfolio"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_an_empty_name_is_refused(acme, name):
    with pytest.raises(InvalidTag, match="Give the tag a name"):
        tag_create(company=acme, name=name)
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_name_over_the_limit_is_refused_with_the_limit(acme):
    assert TAG_NAME_MAX_LENGTH == 40
    tag_create(company=acme, name="x" * 40)
    with pytest.raises(InvalidTag, match="at most 40 characters; this one has 41"):
        tag_create(company=acme, name="y" * 41)
    assert Tag.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["top 5", "TOP 5", "  Top   5 "])
def test_a_name_the_list_has_in_any_case_is_refused(acme, top5, name):
    with pytest.raises(InvalidTag, match="There is already a tag called “Top 5”"):
        tag_create(company=acme, name=name)
    assert Tag.objects.count() == 1


@pytest.mark.django_db
def test_another_company_may_have_the_same_name(acme, globex, top5):
    tag = tag_create(company=globex, name="top 5")
    assert (tag.company, tag.name) == (globex, "top 5")


@pytest.mark.django_db
def test_a_name_added_between_the_check_and_the_insert_is_refused_by_the_constraint(acme, top5, monkeypatch):
    monkeypatch.setattr(tag_services, "_clean_tag_name", lambda *, company, name, exclude=None: name)
    with pytest.raises(InvalidTag, match="was added a moment ago"):
        tag_create(company=acme, name="TOP 5")
    assert Tag.objects.count() == 1


@pytest.mark.django_db
def test_renaming_keeps_the_applications_and_refuses_a_taken_name(acme, top5, referral, application):
    application.tags.add(top5)
    tag_rename(tag=top5, name=" Top  Five ")
    assert Tag.objects.get(pk=top5.pk).name == "Top Five"
    assert names(application) == ["Top Five"]

    with pytest.raises(InvalidTag, match="There is already a tag called “Referral”"):
        tag_rename(tag=top5, name="referral")
    with pytest.raises(InvalidTag, match="at most 40 characters"):
        tag_rename(tag=top5, name="z" * 41)
    with pytest.raises(InvalidTag, match="Give the tag a name"):
        tag_rename(tag=top5, name=" ")
    assert Tag.objects.get(pk=top5.pk).name == "Top Five"


@pytest.mark.django_db
def test_a_tag_may_take_its_own_name_in_another_case(top5):
    tag_rename(tag=top5, name="TOP 5")
    assert Tag.objects.get(pk=top5.pk).name == "TOP 5"


@pytest.mark.django_db
def test_deleting_says_how_many_applications_lost_the_tag(job, top5, referral):
    tagged = factories.ApplicationFactory.create_batch(3, job=job)
    for application in tagged:
        application.tags.add(top5, referral)

    assert tag_delete(tag=top5) == 3

    assert not Tag.objects.filter(pk=top5.pk).exists()
    assert [names(application) for application in tagged] == [["Referral"]] * 3
    assert tag_delete(tag=referral) == 3
    assert tag_delete(tag=tag_create(company=job.company, name="Unused")) == 0


@pytest.mark.django_db
def test_adding_and_removing_say_whether_they_changed_anything(application, top5, recruiter):
    assert application_tag_add(application=application, tag=top5, actor=recruiter) is True
    assert application_tag_add(application=application, tag=top5, actor=recruiter) is False
    assert names(application) == ["Top 5"]

    assert application_tag_remove(application=application, tag=top5, actor=recruiter) is True
    assert application_tag_remove(application=application, tag=top5, actor=recruiter) is False
    assert names(application) == []


@pytest.mark.django_db
def test_another_companys_tag_is_refused_and_nothing_changes(application, globex_tag, top5, recruiter):
    application.tags.add(top5)
    with pytest.raises(InvalidTag, match="That tag is not on Acme's list"):
        application_tag_add(application=application, tag=globex_tag, actor=recruiter)
    with pytest.raises(InvalidTag, match="That tag is not on Acme's list"):
        application_tag_remove(application=application, tag=globex_tag, actor=recruiter)
    assert names(application) == ["Top 5"]
    assert not globex_tag.applications.exists()


@pytest.mark.django_db
def test_a_tag_added_by_someone_else_at_the_same_moment_counts_as_unchanged(application, top5, recruiter, monkeypatch):
    # The other request's insert lands between this one's check and its insert.
    application.tags.add(top5)
    real_filter = tag_services.ApplicationTag.objects.filter

    class NothingYet:
        def exists(self) -> bool:
            return False

    monkeypatch.setattr(tag_services.ApplicationTag.objects, "filter", lambda **kwargs: NothingYet())
    assert application_tag_add(application=application, tag=top5, actor=recruiter) is False
    monkeypatch.setattr(tag_services.ApplicationTag.objects, "filter", real_filter)
    assert names(application) == ["Top 5"]
