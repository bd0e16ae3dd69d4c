"""JWT lifetimes, refresh with rotation, revocation, session auth, and 401 without credentials."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken
from rest_framework_simplejwt.utils import aware_utcnow

from ats.tests.api.conftest import verify_email

PASSWORD = "pw-for-tests-1234"


def obtain(api, user) -> dict:
    verify_email(user)
    response = api.post("/api/token/", {"username": user.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def get_jobs(token: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client.get("/api/jobs/")


def issued_ago(token_class, user, age: timedelta) -> str:
    """A token of `user` as it would be had it been issued `age` ago."""
    token = token_class.for_user(user)
    issued = aware_utcnow() - age
    token.set_iat(at_time=issued)
    token.set_exp(from_time=issued)
    return str(token)


def test_it_issues_a_15_minute_access_token_and_a_1_day_refresh_token(api, recruiter):
    tokens = obtain(api, recruiter)

    access, refresh = AccessToken(tokens["access"]), RefreshToken(tokens["refresh"])

    assert access["exp"] - access["iat"] == 15 * 60
    assert refresh["exp"] - refresh["iat"] == 24 * 60 * 60
    assert access["user_id"] == str(recruiter.pk)


def test_an_access_token_works_until_it_is_15_minutes_old(recruiter):
    assert get_jobs(issued_ago(AccessToken, recruiter, timedelta(minutes=14))).status_code == 200

    response = get_jobs(issued_ago(AccessToken, recruiter, timedelta(minutes=15, seconds=5)))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["code"] == "token_not_valid"


def test_it_refreshes_with_a_new_pair_and_refuses_the_used_refresh_token(api, recruiter):
    first = obtain(api, recruiter)

    response = api.post("/api/token/refresh/", {"refresh": first["refresh"]}, format="json")

    assert response.status_code == 200
    second = response.json()
    assert second["refresh"] != first["refresh"]
    assert get_jobs(second["access"]).status_code == 200
    reused = api.post("/api/token/refresh/", {"refresh": first["refresh"]}, format="json")
    assert reused.status_code == 401
    assert api.post("/api/token/refresh/", {"refresh": second["refresh"]}, format="json").status_code == 200


def test_a_refresh_token_older_than_a_day_is_refused(api, recruiter):
    stale = issued_ago(RefreshToken, recruiter, timedelta(hours=24, minutes=1))
    fresh = issued_ago(RefreshToken, recruiter, timedelta(hours=23))

    assert api.post("/api/token/refresh/", {"refresh": stale}, format="json").status_code == 401
    assert api.post("/api/token/refresh/", {"refresh": fresh}, format="json").status_code == 200


def test_an_access_token_cannot_be_used_as_a_refresh_token(api, recruiter):
    tokens = obtain(api, recruiter)

    assert api.post("/api/token/refresh/", {"refresh": tokens["access"]}, format="json").status_code == 401


def test_changing_the_password_revokes_earlier_tokens(api, recruiter):
    tokens = obtain(api, recruiter)
    recruiter.set_password("a-brand-new-password-5678")
    recruiter.save()

    assert get_jobs(tokens["access"]).status_code == 401


def test_a_deactivated_user_token_stops_working(api, recruiter):
    tokens = obtain(api, recruiter)
    recruiter.is_active = False
    recruiter.save()

    assert get_jobs(tokens["access"]).status_code == 401


def test_wrong_credentials_get_401_and_missing_fields_400(api, recruiter):
    wrong = api.post("/api/token/", {"username": recruiter.username, "password": "nope"}, format="json")
    missing = api.post("/api/token/", {"username": recruiter.username}, format="json")

    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "No active account found with the given credentials"
    assert missing.status_code == 400
    assert missing.json() == {"password": ["This field is required."]}


def test_a_forged_token_gets_401(recruiter):
    token = AccessToken.for_user(recruiter)
    forged = str(token)[:-4] + ("AAAA" if not str(token).endswith("AAAA") else "BBBB")

    assert get_jobs(forged).status_code == 401
    assert get_jobs("not-a-jwt").status_code == 401


ENDPOINTS = [
    ("get", "/api/jobs/"),
    ("post", "/api/jobs/"),
    ("get", "/api/jobs/1/"),
    ("patch", "/api/jobs/1/"),
    ("get", "/api/applications/"),
    ("get", "/api/applications/1/"),
    ("post", "/api/applications/apply/"),
    ("post", "/api/applications/1/change-stage/"),
    ("get", "/api/histories/"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_every_endpoint_answers_401_without_credentials(api, application, method, url):
    response = getattr(api, method)(url, {}, format="json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_logged_in_browser_session_uses_the_api(client, recruiter, job):
    client.force_login(recruiter)

    response = client.get("/api/jobs/", headers={"Accept": "application/json"})
    page = client.get("/api/jobs/", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [job.pk]
    assert page.status_code == 200
    assert "Backend Engineer" in page.content.decode()


def test_a_session_write_without_the_csrf_token_is_refused(recruiter):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(recruiter)

    response = client.post("/api/jobs/", {"title": "X", "description": "Y"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_password_guessing_through_the_api_locks_the_account_like_the_login_form(api, recruiter):
    verify_email(recruiter)
    for _ in range(5):
        assert api.post("/api/token/", {"username": recruiter.username, "password": "guess"}).status_code == 401

    response = api.post("/api/token/", {"username": recruiter.username, "password": PASSWORD})
    elsewhere = APIClient(REMOTE_ADDR="192.0.2.7").post(
        "/api/token/", {"username": recruiter.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many failed attempts to sign in to this account.")
    assert elsewhere.status_code == 429, "the lock is per account, whatever address guesses"


def test_failures_on_the_login_form_count_against_the_api_too(api, client, recruiter):
    verify_email(recruiter)
    for _ in range(5):
        client.post("/accounts/login/", {"login": recruiter.username, "password": "guess"})

    response = api.post("/api/token/", {"username": recruiter.username, "password": PASSWORD})

    assert response.status_code == 429


def test_token_requests_are_limited_per_address(api, recruiter):
    verify_email(recruiter)
    for _ in range(20):
        assert api.post("/api/token/", {"username": recruiter.username, "password": PASSWORD}).status_code == 200

    response = api.post("/api/token/", {"username": recruiter.username, "password": PASSWORD})
    elsewhere = APIClient(REMOTE_ADDR="192.0.2.7").post(
        "/api/token/", {"username": recruiter.username, "password": PASSWORD}
    )

    assert response.status_code == 429
    assert response.json()["detail"].startswith("Request was throttled.")
    assert elsewhere.status_code == 200


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/", 200),
        ("/api/jobs/{job}/", 200),
        ("/api/applications/{application}/", 200),
        ("/api/applications/apply/", 405),
        ("/api/applications/{application}/change-stage/", 405),
        ("/api/histories/", 200),
    ],
)
def test_the_browsable_api_renders_for_a_logged_in_recruiter(client, recruiter, application, url, status):
    client.force_login(recruiter)

    response = client.get(
        url.format(job=application.job_id, application=application.pk), headers={"Accept": "text/html"}
    )

    assert response.status_code == status
    assert "<html" in response.content.decode()


def test_an_unconfirmed_email_address_gets_no_token(api, candidate):
    credentials = {"username": candidate.username, "password": PASSWORD}

    refused = api.post("/api/token/", credentials, format="json")
    verify_email(candidate)
    allowed = api.post("/api/token/", credentials, format="json")

    assert refused.status_code == 401
    assert refused.json()["detail"] == (
        "Confirm your email address first: follow the link in the email we sent you, then try again."
    )
    assert allowed.status_code == 200


def test_without_mandatory_verification_an_unconfirmed_address_gets_a_token(api, candidate, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"

    response = api.post("/api/token/", {"username": candidate.username, "password": PASSWORD}, format="json")

    assert response.status_code == 200


def test_a_superuser_gets_a_token_without_a_confirmed_address_as_at_the_login_form(api, superuser):
    # createsuperuser records no EmailAddress: the same rule as the login form's.
    response = api.post("/api/token/", {"username": "operator", "password": "pw-for-tests-1234"}, format="json")

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


def refresh(api, tokens: dict):
    return api.post("/api/token/refresh/", {"refresh": tokens["refresh"]}, format="json")


@pytest.mark.parametrize("how", ["set_password", "profile"])
def test_a_refresh_token_from_before_a_password_change_gets_no_new_pair(api, client, recruiter, how):
    tokens = obtain(api, recruiter)
    if how == "profile":
        client.force_login(recruiter)
        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": PASSWORD,
                "password1": "a-brand-new-password-5678",
                "password2": "a-brand-new-password-5678",
            },
        )
        assert response.status_code == 302, response.content
    else:
        recruiter.set_password("a-brand-new-password-5678")
        recruiter.save()

    response = refresh(api, tokens)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "The password of this account has changed since this token was issued: "
        "ask /api/token/ for a new pair with the current password."
    }
    assert get_jobs(tokens["access"]).status_code == 401


def test_a_pair_obtained_after_the_password_change_refreshes(api, recruiter):
    verify_email(recruiter)
    recruiter.set_password("a-brand-new-password-5678")
    recruiter.save()
    response = api.post(
        "/api/token/", {"username": recruiter.username, "password": "a-brand-new-password-5678"}, format="json"
    )
    assert response.status_code == 200

    assert refresh(api, response.json()).status_code == 200


def test_a_deactivated_user_refresh_token_gets_no_new_pair(api, recruiter):
    tokens = obtain(api, recruiter)
    recruiter.is_active = False
    recruiter.save()

    response = refresh(api, tokens)

    assert response.status_code == 401
    assert response.json() == {"detail": "No active account found for the given token."}


def test_deactivating_in_the_admin_ends_the_refresh_tokens_for_good(api, admin_client, recruiter):
    tokens = obtain(api, recruiter)
    url = f"/admin/ats/user/{recruiter.pk}/change/"
    form = admin_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update(
        {"is_active": "", "groups": [], "user_permissions": [], "date_joined_0": "2026-01-01", "date_joined_1": "00:00"}
    )
    data["company"] = recruiter.company_id
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    recruiter.refresh_from_db()
    assert not recruiter.is_active

    recruiter.is_active = True
    recruiter.save()

    assert refresh(api, tokens).status_code == 401
