"""Two-factor in the browser's pages (allauth.mfa, restyled): logging in with a code or a
recovery code, setting it up, the profile's section, and a company's requirement, which
sends its team members without an authenticator app to the setup."""

import re

import pytest
from allauth.mfa.models import Authenticator

from ats.tests import factories
from ats.tests.two_factor import enable_totp, totp_code, verify_email, wrong_code

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "pw-for-tests-1234"


def log_in(client, user):
    verify_email(user)
    return client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})


def confirm_password(client):
    """Setting up or turning off two-factor first asks for the password again (allauth's
    reauthentication), whatever the login."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def test_with_an_authenticator_app_logging_in_asks_for_its_code(client, recruiter):
    secret, _ = enable_totp(recruiter)

    response = log_in(client, recruiter)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "Enter your code" in page
    assert client.get("/workspace/")["Location"].startswith("/accounts/login/")
    wrong = client.post("/accounts/2fa/authenticate/", {"code": wrong_code(secret)})
    assert wrong.status_code == 200
    assert "That code is not right" in wrong.content.decode()
    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert done["Location"] == "/workspace/"
    assert client.get("/workspace/").status_code == 200


def test_a_recovery_code_logs_in_once(client, candidate):
    _, codes = enable_totp(candidate)

    log_in(client, candidate)
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    client.post("/accounts/logout/")
    log_in(client, candidate)
    again = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})

    assert again.status_code == 200
    assert "That code is not right" in again.content.decode()


def test_without_two_factor_logging_in_is_unchanged(client, candidate):
    response = log_in(client, candidate)

    assert response.status_code == 302
    assert not response["Location"].startswith("/accounts/2fa/")


def test_the_setup_page_shows_the_qr_code_in_the_page_and_turns_two_factor_on(client, candidate):
    log_in(client, candidate)
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    confirm_password(client)

    page = client.get("/accounts/2fa/totp/activate/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "data:image" not in html and "<?xml" not in html
    assert 'style="' not in html
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "12345"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=candidate).exists()
    done = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert done["Location"] == "/accounts/2fa/recovery-codes/"
    codes = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert codes.count("<li><code>") == 10
    download = client.get("/accounts/2fa/recovery-codes/download/")
    assert download["Content-Type"].startswith("text/plain")
    assert len(download.content.decode().split()) == 10


def test_turning_two_factor_off(client, candidate):
    secret, _ = enable_totp(candidate)
    log_in(client, candidate)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    confirm_password(client)

    assert "Turn off two-factor" in client.get("/accounts/2fa/totp/deactivate/").content.decode()
    response = client.post("/accounts/2fa/totp/deactivate/")

    assert response["Location"] == "/accounts/2fa/"
    assert not Authenticator.objects.filter(user=candidate).exists()


def test_a_team_member_cannot_turn_off_what_the_company_requires(client, acme, hiring_manager):
    secret, _ = enable_totp(hiring_manager)
    acme.require_two_factor = True
    acme.save(update_fields=["require_two_factor"])
    log_in(client, hiring_manager)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    confirm_password(client)

    page = client.get("/accounts/2fa/totp/deactivate/").content.decode()
    client.post("/accounts/2fa/totp/deactivate/")

    assert "Your company requires two-factor authentication of its team, so yours stays on." in page
    assert 'button--danger">Turn off' not in page
    assert Authenticator.objects.filter(user=hiring_manager, type="totp").exists()


def test_the_profile_says_whether_two_factor_is_on(client, candidate):
    client.force_login(candidate)
    off = client.get("/accounts/profile/").content.decode()
    enable_totp(candidate)
    on = client.get("/accounts/profile/").content.decode()

    assert "Two-factor authentication" in off and "Set up two-factor" in off
    assert "Manage two-factor and recovery codes" in on


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_a_team_member_without_two_factor_is_sent_to_set_it_up(client, request, strict_acme, who):
    member = request.getfixturevalue(who)
    client.force_login(member)

    for url in ("/workspace/", "/accounts/profile/", "/workspace/team/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert "Your company requires two-factor authentication" in page.content.decode()
    htmx = client.get("/workspace/", headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"] == "/accounts/2fa/totp/activate/"
    assert client.post("/accounts/logout/")["Location"] == "/"


def test_a_team_member_with_two_factor_goes_anywhere(client, strict_acme, recruiter):
    enable_totp(recruiter)
    client.force_login(recruiter)

    assert client.get("/workspace/").status_code == 200


def test_the_requirement_lets_the_member_in_once_set_up(client, strict_acme, hiring_manager):
    log_in(client, hiring_manager)
    assert client.get("/workspace/")["Location"] == "/accounts/2fa/totp/activate/"
    confirm_password(client)

    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="totp-secret"[^>]*>([A-Z2-7]+)<', html).group(1)
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert client.get("/workspace/").status_code == 200


def test_candidates_and_other_companies_are_not_affected(client, strict_acme, candidate, outsider_recruiter):
    client.force_login(candidate)
    assert client.get("/accounts/profile/").status_code == 200
    client.force_login(outsider_recruiter)
    assert client.get("/workspace/").status_code == 200


# The team page's setting --------------------------------------------------------------


def test_a_recruiter_with_two_factor_requires_it_of_the_team_and_stops(client, acme, recruiter):
    enable_totp(recruiter)
    client.force_login(recruiter)

    page = client.get("/workspace/team/").content.decode()
    assert page.count("Require two-factor authentication of recruiters and hiring managers") == 1
    assert "<title>Team ·" in page
    response = client.post("/workspace/team/two-factor/", {"require_two_factor": "on"})
    assert response["Location"] == "/workspace/team/"
    acme.refresh_from_db()
    assert acme.require_two_factor
    client.post("/workspace/team/two-factor/", {})
    acme.refresh_from_db()
    assert not acme.require_two_factor


def test_the_team_page_shows_who_has_two_factor(client, strict_acme, recruiter, hiring_manager):
    enable_totp(recruiter)
    client.force_login(recruiter)

    page = client.get("/workspace/team/").content.decode()

    members = page.split('id="members"', 1)[1].split("</ul>", 1)[0]
    rita, max_ = (line for line in members.split("<li")[1:])
    assert "Two-factor on" in (rita if recruiter.display_name in rita else max_)
    assert "Two-factor not set up yet" in (max_ if hiring_manager.display_name in max_ else rita)
    assert "Required" in page


def test_a_recruiter_without_two_factor_cannot_require_it(client, acme, recruiter):
    client.force_login(recruiter)

    response = client.post("/workspace/team/two-factor/", {"require_two_factor": "on"})

    assert response.status_code == 422
    assert "Set up two-factor for yourself first" in response.content.decode()
    acme.refresh_from_db()
    assert not acme.require_two_factor


@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_only_recruiters_change_the_requirement(client, request, acme, who):
    user = request.getfixturevalue(who)
    enable_totp(user)
    client.force_login(user)

    response = client.post("/workspace/team/two-factor/", {"require_two_factor": "on"})

    assert response.status_code in (403, 404)
    acme.refresh_from_db()
    assert not acme.require_two_factor


def test_another_companys_recruiter_changes_only_their_own(client, acme, globex, outsider_recruiter):
    enable_totp(outsider_recruiter)
    client.force_login(outsider_recruiter)

    client.post("/workspace/team/two-factor/", {"require_two_factor": "on"})

    acme.refresh_from_db()
    globex.refresh_from_db()
    assert globex.require_two_factor and not acme.require_two_factor


def test_new_members_follow_an_existing_requirement(client, strict_acme):
    newcomer = factories.RecruiterFactory(username="newbie", company=strict_acme)
    client.force_login(newcomer)

    assert client.get("/workspace/")["Location"] == "/accounts/2fa/totp/activate/"
