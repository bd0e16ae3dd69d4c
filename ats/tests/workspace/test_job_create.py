"""Creating a job (POST /workspace/jobs/new/)."""

import pytest

from ats.models import Job


@pytest.mark.django_db
def test_it_creates_a_job_as_a_draft(client, recruiter, acme):
    client.force_login(recruiter)
    response = client.post(
        "/workspace/jobs/new/",
        {"title": "Data Engineer", "description": "Pipelines.", "location": "Berlin", "employment_type": "full_time"},
    )
    job = Job.objects.get(title="Data Engineer")
    assert response.status_code == 302
    assert response.url == f"/workspace/jobs/{job.pk}/"
    assert (job.company, job.status) == (acme, Job.Status.DRAFT)


@pytest.mark.django_db
def test_it_says_what_to_fix_in_a_job_without_title(client, recruiter):
    client.force_login(recruiter)
    response = client.post("/workspace/jobs/new/", {"title": "", "description": "x", "employment_type": "full_time"})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["hiring_manager", "candidate"])
def test_others_cannot_create_jobs(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post("/workspace/jobs/new/", {"title": "X", "description": "x", "employment_type": "full_time"})
    assert response.status_code == 403
    assert not Job.objects.filter(title="X").exists()
