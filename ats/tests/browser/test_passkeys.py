"""Security keys (WebAuthn) in Chromium with a virtual authenticator (CDP): adding one
beside the authenticator app, then logging in with it instead of the app's code."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from ats.tests import factories
from ats.tests.browser.test_two_factor import PASSWORD, log_in_with_password, log_out
from ats.tests.two_factor import enable_totp, totp_code


@pytest.fixture
def virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


@pytest.mark.django_db(transaction=True)
def test_a_security_key_added_beside_the_app_logs_in(live_server, page, virtual_authenticator, assert_accessible):
    candidate = factories.CandidateFactory(first_name="Casey", last_name="Morgan")
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    secret, _ = enable_totp(candidate)
    base = live_server.url

    log_in_with_password(page, base, candidate)
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Log in").click()
    page.goto(base + "/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1, name="Add a security key")).to_be_visible()
    assert_accessible(page)
    # A failed ceremony (allauth's scripts send `allauth.error`) is said on the page.
    page.evaluate(
        """document.dispatchEvent(new CustomEvent("allauth.error",
            {detail: {tags: ["mfa", "webauthn"], exception: {name: "NotAllowedError"}}, cancelable: true}))"""
    )
    expect(page.get_by_role("alert")).to_contain_text("The security key did not answer")
    page.get_by_role("button", name="Add the key").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    assert Authenticator.objects.filter(user=candidate, type=Authenticator.Type.WEBAUTHN).count() == 1

    log_out(page, base)
    log_in_with_password(page, base, candidate)
    expect(page.get_by_role("heading", level=1, name="Enter your code")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Use a security key").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out")).to_be_visible()
    assert "/accounts/2fa/" not in page.url
