"""Invitations send email with text the employer chooses: limits per recruiter,
per company and per address, counted on the Invitation rows, with a moved clock."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings

from ats.exceptions import InvalidInvitation
from ats.models import Invitation, OutboxEmail
from ats.services.team import invitation_create, invitation_revoke
from ats.tests import factories

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@contextmanager
def clock(at: datetime):
    """Both the services and created_at (auto_now_add) read django.utils.timezone.now."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


def invite(company, recruiter, email, at=START):
    with clock(at):
        return invitation_create(company=company, invited_by=recruiter, email=email, role="hiring_manager")


def test_the_limits_have_sensible_defaults():
    assert django_settings.ATS_INVITATIONS_PER_RECRUITER_PER_HOUR == 20
    assert django_settings.ATS_INVITATIONS_PER_COMPANY_PER_DAY == 100
    assert django_settings.ATS_INVITATIONS_PER_ADDRESS_PER_DAY == 3


@pytest.mark.django_db
def test_a_recruiter_sends_20_invitations_an_hour_then_is_told_when_to_try_again(acme, recruiter):
    for n in range(20):
        invite(acme, recruiter, f"p{n}@example.com", at=START + timedelta(minutes=n))
    with pytest.raises(InvalidInvitation, match=r"20 invitations in the last hour.* again in 30 minutes\."):
        invite(acme, recruiter, "late@example.com", at=START + timedelta(minutes=30))
    # The first one leaves the window an hour after it was sent.
    with pytest.raises(InvalidInvitation, match="again in 1 minute\\."):
        invite(acme, recruiter, "late@example.com", at=START + timedelta(minutes=59))
    invite(acme, recruiter, "late@example.com", at=START + timedelta(minutes=60, seconds=1))
    assert Invitation.objects.count() == OutboxEmail.objects.count() == 21


@pytest.mark.django_db
def test_a_company_sends_at_most_its_daily_limit_whoever_invites(settings, acme, recruiter):
    settings.ATS_INVITATIONS_PER_COMPANY_PER_DAY = 4
    other = factories.RecruiterFactory(username="ruth", company=acme)
    for n in range(4):
        invite(acme, recruiter if n % 2 else other, f"p{n}@example.com", at=START + timedelta(hours=n))
    with pytest.raises(InvalidInvitation, match=r"Your company has sent 4 invitations .* again in 20 hours\."):
        invite(acme, recruiter, "late@example.com", at=START + timedelta(hours=4))
    # Another company is not held back.
    globex = factories.CompanyFactory(name="Globex")
    invite(globex, factories.RecruiterFactory(username="gus", company=globex), "late@example.com")
    invite(acme, recruiter, "late@example.com", at=START + timedelta(days=1, seconds=1))


@pytest.mark.django_db
def test_one_address_gets_three_invitations_a_day_from_all_companies_and_revoked_ones_count(acme, recruiter):
    first, _ = invite(acme, recruiter, "target@example.com")
    invitation_revoke(invitation=first)
    invite(acme, recruiter, "Target@Example.com", at=START + timedelta(minutes=1))
    globex = factories.CompanyFactory(name="Globex")
    gus = factories.RecruiterFactory(username="gus", company=globex)
    invite(globex, gus, "target@example.com", at=START + timedelta(hours=2))
    initech = factories.CompanyFactory(name="Initech")
    bill = factories.RecruiterFactory(username="bill", company=initech)
    with pytest.raises(InvalidInvitation, match=r"target@example.com has received 3 invitations .* again in 22 hours"):
        invite(initech, bill, "target@example.com", at=START + timedelta(hours=2))
    assert OutboxEmail.objects.filter(to="target@example.com").count() == 3
    invite(initech, bill, "target@example.com", at=START + timedelta(days=1, seconds=1))


@pytest.mark.django_db
def test_the_team_page_says_when_the_recruiter_can_invite_again(settings, client, acme, recruiter):
    settings.ATS_INVITATIONS_PER_RECRUITER_PER_HOUR = 2
    client.force_login(recruiter)
    with clock(START):
        for n in range(2):
            response = client.post("/workspace/team/", {"email": f"p{n}@example.com", "role": "recruiter"})
            assert response.status_code == 302
    with clock(START + timedelta(minutes=15)):
        response = client.post("/workspace/team/", {"email": "late@example.com", "role": "recruiter"})
    assert response.status_code == 422
    assert "You have sent 2 invitations in the last hour" in response.content.decode()
    assert "You can invite again in 45 minutes." in response.content.decode()
    assert not Invitation.objects.filter(email="late@example.com").exists()
