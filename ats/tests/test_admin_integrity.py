"""The admin can't undo a stage move or delete the history, and a history that was put
out of step with the stage column answers a move with the stale-board message, never a 500."""

import pytest
from django.db.models import ProtectedError
from rest_framework.test import APIClient

from ats.admin import ApplicationAdmin
from ats.exceptions import StaleStage
from ats.models import Application, ApplicationHistory, OutboxEmail
from ats.services.applications import application_change_stage
from ats.tests import factories
from ats.workflow import Stage

STALE = "Someone else moved this application out of Applied a moment ago."


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def change_url(application) -> str:
    return f"/admin/ats/application/{application.pk}/change/"


def history_end(application) -> str:
    return ApplicationHistory.objects.filter(application=application).order_by("changed_at", "id").last().to_stage


@pytest.fixture
def application_with_resume(job, candidate):
    return factories.ApplicationFactory(
        job=job, candidate=candidate, resume=factories.pdf_upload(), cover_letter="Hello"
    )


@pytest.fixture
def out_of_step(application, recruiter):
    """What the bug left: moved to Screening with history, then its stage column
    written back to Applied (as the admin's whole-row save did)."""
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    Application.objects.filter(pk=application.pk).update(stage=Stage.APPLIED)
    return Application.objects.get(pk=application.pk)


# The admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_admin_save_racing_a_move_keeps_the_moved_stage(admin_client, application, recruiter, monkeypatch):
    assert admin_client.get(change_url(application)).status_code == 200
    read = ApplicationAdmin.get_object

    def read_then_someone_moves_it(self, request, object_id, from_field=None):
        # The admin has read the row; a recruiter moves the card before the admin writes.
        obj = read(self, request, object_id, from_field)
        if request.method == "POST":
            application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
        return obj

    monkeypatch.setattr(ApplicationAdmin, "get_object", read_then_someone_moves_it)
    response = admin_client.post(
        change_url(application),
        {"cover_letter": "old text", "history-TOTAL_FORMS": "1", "history-INITIAL_FORMS": "1", "_save": "Save"},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING == history_end(application)
    application_change_stage(application=application, to_stage=Stage.INTERVIEW, actor=recruiter)
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEW


@pytest.mark.django_db
def test_resume_and_cover_letter_are_read_only_and_the_resume_goes_through_the_download_view(
    admin_client, application_with_resume
):
    application = application_with_resume
    page = admin_client.get(change_url(application)).content.decode()

    assert 'name="resume"' not in page
    assert 'name="cover_letter"' not in page
    assert f'href="/applications/{application.pk}/resume/"' in page
    assert application.resume.url not in page

    admin_client.post(change_url(application), {"cover_letter": "rewritten", "_save": "Save"})
    application.refresh_from_db()
    assert application.cover_letter == "Hello"


@pytest.mark.django_db
def test_the_admin_cannot_delete_applications(admin_client, application):
    changelist = admin_client.get("/admin/ats/application/").content.decode()
    assert "delete_selected" not in changelist
    assert admin_client.get(f"/admin/ats/application/{application.pk}/delete/").status_code == 403

    admin_client.post(
        "/admin/ats/application/", {"action": "delete_selected", "_selected_action": [application.pk], "post": "yes"}
    )
    assert Application.objects.filter(pk=application.pk).exists()


@pytest.mark.django_db
def test_deleting_an_application_with_history_is_refused_by_its_history(application):
    with pytest.raises(ProtectedError):
        application.delete()
    with pytest.raises(ProtectedError):
        Application.objects.filter(pk=application.pk).delete()
    assert ApplicationHistory.objects.filter(application=application).count() == 1


# A history out of step: refused as stale on every path --------------------------------


@pytest.mark.django_db
def test_the_service_refuses_a_move_the_history_already_records(out_of_step, recruiter):
    emails_before = OutboxEmail.objects.count()

    with pytest.raises(StaleStage, match=STALE):
        application_change_stage(application=out_of_step, to_stage=Stage.SCREENING, actor=recruiter)

    assert Application.objects.get(pk=out_of_step.pk).stage == Stage.APPLIED
    assert out_of_step.stage == Stage.APPLIED
    assert ApplicationHistory.objects.filter(application=out_of_step).count() == 2
    assert OutboxEmail.objects.count() == emails_before


@pytest.mark.django_db
def test_the_board_answers_the_conflict_with_the_stale_message(client, out_of_step, recruiter):
    client.force_login(recruiter)

    response = client.post(
        f"/workspace/applications/{out_of_step.pk}/move/",
        {"from_stage": "Applied", "to_stage": "Screening"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 409
    assert STALE in response.content.decode()
    assert Application.objects.get(pk=out_of_step.pk).stage == Stage.APPLIED


@pytest.mark.django_db
def test_the_api_answers_the_conflict_with_a_400_and_the_stale_message(out_of_step, recruiter):
    api = APIClient()
    api.force_authenticate(recruiter)
    response = api.post(f"/api/applications/{out_of_step.pk}/change-stage/", {"stage": "Screening"}, format="json")

    assert response.status_code == 400
    assert STALE in response.json()["detail"]
    assert Application.objects.get(pk=out_of_step.pk).stage == Stage.APPLIED
