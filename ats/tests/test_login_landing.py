"""Where logging in (/accounts/login/) takes each person, the name asked once of
those we don't know it of, and superusers let in without an email confirmation."""

import re

import pytest
from allauth.account.models import EmailAddress

from ats.models import OutboxEmail, User
from ats.tests import factories

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "pw-for-tests-1234"


def verified(user: User) -> User:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client, user: User, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"login": user.username, "password": password, **extra})


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["recruiter", "hiring_manager", "other_hiring_manager"])
def test_the_hiring_team_lands_on_the_dashboard(client, request, persona):
    user = verified(request.getfixturevalue(persona))
    assert log_in(client, user)["Location"] == "/workspace/"


@pytest.mark.django_db
def test_the_welcome_message_uses_the_name(client, recruiter):
    response = client.get(log_in(client, verified(recruiter))["Location"])
    assert f"You&#x27;re logged in as {recruiter.first_name} {recruiter.last_name}." in text(response)


@pytest.mark.django_db
def test_a_candidate_with_applications_lands_on_my_applications(client, application):
    assert log_in(client, verified(application.candidate))["Location"] == "/applications/"


@pytest.mark.django_db
def test_a_candidate_without_applications_lands_on_the_job_board(client, candidate, application):
    other = verified(factories.CandidateFactory(username="fresh"))
    assert log_in(client, other)["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["recruiter", "candidate"])
def test_an_explicit_next_page_wins(client, request, persona, job):
    user = verified(request.getfixturevalue(persona))
    assert log_in(client, user, next=f"/jobs/{job.pk}/")["Location"] == f"/jobs/{job.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_an_unsafe_next_page_is_ignored_for_the_landing_page(client, recruiter, unsafe):
    assert log_in(client, verified(recruiter), next=unsafe)["Location"] == "/workspace/"


def latest_confirmation_link() -> str:
    body = OutboxEmail.objects.latest("id").text_body
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", body).group(1)


@pytest.mark.django_db
def test_after_confirming_a_new_employer_lands_on_the_dashboard_and_a_new_candidate_on_the_job_board(client):
    password = "a-long-Passphrase-42"
    person = {"first_name": "Ada", "last_name": "Byron", "time_zone": "Europe/London"}
    new_account = {**person, "password1": password, "password2": password}
    client.post(
        "/hiring/signup/", {**new_account, "company_name": "Initech", "email": "ada@i.example", "username": "ada"}
    )
    assert client.post(latest_confirmation_link())["Location"] == "/workspace/"

    client.logout()
    client.post("/accounts/signup/", {**new_account, "email": "ada@c.example", "username": "ada_c"})
    assert client.post(latest_confirmation_link())["Location"] == "/"


# The name, asked once ---------------------------------------------------------------------


@pytest.fixture
def nameless_recruiter(acme) -> User:
    """An account from before sign-up asked for names."""
    return verified(factories.RecruiterFactory(username="nora", company=acme, first_name="", last_name=""))


@pytest.mark.django_db
def test_a_person_without_a_name_is_asked_for_it_after_login_then_goes_on(client, nameless_recruiter):
    response = log_in(client, nameless_recruiter)
    assert response["Location"] == "/accounts/profile/?next=%2Fworkspace%2F"
    page = text(client.get(response["Location"]))
    assert "Please tell us your name: it is how people see you here." in page
    assert '<input type="hidden" name="next" value="/workspace/">' in page

    # Asked once: the rest of the product opens as usual, without the name.
    assert client.get("/workspace/").status_code == 200

    data = {"first_name": "Nora", "last_name": "Quinn", "time_zone": "Europe/Berlin", "next": "/workspace/"}
    assert client.post("/accounts/profile/", data)["Location"] == "/workspace/"
    client.logout()
    assert log_in(client, nameless_recruiter)["Location"] == "/workspace/"


@pytest.mark.django_db
def test_a_person_without_a_name_keeps_their_next_page_through_the_question(client, nameless_recruiter, job):
    response = log_in(client, nameless_recruiter, next=f"/workspace/jobs/{job.pk}/board/")
    assert response["Location"] == f"/accounts/profile/?next=%2Fworkspace%2Fjobs%2F{job.pk}%2Fboard%2F"


@pytest.mark.django_db
def test_a_person_with_only_a_first_name_is_asked_too(client, acme):
    half = verified(factories.RecruiterFactory(username="half", company=acme, first_name="Nora", last_name=""))
    assert log_in(client, half)["Location"].startswith("/accounts/profile/?next=")


# Superusers and email confirmation --------------------------------------------------------


@pytest.mark.django_db
def test_a_superuser_from_createsuperuser_logs_in_without_confirming_an_email(client, superuser):
    assert not EmailAddress.objects.filter(user=superuser).exists()
    response = client.post("/accounts/login/", {"login": "operator", "password": "pw-for-tests-1234"})
    # createsuperuser asks no name: the name comes first, then the admin.
    assert response["Location"] == "/accounts/profile/?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_a_named_superuser_lands_in_the_admin(client, superuser):
    superuser.first_name, superuser.last_name = "Olga", "Operator"
    superuser.save()
    assert client.post("/accounts/login/", {"login": "operator", "password": PASSWORD})["Location"] == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["candidate", "recruiter"])
def test_everyone_else_must_still_confirm_their_email(client, request, persona):
    user = request.getfixturevalue(persona)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = log_in(client, user)
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_a_staff_member_who_is_not_a_superuser_must_still_confirm(client, candidate):
    candidate.is_staff = True
    candidate.save()
    assert log_in(client, candidate)["Location"] == "/accounts/confirm-email/"
