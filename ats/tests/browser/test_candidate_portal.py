"""The candidate's way through the product in real Chromium, with axe-core on every page."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from ats.models import Application
from ats.tests import factories
from ats.tests.browser.conftest import PHONE

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fresh_cache")]

PASSWORD = "a-long-Passphrase-42"


def pdf_file(size: int = 0) -> dict:
    return {"name": "my-resume.pdf", "mimeType": "application/pdf", "buffer": factories.PDF_BYTES + b"0" * size}


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture
def board():
    acme = factories.CompanyFactory(name="Acme")
    globex = factories.CompanyFactory(name="Globex")
    factories.JobFactory(company=acme, title="Platform Engineer", location="Berlin", description="Kubernetes.")
    factories.JobFactory(company=globex, title="Product Designer", location="New York", description="Figma.")
    return factories.JobFactory(company=acme, title="Data Analyst", location="London", description="SQL and dbt.")


def test_a_visitor_signs_up_verifies_finds_a_job_applies_and_follows_it(live_server, page, assert_accessible, board):
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create your candidate account")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Confirm your email")).to_be_visible()
    assert_accessible(page)

    # The email really goes out: sent by the worker in the immediate-queue run,
    # by send_pending_emails where the queue is Redis with no worker here.
    call_command("send_pending_emails", stdout=io.StringIO())
    [verification] = [message for message in mail.outbox if message.to == ["ada@example.com"]]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", str(verification.body)).group(1)
    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", name="Confirm your email")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="My applications")).to_be_visible()

    page.goto(live_server.url + "/")
    page.get_by_label("Search jobs").press_sequentially("analyst", delay=30)
    expect(page.get_by_role("status").filter(has_text="1 job matches your search")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?q=analyst"))
    expect(page.get_by_role("link", name="Platform Engineer")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Data Analyst").click()

    expect(page.get_by_role("heading", name="Data Analyst", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Resume", exact=True).set_input_files(pdf_file())
    page.get_by_label("Cover letter (optional)").fill("I enjoy SQL.")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send application").click()

    expect(page.get_by_role("heading", name="My applications")).to_be_visible()
    application = page.locator("article.application").filter(has_text="Data Analyst")
    expect(application).to_contain_text("Acme · Applied on")
    expect(application.locator('[aria-current="step"]')).to_contain_text("Applied")
    expect(page.get_by_role("status").filter(has_text="You applied to “Data Analyst” at Acme.")).to_be_visible()
    assert_accessible(page)
    assert Application.objects.get(candidate__username="ada").job == board


def test_a_filter_narrows_the_results_without_a_submit(live_server, page, board):
    page.goto(live_server.url + "/")
    page.get_by_label("Company").select_option(label="Globex")
    expect(page).to_have_url(re.compile(r"company=\d+"))
    expect(page.get_by_role("link", name="Product Designer")).to_be_visible()
    expect(page.get_by_role("link", name="Data Analyst")).to_have_count(0)


def test_the_back_button_restores_an_earlier_search(live_server, page, board):
    page.goto(live_server.url + "/?q=designer")
    expect(page.get_by_role("link", name="Product Designer")).to_be_visible()
    page.get_by_label("Search jobs").fill("platform")
    expect(page).to_have_url(re.compile(r"q=platform"))
    expect(page.get_by_role("link", name="Product Designer")).to_have_count(0)
    page.go_back()
    expect(page.get_by_role("link", name="Product Designer")).to_be_visible()
    expect(page.get_by_role("link", name="Platform Engineer")).to_have_count(0)


def test_a_second_application_to_the_same_job_is_refused_on_the_form(
    live_server, page, context, log_in, assert_accessible, board, settings
):
    candidate = factories.CandidateFactory()
    base = log_in(candidate)
    other_tab = context.new_page()
    other_tab.goto(f"{base}/jobs/{board.pk}/")
    page.goto(f"{base}/jobs/{board.pk}/")
    page.get_by_label("Resume", exact=True).set_input_files(pdf_file())
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="My applications")).to_be_visible()

    other_tab.get_by_label("Resume", exact=True).set_input_files(pdf_file())
    other_tab.get_by_label("I have read the privacy notice").check()
    other_tab.get_by_role("button", name="Send application").click()
    summary = other_tab.get_by_role("alert")
    expect(summary).to_contain_text("You have already applied to “Data Analyst”.")
    expect(summary).to_be_focused()
    expect(other_tab.get_by_role("link", name="Follow it under My applications")).to_be_visible()
    assert_accessible(other_tab)
    assert Application.objects.filter(candidate=candidate).count() == 1
    assert len(stored_files(settings)) == 1


def test_an_oversized_resume_is_refused_on_the_form_after_showing_upload_progress(
    live_server, page, log_in, assert_accessible, board, settings
):
    base = log_in(factories.CandidateFactory())
    page.goto(f"{base}/jobs/{board.pk}/")
    # Note what the progress bar does while the upload runs (apply.js handles the event first).
    page.evaluate(
        """window.progressSeen = [];
        document.addEventListener('htmx:xhr:progress', () => {
          window.progressSeen.push(!document.querySelector('.upload-progress').hidden);
        });"""
    )
    page.get_by_label("Resume", exact=True).set_input_files(pdf_file(size=6 * 1024 * 1024))
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("alert")).to_contain_text("The resume is larger than 5 MB, the limit.")
    expect(page.get_by_label("Resume", exact=True)).to_have_attribute("aria-invalid", "true")
    assert True in page.evaluate("window.progressSeen")
    assert_accessible(page)
    assert not Application.objects.exists()
    assert stored_files(settings) == []


def test_applying_works_with_javascript_off(browser, context, log_in, board):
    candidate = factories.CandidateFactory()
    base = log_in(candidate)
    no_js = browser.new_context(java_script_enabled=False)
    # log_in put the session cookie in the default context; carry it across.
    no_js.add_cookies(context.cookies())
    page = no_js.new_page()
    page.goto(f"{base}/?q=analyst")
    page.get_by_role("link", name="Data Analyst").click()
    page.get_by_label("Resume", exact=True).set_input_files(pdf_file())
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="My applications")).to_be_visible()
    assert Application.objects.filter(candidate=candidate, job=board).exists()
    no_js.close()


def test_the_candidate_pages_fit_a_phone(live_server, page, log_in, assert_accessible, board):
    candidate = factories.CandidateFactory()
    factories.ApplicationFactory(candidate=candidate, job=board, resume=factories.pdf_upload())
    base = log_in(candidate)
    page.set_viewport_size(PHONE)
    for path in ["/", f"/jobs/{board.pk}/", "/applications/", "/accounts/password/change/", "/accounts/email/"]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(page)
    page.context.clear_cookies()
    for path in ["/accounts/login/", "/accounts/signup/", f"/jobs/{board.pk}/"]:
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert_accessible(page)
