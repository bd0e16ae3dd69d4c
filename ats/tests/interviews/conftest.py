"""Fixtures of the interview pages (the personas come from ats/tests/conftest.py): an
application the team may interview on, times to come, and interviews made the way
the services make them."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from ats.models import Interview
from ats.services.applications import application_change_stage
from ats.services.interviews import interview_schedule, interview_slots_offer
from ats.workflow import Stage

BERLIN = "Europe/Berlin"


def days_ahead(days: int, hour: int = 10, minute: int = 0, *, zone: str = "UTC") -> datetime.datetime:
    """A time `days` from today at hour:minute on the clock of `zone`."""
    tz = zoneinfo.ZoneInfo(zone)
    day = timezone.localdate(timezone.now(), tz) + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def form_data(when: datetime.datetime, *interviewers, zone: str = "UTC", **overrides) -> dict:
    """The schedule form as a browser posts it, the time on the clock of `zone`."""
    local = when.astimezone(zoneinfo.ZoneInfo(zone))
    return {
        "title": "Technical interview",
        "date": local.date().isoformat(),
        "start_time": local.strftime("%H:%M"),
        "duration": "45",
        "interviewers": [str(person.pk) for person in interviewers],
        "location": "Room 4",
        "video_link": "",
        **overrides,
    }


@pytest.fixture
def screening(application, recruiter):
    """`application` (of `job`, which `hiring_manager` is assigned to), moved to Screening."""
    return application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)


@pytest.fixture
def scheduled(screening, recruiter, hiring_manager) -> Interview:
    """An interview in three days at 10:00 UTC, 45 minutes, with the recruiter and the hiring manager."""
    return interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=days_ahead(3),
        duration=45,
        interviewers=[recruiter, hiring_manager],
        title="Technical interview",
        location="Room 4",
    )


@pytest.fixture
def offered(screening, recruiter) -> Interview:
    """Three times offered to the candidate, in four, five and six days at 09:00 UTC."""
    return interview_slots_offer(
        application=screening,
        organizer=recruiter,
        slots=[days_ahead(4, 9), days_ahead(5, 9), days_ahead(6, 9)],
        duration=30,
        interviewers=[recruiter],
        title="First call",
    )


def move_to_the_past(interview: Interview, *, days: int = 2) -> Interview:
    """The services book only times to come: an interview that took place is one moved back afterwards."""
    starts = timezone.now() - datetime.timedelta(days=days)
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=starts, ends_at=starts + datetime.timedelta(minutes=interview.duration)
    )
    interview.refresh_from_db()
    return interview
