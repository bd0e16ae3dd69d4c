"""The pages: "Delete my account" from the profile (/accounts/profile/delete/), the goodbye
page (/accounts/deleted/), and the company's retention period (/workspace/retention/)."""

import re
import uuid

import pytest
from django.contrib.sessions.models import Session
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from ats.models import Application, User
from ats.tests import factories

PASSWORD = "pw-for-tests-1234"


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
def test_it_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get("/accounts/profile/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/delete/"


@pytest.mark.django_db
def test_the_profile_has_a_danger_zone(client, candidate):
    client.force_login(candidate)
    page = text(client.get("/accounts/profile/"))
    assert "Delete your account" in page and 'href="/accounts/profile/delete/"' in page


@pytest.mark.django_db
def test_an_operator_has_no_danger_zone(client, superuser):
    client.force_login(superuser)
    assert "/accounts/profile/delete/" not in text(client.get("/accounts/profile/"))


@pytest.mark.django_db
def test_the_confirmation_says_what_is_erased_and_what_stays(client, candidate):
    client.force_login(candidate)
    response = client.get("/accounts/profile/delete/")
    page = text(response)
    assert response.status_code == 200
    assert "Delete your account?" in page
    assert "Erased:" in page and "Kept, without your name:" in page and "Deleted candidate" in page
    assert 'type="password"' in page and 'autocomplete="current-password"' in page


@pytest.mark.django_db
def test_a_wrong_password_is_refused_beside_the_field(client, application, candidate):
    client.force_login(candidate)
    response = client.post("/accounts/profile/delete/", {"password": "not-it"})
    assert response.status_code == 422
    assert "That is not your password" in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert User.objects.filter(pk=candidate.pk).exists()
    assert Application.objects.get(pk=application.pk).candidate == candidate


@pytest.mark.django_db
def test_an_empty_password_is_refused(client, candidate):
    client.force_login(candidate)
    response = client.post("/accounts/profile/delete/", {"password": ""})
    assert response.status_code == 422
    assert "Enter your password to delete your account." in text(response)


@pytest.mark.django_db
def test_the_right_password_deletes_logs_out_and_says_goodbye(
    client, application, candidate, django_capture_on_commit_callbacks
):
    client.force_login(candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/deleted/"
    assert not User.objects.filter(pk=candidate.pk).exists()
    assert not Session.objects.exists()
    goodbye = client.get("/accounts/deleted/")
    assert goodbye.status_code == 200 and "Your account is deleted" in text(goodbye)
    assert goodbye.wsgi_request.user.is_anonymous
    assert client.get("/applications/").status_code == 302


@pytest.mark.django_db
def test_the_last_recruiter_is_told_why_not(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 422
    assert "last active recruiter" in text(response)
    recruiter.refresh_from_db()
    assert recruiter.is_active


@pytest.mark.django_db
def test_the_team_still_opens_an_erased_application(client, application, candidate, recruiter):
    client.force_login(candidate)
    client.post("/accounts/profile/delete/", {"password": PASSWORD})
    client.force_login(recruiter)
    page = text(client.get(f"/workspace/applications/{application.pk}/"))
    assert "<h1>Deleted candidate</h1>" in page
    assert "Applied" in page
    assert client.get(f"/workspace/candidates/{candidate.pk}/").status_code == 404
    assert "Deleted candidate" in text(client.get("/workspace/candidates/"))
    assert "Deleted candidate" in text(client.get(f"/workspace/jobs/{application.job_id}/board/"))
    export = client.post(
        "/workspace/candidates/bulk/",
        {"token": str(uuid.uuid4()), "action": "export", "applications": [str(application.pk)]},
    )
    assert export.status_code == 200
    assert "Deleted candidate,," in b"".join(export.streaming_content).decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {RefreshToken.for_user(recruiter).access_token}")
    data = api.get(f"/api/applications/{application.pk}/").json()
    assert data["candidate"] is None and data["candidate_name"] == "Deleted candidate"
    assert data["candidate_first_name"] is None


# Retention -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_recruiter_sees_and_changes_the_retention_period(client, recruiter, acme):
    client.force_login(recruiter)
    page = text(client.get("/workspace/retention/"))
    assert "Keeping candidates' data" in page and 'value="365"' in page
    response = client.post("/workspace/retention/", {"retention_days": "90"})
    assert response.status_code == 302
    acme.refresh_from_db()
    assert acme.retention_days == 90
    assert "90 days" in text(client.get("/workspace/team/"))


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "message"), [("3651", "at most 3650"), ("-1", "0 or more"), ("x", "whole number")])
def test_a_wrong_period_is_refused(client, recruiter, acme, value, message):
    client.force_login(recruiter)
    response = client.post("/workspace/retention/", {"retention_days": value})
    assert response.status_code == 422 and message in text(response)
    acme.refresh_from_db()
    assert acme.retention_days == 365


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["hiring_manager", "candidate"])
def test_others_cannot_change_it(client, request, persona, acme):
    client.force_login(request.getfixturevalue(persona))
    assert client.post("/workspace/retention/", {"retention_days": "1"}).status_code == 403
    acme.refresh_from_db()
    assert acme.retention_days == 365


@pytest.mark.django_db
def test_a_former_team_member_reads_as_such(client, recruiter, acme, application):
    factories.RecruiterFactory(company=acme)
    client.force_login(recruiter)
    client.post(f"/workspace/applications/{application.pk}/notes/", {"body": "Strong profile"})
    client.post("/accounts/profile/delete/", {"password": PASSWORD})
    other = User.objects.filter(company=acme, role="recruiter", is_active=True).get()
    client.force_login(other)
    page = text(client.get(f"/workspace/applications/{application.pk}/"))
    assert "Former team member" in page and "Strong profile" in page
