"""Two-factor in the browser: setting up an authenticator app (the key read from the
page, the code computed here as the app would), logging in with its code and with a
recovery code, and a company's requirement sending a team member to the setup. Every
step at phone width too, accessible, with no Content Security Policy violation."""

import time

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from ats.tests import factories
from ats.tests.two_factor import totp_code

PASSWORD = "pw-for-tests-1234"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def fits(page, assert_accessible) -> None:
    """The page as it is now fits a phone and a laptop, and axe finds nothing serious."""
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], page.url
        assert_accessible(page)


def log_in_with_password(page, base: str, user) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username or email").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page, base: str) -> None:
    page.goto(base + "/accounts/logout/")
    page.locator("#main").get_by_role("button", name="Log out").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()


def confirm_password(page) -> None:
    expect(page.get_by_role("heading", level=1, name="Confirm it's you")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def set_up_authenticator_app(page, assert_accessible) -> tuple[str, list[str]]:
    """On the setup page: read the key, enter the app's code; returns the key and the recovery codes shown."""
    expect(page.get_by_role("heading", level=1, name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    fits(page, assert_accessible)
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from the app").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Turn on two-factor").click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.get_by_label("Code from the app").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor").click()
    expect(page.get_by_role("heading", level=1, name="Recovery codes")).to_be_visible()
    codes = [code.strip() for code in page.locator(".recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    fits(page, assert_accessible)
    return secret, codes


def next_time_step() -> None:
    """Wait for the app's next code: the one just used can't be used again."""
    time.sleep(30 - time.time() % 30 + 0.5)


@pytest.mark.django_db(transaction=True)
def test_a_candidate_sets_up_two_factor_and_logs_in_with_a_code_then_a_recovery_code(
    live_server, page, assert_accessible
):
    candidate = factories.CandidateFactory(first_name="Casey", last_name="Morgan")
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    base = live_server.url

    log_in_with_password(page, base, candidate)
    page.goto(base + "/accounts/profile/")
    section = page.get_by_role("region", name="Two-factor authentication")
    expect(section).to_contain_text("Off")
    section.get_by_role("link", name="Set up two-factor").click()
    confirm_password(page)
    secret, codes = set_up_authenticator_app(page, assert_accessible)
    page.goto(base + "/accounts/profile/")
    expect(page.get_by_role("region", name="Two-factor authentication")).to_contain_text("On")
    page.goto(base + "/accounts/2fa/")
    expect(page.get_by_role("region", name="Recovery codes")).to_contain_text("10 of 10 codes left")
    fits(page, assert_accessible)

    log_out(page, base)
    log_in_with_password(page, base, candidate)
    expect(page.get_by_role("heading", level=1, name="Enter your code")).to_be_visible()
    fits(page, assert_accessible)
    next_time_step()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out")).to_be_visible()
    assert "/accounts/" not in page.url

    log_out(page, base)
    log_in_with_password(page, base, candidate)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Log in").click()
    page.goto(base + "/accounts/2fa/")
    expect(page.get_by_role("region", name="Recovery codes")).to_contain_text("9 of 10 codes left")


@pytest.mark.django_db(transaction=True)
def test_a_company_requirement_sends_a_hiring_manager_to_set_up_two_factor_first(live_server, page, assert_accessible):
    acme = factories.CompanyFactory(name="Acme", require_two_factor=True)
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    EmailAddress.objects.create(user=manager, email=manager.email, verified=True, primary=True)
    base = live_server.url

    log_in_with_password(page, base, manager)
    expect(page.get_by_text("Your company requires two-factor authentication")).to_be_visible()
    confirm_password(page)
    page.goto(base + "/workspace/")
    expect(page.get_by_role("heading", level=1, name="Set up an authenticator app")).to_be_visible()
    set_up_authenticator_app(page, assert_accessible)

    page.goto(base + "/workspace/")
    assert page.url == base + "/workspace/"
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Set up an authenticator app")


@pytest.mark.django_db(transaction=True)
def test_a_recruiter_requires_two_factor_of_the_team_from_the_team_page(live_server, page, log_in, assert_accessible):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    base = log_in(recruiter)

    page.goto(base + "/workspace/team/")
    panel = page.get_by_role("region", name="Two-factor authentication")
    expect(panel).to_contain_text("Not required")
    fits(page, assert_accessible)
    panel.get_by_label("Require two-factor authentication of recruiters and hiring managers").check()
    panel.get_by_role("button", name="Save").click()
    expect(page.locator(".error-summary")).to_contain_text("Set up two-factor for yourself first")
    fits(page, assert_accessible)
    acme.refresh_from_db()
    assert not acme.require_two_factor
