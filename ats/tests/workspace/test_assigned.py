"""A hiring manager's "Assigned to me" (/workspace/assigned/)."""

import pytest

from ats.tests import factories
from ats.workflow import Stage


@pytest.mark.django_db
def test_it_groups_the_assigned_jobs_applications_by_job_and_stage(client, hiring_manager, job, application, acme):
    interviewing = factories.ApplicationFactory(job=job, stage=Stage.INTERVIEW)
    other_job = factories.JobFactory(company=acme, title="Unassigned Job")
    factories.ApplicationFactory(job=other_job, candidate__first_name="Hidden", candidate__last_name="Person")
    client.force_login(hiring_manager)
    html = client.get("/workspace/assigned/").content.decode()
    assert "Backend Engineer" in html
    assert "Unassigned Job" not in html and "Hidden Person" not in html
    applied, interview = html.index('badge--Applied">Applied'), html.index('badge--Interview">Interview')
    assert applied < html.index(application.candidate.display_name) < interview
    assert interview < html.index(interviewing.candidate.display_name)
    assert f'href="/workspace/jobs/{job.pk}/board/"' in html


@pytest.mark.django_db
def test_it_says_so_when_nothing_is_assigned(client, other_hiring_manager, job):
    client.force_login(other_hiring_manager)
    assert "You are not assigned to any job yet." in client.get("/workspace/assigned/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["recruiter", "candidate"])
def test_only_hiring_managers_have_an_assigned_list(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/workspace/assigned/").status_code == 403
