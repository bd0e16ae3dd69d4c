"""/api/token/ with two-factor: an account with an authenticator app sends `code` (the
app's, or a recovery code once) with its password; a team member whose company requires
two-factor and who has none gets no token, and a token they hold stops working."""

import pytest

from ats.api.serializers import CODE_MISSING
from ats.tests.api.conftest import verify_email
from ats.tests.two_factor import enable_totp, totp_code, wrong_code

pytestmark = pytest.mark.usefixtures("fresh_cache")

PASSWORD = "pw-for-tests-1234"


def ask(api, user, **extra):
    verify_email(user)
    return api.post("/api/token/", {"username": user.username, "password": PASSWORD, **extra}, format="json")


def test_without_two_factor_the_password_is_enough(api, candidate):
    response = ask(api, candidate)

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


def test_with_two_factor_a_token_needs_the_code(api, recruiter):
    secret, _ = enable_totp(recruiter)

    missing = ask(api, recruiter)
    blank = ask(api, recruiter, code=" ")
    wrong = ask(api, recruiter, code=wrong_code(secret))
    right = ask(api, recruiter, code=totp_code(secret))

    assert missing.status_code == 400
    assert missing.json() == {"code": [CODE_MISSING]}
    assert "6-digit code from your authenticator app" in CODE_MISSING
    assert blank.status_code == 400
    assert wrong.status_code == 400
    assert wrong.json()["code"][0].startswith("That code is not right")
    assert right.status_code == 200
    assert set(right.json()) == {"access", "refresh"}


def test_a_used_code_does_not_work_again(api, candidate):
    secret, _ = enable_totp(candidate)
    code = totp_code(secret)

    assert ask(api, candidate, code=code).status_code == 200
    assert ask(api, candidate, code=code).status_code == 400


def test_a_recovery_code_works_once(api, candidate):
    _, codes = enable_totp(candidate)

    assert ask(api, candidate, code=codes[0]).status_code == 200
    assert ask(api, candidate, code=codes[0]).status_code == 400
    assert ask(api, candidate, code=codes[1]).status_code == 200


def test_a_wrong_password_is_refused_before_the_code_is_asked(api, candidate):
    enable_totp(candidate)
    verify_email(candidate)

    response = api.post("/api/token/", {"username": candidate.username, "password": "wrong"}, format="json")

    assert response.status_code == 401


def test_wrong_codes_lock_the_account_like_the_login_page(api, client, candidate):
    secret, _ = enable_totp(candidate)
    for _ in range(5):
        assert ask(api, candidate, code=wrong_code(secret)).status_code == 400

    locked = ask(api, candidate, code=totp_code(secret))

    assert locked.status_code == 429
    assert "Too many wrong codes" in locked.json()["detail"]
    # The login page's code prompt counts the same attempts.
    client.post("/accounts/login/", {"login": candidate.username, "password": PASSWORD})
    page = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert page.status_code == 200


@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_a_team_member_who_must_set_up_two_factor_gets_no_token(api, request, strict_acme, who):
    response = ask(api, request.getfixturevalue(who))

    assert response.status_code == 403
    assert "set up an authenticator app" in response.json()["detail"]


def test_a_token_from_before_the_requirement_stops_working(api_as, strict_acme, recruiter):
    response = api_as(recruiter).get("/api/jobs/")

    assert response.status_code == 403
    assert "requires two-factor" in response.json()["detail"]


def test_a_session_on_the_api_is_refused_too(client, strict_acme, recruiter):
    client.force_login(recruiter)

    response = client.get("/api/jobs/", headers={"Accept": "application/json"})

    assert response.status_code == 403


def test_with_two_factor_set_up_the_team_member_gets_a_token_and_uses_it(api, api_as, strict_acme, recruiter):
    secret, _ = enable_totp(recruiter)

    response = ask(api, recruiter, code=totp_code(secret))

    assert response.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert api.get("/api/jobs/").status_code == 200


def test_candidates_are_not_affected_by_a_company_requirement(api, strict_acme, candidate):
    assert ask(api, candidate).status_code == 200


def test_the_schema_documents_the_code(api):
    schema = api.get("/api/schema/", headers={"Accept": "application/json"})
    assert schema.status_code == 200
    body = schema.json()
    fields = body["components"]["schemas"]["VerifiedTokenObtainPairRequest"]["properties"]

    assert "code" in fields
    assert "authenticator app" in fields["code"]["description"]
