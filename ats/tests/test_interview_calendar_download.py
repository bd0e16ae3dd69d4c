"""An interview's "Add to calendar" file (/interviews/<pk>/calendar.ics): the booked
interview as METHOD:PUBLISH of the same event the invitations carry."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from ats import calendar
from ats.services.applications import application_change_stage
from ats.services.interviews import interview_cancel, interview_reschedule, interview_schedule, interview_slots_offer


def at(days: int, hour: int) -> datetime:
    """`days` from today at `hour`:00 UTC."""
    return (timezone.now() + timedelta(days=days)).astimezone(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def screening(application, recruiter):
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    return application


@pytest.fixture
def scheduled(screening, recruiter, hiring_manager):
    interview = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=at(3, 15),
        duration=45,
        interviewers=[hiring_manager, recruiter],
        title="Technical interview",
        video_link="https://meet.example.com/abc-defg",
    )
    # Moved once: the file carries the event's current SEQUENCE.
    return interview_reschedule(interview=interview, actor=recruiter, starts_at=at(4, 15))


def event_of(response):
    parsed = Calendar.from_ical(response.content)
    [event] = parsed.walk("VEVENT")
    return parsed, event


@pytest.mark.django_db
def test_the_candidate_downloads_the_interview_as_a_calendar_file(
    client, candidate, scheduled, recruiter, hiring_manager
):
    client.force_login(candidate)
    response = client.get(f"/interviews/{scheduled.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="interview-{at(4, 15):%Y-%m-%d}.ics"'
    assert response["Cache-Control"] == "private, no-store"
    parsed, event = event_of(response)
    assert parsed["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == calendar.event_uid(scheduled)
    assert event["SEQUENCE"] == 1 == scheduled.sequence
    assert event.decoded("DTSTART") == at(4, 15)
    assert event.decoded("DTEND") == at(4, 15) + timedelta(minutes=45)
    attendees = {str(address).lower() for address in event["ATTENDEE"]}
    assert attendees == {f"mailto:{person.email}" for person in (candidate, recruiter, hiring_manager)}
    assert str(event["SUMMARY"]) == "Technical interview: Backend Engineer at Acme"
    assert str(event["URL"]) == "https://meet.example.com/abc-defg"


@pytest.mark.django_db
def test_the_file_is_named_after_the_day_in_the_viewers_own_zone(client, candidate, screening, recruiter):
    late_at_night_utc = at(5, 2)
    interview = interview_schedule(
        application=screening, organizer=recruiter, starts_at=late_at_night_utc, duration=30, interviewers=[recruiter]
    )
    candidate.time_zone = "America/New_York"
    candidate.save(update_fields=["time_zone"])
    client.force_login(candidate)
    response = client.get(f"/interviews/{interview.pk}/calendar.ics")
    the_day_before = (late_at_night_utc - timedelta(days=1)).date()
    assert response["Content-Disposition"] == f'attachment; filename="interview-{the_day_before:%Y-%m-%d}.ics"'


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_the_team_downloads_it_worded_for_the_team(client, request, candidate, scheduled, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/interviews/{scheduled.pk}/calendar.ics")
    assert response.status_code == 200
    _, event = event_of(response)
    assert str(event["SUMMARY"]) == f"Technical interview: {candidate.display_name} for Backend Engineer"
    assert str(event["UID"]) == calendar.event_uid(scheduled)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_candidate", "outsider_recruiter", "outsider_hiring_manager"])
def test_someone_outside_the_application_gets_404(client, request, scheduled, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/interviews/{scheduled.pk}/calendar.ics")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"
    assert b"BEGIN:VCALENDAR" not in response.content


@pytest.mark.django_db
def test_an_anonymous_visitor_is_taken_to_log_in(client, scheduled):
    response = client.get(f"/interviews/{scheduled.pk}/calendar.ics")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/interviews/{scheduled.pk}/calendar.ics"


@pytest.mark.django_db
def test_an_offered_interview_has_no_calendar_file(client, candidate, recruiter, screening):
    offered = interview_slots_offer(
        application=screening, organizer=recruiter, slots=[at(5, 9), at(5, 11)], duration=30, interviewers=[recruiter]
    )
    client.force_login(candidate)
    response = client.get(f"/interviews/{offered.pk}/calendar.ics")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_cancelled_interview_has_no_calendar_file(client, candidate, scheduled):
    interview_cancel(interview=scheduled, actor=None)
    client.force_login(candidate)
    assert client.get(f"/interviews/{scheduled.pk}/calendar.ics").status_code == 404


@pytest.mark.django_db
def test_the_download_is_a_get(client, candidate, scheduled):
    client.force_login(candidate)
    assert client.post(f"/interviews/{scheduled.pk}/calendar.ics").status_code == 405


@pytest.mark.django_db
def test_a_hiring_manager_neither_on_it_nor_assigned_may_not_download_it(client, other_hiring_manager, scheduled):
    client.force_login(other_hiring_manager)
    assert client.get(f"/interviews/{scheduled.pk}/calendar.ics").status_code == 403
