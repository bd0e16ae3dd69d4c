"""The calendar files of interviews, parsed back with icalendar: method, UID,
SEQUENCE, attendees and the instant, across a daylight-saving change too; and
the emails that carry them, with the time in each recipient's own zone."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from ats import calendar
from ats.models import OutboxEmail
from ats.services.applications import application_change_stage
from ats.services.interviews import interview_cancel, interview_reschedule, interview_schedule
from ats.workflow import Stage

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def parse(data: bytes):
    parsed = Calendar.from_ical(data)
    (event,) = parsed.walk("VEVENT")
    return parsed, event


def attendees(event) -> set[str]:
    values = event.get("attendee")
    values = values if isinstance(values, list) else [values]
    return {str(value).removeprefix("mailto:") for value in values}


@pytest.fixture
def screening(application, recruiter):
    application_change_stage(application=application, to_stage=Stage.SCREENING, actor=recruiter)
    return application


def next_year(month: int, day: int, hour: int, zone=BERLIN) -> datetime:
    return datetime(timezone.now().year + 1, month, day, hour, 0, tzinfo=zone)


@pytest.mark.django_db
def test_an_invitation_is_a_request_with_a_stable_uid_attendees_and_the_instant(
    screening, recruiter, hiring_manager, candidate
):
    starts = next_year(3, 10, 14)
    interview = interview_schedule(
        application=screening, organizer=recruiter, starts_at=starts, duration=45, interviewers=[hiring_manager]
    )
    parsed, event = parse(calendar.interview_calendar(interview, method=calendar.REQUEST, for_candidate=True))
    assert str(parsed["method"]) == "REQUEST"
    assert str(event["uid"]) == calendar.event_uid(interview)
    assert calendar.event_uid(interview).startswith(str(interview.uid) + "@")
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstart") == starts and event.decoded("dtend") == starts + timedelta(minutes=45)
    assert attendees(event) == {candidate.email, hiring_manager.email}
    assert str(event["organizer"]) == f"mailto:{recruiter.email}"
    assert "Backend Engineer at Acme" in str(event["summary"])


@pytest.mark.django_db
def test_the_teams_copy_names_the_candidate(screening, recruiter, hiring_manager, candidate):
    interview = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=next_year(3, 10, 14),
        duration=30,
        interviewers=[recruiter],
    )
    _, event = parse(calendar.interview_calendar(interview, method=calendar.REQUEST, for_candidate=False))
    assert candidate.display_name in str(event["summary"])


@pytest.mark.django_db
def test_a_reschedule_across_a_daylight_saving_change_keeps_the_uid_and_the_local_time(
    screening, recruiter, hiring_manager
):
    # 14:00 in Berlin is 13:00 UTC in winter (CET) and 12:00 UTC in summer (CEST).
    winter, summer = next_year(3, 20, 14), next_year(4, 3, 14)
    interview = interview_schedule(
        application=screening, organizer=recruiter, starts_at=winter, duration=60, interviewers=[hiring_manager]
    )
    _, before = parse(calendar.interview_calendar(interview, method=calendar.REQUEST, for_candidate=True))
    moved = interview_reschedule(interview=interview, actor=recruiter, starts_at=summer)
    _, after = parse(calendar.interview_calendar(moved, method=calendar.REQUEST, for_candidate=True))
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert before.decoded("dtstart").astimezone(zoneinfo.ZoneInfo("UTC")).hour == 13
    assert after.decoded("dtstart").astimezone(zoneinfo.ZoneInfo("UTC")).hour == 12
    assert after.decoded("dtstart").astimezone(BERLIN).hour == 14


@pytest.mark.django_db
def test_a_cancellation_is_method_cancel_with_the_same_uid_and_a_higher_sequence(screening, recruiter, hiring_manager):
    interview = interview_schedule(
        application=screening, organizer=recruiter, starts_at=next_year(5, 5, 9), duration=30, interviewers=[recruiter]
    )
    cancelled = interview_cancel(interview=interview, actor=recruiter)
    parsed, event = parse(calendar.interview_calendar(cancelled, method=calendar.CANCEL, for_candidate=True))
    assert (str(parsed["method"]), str(event["status"]), int(event["sequence"])) == ("CANCEL", "CANCELLED", 1)
    assert str(event["uid"]) == calendar.event_uid(interview)


def test_a_time_is_described_in_the_readers_zone_with_its_name():
    starts = datetime(2027, 7, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    text = calendar.describe_time(starts, starts + timedelta(minutes=30), "America/New_York")
    assert text == "Thu 1 Jul 2027, 08:00–08:30 (America/New_York, EDT)"
    assert calendar.describe_time(starts, starts + timedelta(hours=1), "Not/AZone").endswith("(UTC, UTC)")


@pytest.mark.django_db(transaction=True)
def test_each_recipient_reads_the_time_in_their_own_zone_and_gets_the_file(
    screening, recruiter, hiring_manager, candidate, settings, task_queue
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    candidate.time_zone, hiring_manager.time_zone = "America/New_York", "Asia/Tokyo"
    candidate.save()
    hiring_manager.save()
    starts = datetime(timezone.now().year + 1, 1, 15, 15, 0, tzinfo=zoneinfo.ZoneInfo("UTC"))
    interview_schedule(
        application=screening, organizer=recruiter, starts_at=starts, duration=60, interviewers=[hiring_manager]
    )
    task_queue.drain()
    stored = {email.to: email for email in OutboxEmail.objects.filter(dedupe_key__startswith="interview:scheduled:")}
    assert "10:00–11:00 (America/New_York, EST)" in stored[candidate.email].text_body
    assert "00:00–01:00 (Asia/Tokyo, JST)" in stored[hiring_manager.email].text_body
    assert "(America/New_York, EST)" in stored[candidate.email].html_body
    sent = {message.to[0]: message for message in mail.outbox if "Interview invitation" in message.subject}
    message = sent[candidate.email].message()
    parts = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename() == "invite.ics"
    assert str(parse(parts[0].get_payload(decode=True))[1]["uid"]) == calendar.event_uid(screening.interviews.get())


@pytest.mark.django_db(transaction=True)
def test_a_retry_sends_the_same_calendar_bytes(screening, recruiter, hiring_manager, settings):
    from ats import outbox

    interview_schedule(
        application=screening, organizer=recruiter, starts_at=next_year(6, 1, 10), duration=30, interviewers=[recruiter]
    )
    email = OutboxEmail.objects.filter(dedupe_key__startswith="interview:scheduled:").first()
    stored = bytes(email.attachments.get().content)
    OutboxEmail.objects.filter(pk=email.pk).update(status=OutboxEmail.Status.PENDING)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    outbox.email_send(email_id=email.pk)
    (part,) = [p for p in mail.outbox[0].message().walk() if p.get_content_type() == "text/calendar"]
    assert part.get_payload(decode=True) == stored
