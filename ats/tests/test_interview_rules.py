"""The interview cells of domain.md's permission table: schedule, reschedule and
cancel; submit a scorecard; see scorecards; the calendar file; picking a time.
Own company and other, assigned and unassigned, interviewer and not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import Interview
from ats.tests.conftest import PERSONAS
from ats.tests.test_rules import allowed

TEAM_OF_ACME = {"recruiter", "hiring_manager", "other_hiring_manager"}


@pytest.fixture
def interview(application, other_hiring_manager):
    """An interview on `application` (its job has `hiring_manager` assigned) with
    the unassigned `other_hiring_manager` as the interviewer."""
    start = timezone.now() + timedelta(days=2)
    interview = Interview.objects.create(
        application=application, title="Chat", starts_at=start, ends_at=start + timedelta(hours=1), duration=60
    )
    interview.interviewers.add(other_hiring_manager)
    return interview


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", [True, False])
def test_own_recruiters_and_assigned_managers_schedule_and_change_interviews(people, interview, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, "ats.schedule_interview", interview.application) == {"recruiter", "hiring_manager"}
    # The interviewer, unassigned, may not plan it: being on it is not running it.
    assert allowed(people, "ats.change_interview", interview) == {"recruiter", "hiring_manager"}


@pytest.mark.django_db
def test_only_the_interviewers_submit_a_scorecard(people, interview, recruiter):
    assert allowed(people, "ats.submit_scorecard", interview) == {"other_hiring_manager"}
    interview.interviewers.add(recruiter)
    assert allowed(people, "ats.submit_scorecard", interview) == {"recruiter", "other_hiring_manager"}


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", [True, False])
def test_scorecards_are_the_teams_who_see_the_application_never_the_candidates(people, interview, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    # With see-all off the unassigned manager still sees it: they interview on it.
    assert allowed(people, "ats.view_scorecards", interview.application) == TEAM_OF_ACME
    assert allowed(people, "ats.review_application", interview.application) == TEAM_OF_ACME


@pytest.mark.django_db
def test_an_unassigned_managers_view_ends_with_the_interview(people, interview, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    assert "other_hiring_manager" in allowed(people, "ats.view_application", interview.application)
    Interview.objects.filter(pk=interview.pk).update(status="cancelled")
    assert "other_hiring_manager" not in allowed(people, "ats.view_application", interview.application)


@pytest.mark.django_db
def test_the_calendar_file_is_the_candidates_the_interviewers_and_its_planners(people, interview):
    assert allowed(people, "ats.download_interview_calendar", interview) == {
        "candidate",
        "recruiter",
        "hiring_manager",
        "other_hiring_manager",
    }


@pytest.mark.django_db
def test_only_the_candidate_picks_a_time(people, interview):
    assert allowed(people, "ats.pick_interview_slot", interview) == {"candidate"}


@pytest.mark.django_db
def test_my_interviews_is_for_the_hiring_team(people):
    assert allowed(people, "ats.view_my_interviews", None) == {
        name for name in PERSONAS if "recruiter" in name or "hiring_manager" in name
    }


@pytest.mark.django_db
def test_only_own_recruiters_manage_a_jobs_criteria(people, job):
    assert allowed(people, "ats.manage_scorecard_criteria", job) == {"recruiter"}
