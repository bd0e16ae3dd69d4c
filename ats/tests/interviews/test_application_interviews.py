"""The interviews section of an application's page (GET /workspace/applications/<pk>/):
upcoming (offers first), past with the reader's scorecard, cancelled folded away, and
the ways to plan one for those who may, or why not."""

import re
import zoneinfo

import pytest

from ats.services.applications import application_change_stage
from ats.services.interviews import interview_cancel, interview_schedule, scorecard_submit
from ats.tests import factories
from ats.tests.interviews.conftest import BERLIN, days_ahead, move_to_the_past
from ats.workflow import Rating, Stage


def page(client, application) -> str:
    response = client.get(f"/workspace/applications/{application.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    return re.search(r'<section class="panel interviews".*?</section>', html, re.S).group(0)


@pytest.mark.django_db
def test_a_scheduled_interview_shows_its_time_in_the_readers_zone_place_and_people(
    client, recruiter, hiring_manager, scheduled, screening
):
    recruiter.time_zone = BERLIN
    recruiter.save(update_fields=["time_zone"])
    client.force_login(recruiter)
    html = section(page(client, screening))
    start = scheduled.starts_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    end = scheduled.ends_at.astimezone(zoneinfo.ZoneInfo(BERLIN))
    assert "Times in your time zone, Europe/Berlin." in html
    assert f"{start:%a} {start.day} {start:%b %Y}, {start:%H:%M}</time>–<time" in html
    assert f">{end:%H:%M}</time>" in html
    assert "<strong>Technical interview</strong> · 45 minutes" in html
    assert "Room 4" in html
    assert f"{recruiter.display_name} (you), {hiring_manager.display_name}" in html or (
        f"{hiring_manager.display_name}, {recruiter.display_name} (you)" in html
    )
    assert f'href="/workspace/interviews/{scheduled.pk}/reschedule/"' in html
    assert f'href="/workspace/interviews/{scheduled.pk}/cancel/"' in html


@pytest.mark.django_db
def test_offered_times_come_first_waiting_for_the_candidate(client, recruiter, scheduled, offered, screening):
    client.force_login(recruiter)
    html = section(page(client, screening))
    assert "Waiting for the candidate to pick one of 3 times:" in html
    assert html.index("First call") < html.index("Technical interview")
    slots = re.search(r'<ul class="interview__slots">(.*?)</ul>', html, re.S).group(1)
    assert slots.count("<li>") == 3
    assert f'href="/workspace/interviews/{offered.pk}/cancel/"' in html
    assert f'href="/workspace/interviews/{offered.pk}/reschedule/"' not in html


@pytest.mark.django_db
def test_a_past_interview_shows_its_interviewer_the_scorecard_to_do(client, hiring_manager, scheduled, screening):
    move_to_the_past(scheduled)
    client.force_login(hiring_manager)
    html = section(page(client, screening))
    assert "<h3>Past</h3>" in html
    assert "No upcoming interviews." in html
    scorecard = re.search(r'<p class="interview__scorecard">(.*?)</p>', html, re.S).group(1)
    assert '<span class="badge badge--warning">to do</span>' in scorecard
    # The way to it is the scorecards section's, once on the page.
    assert "Write your scorecard" not in scorecard
    assert page(client, screening).count(f'href="/workspace/interviews/{scheduled.pk}/scorecard/"') == 1

    scorecard_submit(author=hiring_manager, interview=scheduled, recommendation=Rating.YES)
    html = section(page(client, screening))
    assert '<span class="badge badge--success">submitted</span>' in html
    assert "/scorecard/" not in html


@pytest.mark.django_db
def test_a_teammate_who_did_not_interview_is_asked_for_no_scorecard(client, acme, scheduled, screening):
    client.force_login(factories.RecruiterFactory(company=acme))
    move_to_the_past(scheduled)
    html = section(page(client, screening))
    assert "Technical interview" in html
    assert "Scorecard:" not in html


@pytest.mark.django_db
def test_cancelled_interviews_are_folded_away(client, recruiter, scheduled, screening):
    interview_cancel(interview=scheduled, actor=recruiter)
    client.force_login(recruiter)
    html = section(page(client, screening))
    cancelled = re.search(r'<details class="interviews__cancelled">(.*?)</details>', html, re.S).group(1)
    assert "<summary>Cancelled (1)</summary>" in cancelled
    assert "Technical interview" in cancelled
    assert "No upcoming interviews." in html


@pytest.mark.django_db
def test_the_team_that_may_plan_is_offered_to_schedule_or_offer_times(client, hiring_manager, screening):
    client.force_login(hiring_manager)
    html = section(page(client, screening))
    assert f'href="/workspace/applications/{screening.pk}/interviews/new/">Schedule an interview</a>' in html
    assert f'href="/workspace/applications/{screening.pk}/interviews/offer/">Offer times</a>' in html
    assert "No upcoming interviews." in html


@pytest.mark.django_db
def test_an_unassigned_hiring_manager_reads_but_is_told_who_plans(client, other_hiring_manager, scheduled, screening):
    client.force_login(other_hiring_manager)
    html = section(page(client, screening))
    assert "Technical interview" in html
    assert "Only recruiters and this job's hiring managers plan its interviews." in html
    assert "/interviews/new/" not in html
    assert "/reschedule/" not in html and "/cancel/" not in html


@pytest.mark.django_db
def test_an_application_in_applied_says_to_move_it_to_screening(client, recruiter, application):
    client.force_login(recruiter)
    html = section(page(client, application))
    assert "this one is in Applied, so none can be planned. Move it to Screening first." in html
    assert "/interviews/new/" not in html


@pytest.mark.django_db
def test_a_closed_application_plans_no_more_interviews(client, recruiter, scheduled, screening):
    application_change_stage(
        application=screening, to_stage=Stage.REJECTED, actor=recruiter, reason="not_qualified", from_stage="Screening"
    )
    client.force_login(recruiter)
    html = section(page(client, screening))
    assert "this one is in Rejected, so none can be planned. It is closed, so no more interviews are planned." in html
    assert "/interviews/new/" not in html
    # Rejecting cancelled the interview that was coming (the service's rule), and the page shows it so.
    assert "<summary>Cancelled (1)</summary>" in html


@pytest.mark.django_db
def test_the_section_sits_after_the_notes(client, recruiter, screening):
    client.force_login(recruiter)
    html = page(client, screening)
    assert html.index('id="notes"') < html.index('id="interviews"')


@pytest.mark.django_db
def test_an_interviewing_hiring_manager_not_assigned_sees_the_interview_but_cannot_change_it(
    client, recruiter, other_hiring_manager, screening, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    interview = interview_schedule(
        application=screening,
        organizer=recruiter,
        starts_at=days_ahead(2),
        duration=30,
        interviewers=[other_hiring_manager],
    )
    client.force_login(other_hiring_manager)
    html = section(page(client, screening))
    assert f"{other_hiring_manager.display_name} (you)" in html
    assert f"/workspace/interviews/{interview.pk}/reschedule/" not in html
