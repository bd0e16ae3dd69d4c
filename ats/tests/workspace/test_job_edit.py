"""A job's page (/workspace/jobs/<pk>/): editing it."""

import pytest


@pytest.mark.django_db
def test_it_edits_a_job(client, recruiter, job):
    client.force_login(recruiter)
    client.post(
        f"/workspace/jobs/{job.pk}/",
        {"title": "Staff Engineer", "description": "More.", "location": "", "employment_type": "contract"},
    )
    job.refresh_from_db()
    assert (job.title, job.employment_type) == ("Staff Engineer", "contract")


@pytest.mark.django_db
def test_a_hiring_manager_cannot_edit_a_job(client, hiring_manager, job):
    client.force_login(hiring_manager)
    response = client.post(
        f"/workspace/jobs/{job.pk}/", {"title": "Hacked", "description": "x", "employment_type": "full_time"}
    )
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.title == "Backend Engineer"


@pytest.mark.django_db
def test_another_company_recruiter_gets_404_for_a_job(client, outsider_recruiter, job):
    client.force_login(outsider_recruiter)
    assert client.get(f"/workspace/jobs/{job.pk}/").status_code == 404
