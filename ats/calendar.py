"""Interviews as iCalendar (RFC 5545) events, built with the `icalendar` library.

One event per interview, named for good by its UID: an invitation is
METHOD:REQUEST, a reschedule the same UID with a higher SEQUENCE, a
cancellation METHOD:CANCEL; the candidate's "Add to calendar" download is
METHOD:PUBLISH of the same event. Times are written in UTC, so the instant is
right in every calendar whatever daylight-saving rules the reader's zone has.
"""

import zoneinfo
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import formats, timezone
from icalendar import Calendar, Event, vCalAddress, vText

from ats.models import Interview, User, default_time_zone

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"
PRODUCT_ID = "-//ATS//Interviews//EN"


def _zone(time_zone: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(default_time_zone())


def describe_time(starts_at: datetime, ends_at: datetime, time_zone: str) -> str:
    """A time as a person in `time_zone` reads it, with the zone's name so nobody
    has to guess, such as "Tue 3 Mar 2026, 14:00-14:45 (Europe/Berlin, CET)"
    (an en dash between the times)."""
    zone = _zone(time_zone)
    start, end = timezone.localtime(starts_at, zone), timezone.localtime(ends_at, zone)
    day = formats.date_format(start, "D j M Y")
    ending = f"{end:%H:%M}" if end.date() == start.date() else f"{formats.date_format(end, 'D j M Y')}, {end:%H:%M}"
    return f"{day}, {start:%H:%M}–{ending} ({zone.key}, {start.tzname()})"


def local_moment(moment: datetime) -> str:
    """A moment in the current time zone (the person asking's, by TimeZoneMiddleware),
    such as "Tue 3 Mar 2026, 14:00", for messages and refusals."""
    return formats.date_format(timezone.localtime(moment), "D j M Y, H:i")


def event_uid(interview: Interview) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "ats.invalid"
    return f"{interview.uid}@{host}"


def _address(user: User, *, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = vText(user.display_name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("FALSE")
    return address


def interview_calendar(interview: Interview, *, method: str, for_candidate: bool, description: str = "") -> bytes:
    """The interview as a calendar file for one audience: the candidate's summary
    names the job and company, the team's the candidate."""
    assert interview.starts_at is not None and interview.ends_at is not None
    application = interview.application
    job = application.job
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", event_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", interview.starts_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    event.add("dtend", interview.ends_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    if for_candidate:
        event.add("summary", f"{interview.title}: {job.title} at {job.company.name}")
    else:
        event.add("summary", f"{interview.title}: {application.candidate_name} for {job.title}")
    place = interview.location or interview.video_link
    if place:
        event.add("location", place)
    if interview.video_link:
        event.add("url", interview.video_link)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    if interview.organizer is not None and interview.organizer.email:
        event.add("organizer", _address(interview.organizer))
    else:
        organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
        organizer.params["CN"] = vText(job.company.name)
        event.add("organizer", organizer)
    people = [application.candidate, *interview.interviewers.order_by("pk")]
    for person in people:
        # An erased candidate (None) is no attendee.
        if person is not None and person.email:
            event.add("attendee", _address(person, role="REQ-PARTICIPANT"), encode=False)
    calendar.add_component(event)
    return calendar.to_ical()


def calendar_mimetype(method: str) -> str:
    return f"text/calendar; method={method}; charset=utf-8"
