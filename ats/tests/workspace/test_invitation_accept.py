"""The invitation link (/invitations/<token>/): an account in the inviting company, once."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from ats.models import Invitation, User

PASSWORD = "a-long-passphrase-9"


def accept_data(**overrides) -> dict:
    return {
        "username": "newbie",
        "first_name": "New",
        "last_name": "Person",
        "time_zone": "Europe/London",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.mark.django_db
def test_the_link_creates_an_account_in_that_company_with_that_role(client, acme, invited):
    invitation, token = invited
    page = client.get(f"/invitations/{token}/").content.decode()
    assert "Join Acme as hiring manager" in page
    # Company and role come from the invitation, whatever the form says.
    response = client.post(f"/invitations/{token}/", accept_data(role="recruiter", company=999))
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.company, user.role, user.email) == (acme, User.Role.HIRING_MANAGER, "newbie@example.com")
    assert EmailAddress.objects.get(user=user).verified
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.accepted_at is not None) == (user, True)
    assert client.get("/workspace/").status_code == 200  # signed in


@pytest.mark.django_db
def test_the_link_works_once(client, invited):
    _, token = invited
    client.post(f"/invitations/{token}/", accept_data())
    client.logout()
    response = client.post(f"/invitations/{token}/", accept_data(username="second"))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not User.objects.filter(username="second").exists()


@pytest.mark.django_db
def test_an_expired_link_is_refused(client, invited):
    invitation, token = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(f"/invitations/{token}/", accept_data())
    assert response.status_code == 410
    assert "This invitation has expired." in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.django_db
def test_an_unknown_or_tampered_link_is_refused(client, invited):
    _, token = invited
    response = client.get(f"/invitations/{token[:-2]}xx/")
    assert response.status_code == 410
    assert "This invitation link is not valid." in response.content.decode()


@pytest.mark.django_db
def test_a_taken_username_is_refused_and_the_invitation_stays_usable(client, recruiter, invited):
    invitation, token = invited
    response = client.post(f"/invitations/{token}/", accept_data(username=recruiter.username))
    assert response.status_code == 422
    assert f"The username “{recruiter.username}” is taken." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_a_signed_in_user_is_asked_to_log_out_first(client, candidate, invited):
    _, token = invited
    client.force_login(candidate)
    response = client.post(f"/invitations/{token}/", accept_data())
    assert "Log out, then open the invitation link again" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()
