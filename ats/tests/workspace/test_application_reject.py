"""Rejecting with a reason (POST /workspace/applications/<pk>/reject/), from the form
behind the application page's "Reject…" button."""

import pytest

from ats.models import OutboxEmail
from ats.workflow import Stage


def stage_emails_to(candidate) -> int:
    return OutboxEmail.objects.filter(to=candidate.email, dedupe_key__startswith="stage_changed:").count()


@pytest.mark.django_db
def test_it_rejects_with_the_reason_code_and_the_note_in_the_history(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/",
        {"from_stage": "Applied", "reason": "not_qualified", "note": "No Go experience.", "notify_candidate": "on"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    row = application.history.last()
    assert (row.to_stage, row.reason.code, row.note, row.changed_by) == (
        "Rejected",
        "not_qualified",
        "No Go experience.",
        recruiter,
    )
    page = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert "Reason: Not qualified" in page
    assert "No Go experience." in page
    assert stage_emails_to(application.candidate) == 1


@pytest.mark.django_db
def test_the_note_is_optional(client, recruiter, application):
    client.force_login(recruiter)
    client.post(
        f"/workspace/applications/{application.pk}/reject/",
        {"from_stage": "Applied", "reason": "position_filled", "notify_candidate": "on"},
    )
    row = application.history.last()
    assert (row.to_stage, row.reason.code, row.note) == ("Rejected", "position_filled", "")


@pytest.mark.django_db
def test_an_unticked_email_box_sends_the_candidate_nothing(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": "no_response"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.history.last().notify_candidate is False
    assert stage_emails_to(application.candidate) == 0
    assert "not emailed" in client.get(f"/workspace/applications/{application.pk}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "promoted"])
def test_a_rejection_without_a_reason_from_the_list_is_refused_with_the_form_open(
    client, recruiter, application, reason
):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/",
        {"from_stage": "Applied", "reason": reason, "note": "Kept", "notify_candidate": "on"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert ("Choose a reason for the rejection." if not reason else "Select a valid choice.") in html
    assert '<details class="reject" open>' in html
    assert "Kept</textarea>" in html
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_inactive_reason_is_not_offered_or_accepted(client, recruiter, application):
    recruiter.company.rejection_reasons.filter(code="no_response").update(active=False)
    client.force_login(recruiter)
    page = client.get(f"/workspace/applications/{application.pk}/").content.decode()
    assert 'value="no_response"' not in page
    assert 'value="not_qualified"' in page

    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": "no_response"}
    )
    assert response.status_code == 422
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_unassigned_manager_cannot_reject(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/reject/", {"reason": "other"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
