"""The selectors' querysets (what lists and lookups show) and the rules (what
`has_perm` says) state who sees what twice: lists can't ask a rule per row.
These tests walk every persona, every kind of object and both values of
ATS_HIRING_MANAGERS_SEE_ALL, and fail on the first cell where they disagree."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import Interview, Job, User
from ats.selectors.applications import applications_visible_to
from ats.selectors.jobs import jobs_visible_to, jobs_with_visible_applications
from ats.tests import factories
from ats.workflow import InterviewStatus

SEE_ALL = [True, False]


@pytest.fixture
def objects(acme, globex, job, candidate, other_candidate, other_hiring_manager):
    """Jobs in every status at both companies, and applications to each open one,
    from both candidates; `job` has `hiring_manager` assigned."""
    jobs = [job]
    for company in (acme, globex):
        for status in Job.Status:
            jobs.append(factories.JobFactory(company=company, status=status))
    open_jobs = [item for item in jobs if item.status == Job.Status.OPEN]
    applications = [
        factories.ApplicationFactory(job=item, candidate=person)
        for item in open_jobs
        for person in (candidate, other_candidate)
    ]
    # The unassigned hiring manager interviews on one Acme application (so sees
    # it while see-all is off), and was on a cancelled interview of another.
    acme_applications = [item for item in applications if item.job.company_id == acme.pk]
    interviewer = User.objects.get(username="mina")
    for item, interview_status in zip(
        acme_applications[-2:], (InterviewStatus.SCHEDULED, InterviewStatus.CANCELLED), strict=True
    ):
        start = timezone.now() + timedelta(days=3)
        interview = Interview.objects.create(
            application=item,
            title="Chat",
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            duration=60,
            status=interview_status,
        )
        interview.interviewers.add(interviewer)
    return {"jobs": jobs, "applications": applications}


def disagreements(users: dict, objects: list, scope, perm: str) -> list[str]:
    found = []
    for name, user in users.items():
        visible = set(scope(user).values_list("pk", flat=True))
        for obj in objects:
            if (obj.pk in visible) != user.has_perm(perm, obj):
                found.append(f"{name} on {obj!r}: selector {'shows' if obj.pk in visible else 'hides'}, rule disagrees")
    return found


@pytest.fixture
def everyone(people):
    from django.contrib.auth.models import AnonymousUser

    return {**people, "anonymous": AnonymousUser()}


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", SEE_ALL)
def test_visible_jobs_are_the_jobs_the_rules_let_you_view(everyone, objects, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert disagreements(everyone, objects["jobs"], jobs_visible_to, "ats.view_job") == []


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", SEE_ALL)
def test_jobs_with_visible_applications_are_the_boards_the_rules_let_you_view(everyone, objects, settings, see_all):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    problems = disagreements(everyone, objects["jobs"], jobs_with_visible_applications, "ats.view_job_applications")
    assert problems == []


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", SEE_ALL)
@pytest.mark.parametrize("perm", ["ats.view_application", "ats.download_resume"])
def test_visible_applications_are_the_applications_the_rules_let_you_view(everyone, objects, settings, see_all, perm):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert disagreements(everyone, objects["applications"], applications_visible_to, perm) == []


@pytest.mark.django_db
@pytest.mark.parametrize("see_all", SEE_ALL)
def test_the_walk_covers_both_answers_for_hiring_managers(people, objects, settings, see_all):
    """The walk above means something only if its objects include some a hiring
    manager sees and some they don't, whichever the setting (with see-all off,
    the one they interview on is the one they see)."""
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    manager = people["other_hiring_manager"]  # assigned to no job
    answers = {manager.has_perm("ats.view_application", item) for item in objects["applications"]}
    assert answers == {True, False}


@pytest.mark.django_db
def test_an_unassigned_hiring_manager_sees_what_they_interview_on_while_it_stands(people, objects, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    manager = people["other_hiring_manager"]
    standing = Interview.objects.get(interviewers=manager, status=InterviewStatus.SCHEDULED).application
    cancelled = Interview.objects.get(interviewers=manager, status=InterviewStatus.CANCELLED).application
    visible = set(applications_visible_to(manager))
    assert standing in visible and cancelled not in visible
    assert manager.has_perm("ats.view_application", standing)
    assert not manager.has_perm("ats.move_application", standing)
