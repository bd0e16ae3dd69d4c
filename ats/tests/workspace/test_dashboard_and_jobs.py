"""The dashboard (/workspace/) and the job pages: create, edit, open, close, assign and unassign hiring managers."""

import re

import pytest

from ats.models import Job
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
    assert client.post(f"/workspace/jobs/{job.pk}/close/").status_code == 404
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN


@pytest.mark.django_db
def test_it_closes_and_reopens_a_job(client, recruiter, job):
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{job.pk}/close/", {"next": "dashboard"})
    assert response.url == "/workspace/"
    job.refresh_from_db()
    assert job.status == Job.Status.CLOSED
    client.post(f"/workspace/jobs/{job.pk}/open/")
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN


@pytest.mark.django_db
def test_closing_a_draft_is_refused_with_a_message(client, recruiter, acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{draft.pk}/close/", follow=True)
    assert "only an open job can be closed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Job.Status.DRAFT


@pytest.mark.django_db
def test_a_hiring_manager_cannot_open_or_close_a_job(client, hiring_manager, job):
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/jobs/{job.pk}/close/").status_code == 403
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN


@pytest.mark.django_db
def test_it_assigns_and_unassigns_a_hiring_manager(client, recruiter, job, other_hiring_manager):
    client.force_login(recruiter)
    page = client.get(f"/workspace/jobs/{job.pk}/").content.decode()
    assert f'<option value="{other_hiring_manager.pk}">' in page
    response = client.post(f"/workspace/jobs/{job.pk}/hiring-managers/", {"hiring_manager": other_hiring_manager.pk})
    assert response.status_code == 302
    assert job.hiring_managers.filter(pk=other_hiring_manager.pk).exists()
    client.post(f"/workspace/jobs/{job.pk}/hiring-managers/{other_hiring_manager.pk}/remove/")
    assert not job.hiring_managers.filter(pk=other_hiring_manager.pk).exists()


@pytest.mark.django_db
def test_it_refuses_to_assign_another_company_manager(client, recruiter, job, outsider_hiring_manager):
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{job.pk}/hiring-managers/", {"hiring_manager": outsider_hiring_manager.pk})
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not job.hiring_managers.filter(pk=outsider_hiring_manager.pk).exists()


@pytest.mark.django_db
def test_a_hiring_manager_cannot_assign_anyone(client, hiring_manager, job, other_hiring_manager):
    client.force_login(hiring_manager)
    response = client.post(f"/workspace/jobs/{job.pk}/hiring-managers/", {"hiring_manager": other_hiring_manager.pk})
    assert response.status_code == 403
    assert client.post(f"/workspace/jobs/{job.pk}/hiring-managers/{hiring_manager.pk}/remove/").status_code == 403
    assert list(job.hiring_managers.all()) == [hiring_manager]
