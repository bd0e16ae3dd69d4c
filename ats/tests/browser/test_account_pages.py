"""The account pages at desktop and phone width: no sideways scrolling, no
serious accessibility violations."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from ats.tests import factories

PHONE_390 = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

PUBLIC = [
    ("/accounts/login/", "Log in"),
    ("/accounts/signup/", "Create your candidate account"),
    ("/accounts/password/reset/", "Forgot your password?"),
    ("/hiring/signup/", "I'm hiring"),
]
PRIVATE = [
    ("/accounts/password/change/", "Change password"),
    ("/accounts/email/", "Email addresses"),
    ("/accounts/logout/", "Log out"),
]


def check(page, url, title, assert_accessible):
    for viewport in (DESKTOP, PHONE_390):
        page.set_viewport_size(viewport)
        page.goto(url)
        expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], url
        assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_public_account_pages_fit_and_are_accessible(live_server, page, assert_accessible):
    for path, title in PUBLIC:
        check(page, live_server.url + path, title, assert_accessible)
    page.goto(live_server.url + "/accounts/password/reset/")
    page.get_by_role("button", name="Send the link").click()  # refused: the summary names the field
    expect(page.locator(".error-summary")).to_be_focused()
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_signed_in_account_pages_fit_and_are_accessible(page, log_in, assert_accessible):
    member = factories.CandidateFactory(first_name="Casey", email="casey.long-address@example.com")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    EmailAddress.objects.create(user=member, email="second@example.com", verified=False, primary=False)
    base = log_in(member)
    for path, title in PRIVATE:
        check(page, base + path, title, assert_accessible)
