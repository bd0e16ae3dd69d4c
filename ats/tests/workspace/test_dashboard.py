"""The dashboard (GET /workspace/): the company's jobs with their counts per stage."""

import re

import pytest

from ats.tests import factories
from ats.workflow import Stage


@pytest.mark.django_db
def test_it_lists_the_company_jobs_with_counts_per_stage(client, recruiter, job, application, globex):
    factories.ApplicationFactory(job=job, stage=Stage.OFFER)
    factories.JobFactory(company=globex, title="Globex secret job")
    client.force_login(recruiter)
    response = client.get("/workspace/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Backend Engineer" in html
    assert "Globex secret job" not in html
    row = html.split("Backend Engineer", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td [^>]*>(\d+)</td>", row) == ["1", "0", "0", "1", "0", "0", "2"]
    assert f'href="/workspace/jobs/{job.pk}/board/"' in html


@pytest.mark.django_db
def test_a_hiring_manager_sees_the_dashboard_without_job_controls(client, hiring_manager, job):
    client.force_login(hiring_manager)
    html = client.get("/workspace/").content.decode()
    assert "Backend Engineer" in html
    assert "New job" not in html
    assert f"/workspace/jobs/{job.pk}/close/" not in html


@pytest.mark.django_db
def test_candidates_cannot_use_the_workspace(client, candidate):
    client.force_login(candidate)
    assert client.get("/workspace/").status_code == 403


@pytest.mark.django_db
def test_it_lists_open_jobs_first_then_drafts_then_closed_ones(client, recruiter, acme):
    factories.JobFactory(company=acme, title="Closed newest", status="closed")
    factories.JobFactory(company=acme, title="Draft role", status="draft")
    factories.JobFactory(company=acme, title="Open older", status="open")
    factories.JobFactory(company=acme, title="Open newest", status="open")
    client.force_login(recruiter)
    html = client.get("/workspace/").content.decode()
    titles = re.findall(r'<th scope="row" class="jobs-table__job">\s*<a href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Open newest", "Open older", "Draft role", "Closed newest"]


@pytest.mark.django_db
def test_a_hiring_manager_sees_which_jobs_are_theirs(client, hiring_manager, job, acme):
    factories.JobFactory(company=acme, title="Someone else's role")
    client.force_login(hiring_manager)
    html = client.get("/workspace/").content.decode()
    mine = html.split("Backend Engineer", 1)[1].split("</th>", 1)[0]
    theirs = html.split("Someone else&#x27;s role", 1)[1].split("</th>", 1)[0]
    assert "Assigned to you" in mine
    assert "Assigned to you" not in theirs


@pytest.mark.django_db
def test_zero_counts_are_muted_and_others_are_not(client, recruiter, job, application):
    client.force_login(recruiter)
    html = client.get("/workspace/").content.decode()
    assert '<td class="jobs-table__count" data-label="Applied">1</td>' in html
    assert '<td class="jobs-table__count jobs-table__count--zero" data-label="Screening">0</td>' in html
