"""A recruiter sets a teammate's role and access from the team page: recruiter or hiring
manager, deactivated or active again. Never their own; never another company's; always
on the record; a deactivated teammate's sessions and API tokens end."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.test import Client
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from ats.exceptions import TeamChangeRefused
from ats.models import User
from ats.services.team import teammate_set_active, teammate_set_role
from ats.tests import factories


def events(member) -> list[tuple[str, dict | None]]:
    rows = LogEntry.objects.filter(object_id=member.pk, content_type__model="user").order_by("pk")
    return [(row.additional_data["event"], row.changes) for row in rows]


@pytest.mark.django_db
def test_a_hiring_manager_made_recruiter_leaves_the_jobs_hiring_manager_lists(client, recruiter, hiring_manager, job):
    assert list(job.hiring_managers.all()) == [hiring_manager]
    client.force_login(recruiter)

    response = client.post(f"/workspace/team/members/{hiring_manager.pk}/role/", {"role": "recruiter"})

    assert response.status_code == 302
    hiring_manager.refresh_from_db()
    assert hiring_manager.role == User.Role.RECRUITER
    assert not job.hiring_managers.exists()
    assert events(hiring_manager) == [("role_changed", {"role": ["hiring_manager", "recruiter"]})]
    page = client.get(response["Location"]).content.decode()
    assert f"{hiring_manager.display_name} is now a recruiter." in page


@pytest.mark.django_db
def test_a_recruiter_made_hiring_manager(client, recruiter, acme):
    other = factories.RecruiterFactory(company=acme)
    client.force_login(recruiter)

    client.post(f"/workspace/team/members/{other.pk}/role/", {"role": "hiring_manager"})

    other.refresh_from_db()
    assert other.role == User.Role.HIRING_MANAGER


@pytest.mark.django_db
def test_an_unknown_role_changes_nothing(client, recruiter, hiring_manager):
    client.force_login(recruiter)

    response = client.post(f"/workspace/team/members/{hiring_manager.pk}/role/", {"role": "candidate"}, follow=True)

    assert "Choose recruiter or hiring manager." in response.content.decode()
    hiring_manager.refresh_from_db()
    assert hiring_manager.role == User.Role.HIRING_MANAGER
    assert events(hiring_manager) == []


@pytest.mark.django_db
def test_deactivating_ends_their_sessions_and_tokens_and_reactivating_lets_them_in(client, recruiter, hiring_manager):
    their_browser = Client()
    their_browser.force_login(hiring_manager)
    token = RefreshToken.for_user(hiring_manager)
    client.force_login(recruiter)

    client.post(f"/workspace/team/members/{hiring_manager.pk}/access/", {"active": "false"})

    hiring_manager.refresh_from_db()
    assert not hiring_manager.is_active
    assert SESSION_KEY not in their_browser.session
    assert BlacklistedToken.objects.filter(token__jti=token["jti"]).exists()
    assert "Deactivated" in client.get("/workspace/team/").content.decode()

    client.post(f"/workspace/team/members/{hiring_manager.pk}/access/", {"active": "true"})

    hiring_manager.refresh_from_db()
    assert hiring_manager.is_active
    assert [event for event, _ in events(hiring_manager)] == ["deactivated", "reactivated"]


@pytest.mark.django_db
def test_nobody_changes_their_own_role_or_access(client, recruiter):
    client.force_login(recruiter)

    assert client.post(f"/workspace/team/members/{recruiter.pk}/role/", {"role": "hiring_manager"}).status_code == 403
    assert client.post(f"/workspace/team/members/{recruiter.pk}/access/", {"active": "false"}).status_code == 403
    recruiter.refresh_from_db()
    assert (recruiter.role, recruiter.is_active) == (User.Role.RECRUITER, True)
    with pytest.raises(TeamChangeRefused):
        teammate_set_role(member=recruiter, role="hiring_manager", actor=recruiter)


@pytest.mark.django_db
def test_another_companys_member_is_not_found_and_a_hiring_manager_may_not(
    client, recruiter, hiring_manager, outsider_recruiter, acme
):
    other = factories.RecruiterFactory(company=acme)
    client.force_login(outsider_recruiter)
    assert client.post(f"/workspace/team/members/{other.pk}/access/", {"active": "false"}).status_code == 404

    client.force_login(hiring_manager)
    assert client.post(f"/workspace/team/members/{other.pk}/access/", {"active": "false"}).status_code == 403
    assert client.post(f"/workspace/team/members/{other.pk}/role/", {"role": "hiring_manager"}).status_code == 403
    other.refresh_from_db()
    assert (other.role, other.is_active) == (User.Role.RECRUITER, True)


@pytest.mark.django_db
def test_the_company_keeps_an_active_recruiter_whatever_races(recruiter, acme):
    other = factories.RecruiterFactory(company=acme)
    # Someone deactivated `recruiter` a moment ago, while their own request was on its way.
    User.objects.filter(pk=recruiter.pk).update(is_active=False)

    with pytest.raises(TeamChangeRefused, match="needs an active recruiter"):
        teammate_set_active(member=other, active=False, actor=recruiter)
    with pytest.raises(TeamChangeRefused, match="needs an active recruiter"):
        teammate_set_role(member=other, role="hiring_manager", actor=recruiter)

    other.refresh_from_db()
    assert (other.role, other.is_active) == (User.Role.RECRUITER, True)
