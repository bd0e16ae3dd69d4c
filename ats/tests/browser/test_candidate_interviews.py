"""A candidate picks one of the offered interview times in real Chromium, sees it under
upcoming interviews, and adds it to their calendar with the downloaded .ics."""

import zoneinfo
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from ats import calendar
from ats.models import Interview
from ats.services.applications import application_change_stage
from ats.services.interviews import interview_slots_offer
from ats.tests import factories
from ats.workflow import InterviewStatus

pytestmark = [pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]
NEW_YORK = "America/New_York"


def check_every_size(page, assert_accessible) -> None:
    """Axe-clean and no wider than the window at a laptop's and a phone's width."""
    for size in SIZES:
        page.set_viewport_size(size)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{page.url} is {width} px wide in a {size['width']} px window"
        assert_accessible(page)
    page.set_viewport_size(SIZES[0])


@pytest.fixture
def offer():
    acme = factories.CompanyFactory(name="Acme")
    recruiter = factories.RecruiterFactory(company=acme, first_name="Rita", last_name="Reyes")
    manager = factories.HiringManagerFactory(company=acme, first_name="Max", last_name="Moreau")
    job = factories.JobFactory(company=acme, title="Data Analyst")
    candidate = factories.CandidateFactory(first_name="Casey", last_name="Morgan", time_zone=NEW_YORK)
    application = factories.ApplicationFactory(job=job, candidate=candidate)
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    day = (timezone.now() + timedelta(days=4)).astimezone(UTC).replace(hour=15, minute=0, second=0, microsecond=0)
    interview = interview_slots_offer(
        application=application,
        organizer=recruiter,
        slots=[day, day + timedelta(days=1), day + timedelta(days=2, hours=2)],
        duration=45,
        interviewers=[manager, recruiter],
        title="Technical interview",
        video_link="https://meet.example.com/abc-defg",
    )
    return {"candidate": candidate, "interview": interview, "people": [candidate, manager, recruiter]}


def test_a_candidate_picks_an_offered_time_and_adds_it_to_their_calendar(log_in, page, assert_accessible, offer):
    candidate, interview = offer["candidate"], offer["interview"]
    _, chosen, _ = interview.slots.order_by("starts_at")
    when = calendar.describe_time(chosen.starts_at, chosen.ends_at, NEW_YORK)
    page.goto(log_in(candidate) + "/applications/")

    card = page.locator(f"#application-{interview.application_id}")
    offered = card.locator("section").filter(has=page.get_by_role("heading", name="Pick a time for your interview"))
    expect(offered.get_by_role("radio")).to_have_count(3)
    expect(card.get_by_role("heading", name="Upcoming interviews")).to_have_count(0)
    check_every_size(page, assert_accessible)

    offered.get_by_role("radio", name=when).check()
    offered.get_by_role("button", name="Book this time").click()

    expect(
        page.get_by_role("status").filter(has_text=f"Booked: {when}. We have emailed you a calendar invitation.")
    ).to_be_visible()
    upcoming = card.locator("section").filter(has=page.get_by_role("heading", name="Upcoming interviews"))
    expect(upcoming.get_by_role("heading", name="Technical interview")).to_be_visible()
    expect(upcoming).to_contain_text(when)
    expect(upcoming).to_contain_text("Max Moreau, Rita Reyes")
    expect(upcoming.get_by_role("link", name="https://meet.example.com/abc-defg")).to_be_visible()
    expect(card.get_by_role("heading", name="Pick a time for your interview")).to_have_count(0)
    check_every_size(page, assert_accessible)
    booked = Interview.objects.get(pk=interview.pk)
    assert (booked.status, booked.starts_at) == (InterviewStatus.SCHEDULED, chosen.starts_at)

    with page.expect_download() as download_info:
        upcoming.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    local_day = chosen.starts_at.astimezone(zoneinfo.ZoneInfo(NEW_YORK)).date()
    assert download.suggested_filename == f"interview-{local_day:%Y-%m-%d}.ics"
    parsed = Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = parsed.walk("VEVENT")
    assert parsed["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == calendar.event_uid(booked)
    assert event.decoded("DTSTART") == chosen.starts_at
    assert str(event["SUMMARY"]) == "Technical interview: Data Analyst at Acme"
    attendees = {str(address).lower() for address in event["ATTENDEE"]}
    assert attendees == {f"mailto:{person.email}" for person in offer["people"]}
