"""Passwords are stored with Argon2id at OWASP's cost (ats/hashers.py), and older
hashes keep working until their owner's next login rewrites them."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

import config.settings
from ats.tests import factories

PASSWORD = "pw-for-tests-1234"
ARGON2ID_AT_OWASPS_COST = "argon2$argon2id$v=19$m=19456,t=2,p=1$"

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture(autouse=True)
def _project_hashers(settings):
    # The suite hashes with MD5 for speed (conftest.py); these tests check the project's own list.
    settings.PASSWORD_HASHERS = config.settings.PASSWORD_HASHERS


def member_whose_password_was_hashed_by(algorithm: str):
    user = factories.CandidateFactory()
    user.password = make_password(PASSWORD, hasher=algorithm)
    user.save(update_fields=["password"])
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_a_new_password_is_stored_with_argon2id_at_owasps_cost():
    user = factories.CandidateFactory()

    user.set_password(PASSWORD)

    assert user.password.startswith(ARGON2ID_AT_OWASPS_COST)
    assert user.check_password(PASSWORD)
    assert not user.check_password("wrong")


@pytest.mark.django_db
@pytest.mark.parametrize("algorithm", ["pbkdf2_sha256", "argon2"])
def test_an_older_hash_logs_in_and_is_rewritten_at_owasps_cost(client, algorithm, settings):
    if algorithm == "argon2":
        # Django's own Argon2 parameters (100 MiB, 8 lanes): the same algorithm, another cost.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    member = member_whose_password_was_hashed_by(algorithm)
    settings.PASSWORD_HASHERS = config.settings.PASSWORD_HASHERS
    assert not member.password.startswith(ARGON2ID_AT_OWASPS_COST)

    response = client.post("/accounts/login/", {"login": member.username, "password": PASSWORD})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.password.startswith(ARGON2ID_AT_OWASPS_COST)
    assert member.check_password(PASSWORD)


@pytest.mark.django_db
def test_a_wrong_password_leaves_an_older_hash_as_it_was(client):
    member = member_whose_password_was_hashed_by("pbkdf2_sha256")
    stored = member.password

    response = client.post("/accounts/login/", {"login": member.username, "password": "wrong"})

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.password == stored
