"""Each audited action, done the way people do it (pages, the API, the admin), leaves
its entry with the actor, the time and the address; a refused or rolled-back action
leaves none; and no entry names the candidate."""

import uuid
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from ats import audit
from ats.exceptions import InvalidTransition
from ats.services.applications import application_change_stage, application_create
from ats.tests import factories
from ats.tests.api.conftest import bearer, verify_email
from ats.tests.audit.conftest import entries, everything_stored
from ats.workflow import Stage

ADDRESS = "203.0.113.9"


@pytest.fixture
def application_with_resume(job, candidate):
    return application_create(candidate=candidate, job=job, resume=factories.pdf_upload())


def move(client, application, to_stage, **fields):
    return client.post(
        f"/workspace/applications/{application.pk}/move/",
        {"from_stage": application.stage, "to_stage": to_stage, **fields},
        REMOTE_ADDR=ADDRESS,
    )


@pytest.mark.django_db
def test_opening_the_application_page_is_recorded_once_per_visit_window(client, recruiter, application):
    client.force_login(recruiter)
    before = timezone.now()
    assert client.get(f"/workspace/applications/{application.pk}/", REMOTE_ADDR=ADDRESS).status_code == 200
    assert client.get(f"/workspace/applications/{application.pk}/", REMOTE_ADDR=ADDRESS).status_code == 200
    [entry] = entries("viewed")
    assert (entry.actor, entry.remote_addr, entry.object_id) == (recruiter, ADDRESS, application.pk)
    assert before <= entry.timestamp <= timezone.now()


@pytest.mark.django_db
def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(
    client, recruiter, hiring_manager, application, settings
):
    client.force_login(recruiter)
    client.get(f"/workspace/applications/{application.pk}/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    settings.ATS_TRUSTED_PROXY_COUNT = 1
    client.force_login(hiring_manager)
    client.get(
        f"/workspace/applications/{application.pk}/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ADDRESS}",
    )
    assert [entry.remote_addr for entry in entries("viewed")] == ["10.0.0.2", ADDRESS]


@pytest.mark.django_db
def test_a_refused_page_records_nothing(client, outsider_recruiter, candidate, application):
    client.force_login(outsider_recruiter)
    assert client.get(f"/workspace/applications/{application.pk}/").status_code == 404
    client.force_login(candidate)
    assert client.get(f"/workspace/applications/{application.pk}/").status_code == 403
    assert entries() == []


@pytest.mark.django_db
def test_the_api_records_the_teams_reads_not_the_candidates_own(client, recruiter, candidate, application):
    for user in (recruiter, candidate):
        verify_email(user)
        response = client.get(
            f"/api/applications/{application.pk}/", HTTP_AUTHORIZATION=bearer(user), REMOTE_ADDR=ADDRESS
        )
        assert response.status_code == 200
    [entry] = entries("viewed")
    assert (entry.actor, entry.remote_addr) == (recruiter, ADDRESS)


@pytest.mark.django_db
def test_every_resume_download_is_recorded_the_candidates_own_too(
    client, recruiter, candidate, application_with_resume
):
    for user in (recruiter, candidate):
        client.force_login(user)
        response = client.get(f"/applications/{application_with_resume.pk}/resume/", REMOTE_ADDR=ADDRESS)
        assert response.status_code == 200
    downloads = entries("resume_downloaded")
    assert [(e.actor, e.actor_email, e.remote_addr) for e in downloads] == [
        (recruiter, recruiter.email, ADDRESS),
        (candidate, "", ADDRESS),
    ]


@pytest.mark.django_db
def test_a_refused_download_records_nothing(client, outsider_recruiter, application_with_resume):
    client.force_login(outsider_recruiter)
    assert client.get(f"/applications/{application_with_resume.pk}/resume/").status_code == 404
    assert entries() == []


@pytest.mark.django_db
def test_a_move_records_from_and_to(client, hiring_manager, application):
    client.force_login(hiring_manager)
    before = timezone.now()
    move(client, application, "Screening")
    [entry] = entries("moved")
    assert entry.changes == {"stage": ["Applied", "Screening"]}
    assert (entry.actor, entry.remote_addr, entry.object_id) == (hiring_manager, ADDRESS, application.pk)
    assert entry.additional_data["history_id"] == application.history.get(to_stage="Screening").pk
    assert before <= entry.timestamp <= timezone.now()


@pytest.mark.django_db
def test_a_rejection_records_its_reason_code(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/",
        {"from_stage": "Applied", "reason": "not_qualified", "note": "Casey lacks SQL.", "notify_candidate": ""},
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 302
    [entry] = entries("rejected")
    assert entry.changes == {"stage": ["Applied", "Rejected"]}
    assert entry.additional_data["reason"] == "not_qualified"
    assert (entry.actor, entry.remote_addr) == (recruiter, ADDRESS)
    # The note is free text about the candidate: the history keeps it, the log doesn't.
    assert "Casey" not in everything_stored()


@pytest.mark.django_db
def test_a_refused_move_records_nothing(client, recruiter, other_hiring_manager, application, settings):
    client.force_login(recruiter)
    move(client, application, "Offer")  # skipping stages
    move(client, application, "Screening", from_stage="Interview")  # a stale board
    client.force_login(other_hiring_manager)  # not assigned to the job
    move(client, application, "Screening")
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert entries("moved") == []


@pytest.mark.django_db
def test_a_rolled_back_move_leaves_no_entry(recruiter, application):
    # The move's last step fails: the move, its history and its entry go together.
    failing = mock.patch("ats.services.applications.notify", side_effect=RuntimeError("broker down"))
    with failing, pytest.raises(RuntimeError):
        application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert entries() == []
    with pytest.raises(InvalidTransition):
        application_change_stage(application=application, to_stage="Hired", actor=recruiter)
    assert entries() == []


@pytest.mark.django_db
def test_a_withdrawal_is_the_candidates_rejection(client, candidate, application):
    client.force_login(candidate)
    client.post(f"/applications/{application.pk}/withdraw/", REMOTE_ADDR=ADDRESS)
    [entry] = entries("rejected")
    assert (entry.actor, entry.actor_email, entry.additional_data["reason"]) == (candidate, "", "withdrawn")


@pytest.mark.django_db
def test_the_api_move_is_recorded(client, recruiter, application):
    verify_email(recruiter)
    response = client.post(
        f"/api/applications/{application.pk}/change-stage/",
        {"stage": "Rejected"},
        content_type="application/json",
        HTTP_AUTHORIZATION=bearer(recruiter),
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 200
    [entry] = entries("rejected")
    assert (entry.actor, entry.remote_addr, entry.additional_data["reason"]) == (recruiter, ADDRESS, "other")


@pytest.mark.django_db
def test_a_bulk_rejection_records_each_row_it_changed(client, recruiter, job):
    applications = [factories.ApplicationFactory(job=job) for _ in range(3)]
    hired = factories.ApplicationFactory(job=job, stage=Stage.HIRED)
    client.force_login(recruiter)
    client.post(
        "/workspace/candidates/bulk/",
        {
            "token": str(uuid.uuid4()),
            "action": "reject",
            "reason": "position_filled",
            "applications": [str(a.pk) for a in [*applications, hired]],
        },
        REMOTE_ADDR=ADDRESS,
    )
    rejected = entries("rejected")
    assert sorted(e.object_id for e in rejected) == sorted(a.pk for a in applications)
    assert {(e.actor_id, e.remote_addr, e.additional_data["reason"]) for e in rejected} == {
        (recruiter.pk, ADDRESS, "position_filled")
    }


@pytest.mark.django_db
def test_a_csv_export_records_each_exported_application(client, recruiter, job, globex):
    applications = [factories.ApplicationFactory(job=job) for _ in range(2)]
    elsewhere = factories.ApplicationFactory(job=factories.JobFactory(company=globex))
    client.force_login(recruiter)
    response = client.post(
        "/workspace/candidates/bulk/",
        {
            "token": str(uuid.uuid4()),
            "action": "export",
            "applications": [str(a.pk) for a in [*applications, elsewhere]],
        },
        REMOTE_ADDR=ADDRESS,
    )
    assert response.status_code == 200
    exported = entries("exported")
    # Only what the export held: another company's application was not in it.
    assert sorted(e.object_id for e in exported) == sorted(a.pk for a in applications)
    assert {(e.actor_id, e.remote_addr) for e in exported} == {(recruiter.pk, ADDRESS)}
    assert all(a.candidate.email not in everything_stored() for a in applications)


@pytest.mark.django_db
def test_role_and_activation_changes_in_the_admin_are_recorded(client, superuser, hiring_manager):
    client.force_login(superuser)
    url = reverse("admin:ats_user_change", args=[hiring_manager.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {
            "role": "recruiter",
            "is_active": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "last_login_0": "",
            "last_login_1": "",
            "groups": [],
            "user_permissions": [],
            "company": hiring_manager.company_id,
        }
    )
    data = {name: value for name, value in data.items() if not isinstance(value, bool) or value}
    response = client.post(url, data, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302, response.context["adminform"].form.errors
    [role] = entries("role_changed")
    assert role.changes == {"role": ["hiring_manager", "recruiter"]}
    assert (role.actor, role.remote_addr, role.object_repr) == (superuser, ADDRESS, f"User {hiring_manager.pk}")
    assert len(entries("deactivated")) == 1
    data.update(is_active="on")
    client.post(url, data, REMOTE_ADDR=ADDRESS)
    assert len(entries("reactivated")) == 1
    assert len(entries("role_changed")) == 1


@pytest.mark.django_db
def test_an_operator_opening_an_application_in_the_admin_is_recorded(client, superuser, application):
    client.force_login(superuser)
    assert client.get(reverse("admin:ats_application_change", args=[application.pk])).status_code == 200
    [entry] = entries("viewed")
    assert entry.actor == superuser


@pytest.mark.django_db
def test_no_entry_names_the_candidate(client, recruiter, candidate, application_with_resume):
    client.force_login(recruiter)
    client.get(f"/workspace/applications/{application_with_resume.pk}/")
    client.get(f"/applications/{application_with_resume.pk}/resume/")
    move(client, application_with_resume, "Screening")
    client.force_login(candidate)
    client.get(f"/applications/{application_with_resume.pk}/resume/")
    client.post(f"/applications/{application_with_resume.pk}/withdraw/")
    audit.record(audit.Event.ERASED, candidate, actor=None, why="account_deleted")
    assert len(entries()) == 6
    stored = everything_stored()
    for personal in (candidate.email, candidate.first_name, candidate.last_name, candidate.username, "casey"):
        assert personal not in stored


@pytest.mark.django_db
def test_client_headers_other_than_the_address_are_not_stored(client, recruiter, application):
    # auditlog's own middleware would store these as sent (and a correlation id past
    # 255 characters would fail the INSERT on PostgreSQL): ours reads neither.
    client.force_login(recruiter)
    response = client.get(
        f"/workspace/applications/{application.pk}/",
        HTTP_X_CORRELATION_ID="x" * 300,
        HTTP_X_FORWARDED_PORT="4444",
    )
    assert response.status_code == 200
    [entry] = entries("viewed")
    assert (entry.cid, entry.remote_port) == (None, None)
