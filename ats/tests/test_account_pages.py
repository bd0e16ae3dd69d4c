"""allauth's pages in our layout and words: each page in use opens in the
product's layout with a sentence-case heading, and its main form works."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator

from ats.models import OutboxEmail, User
from ats.tests import factories

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "pw-for-tests-1234"
NEW_PASSWORD = "a-new-Passphrase-42"


def heading(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="page-account"' in html and "ats/css/ats.css" in html
    return " ".join(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).split())


@pytest.fixture
def member(candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    return candidate


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accounts/login/", "Log in"),
        ("/accounts/signup/", "Create your candidate account"),
        ("/accounts/confirm-email/", "Confirm your email"),
        ("/accounts/confirm-email/not-a-key/", "Confirm your email"),
        ("/accounts/password/reset/", "Forgot your password?"),
        ("/accounts/password/reset/done/", "Check your email"),
        ("/accounts/password/reset/key/1-set-password/", "This link has expired"),
        ("/accounts/password/reset/key/done/", "Password changed"),
        ("/accounts/inactive/", "This account is inactive"),
    ],
)
def test_each_public_account_page_opens_in_our_layout(client, url, title):
    assert heading(client.get(url)) == title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accounts/password/change/", "Change password"),
        ("/accounts/email/", "Email addresses"),
        ("/accounts/logout/", "Log out"),
        ("/accounts/reauthenticate/", "Confirm it's you"),
    ],
)
def test_each_account_page_of_a_logged_in_user_opens_in_our_layout(client, member, url, title):
    client.force_login(member)
    assert heading(client.get(url)) == title


@pytest.mark.django_db
def test_an_account_without_a_password_is_asked_to_set_one(client, member):
    member.set_unusable_password()
    member.save()
    client.force_login(member)
    assert client.get("/accounts/password/change/")["Location"] == "/accounts/password/set/"
    assert heading(client.get("/accounts/password/set/")) == "Set a password"
    response = client.post("/accounts/password/set/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_logging_in_with_username_or_email_then_out(client, member):
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == member
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated

    client.post("/accounts/login/", {"login": member.username, "password": PASSWORD})
    page = client.get("/")
    assert page.context["user"] == member
    assert f"You&#x27;re logged in as {member.display_name}." in page.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_is_shown_in_the_error_summary(client, member):
    response = client.post("/accounts/login/", {"login": member.username, "password": "wrong"})
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "username and/or password you specified are not correct" in html


@pytest.mark.django_db
def test_signing_up_makes_a_candidate_and_asks_to_confirm_the_email(client):
    data = {
        "email": "new@example.com",
        "username": "newbie",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "first_name": "Nora",
        "last_name": "Quinn",
        "time_zone": "Europe/Berlin",
    }
    response = client.post("/accounts/signup/", data)
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.get(username="newbie").role == User.Role.CANDIDATE
    assert OutboxEmail.objects.get(to="new@example.com").subject == "Confirm your email address"


@pytest.mark.django_db
def test_the_confirmation_link_opens_a_page_that_confirms(client):
    user = factories.CandidateFactory(email="confirm@example.com")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    key = re.search(r"/accounts/confirm-email/(\S+)/", OutboxEmail.objects.latest("id").text_body).group(1)

    page = client.get(f"/accounts/confirm-email/{key}/")
    assert heading(page) == "Confirm your email"
    assert "Confirm my email" in page.content.decode()
    client.post(f"/accounts/confirm-email/{key}/")
    address.refresh_from_db()
    assert address.verified


@pytest.mark.django_db
def test_a_password_reset_from_request_to_new_password(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response["Location"] == "/accounts/password/reset/done/"
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", OutboxEmail.objects.get().text_body)

    form_url = client.get(link.group(1))["Location"]
    assert heading(client.get(form_url)) == "Choose a new password"
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password/reset/key/done/"
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not default_token_generator.check_token(member, link.group(1).rsplit("-", 1)[-1].strip("/"))


@pytest.mark.django_db
def test_changing_the_password(client, member):
    client.force_login(member)
    data = {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client.post("/accounts/password/change/", data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_adding_making_primary_and_removing_an_email_address(client, member):
    client.force_login(member)
    client.post("/accounts/email/", {"action_add": "", "email": "second@example.com"})
    second = EmailAddress.objects.get(user=member, email="second@example.com")
    assert not second.verified
    page = client.get("/accounts/email/").content.decode()
    assert "second@example.com" in page and "Not confirmed" in page

    second.verified = True
    second.save()
    client.post("/accounts/email/", {"action_primary": "", "email": "second@example.com"})
    assert EmailAddress.objects.get_primary(member).email == "second@example.com"

    client.post("/accounts/email/", {"action_remove": "", "email": member.email})
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == ["second@example.com"]
