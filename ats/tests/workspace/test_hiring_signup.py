"""Employer sign-up (/hiring/signup/): a new company and its first recruiter."""

import re

import pytest
from allauth.account.models import EmailAddress

from ats.models import Company, OutboxEmail, User

PASSWORD = "a-long-passphrase-9"


def signup_data(**overrides) -> dict:
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


def page_of(response, address: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode()).replace(address, "ADDRESS")


@pytest.mark.django_db
def test_it_creates_a_company_and_its_first_recruiter_and_asks_to_confirm_the_email(client, fresh_cache):
    response = client.post("/hiring/signup/", signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="bill")
    assert (user.role, user.company.name) == (User.Role.RECRUITER, "Initech")
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("bill@initech.example", False, True)
    assert OutboxEmail.objects.filter(to="bill@initech.example", subject__icontains="confirm").exists()


@pytest.mark.django_db
def test_employer_sign_up_is_rate_limited_like_candidate_sign_up(client):
    statuses = [
        client.post("/hiring/signup/", signup_data(company_name=f"Co {n}", password2="mismatch")).status_code
        for n in range(21)
    ]
    assert statuses[:20] == [422] * 20
    assert statuses[20] == 429
    assert "Too many attempts" in client.post("/hiring/signup/", signup_data()).content.decode()
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_company_name_that_is_taken(client, acme):
    response = client.post("/hiring/signup/", signup_data(company_name="acme"))
    assert response.status_code == 422
    assert "A company called “acme” already uses the ATS." in response.content.decode()
    assert not User.objects.filter(username="bill").exists()


@pytest.mark.django_db
def test_it_refuses_mismatched_passwords(client):
    response = client.post("/hiring/signup/", signup_data(password2="other-passphrase-1"))
    assert "The two passwords differ." in response.content.decode()
    assert not Company.objects.filter(name="Initech").exists()


@pytest.mark.django_db
def test_a_taken_email_gets_the_answer_of_a_new_sign_up_and_its_owner_an_email(client, candidate, fresh_cache):
    """Account enumeration: the page must not tell whether an address has an account."""
    new = client.post("/hiring/signup/", signup_data(), follow=True)
    client.logout()
    taken = client.post(
        "/hiring/signup/",
        signup_data(company_name="Initrode", username="bob", email=candidate.email.upper()),
        follow=True,
    )
    assert taken.status_code == new.status_code == 200
    assert taken.redirect_chain == new.redirect_chain
    # The same page, word for word, but for the address typed (and the CSRF token).
    assert page_of(new, "bill@initech.example") == page_of(taken, candidate.email)
    assert not Company.objects.filter(name="Initrode").exists()
    assert not User.objects.filter(username="bob").exists()
    to_owner = OutboxEmail.objects.get(to=candidate.email)
    assert to_owner.subject == "You already have an account"
    assert "/accounts/password/reset/" in to_owner.text_body
