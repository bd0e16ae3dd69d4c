"""The per-account lock after failed logins (ACCOUNT_RATE_LIMITS' login_failed) also refuses
the owner's right password for its window: a completed password reset lifts it."""

import re

import pytest
from allauth.account.models import EmailAddress
from rest_framework.test import APIClient

from ats.models import OutboxEmail

pytestmark = pytest.mark.usefixtures("fresh_cache")

OLD = "pw-for-tests-1234"
NEW = "another-Long-passphrase-7"


@pytest.fixture
def verified_candidate(candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    return candidate


def lock(client, login: str) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"login": login, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": login, "password": OLD})
    assert "Too many failed login attempts" in response.content.decode()


def reset_password(client, email: str) -> None:
    client.post("/accounts/password/reset/", {"email": email})
    body = OutboxEmail.objects.latest("id").text_body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": NEW, "password2": NEW})
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["casey", "casey@example.com", "CASEY"])
def test_a_completed_password_reset_lifts_the_lock_on_the_login_form(client, verified_candidate, login):
    lock(client, login)

    reset_password(client, "casey@example.com")
    client.logout()
    response = client.post("/accounts/login/", {"login": login, "password": NEW})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(verified_candidate.pk)


@pytest.mark.django_db
def test_a_completed_password_reset_lifts_the_lock_on_the_api(client, verified_candidate):
    api = APIClient()
    for _ in range(5):
        api.post("/api/token/", {"username": "casey", "password": "wrong"})
    assert api.post("/api/token/", {"username": "casey", "password": OLD}).status_code == 429

    reset_password(client, "casey@example.com")

    assert api.post("/api/token/", {"username": "casey", "password": NEW}).status_code == 200


@pytest.mark.django_db
def test_the_lock_stays_without_a_reset(client, verified_candidate):
    lock(client, "casey")
    client.post("/accounts/password/reset/", {"email": "casey@example.com"})

    response = client.post("/accounts/login/", {"login": "casey", "password": OLD})

    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_the_reset_of_one_account_leaves_another_locked(client, verified_candidate, other_candidate):
    EmailAddress.objects.create(user=other_candidate, email=other_candidate.email, verified=True, primary=True)
    other_candidate.set_password(OLD)
    other_candidate.save()
    lock(client, other_candidate.username)

    reset_password(client, "casey@example.com")
    client.logout()
    response = client.post("/accounts/login/", {"login": other_candidate.username, "password": OLD})

    assert "Too many failed login attempts" in response.content.decode()
