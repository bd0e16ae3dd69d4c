"""The tags' cells of domain.md's permission table ("tag applications": recruiters their
own company, hiring managers as for applications, candidates never), and who manages
the company's list."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ats.models import Interview
from ats.tests.test_rules import allowed

TEAM_OF_ACME = {"recruiter", "hiring_manager", "other_hiring_manager"}


@pytest.mark.django_db
def test_only_own_company_recruiters_manage_the_tags(people, acme, top5):
    assert allowed(people, "ats.manage_tags", acme) == {"recruiter"}
    assert allowed(people, "ats.manage_tags", top5) == {"recruiter"}
    # Without an object (the page itself): any recruiter; the page then asks with their company.
    assert allowed(people, "ats.manage_tags", None) == {"recruiter", "outsider_recruiter"}
    assert not AnonymousUser().has_perm("ats.manage_tags", acme)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("see_all", "expected"),
    [(True, TEAM_OF_ACME), (False, {"recruiter", "hiring_manager"})],
)
def test_the_team_who_sees_an_application_tags_it_never_its_candidate(people, application, settings, see_all, expected):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = see_all
    assert allowed(people, "ats.tag_application", application) == expected
    assert allowed(people, "ats.tag_job_applications", application.job) == expected
    assert not AnonymousUser().has_perm("ats.tag_application", application)


@pytest.mark.django_db
def test_an_unassigned_interviewer_tags_while_the_interview_stands(people, application, other_hiring_manager, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    start = timezone.now() + timedelta(days=2)
    interview = Interview.objects.create(
        application=application, title="Chat", starts_at=start, ends_at=start + timedelta(hours=1), duration=60
    )
    interview.interviewers.add(other_hiring_manager)
    assert allowed(people, "ats.tag_application", application) == TEAM_OF_ACME
    # Their view is of that one application, not of the job's board.
    assert allowed(people, "ats.tag_job_applications", application.job) == {"recruiter", "hiring_manager"}
