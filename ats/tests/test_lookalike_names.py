"""Lookalike names: a new company's name is stored normalised (NFKC, no invisible or
bidi characters) and may not look the same as an existing company's (ats.text.skeleton)."""

import pytest

from ats.models import Company, User
from ats.tests.migrating import migrate, migrate_to_latest
from ats.tests.test_accounts import sign_up
from ats.tests.workspace.test_hiring_signup import signup_data
from ats.text import normalize_name, skeleton

# The review's seven lookalikes of "Acme".
LOOKALIKES = {
    "zero-width space": "Ac\u200bme",
    "soft hyphen": "Ac\u00adme",
    "Cyrillic letters": "\u0410\u0441m\u0435",
    "Greek letter": "\u0391cme",
    "full-width letters": "\uff21\uff43\uff4d\uff45",
    "combining accent": "Acme\u0301",
    "right-to-left override": "\u202eAcme",
}


@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_each_lookalike_has_the_skeleton_of_the_name(name):
    assert name != "Acme"
    assert skeleton(name) == skeleton("Acme") == "acme"


@pytest.mark.parametrize("name", ["Acne", "Acme Labs", "Acm", "Globex"])
def test_names_that_read_differently_have_other_skeletons(name):
    assert skeleton(name) != skeleton("Acme")


def test_a_name_is_normalised_without_invisible_and_bidi_characters():
    assert normalize_name(" \uff29nit\u200de\u00adch\u202e  Corp\u2066 ") == "Initech Corp"


@pytest.mark.django_db
@pytest.mark.parametrize("name", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_hiring_signup_refuses_a_lookalike_of_an_existing_company(client, acme, fresh_cache, name):
    response = client.post("/hiring/signup/", signup_data(company_name=name))
    assert response.status_code == 422
    page = response.content.decode()
    assert (
        "A company with a name that looks the same already exists: “Acme”." in page
        or "A company called “Acme” already uses the ATS." in page
    )
    assert list(Company.objects.values_list("name", flat=True)) == ["Acme"]


@pytest.mark.django_db
def test_hiring_signup_stores_the_name_normalised(client, fresh_cache):
    assert client.post("/hiring/signup/", signup_data(company_name="\uff29nitech\u200b")).status_code == 302
    company = Company.objects.get()
    assert (company.name, company.name_skeleton) == ("Initech", "initech")


@pytest.mark.django_db
def test_renaming_a_company_keeps_its_skeleton(acme):
    acme.name = "\u0391cme Labs"
    acme.save(update_fields=["name"])
    acme.refresh_from_db()
    assert acme.name_skeleton == "acme labs"


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_companies_their_skeleton():
    old = migrate([("ats", "0017_history_from_stage_entered_at")])
    try:
        old.get_model("ats", "Company").objects.create(name="\u0410cme")
        new = migrate([("ats", "0018_company_name_skeleton")])
        assert new.get_model("ats", "Company").objects.get().name_skeleton == "acme"
    finally:
        migrate_to_latest()


# Usernames: the same seven lookalikes of an existing one ("rita").
USERNAME_LOOKALIKES = {
    "zero-width space": "ri\u200bta",
    "soft hyphen": "ri\u00adta",
    "Cyrillic letters": "r\u0456t\u0430",
    "Greek letter": "r\u03b9ta",
    "full-width letters": "\uff52\uff49\uff54\uff41",
    "combining accent": "rita\u0301",
    "right-to-left override": "\u202erita",
}


@pytest.mark.django_db
@pytest.mark.parametrize("username", USERNAME_LOOKALIKES.values(), ids=USERNAME_LOOKALIKES.keys())
def test_candidate_signup_refuses_a_lookalike_of_an_existing_username(client, recruiter, fresh_cache, username):
    response = sign_up(client, username=username)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "A user with a name that looks the same already exists: “rita”." in page
        or "A user with that username already exists." in page
    ), page
    assert list(User.objects.values_list("username", flat=True)) == ["rita"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["r\u0456t\u0430", "\uff52\uff49\uff54\uff41"])
def test_hiring_signup_refuses_a_lookalike_username(client, recruiter, fresh_cache, username):
    response = client.post("/hiring/signup/", signup_data(username=username))
    assert response.status_code == 422
    assert "A user with a name that looks the same already exists: “rita”." in response.content.decode() or (
        "The username “rita” is taken." in response.content.decode()
    )
    assert not Company.objects.filter(name="Initech").exists()


@pytest.mark.django_db
def test_a_new_username_is_stored_normalised_with_its_skeleton(client, fresh_cache):
    assert sign_up(client, username="\uff4eora").status_code == 302
    user = User.objects.get()
    assert (user.username, user.username_skeleton) == ("nora", "nora")


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_existing_accounts_their_skeleton():
    old = migrate([("ats", "0018_company_name_skeleton")])
    try:
        old.get_model("ats", "User").objects.create(username="R\u0456ta", password="!")
        new = migrate([("ats", "0019_user_username_skeleton")])
        assert new.get_model("ats", "User").objects.get().username_skeleton == "rita"
    finally:
        migrate_to_latest()


def test_a_lookalike_company_name_is_refused_beside_its_field(client, acme):
    response = client.post(
        "/hiring/signup/",
        {
            "company_name": "\u0410cme",
            "first_name": "Ann",
            "last_name": "Lee",
            "email": "ann@example.com",
            "username": "annlee",
            "password1": "a-long-pass-1234",
            "password2": "a-long-pass-1234",
            "time_zone": "UTC",
        },
    )

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["company_name"] == [
        "A company with a name that looks the same already exists: “Acme”. "
        "Ask one of its recruiters to invite you, or choose a name that reads differently."
    ]
