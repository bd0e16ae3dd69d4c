"""The privacy actions on the record: downloading one's data export, deleting one's
account (each erased application on its trail, the person's address forgotten), and
the retention sweep (by the system)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats import audit
from ats.models import Application, User
from ats.services.erasure import account_delete, retention_apply
from ats.services.privacy import data_export_build, data_export_request
from ats.tests import factories
from ats.tests.audit.conftest import entries, everything_stored
from ats.workflow import Stage

ADDRESS = "198.51.100.23"


@pytest.mark.django_db
def test_downloading_ones_data_export_is_recorded_by_its_owner_and_address(client, recruiter):
    export = data_export_build(export_id=data_export_request(user=recruiter).pk)
    client.force_login(recruiter)

    response = client.get(f"/accounts/profile/data-export/{export.pk}/download/", REMOTE_ADDR=ADDRESS)

    assert response.status_code == 200
    [entry] = entries("exported")
    assert (entry.actor, entry.remote_addr, entry.object_id) == (recruiter, ADDRESS, recruiter.pk)
    assert entry.additional_data["what"] == "own_data"


@pytest.mark.django_db
def test_deleting_an_account_puts_each_erased_application_on_its_trail_and_forgets_the_actor(
    client, job, recruiter, django_capture_on_commit_callbacks
):
    candidate = factories.CandidateFactory(first_name="Oriel", last_name="Vantablack", email="oriel.v@example.org")
    candidate.set_password("pw-1234-audit")
    candidate.save()
    application = factories.ApplicationFactory(job=job, candidate=candidate, stage=Stage.REJECTED)
    candidate_id = candidate.pk

    with django_capture_on_commit_callbacks(execute=True):
        assert account_delete(user=candidate, password="pw-1234-audit") is True

    erased = entries("erased")
    assert {(entry.content_type.model, entry.object_id) for entry in erased} == {
        ("application", application.pk),
        ("user", candidate_id),
    }
    assert all(entry.additional_data["why"] == "account_deleted" for entry in erased)
    assert all(entry.actor is None for entry in erased)  # the account row is gone: "A removed account"
    assert [entry.object_id for entry in audit.entries_of(Application.objects.get(pk=application.pk))] == [
        application.pk
    ]
    stored = everything_stored().lower()
    assert "oriel" not in stored and "vantablack" not in stored and "oriel.v@example.org" not in stored


@pytest.mark.django_db
def test_a_team_members_deletion_keeps_their_entries_without_their_address(
    client, recruiter, application, django_capture_on_commit_callbacks
):
    factories.RecruiterFactory(company=recruiter.company)
    recruiter.set_password("pw-1234-audit")
    recruiter.save()
    client.force_login(recruiter)
    client.get(f"/workspace/applications/{application.pk}/", REMOTE_ADDR=ADDRESS)
    [viewed] = entries("viewed")
    assert viewed.actor_email == recruiter.email != ""

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=recruiter, password="pw-1234-audit")

    viewed.refresh_from_db()
    assert viewed.actor_id == recruiter.pk and viewed.actor_email == ""
    [erased] = entries("erased")
    assert (erased.object_id, erased.actor_id, erased.actor_email) == (recruiter.pk, recruiter.pk, "")


@pytest.mark.django_db
def test_the_retention_sweep_is_recorded_as_the_system(job):
    application = factories.ApplicationFactory(job=job, stage=Stage.HIRED)
    Application.objects.filter(pk=application.pk).update(stage_changed_at=timezone.now() - timedelta(days=400))

    retention_apply()

    [entry] = entries("erased")
    assert (entry.object_id, entry.actor, entry.additional_data["why"]) == (application.pk, None, "retention")
    assert not User.objects.filter(pk=application.candidate_id, erased_at__isnull=False).exists()
