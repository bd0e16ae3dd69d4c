"""The team page (/workspace/team/): the company's members and its invitations."""

import hashlib
import re
from datetime import timedelta

import pytest

from ats.models import Invitation, OutboxEmail
from ats.services.team import invitation_create
from ats.tests import factories


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
def test_it_refuses_to_invite_a_teammate_or_twice(client, recruiter, hiring_manager, invited):
    client.force_login(recruiter)
    response = client.post("/workspace/team/", {"email": hiring_manager.email, "role": "recruiter"})
    assert f"{hiring_manager.email} is already on your team." in response.content.decode()
    response = client.post("/workspace/team/", {"email": "newbie@example.com", "role": "recruiter"})
    assert "already has a pending invitation" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["candidate", "other_company_recruiter", "operator"])
def test_inviting_an_address_with_an_account_elsewhere_looks_like_any_invitation(client, recruiter, request, who):
    """Account enumeration: the answer is the same; the owner is told by email, without the link."""
    if who == "other_company_recruiter":
        owner = factories.RecruiterFactory(username="gus", company=request.getfixturevalue("globex"))
    elif who == "operator":
        owner = factories.UserFactory(username="op", email="op@example.com", is_staff=True, is_superuser=True)
    else:
        owner = request.getfixturevalue(who)
    client.force_login(recruiter)
    new = client.post("/workspace/team/", {"email": "fresh@example.com", "role": "recruiter"}, follow=True)
    taken = client.post("/workspace/team/", {"email": owner.email.upper(), "role": "recruiter"}, follow=True)

    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == new.redirect_chain
    page = taken.content.decode()
    assert f"Invitation sent to {owner.email.lower()} to join as recruiter." in page
    # What the page says (its links' addresses, such as /accounts/..., say nothing).
    assert "account" not in re.sub(r"<[^>]*>", " ", page.lower().split("<main", 1)[-1])
    assert Invitation.objects.filter(email=owner.email.lower()).exists()
    to_owner = OutboxEmail.objects.get(to=owner.email.lower())
    assert "/invitations/" not in to_owner.text_body
    assert "An account already uses this address" in to_owner.text_body
    assert "/accounts/password/reset/" in to_owner.text_body


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
def test_the_invitation_email_keeps_names_as_written_in_its_text_parts(recruiter, acme):
    acme.name = "AT&T <Labs>"
    acme.save()
    invitation_create(company=acme, invited_by=recruiter, email="x@example.com", role="recruiter")

    email = OutboxEmail.objects.get(to="x@example.com")
    assert "AT&T <Labs>" in email.subject
    assert "AT&T <Labs>" in email.text_body
    assert "AT&amp;T &lt;Labs&gt;" in email.html_body
