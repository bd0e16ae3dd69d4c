"""Scheduling an interview (GET/POST /workspace/applications/<pk>/interviews/new/): the
form, the time read in the scheduler's own zone, who may, and every refusal shown on
the form with nothing written."""

import datetime
import re

import pytest
from django.utils import timezone

from ats.models import Interview, OutboxEmail
from ats.tests import factories
from ats.tests.interviews.conftest import BERLIN, days_ahead, form_data
from ats.workflow import InterviewStatus


def schedule_url(application) -> str:
    return f"/workspace/applications/{application.pk}/interviews/new/"


def checked_interviewers(html: str) -> list[int]:
    """The ids of the interviewers' boxes that are ticked."""
    boxes = re.findall(r'<input type="checkbox" name="interviewers"[^>]*>', html)
    return [int(re.search(r'value="(\d+)"', box).group(1)) for box in boxes if " checked" in box]


@pytest.mark.django_db
def test_a_recruiter_schedules_an_interview_at_a_time_read_in_their_own_zone(client, recruiter, screening):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    when = days_ahead(2, 14, 30, zone=BERLIN)
    response = client.post(schedule_url(screening), form_data(when, recruiter, zone=BERLIN))

    assert response.status_code == 302
    assert response.url == f"/workspace/applications/{screening.pk}/#interviews"
    interview = Interview.objects.get()
    assert interview.starts_at == when
    assert interview.ends_at == when + datetime.timedelta(minutes=45)
    assert interview.status == InterviewStatus.SCHEDULED
    assert (interview.title, interview.location, interview.organizer) == ("Technical interview", "Room 4", recruiter)
    assert list(interview.interviewers.all()) == [recruiter]
    assert OutboxEmail.objects.filter(to=screening.candidate.email).exists()
    page = client.get(response.url).content.decode()
    assert f"is scheduled for {when:%a} {when.day} {when:%b %Y}, 14:30" in page


@pytest.mark.django_db
def test_the_form_names_the_team_preselects_the_scheduler_and_says_the_time_zone(
    client, recruiter, hiring_manager, other_hiring_manager, outsider_recruiter, screening
):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    response = client.get(schedule_url(screening))
    html = response.content.decode()

    assert response.status_code == 200
    assert '<input type="date" name="date"' in html
    assert '<input type="time" name="start_time"' in html
    assert "In your time zone, Europe/Berlin." in html
    assert 'value="Interview"' in html
    assert '<option value="45" selected>45 minutes</option>' in html
    assert '<option value="90">1 hour 30 minutes</option>' in html
    assert f"{recruiter.display_name} (you) · Recruiter" in html
    assert f"{hiring_manager.display_name} · Hiring manager" in html
    assert other_hiring_manager.display_name in html
    assert outsider_recruiter.display_name not in html
    assert recruiter.username not in html.split("<main")[1]
    assert checked_interviewers(html) == [recruiter.pk]


@pytest.mark.django_db
def test_an_assigned_hiring_manager_schedules_with_a_teammate(client, hiring_manager, other_hiring_manager, screening):
    client.force_login(hiring_manager)
    assert client.get(schedule_url(screening)).status_code == 200
    response = client.post(schedule_url(screening), form_data(days_ahead(1, 9), hiring_manager, other_hiring_manager))
    assert response.status_code == 302
    assert set(Interview.objects.get().interviewers.all()) == {hiring_manager, other_hiring_manager}


@pytest.mark.django_db
def test_an_unassigned_hiring_manager_who_sees_the_application_gets_403(client, other_hiring_manager, screening):
    client.force_login(other_hiring_manager)
    assert client.get(f"/workspace/applications/{screening.pk}/").status_code == 200
    assert client.get(schedule_url(screening)).status_code == 403
    assert client.post(schedule_url(screening), form_data(days_ahead(1), other_hiring_manager)).status_code == 403
    assert not Interview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider_recruiter", "outsider_hiring_manager", "other_candidate"])
def test_others_get_404(client, request, screening, recruiter, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(schedule_url(screening)).status_code == 404
    assert client.post(schedule_url(screening), form_data(days_ahead(1), recruiter)).status_code == 404
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_the_candidate_gets_403_for_their_own_application(client, candidate, recruiter, screening):
    client.force_login(candidate)
    assert client.get(schedule_url(screening)).status_code == 403
    assert client.post(schedule_url(screening), form_data(days_ahead(1), recruiter)).status_code == 403
    assert not Interview.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, screening):
    response = client.get(schedule_url(screening))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def refused(response, message: str) -> str:
    html = response.content.decode()
    assert response.status_code == 422, html
    assert message in html, html
    assert 'class="error-summary"' in html
    assert not Interview.objects.exists()
    return html


@pytest.mark.django_db
def test_a_time_that_has_passed_is_refused(client, recruiter, screening):
    client.force_login(recruiter)
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    response = client.post(schedule_url(screening), form_data(an_hour_ago, recruiter))
    refused(response, "which has passed: choose a later time.")


@pytest.mark.django_db
@pytest.mark.parametrize("minutes", ["600", "3", "50", "an hour"])
def test_a_duration_off_the_list_is_refused(client, recruiter, screening, minutes):
    client.force_login(recruiter)
    response = client.post(schedule_url(screening), form_data(days_ahead(1), recruiter, duration=minutes))
    refused(response, "Choose a duration from the list.")


@pytest.mark.django_db
def test_an_interviewer_from_another_company_is_refused(client, recruiter, outsider_recruiter, screening):
    client.force_login(recruiter)
    response = client.post(schedule_url(screening), form_data(days_ahead(1), recruiter, outsider_recruiter))
    refused(response, "Choose interviewers from your company&#x27;s team.")


@pytest.mark.django_db
def test_a_candidate_as_interviewer_is_refused(client, recruiter, candidate, screening):
    client.force_login(recruiter)
    response = client.post(schedule_url(screening), form_data(days_ahead(1), candidate))
    refused(response, "Choose interviewers from your company&#x27;s team.")


@pytest.mark.django_db
def test_no_interviewer_is_refused(client, recruiter, screening):
    client.force_login(recruiter)
    response = client.post(schedule_url(screening), form_data(days_ahead(1)))
    refused(response, "Choose at least one interviewer.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "next tuesday", "Enter a date, such as 2026-03-03."),
        ("start_time", "25:00", "Enter a time, such as 14:30."),
        ("date", "", "Choose the interview&#x27;s date."),
        ("title", "  ", "Give the interview a title"),
        ("video_link", "meet me at noon", "Enter the video link as a full web address"),
    ],
)
def test_malformed_input_is_refused_on_the_form(client, recruiter, screening, field, value, message):
    client.force_login(recruiter)
    response = client.post(schedule_url(screening), form_data(days_ahead(1), recruiter, **{field: value}))
    refused(response, message)


@pytest.mark.django_db
def test_a_time_the_clocks_skip_is_refused_not_a_500(client, recruiter, screening):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    # 02:30 on the last Sunday of March does not exist in Berlin: the clocks go from 02:00 to 03:00.
    year = timezone.now().year + 1
    last_sunday = max(
        datetime.date(year, 3, day) for day in range(25, 32) if datetime.date(year, 3, day).weekday() == 6
    )
    data = form_data(days_ahead(1), recruiter, date=last_sunday.isoformat(), start_time="02:30")
    response = client.post(schedule_url(screening), data)
    refused(response, "couldn’t be interpreted in time zone Europe/Berlin")


@pytest.mark.django_db
def test_an_application_in_applied_is_refused_and_the_page_says_to_move_it_first(client, recruiter, application):
    client.force_login(recruiter)
    page = client.get(schedule_url(application))
    assert page.status_code == 200
    assert "this one is in Applied, so none can be planned. Move it to Screening first." in page.content.decode()
    assert 'name="start_time"' not in page.content.decode()

    response = client.post(schedule_url(application), form_data(days_ahead(1), recruiter))
    refused(response, "Move it to Screening first.")


@pytest.mark.django_db
def test_a_busy_interviewer_is_named_and_nothing_is_booked(client, recruiter, hiring_manager, scheduled, screening):
    client.force_login(recruiter)
    # Ten minutes into the fixture's interview, with the hiring manager who is on it.
    overlapping = scheduled.starts_at + datetime.timedelta(minutes=10)
    response = client.post(schedule_url(screening), form_data(overlapping, hiring_manager))
    html = response.content.decode()
    assert response.status_code == 422
    assert f"{hiring_manager.display_name} is already in an interview from" in html
    assert "Choose another time or another interviewer." in html
    assert Interview.objects.get() == scheduled


@pytest.mark.django_db
def test_a_refused_form_keeps_what_was_typed(client, recruiter, screening):
    client.force_login(recruiter)
    past = timezone.now() - datetime.timedelta(days=1)
    data = form_data(past, recruiter, title="Culture fit", location="Café Central", duration="90")
    html = client.post(schedule_url(screening), data).content.decode()
    assert 'value="Culture fit"' in html
    assert 'value="Café Central"' in html
    assert '<option value="90" selected>' in html


@pytest.mark.django_db
def test_a_deactivated_teammate_is_not_offered_as_interviewer(client, recruiter, acme, screening):
    gone = factories.HiringManagerFactory(company=acme, first_name="Gone", last_name="Away", is_active=False)
    client.force_login(recruiter)
    assert "Gone Away" not in client.get(schedule_url(screening)).content.decode()
    response = client.post(schedule_url(screening), form_data(days_ahead(1), gone))
    refused(response, "Choose interviewers from your company&#x27;s team.")
