"""Accounts (django-allauth) in the product's look: sign up makes candidates only."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from ats.models import OutboxEmail, User

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "a-long-Passphrase-42"


def sign_up(client, username="newbie", email="newbie@example.com", **extra):
    data = {
        "first_name": "Nora",
        "last_name": "Quinn",
        "time_zone": "Europe/Berlin",
        "username": username,
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post("/accounts/signup/", data)


def text(response) -> str:
    """The page with runs of whitespace collapsed, as a reader sees it."""
    return re.sub(r"\s+", " ", response.content.decode())


def last_email_body() -> str:
    """allauth's emails are rendered in the request and stored in the outbox; the worker sends them."""
    return OutboxEmail.objects.latest("id").text_body


def verification_link() -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", last_email_body()).group(1)


@pytest.fixture
def verified_candidate(candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    return candidate


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/login/", "Log in"),
        ("/accounts/signup/", "Create your candidate account"),
        ("/accounts/password/reset/", r"Forgot your password\?"),
        ("/accounts/confirm-email/", "Confirm your email"),
    ],
)
def test_the_account_pages_use_the_product_layout(client, url, heading):
    page = text(client.get(url))
    assert re.search(rf"<h1> ?{heading} ?</h1>", page)
    assert "ats/css/ats.css" in page
    assert '<a class="skip-link" href="#main">' in page
    assert 'class="page-account"' in page


@pytest.mark.django_db
def test_the_signed_in_account_pages_use_the_product_layout(client, verified_candidate):
    client.force_login(verified_candidate)
    pages = [
        ("/accounts/password/change/", "Change password"),
        ("/accounts/email/", "Email addresses"),
        ("/accounts/logout/", "Log out"),
    ]
    for url, heading in pages:
        page = text(client.get(url))
        assert re.search(rf"<h1> ?{heading} ?</h1>", page)
        assert "ats/css/ats.css" in page


@pytest.mark.django_db
def test_sign_up_creates_a_candidate_and_sends_a_verification_link(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="newbie")
    assert (user.role, user.company, user.is_staff) == ("candidate", None, False)
    assert EmailAddress.objects.get(user=user).verified is False
    assert OutboxEmail.objects.filter(to="newbie@example.com").count() == 1

    confirm = client.get(verification_link())
    assert "Confirm my email" in confirm.content.decode()
    response = client.post(verification_link())
    assert EmailAddress.objects.get(user=user).verified is True
    assert client.get("/applications/").status_code == 200


@pytest.mark.django_db
def test_sign_up_cannot_choose_a_role_or_a_company(client, acme):
    sign_up(client, role="recruiter", company=acme.pk, is_staff="on", is_superuser="on")
    user = User.objects.get(username="newbie")
    assert (user.role, user.company, user.is_staff, user.is_superuser) == ("candidate", None, False, False)
    assert 'name="role"' not in client.get("/accounts/signup/").content.decode()


@pytest.mark.django_db
def test_sign_up_shows_what_to_fix_in_an_error_summary(client):
    response = client.post("/accounts/signup/", {"username": "", "email": "not-an-email", "password1": "x"})
    page = text(response)
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert '<a href="#id_email">Email: Enter a valid email address.</a>' in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.filter(username="").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("login", ["casey", "casey@example.com"], ids=["username", "email"])
def test_it_logs_in_with_username_or_email_and_lands_on_the_job_board(client, verified_candidate, login):
    response = client.post("/accounts/login/", {"login": login, "password": "pw-for-tests-1234"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/applications/").status_code == 200


@pytest.mark.django_db
def test_logging_in_to_apply_comes_back_to_the_form(client, verified_candidate, job):
    data = {"login": "casey", "password": "pw-for-tests-1234", "next": f"/jobs/{job.pk}/apply/"}
    response = client.post("/accounts/login/", data, follow=True)
    assert response.redirect_chain[-1] == (f"/jobs/{job.pk}/#apply", 302)
    assert 'id="apply-form"' in response.content.decode()


@pytest.mark.django_db
def test_an_unverified_account_cannot_log_in_until_verified(client, candidate):
    response = client.post("/accounts/login/", {"login": "casey", "password": "pw-for-tests-1234"})
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/applications/").status_code == 302


@pytest.mark.django_db
def test_the_demo_users_are_verified_and_can_log_in(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    response = client.post("/accounts/login/", {"login": "candidate1", "password": "1234"})
    # candidate1 has applications: they land on them.
    assert response["Location"] == "/applications/"
    assert client.get("/applications/").status_code == 200


@pytest.mark.django_db
def test_it_changes_the_password(client, verified_candidate):
    client.force_login(verified_candidate)
    new = "another-Long-passphrase-7"
    response = client.post(
        "/accounts/password/change/", {"oldpassword": "pw-for-tests-1234", "password1": new, "password2": new}
    )
    assert response.status_code == 302
    verified_candidate.refresh_from_db()
    assert verified_candidate.check_password(new)


@pytest.mark.django_db
def test_it_resets_a_forgotten_password_by_email(client, verified_candidate):
    response = client.post("/accounts/password/reset/", {"email": "casey@example.com"})
    assert response["Location"] == "/accounts/password/reset/done/"
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", last_email_body()).group(1)
    form_url = client.get(link)["Location"]
    new = "another-Long-passphrase-7"
    client.post(form_url, {"password1": new, "password2": new})
    verified_candidate.refresh_from_db()
    assert verified_candidate.check_password(new)


@pytest.mark.django_db
def test_login_is_rate_limited_after_repeated_failures(client, verified_candidate):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "casey", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "casey", "password": "pw-for-tests-1234"})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_up_is_rate_limited(client):
    statuses = [client.post("/accounts/signup/", {"username": f"u{n}"}).status_code for n in range(21)]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429
    assert "Too many attempts" in client.post("/accounts/signup/", {}).content.decode()


@pytest.mark.django_db
def test_password_reset_is_rate_limited(client, verified_candidate):
    for _ in range(5):
        client.post("/accounts/password/reset/", {"email": "casey@example.com"})
    response = client.post("/accounts/password/reset/", {"email": "casey@example.com"})
    assert response.status_code in (200, 429)
    assert "Too many" in response.content.decode()
    assert OutboxEmail.objects.filter(to="casey@example.com").count() == 5


@pytest.mark.django_db
def test_the_navigation_links_a_signed_in_user_to_their_profile(client, verified_candidate):
    client.force_login(verified_candidate)
    page = text(client.get("/"))
    assert '<a href="/accounts/profile/">Test Person' in page


@pytest.mark.django_db
def test_signing_up_to_apply_comes_back_to_the_form_after_verifying(client, job):
    client.post(
        "/accounts/signup/",
        {
            "first_name": "Nora",
            "last_name": "Quinn",
            "time_zone": "UTC",
            "username": "newbie",
            "email": "newbie@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": f"/jobs/{job.pk}/apply/",
        },
    )
    response = client.post(verification_link(), follow=True)
    assert response.redirect_chain[-1] == (f"/jobs/{job.pk}/#apply", 302)
    assert 'id="apply-form"' in response.content.decode()
