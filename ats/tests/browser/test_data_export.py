"""Export my data in the browser: the profile's "Your data" asks for the zip, follows
its progress (htmx polling) and downloads it; and the apply form's privacy box."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from ats.models import Application, DataExport
from ats.tests import factories
from ats.tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_candidate_exports_follows_the_progress_and_downloads_the_zip(log_in, page, task_queue, assert_accessible):
    candidate = factories.CandidateFactory(first_name="Ada", last_name="Lovelace")
    factories.ApplicationFactory(candidate=candidate, resume=factories.pdf_upload(), cover_letter="Hello")
    base = log_in(candidate)
    page.goto(base + "/accounts/profile/")
    section = page.locator("#your-data")
    expect(section.get_by_role("heading", name="Your data")).to_be_visible()
    section.get_by_role("button", name="Export my data").click()

    if not task_queue.huey.immediate:
        # The worker (here, the drain) builds it while the section polls.
        expect(section.get_by_label("Waiting to start…")).to_be_visible()
        task_queue.drain()
    download_link = section.get_by_role("link", name="Download your data")
    expect(download_link).to_be_visible(timeout=10_000)
    expect(section).to_contain_text("available until")
    expect(section.get_by_role("progressbar")).to_have_count(0)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)

    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("my-data-") and download.suggested_filename.endswith(".zip")
    with open(download.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert json.loads(archive.read("profile.json"))["last_name"] == "Lovelace"
    assert json.loads(archive.read("applications.json"))[0]["cover_letter"] == "Hello"
    assert DataExport.objects.get(user=candidate).status == "ready"


def test_applying_needs_the_privacy_box_and_keeps_the_letter(log_in, page, assert_accessible):
    job = factories.JobFactory(title="Data Analyst")
    candidate = factories.CandidateFactory()
    base = log_in(candidate)
    page.goto(f"{base}/jobs/{job.pk}/")
    page.get_by_label("Resume", exact=True).set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": factories.pdf_upload().read()}
    )
    page.get_by_label("Cover letter (optional)").fill("I enjoy SQL.")
    page.get_by_role("button", name="Send application").click()
    box = page.get_by_label("I have read the privacy notice")
    expect(page.get_by_role("alert")).to_contain_text("Tick the box to confirm you have read the privacy notice")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Cover letter (optional)")).to_have_value("I enjoy SQL.")
    assert_accessible(page)
    assert not Application.objects.exists()
    page.get_by_role("link", name="privacy notice", exact=True).click()
    expect(page.get_by_role("heading", name="Privacy notice", level=1)).to_be_visible()
    assert_accessible(page)
