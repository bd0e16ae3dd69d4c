"""The workspace's services and the database constraints behind them."""

import pytest

from ats.exceptions import InvalidInvitation, InvalidNote
from ats.models import Invitation, User
from ats.services import team as team_services
from ats.services.applications import application_note_add
from ats.services.team import invitation_accept, invitation_create, invitation_for_token, invitation_revoke


@pytest.mark.django_db
def test_a_note_has_a_length_limit(application, recruiter):
    with pytest.raises(InvalidNote, match="at most 5000 characters"):
        application_note_add(application=application, author=recruiter, body="x" * 5001)


@pytest.mark.django_db
def test_an_accepted_invitation_cannot_be_revoked(acme, recruiter):
    invitation, token = invitation_create(
        company=acme, invited_by=recruiter, email="a@example.com", role="hiring_manager"
    )
    invitation_accept(
        token=token, username="newcomer", password="a-long-passphrase-9", first_name="Nia", last_name="Cole"
    )
    with pytest.raises(InvalidInvitation, match="already joined"):
        invitation_revoke(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.django_db
def test_an_invitation_used_in_between_creates_no_second_account(acme, recruiter, monkeypatch):
    _, token = invitation_create(company=acme, invited_by=recruiter, email="b@example.com", role="recruiter")
    checked = invitation_for_token(token=token)
    # Someone else uses the link between our check and our write.
    Invitation.objects.filter(pk=checked.pk).update(accepted_at=checked.created_at)
    monkeypatch.setattr(team_services, "invitation_for_token", lambda token: checked)
    with pytest.raises(InvalidInvitation, match="a moment ago"):
        invitation_accept(
            token=token, username="second", password="a-long-passphrase-9", first_name="Sol", last_name="Reyes"
        )
    assert not User.objects.filter(username="second").exists()


@pytest.mark.django_db
def test_invitations_are_only_for_team_roles(acme, recruiter):
    with pytest.raises(InvalidInvitation, match="recruiter or a hiring manager"):
        invitation_create(company=acme, invited_by=recruiter, email="c@example.com", role="candidate")
