"""Revoking an invitation (POST /workspace/invitations/<pk>/revoke/)."""

import pytest


@pytest.mark.django_db
def test_a_recruiter_revokes_an_invitation_and_its_link_stops_working(client, recruiter, invited):
    invitation, token = invited
    client.force_login(recruiter)
    response = client.post(f"/workspace/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.logout()
    response = client.get(f"/invitations/{token}/")
    assert response.status_code == 410
    assert "This invitation was withdrawn." in response.content.decode()


@pytest.mark.django_db
def test_others_cannot_revoke_an_invitation(client, hiring_manager, outsider_recruiter, invited):
    invitation, _ = invited
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/invitations/{invitation.pk}/revoke/").status_code == 403
    client.force_login(outsider_recruiter)
    assert client.post(f"/workspace/invitations/{invitation.pk}/revoke/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
