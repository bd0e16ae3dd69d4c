"""A recruiter filters the Candidates list, selects all that match and rejects them in
one action in real Chromium, then follows its progress to the result."""

import re

import pytest
from playwright.sync_api import expect

from ats.models import Application, ApplicationHistory, BulkAction
from ats.services.bulk import RUN_IN_REQUEST_MAX_ROWS
from ats.tests import factories
from ats.tests.browser.conftest import DESKTOP, PHONE
from ats.workflow import Stage

pytestmark = [pytest.mark.django_db(transaction=True)]

APPLIED = RUN_IN_REQUEST_MAX_ROWS + 5


def test_a_recruiter_rejects_all_matching_and_follows_the_progress(log_in, page, task_queue, assert_accessible):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme)
    job = factories.JobFactory(company=acme, title="Support Engineer")
    applied = [factories.ApplicationFactory(job=job) for _ in range(APPLIED)]
    screening = [factories.ApplicationFactory(job=job, stage=Stage.SCREENING) for _ in range(3)]
    url = log_in(recruiter)

    page.goto(url + "/workspace/candidates/")
    expect(page.get_by_text(f"{APPLIED + 3} applications")).to_be_visible()
    page.get_by_label("Stage").select_option("Applied")
    expect(page.get_by_text(f"{APPLIED} applications match")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/workspace/candidates/\?.*stage=Applied"))

    bar = page.locator("#bulk-form")
    # Only the chosen action's fields show; the button counts what it acts on.
    expect(bar.get_by_label("Reason")).to_be_hidden()
    page.get_by_label("Select this page").check()
    expect(bar.get_by_role("button", name="Apply to 25 selected")).to_be_visible()
    page.get_by_label(f"Select all {APPLIED} matching").check()
    bar.get_by_label("With the selected").select_option("reject")
    bar.get_by_label("Reason").select_option("position_filled")
    bar.get_by_label("Note for the team").fill("The role is filled.")
    expect(bar.get_by_label("Email the candidate the courteous no")).to_be_checked()
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(DESKTOP)
    bar.get_by_role("button", name=f"Apply to all {APPLIED} matching").click()

    action = BulkAction.objects.get()
    # The progress page keeps the list's filters for the way back.
    expect(page).to_have_url(re.compile(rf"/workspace/bulk/{action.pk}/\?.*stage=Applied"))
    expect(page.get_by_role("heading", name=f"Reject · {APPLIED} applications")).to_be_visible()
    progress = page.get_by_label(f"of {APPLIED} applications processed")
    expect(progress).to_have_attribute("max", str(APPLIED))
    if not task_queue.huey.immediate:
        # The worker (here, the drain) runs it while the page polls.
        expect(progress).to_have_attribute("value", "0")
        task_queue.drain()

    status = page.get_by_role("status").filter(has_text="rejected")
    expect(status).to_have_text(f"{APPLIED} rejected.", timeout=10_000)
    expect(progress).to_have_attribute("value", str(APPLIED))
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)

    assert Application.objects.filter(pk__in=[app.pk for app in applied], stage=Stage.REJECTED).count() == APPLIED
    assert set(Application.objects.filter(pk__in=[app.pk for app in screening]).values_list("stage", flat=True)) == {
        Stage.SCREENING
    }
    assert ApplicationHistory.objects.filter(to_stage=Stage.REJECTED, note="The role is filled.").count() == APPLIED

    page.get_by_role("link", name="Back to the candidates").click()
    expect(page).to_have_url(re.compile(r"/workspace/candidates/\?.*stage=Applied"))
    expect(page.get_by_text("No application matches these filters.")).to_be_visible()
