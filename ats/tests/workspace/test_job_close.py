"""Closing a job (POST /workspace/jobs/<pk>/close/): it stops taking applications."""

import pytest

from ats.models import Job
from ats.tests import factories


@pytest.mark.django_db
def test_it_closes_an_open_job_and_goes_back_to_the_dashboard(client, recruiter, job):
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{job.pk}/close/", {"next": "dashboard"})
    assert response.url == "/workspace/"
    job.refresh_from_db()
    assert job.status == Job.Status.CLOSED


@pytest.mark.django_db
def test_closing_a_draft_is_refused_with_a_message(client, recruiter, acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{draft.pk}/close/", follow=True)
    assert "only an open job can be closed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Job.Status.DRAFT


@pytest.mark.django_db
def test_a_hiring_manager_cannot_close_a_job(client, hiring_manager, job):
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/jobs/{job.pk}/close/").status_code == 403
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN


@pytest.mark.django_db
def test_another_company_recruiter_gets_404_and_the_job_stays_open(client, outsider_recruiter, job):
    client.force_login(outsider_recruiter)
    assert client.post(f"/workspace/jobs/{job.pk}/close/").status_code == 404
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN
