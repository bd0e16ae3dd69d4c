"""Every API answer to a token or a session, refusals included, and the token
endpoints' answers say `Cache-Control: private, no-store`."""

import pytest

from ats.tests.api.conftest import verify_email

NO_STORE = "private, no-store"
PASSWORD = "pw-for-tests-1234"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "data", "status"),
    [
        ("get", "/api/jobs/", None, 200),
        ("get", "/api/applications/999999/", None, 404),
        ("post", "/api/jobs/", {"title": ""}, 400),
        ("post", "/api/applications/apply/", {"job": 1}, 403),
        ("put", "/api/jobs/", {}, 405),
    ],
)
def test_every_answer_to_a_jwt_is_private_and_not_stored(api_as, recruiter, method, path, data, status):
    response = getattr(api_as(recruiter), method)(path, data, format="json")
    assert response.status_code == status
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.django_db
def test_a_session_answer_is_private_and_not_stored(api, candidate):
    api.force_login(candidate)
    response = api.get("/api/applications/")
    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.django_db
def test_a_bad_token_is_answered_without_being_stored(api):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = api.get("/api/jobs/")
    assert response.status_code == 401
    assert response["Cache-Control"] == NO_STORE


@pytest.mark.django_db
def test_the_token_endpoints_answers_are_not_stored(api, recruiter):
    verify_email(recruiter)
    tokens = api.post("/api/token/", {"username": recruiter.username, "password": PASSWORD}, format="json")
    assert tokens.status_code == 200
    assert tokens["Cache-Control"] == NO_STORE
    refreshed = api.post("/api/token/refresh/", {"refresh": tokens.json()["refresh"]}, format="json")
    assert refreshed.status_code == 200
    assert refreshed["Cache-Control"] == NO_STORE
