"""Signing up in real Chromium: the name is asked, and the time zone comes from the
browser (Playwright gives the context its own zone), or stays the site's without
JavaScript and can still be chosen."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from ats.models import User
from ats.tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fresh_cache")]

PASSWORD = "a-long-Passphrase-42"


@pytest.fixture
def open_page(browser):
    """A page in a fresh context with the given browser settings (time zone, JavaScript, size)."""
    contexts = []

    def open_page(**context_args):
        context = browser.new_context(**{"locale": "en-US", "viewport": DESKTOP, **context_args})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def fill_sign_up(page, username: str = "nora") -> None:
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Quinn")
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)


def test_a_visitor_signs_up_with_a_name_and_the_browser_time_zone(live_server, open_page, assert_accessible):
    page = open_page(timezone_id="America/Sao_Paulo")
    page.goto(live_server.url + "/accounts/signup/")
    expect(page.get_by_label("Time zone")).to_have_value("America/Sao_Paulo")
    assert_accessible(page)
    fill_sign_up(page)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Confirm your email")).to_be_visible()

    user = User.objects.get(username="nora")
    assert (user.first_name, user.last_name, user.time_zone) == ("Nora", "Quinn", "America/Sao_Paulo")

    call_command("send_pending_emails", stdout=io.StringIO())
    [verification] = [message for message in mail.outbox if message.to == ["nora@example.com"]]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", str(verification.body)).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(live_server.url + "/")
    page.get_by_role("link", name="Nora Quinn").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("America/Sao_Paulo")
    assert_accessible(page)


def test_without_javascript_the_site_time_zone_stays_and_can_be_chosen(live_server, open_page):
    page = open_page(timezone_id="Asia/Tokyo", java_script_enabled=False, viewport=PHONE)
    page.goto(live_server.url + "/accounts/signup/")
    time_zone = page.get_by_label("Time zone")
    expect(time_zone).to_have_value("UTC")
    fill_sign_up(page, username="kenji")
    time_zone.select_option("Asia/Tokyo")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Confirm your email")).to_be_visible()
    assert User.objects.get(username="kenji").time_zone == "Asia/Tokyo"
