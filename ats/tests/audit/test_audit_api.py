"""GET /api/applications/{id}/audit/: the trail the page shows, for the company's recruiters;
403 for those who see the application but not its trail, 404 for everyone else."""

import pytest
from rest_framework.test import APIClient

from ats import audit
from ats.tests.api.conftest import bearer, verify_email


@pytest.fixture
def api(db):
    """`api(user)`: an API client sending `user`'s token."""

    def make(user) -> APIClient:
        verify_email(user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return client

    return make


@pytest.mark.django_db
def test_a_recruiter_reads_the_trail(api, recruiter, hiring_manager, application):
    from ats.services.applications import application_change_stage

    application_change_stage(application=application, to_stage="Screening", actor=hiring_manager)
    response = api(recruiter).get(f"/api/applications/{application.pk}/audit/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    [entry] = body["entries"]
    assert entry["event"] == "moved"
    assert entry["actor_id"] == hiring_manager.pk
    assert entry["who"] == hiring_manager.display_name
    assert entry["what"] == "Moved Applied → Screening"
    assert entry["address"] == ""
    assert entry["at"].endswith("Z")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("hiring_manager", 403),
        ("other_hiring_manager", 403),
        ("candidate", 403),
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
        ("other_candidate", 404),
    ],
)
def test_nobody_else_reads_it(api, request, recruiter, application, who, status):
    audit.record(audit.Event.VIEWED, application, actor=recruiter)
    response = api(request.getfixturevalue(who)).get(f"/api/applications/{application.pk}/audit/")
    assert response.status_code == status
    assert "entries" not in response.json()


@pytest.mark.django_db
def test_without_a_token_it_is_401(client, application):
    assert client.get(f"/api/applications/{application.pk}/audit/").status_code == 401
