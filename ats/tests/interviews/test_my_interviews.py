"""My interviews (GET /workspace/interviews/): the interviews the user is on, upcoming and
past, each with the candidate, the job, the time in their zone, the place and the scorecard."""

import re
import zoneinfo

import pytest

from ats.services.interviews import interview_cancel, interview_schedule, scorecard_submit
from ats.tests.interviews.conftest import BERLIN, days_ahead, move_to_the_past
from ats.workflow import Rating

URL = "/workspace/interviews/"


def section_of(html: str, heading_id: str) -> str:
    return re.search(rf'<section class="panel" aria-labelledby="{heading_id}">.*?</section>', html, re.S).group(0)


@pytest.mark.django_db
def test_it_lists_the_users_upcoming_interviews_with_what_they_need(client, hiring_manager, scheduled, screening):
    hiring_manager.time_zone = BERLIN
    hiring_manager.save(update_fields=["time_zone"])
    client.force_login(hiring_manager)
    response = client.get(URL)
    html = response.content.decode()
    upcoming = section_of(html, "upcoming")
    start = scheduled.starts_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    assert response.status_code == 200
    assert "The interviews you are on, in your time zone, Europe/Berlin." in html
    assert (
        f'<a href="/workspace/applications/{screening.pk}/#interviews"><strong>{screening.candidate.display_name}'
        in upcoming
    )
    assert "Backend Engineer · Technical interview" in upcoming
    assert f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}" in upcoming
    assert "Room 4" in upcoming
    assert "Scorecard:" not in upcoming
    assert "No past interviews yet." in section_of(html, "past")


@pytest.mark.django_db
def test_past_interviews_show_the_scorecard_to_do_then_submitted(client, hiring_manager, scheduled, screening):
    move_to_the_past(scheduled)
    client.force_login(hiring_manager)
    past = section_of(client.get(URL).content.decode(), "past")
    assert '<span class="badge badge--warning">to do</span>' in past
    assert f'<a href="/workspace/interviews/{scheduled.pk}/scorecard/">Write your scorecard' in past
    assert screening.candidate.display_name in past

    scorecard_submit(author=hiring_manager, interview=scheduled, recommendation=Rating.STRONG_YES)
    html = client.get(URL).content.decode()
    assert '<span class="badge badge--success">submitted</span>' in section_of(html, "past")
    assert "No upcoming interviews." in section_of(html, "upcoming")


@pytest.mark.django_db
def test_offers_cancelled_interviews_and_others_interviews_are_not_listed(
    client, recruiter, hiring_manager, other_hiring_manager, offered, screening
):
    cancelled = interview_schedule(
        application=screening, organizer=recruiter, starts_at=days_ahead(2), duration=30, interviewers=[recruiter]
    )
    interview_cancel(interview=cancelled, actor=recruiter)
    interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=days_ahead(3),
        duration=30,
        interviewers=[other_hiring_manager],
        title="Someone else's",
    )
    client.force_login(recruiter)
    html = client.get(URL).content.decode()
    assert "No upcoming interviews." in html
    assert "Someone else" not in html
    assert "First call" not in html


@pytest.mark.django_db
def test_the_navigation_leads_the_team_here(client, recruiter, hiring_manager, candidate):
    for person in (recruiter, hiring_manager):
        client.force_login(person)
        html = client.get("/workspace/").content.decode()
        assert '<a href="/workspace/interviews/">Interviews</a>' in html
        assert '<a href="/workspace/interviews/" aria-current="page">Interviews</a>' in client.get(URL).content.decode()
    client.force_login(candidate)
    assert "/workspace/interviews/" not in client.get("/applications/").content.decode()


@pytest.mark.django_db
def test_a_candidate_gets_403(client, candidate):
    client.force_login(candidate)
    assert client.get(URL).status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
