"""Every way in asks a first and last name and a time zone: the candidate sign-up
(/accounts/signup/), "I'm hiring" (/hiring/signup/) and an invitation's link; and
the name then shows wherever the person appears."""

import re

import pytest
from allauth.account.models import EmailAddress

from ats.exceptions import InvalidInvitation, InvalidSignup
from ats.models import Application, Company, OutboxEmail, User
from ats.services.accounts import company_signup
from ats.services.applications import application_create
from ats.services.team import invitation_accept, invitation_create, invitation_for_token
from ats.tests import factories

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "a-long-Passphrase-42"


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def candidate_data(**overrides) -> dict:
    return {
        "first_name": "  Nora ",
        "last_name": " Quinn",
        "time_zone": "America/Sao_Paulo",
        "email": "nora@example.com",
        "username": "nora",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def employer_data(**overrides) -> dict:
    return {
        "company_name": "Initech",
        "first_name": "Bill",
        "last_name": "Lumbergh",
        "time_zone": "America/Chicago",
        "email": "bill@initech.example",
        "username": "bill",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def invitee_data(**overrides) -> dict:
    return {
        "first_name": "Ines",
        "last_name": "Duarte",
        "time_zone": "Europe/Lisbon",
        "username": "ines",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.fixture
def invitation_token(acme, recruiter) -> str:
    _, token = invitation_create(company=acme, invited_by=recruiter, email="ines@example.com", role="hiring_manager")
    return token


def verification_link() -> str:
    body = OutboxEmail.objects.latest("id").text_body
    return re.search(r"http://testserver(/accounts/confirm-email/\S+/)", body).group(1)


# The candidate sign-up ----------------------------------------------------------


@pytest.mark.django_db
def test_the_candidate_sign_up_asks_the_name_first_and_the_time_zone_last(client):
    page = client.get("/accounts/signup/").content.decode()
    labels = re.findall(r'<label for="id_(\w+)">', page)
    assert labels == ["first_name", "last_name", "email", "username", "password1", "password2", "time_zone"]
    # Without JavaScript the site's zone is chosen; timezone.js finds the field by its mark.
    select = re.search(r"<select name=\"time_zone\"[^>]*>", page).group(0)
    assert "data-browser-time-zone" in select
    assert 'data-default-time-zone="UTC"' in select
    assert '<option value="UTC" selected>' in page
    assert '<option value="America/Sao_Paulo">America/Sao Paulo</option>' in page
    assert 'src="/static/ats/js/timezone.js" defer' in page


@pytest.mark.django_db
def test_a_candidate_signs_up_with_a_name_and_a_time_zone(client):
    response = client.post("/accounts/signup/", candidate_data())
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(username="nora")
    assert (user.first_name, user.last_name, user.time_zone) == ("Nora", "Quinn", "America/Sao_Paulo")
    assert (user.role, user.company) == (User.Role.CANDIDATE, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "   ", "First name: Enter your first name."),
        ("last_name", "", "Last name: Enter your last name."),
        ("first_name", "N" * 151, "First name: Your first name can be at most 150 characters; this one has 151."),
        ("time_zone", "Mars/Olympus_Mons", "Time zone: “Mars/Olympus_Mons” is not a time zone we know."),
        ("time_zone", "localtime", "Time zone: “localtime” is not a time zone we know."),
    ],
)
def test_the_candidate_sign_up_refuses_a_missing_name_or_an_unknown_time_zone(client, field, value, message):
    response = client.post("/accounts/signup/", candidate_data(**{field: value}))
    assert response.status_code == 200  # allauth's own answer to a refused form
    assert message in text(response)
    assert not User.objects.filter(username="nora").exists()


# "I'm hiring" -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_employer_signs_up_with_a_name_and_a_time_zone(client):
    page = client.get("/hiring/signup/").content.decode()
    assert "data-browser-time-zone" in page
    response = client.post("/hiring/signup/", employer_data(first_name=" Bill  "))
    assert response.status_code == 302
    user = User.objects.get(username="bill")
    assert (user.first_name, user.last_name, user.time_zone) == ("Bill", "Lumbergh", "America/Chicago")
    assert user.company.name == "Initech"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Enter your first name."),
        ("last_name", " ", "Enter your last name."),
        ("time_zone", "Europe/Atlantis", "“Europe/Atlantis” is not a time zone we know."),
    ],
)
def test_the_employer_sign_up_refuses_a_missing_name_or_an_unknown_time_zone(client, field, value, message):
    response = client.post("/hiring/signup/", employer_data(**{field: value}))
    assert response.status_code == 422
    assert message in text(response)
    assert not Company.objects.filter(name="Initech").exists()


@pytest.mark.django_db
def test_the_company_signup_service_refuses_a_blank_name_whoever_calls_it():
    with pytest.raises(InvalidSignup, match="Enter your last name"):
        company_signup(
            company_name="Initech",
            username="bill",
            email="bill@initech.example",
            password=PASSWORD,
            first_name="Bill",
            last_name="  ",
        )
    assert not Company.objects.exists()


# Invitations ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_invitee_joins_with_a_name_and_a_time_zone(client, invitation_token):
    page = client.get(f"/invitations/{invitation_token}/").content.decode()
    assert "data-browser-time-zone" in page
    response = client.post(f"/invitations/{invitation_token}/", invitee_data())
    assert response.status_code == 302
    user = User.objects.get(username="ines")
    assert (user.first_name, user.last_name, user.time_zone) == ("Ines", "Duarte", "Europe/Lisbon")
    assert user.role == User.Role.HIRING_MANAGER


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Enter your first name."),
        ("last_name", "", "Enter your last name."),
        ("time_zone", "", "Choose your time zone."),
    ],
)
def test_the_invitation_refuses_a_missing_name_or_time_zone(client, invitation_token, field, value, message):
    response = client.post(f"/invitations/{invitation_token}/", invitee_data(**{field: value}))
    assert response.status_code == 422
    assert message in text(response)
    assert not User.objects.filter(username="ines").exists()


@pytest.mark.django_db
def test_the_invitation_service_refuses_an_unknown_time_zone_and_keeps_the_link_usable(invitation_token):
    with pytest.raises(InvalidInvitation, match="not a time zone we know"):
        invitation_accept(
            token=invitation_token,
            username="ines",
            password=PASSWORD,
            first_name="Ines",
            last_name="Duarte",
            time_zone="Nowhere/Special",
        )
    assert invitation_for_token(token=invitation_token).accepted_at is None


# The name, once given, is what people see ---------------------------------------------


@pytest.mark.django_db
def test_a_candidate_who_signs_up_with_a_name_is_shown_by_it_on_the_board_the_application_and_the_email(
    client, job, recruiter
):
    EmailAddress.objects.create(user=recruiter, email=recruiter.email, verified=True, primary=True)
    client.post("/accounts/signup/", candidate_data())
    client.post(verification_link())
    response = client.post(
        f"/jobs/{job.pk}/apply/", {"resume": factories.pdf_upload(), "cover_letter": "", "accept_privacy_notice": "on"}
    )
    assert response.status_code == 302
    application = Application.objects.get(candidate__username="nora")

    confirmation = OutboxEmail.objects.get(to="nora@example.com", dedupe_key__startswith="application_created")
    assert confirmation.text_body.startswith("Hello Nora,")
    assert "Hello nora" not in confirmation.html_body

    client.force_login(recruiter)
    board = text(client.get(f"/workspace/jobs/{job.pk}/board/"))
    assert (
        f'<a class="board-card__name" href="/workspace/applications/{application.pk}/" draggable="false">Nora Quinn</a>'
        in board
    )
    detail = text(client.get(f"/workspace/applications/{application.pk}/"))
    assert "<h1>Nora Quinn</h1>" in detail
    assert ">nora<" not in board + detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first_name", "last_name", "greeting"),
    [("Nora", "Quinn", "Hello Nora,"), ("", "Quinn", "Hello Quinn,"), ("", "", "Hello legacy,")],
)
def test_emails_greet_by_first_name_else_by_what_we_know(job, first_name, last_name, greeting):
    candidate = factories.CandidateFactory(username="legacy", first_name=first_name, last_name=last_name)
    application_create(candidate=candidate, job=job)
    email = OutboxEmail.objects.get(to=candidate.email)
    assert email.text_body.startswith(greeting)
    assert f"<p>{greeting}</p>" in email.html_body
