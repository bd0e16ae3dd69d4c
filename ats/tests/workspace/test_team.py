"""Joining the hiring side: employer sign-up (/hiring/signup/), the team page and its
invitations (/workspace/team/), and the invitation link (/invitations/<token>/)."""

import hashlib
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from ats import services
from ats.models import Company, Invitation, OutboxEmail, User

PASSWORD = "a-long-passphrase-9"


def signup_data(**overrides) -> dict:
    return {
        "company_name": "Initech",
        "first_name": "Bill",
        "last_name": "Lumbergh",
        "email": "bill@initech.example",
        "username": "bill",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def accept_data(**overrides) -> dict:
    return {
        "username": "newbie",
        "first_name": "New",
        "last_name": "Person",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.fixture
def invited(acme, recruiter):
    """An invitation to join Acme as hiring manager, and the token from its email (stored in the outbox)."""
    invitation, _ = services.invitation_create(
        company=acme, invited_by=recruiter, email="Newbie@Example.com", role="hiring_manager"
    )
    token = re.search(r"/invitations/([\w-]+)/", OutboxEmail.objects.get(to="newbie@example.com").text_body).group(1)
    return invitation, token


# Employer sign-up -------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_creates_a_company_and_its_first_recruiter_and_asks_to_confirm_the_email(client, fresh_cache):
    response = client.post("/hiring/signup/", signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="bill")
    assert (user.role, user.company.name) == (User.Role.RECRUITER, "Initech")
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("bill@initech.example", False, True)
    assert OutboxEmail.objects.filter(to="bill@initech.example", subject__icontains="confirm").exists()


@pytest.mark.django_db
def test_employer_sign_up_is_rate_limited_like_candidate_sign_up(client):
    statuses = [
        client.post("/hiring/signup/", signup_data(company_name=f"Co {n}", password2="mismatch")).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [422] * 20
    assert statuses[20] == 429
    assert "Too many attempts" in client.post("/hiring/signup/", signup_data()).content.decode()
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_company_name_that_is_taken(client, acme):
    response = client.post("/hiring/signup/", signup_data(company_name="acme"))
    assert response.status_code == 422
    assert "A company called “acme” already uses the ATS." in response.content.decode()
    assert not User.objects.filter(username="bill").exists()


@pytest.mark.django_db
def test_it_refuses_mismatched_passwords_and_a_taken_email(client, recruiter):
    response = client.post("/hiring/signup/", signup_data(password2="other-passphrase-1"))
    assert "The two passwords differ." in response.content.decode()
    response = client.post("/hiring/signup/", signup_data(email=recruiter.email))
    assert f"An account already uses {recruiter.email}." in response.content.decode()
    assert not Company.objects.filter(name="Initech").exists()


# The team page and invitations -------------------------------------------------------------


@pytest.mark.django_db
def test_a_recruiter_invites_a_teammate_by_email(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post("/workspace/team/", {"email": "Nina@Example.com", "role": "recruiter"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.company, invitation.email, invitation.role) == (acme, "nina@example.com", "recruiter")
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=5)
    message = OutboxEmail.objects.get()
    assert message.to == "nina@example.com"
    assert "Acme" in message.subject
    token = re.search(r"http://[^ ]+/invitations/([\w-]+)/", message.text_body).group(1)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert "nina@example.com" in client.get("/workspace/team/").content.decode()


@pytest.mark.django_db
def test_it_refuses_to_invite_an_existing_account_or_twice(client, recruiter, hiring_manager, invited):
    client.force_login(recruiter)
    response = client.post("/workspace/team/", {"email": hiring_manager.email, "role": "recruiter"})
    assert "already has an account" in response.content.decode()
    response = client.post("/workspace/team/", {"email": "newbie@example.com", "role": "recruiter"})
    assert "already has a pending invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_it_refuses_a_role_outside_the_team(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/workspace/team/", {"email": "x@example.com", "role": "candidate"})
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_others_cannot_invite(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post("/workspace/team/", {"email": "x@example.com", "role": "recruiter"}).status_code == 403
    assert not Invitation.objects.exists()


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


# Accepting --------------------------------------------------------------------------------


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


@pytest.mark.django_db
def test_the_invitation_email_keeps_names_as_written_in_its_text_parts(recruiter, acme):
    acme.name = "AT&T <Labs>"
    acme.save()
    services.invitation_create(company=acme, invited_by=recruiter, email="x@example.com", role="recruiter")

    email = OutboxEmail.objects.get(to="x@example.com")
    assert "AT&T <Labs>" in email.subject
    assert "AT&T <Labs>" in email.text_body
    assert "AT&amp;T &lt;Labs&gt;" in email.html_body
