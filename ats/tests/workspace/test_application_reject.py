"""Rejecting with a reason (POST /workspace/applications/<pk>/reject/)."""

import pytest

from ats.workflow import Stage


@pytest.mark.django_db
def test_it_rejects_with_the_reason_as_the_history_note(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": "No Go experience."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    row = application.history.last()
    assert (row.to_stage, row.note, row.changed_by) == ("Rejected", "No Go experience.", recruiter)
    assert "No Go experience." in client.get(f"/workspace/applications/{application.pk}/").content.decode()


@pytest.mark.django_db
def test_a_rejection_without_reason_is_refused(client, recruiter, application):
    client.force_login(recruiter)
    response = client.post(
        f"/workspace/applications/{application.pk}/reject/", {"from_stage": "Applied", "reason": " "}
    )
    assert response.status_code == 422
    assert "Give a reason for the rejection." in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.django_db
def test_an_unassigned_manager_cannot_reject(client, other_hiring_manager, application):
    client.force_login(other_hiring_manager)
    response = client.post(f"/workspace/applications/{application.pk}/reject/", {"reason": "No."})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
