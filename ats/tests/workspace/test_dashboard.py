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
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "0", "0", "1", "0", "0", "2"]
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
