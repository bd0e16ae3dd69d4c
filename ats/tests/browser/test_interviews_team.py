"""A recruiter plans an interview in real Chromium, at a laptop's and a phone's width: from
the application page to the form (a date and a time typed in their own zone, a teammate
ticked), a refusal shown on the form, then the interview listed on the page; axe-core
checks every step."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ats.models import Interview
from ats.tests import factories
from ats.workflow import InterviewStatus, Stage

pytestmark = [pytest.mark.django_db(transaction=True)]

SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("size", SIZES)
def test_a_recruiter_schedules_an_interview_from_the_application_page(log_in, page, assert_accessible, size):
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(
        company=acme, first_name="Rita", last_name="Reyes", time_zone="Europe/Berlin"
    )
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Backend Engineer")
    application = factories.ApplicationFactory(
        job=job, stage=Stage.SCREENING, candidate__first_name="Sam", candidate__last_name="Patel"
    )
    day = timezone.localdate(timezone.now(), BERLIN) + datetime.timedelta(days=3)
    page.set_viewport_size(SIZES[size])
    url = log_in(recruiter)

    page.goto(f"{url}/workspace/applications/{application.pk}/")
    interviews = page.locator("#interviews-section")
    expect(interviews.get_by_text("No upcoming interviews.")).to_be_visible()
    interviews.get_by_role("link", name="Schedule an interview").click()

    expect(page.get_by_role("heading", level=1, name="Schedule an interview")).to_be_visible()
    expect(page.get_by_text("In your time zone, Europe/Berlin.")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Rita Reyes (you) · Recruiter")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Title").fill("Technical interview")
    # First a time that has passed (yesterday): refused on the form, nothing booked.
    page.get_by_label("Date").fill((day - datetime.timedelta(days=4)).isoformat())
    page.get_by_label("Start time").fill("14:30")
    page.get_by_label("Duration").select_option(label="1 hour")
    page.get_by_role("checkbox", name="Max Moreau · Hiring manager").check()
    page.get_by_label("Place").fill("Room 4")
    page.get_by_role("button", name="Schedule the interview").click()

    expect(page.locator(".error-summary")).to_contain_text("which has passed: choose a later time.")
    expect(page.get_by_label("Title")).to_have_value("Technical interview")
    assert_accessible(page)
    assert not Interview.objects.exists()

    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_role("button", name="Schedule the interview").click()

    expect(page).to_have_url(f"{url}/workspace/applications/{application.pk}/#interviews")
    expect(page.get_by_text("The interview with Sam Patel is scheduled for")).to_be_visible()
    item = page.locator("#interviews-section .interview").first
    expect(item).to_contain_text("Technical interview · 60 minutes")
    expect(item).to_contain_text("14:30–15:30")
    expect(item).to_contain_text("Room 4")
    expect(item).to_contain_text("Max Moreau, Rita Reyes (you)")
    expect(item.get_by_role("link", name="Reschedule Technical interview")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"the page is {width} px wide"
    assert_accessible(page)

    interview = Interview.objects.get()
    assert interview.status == InterviewStatus.SCHEDULED
    assert interview.starts_at == datetime.datetime.combine(day, datetime.time(14, 30), tzinfo=BERLIN)
    assert set(interview.interviewers.all()) == {recruiter, manager}
