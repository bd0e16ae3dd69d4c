"""Assigning a hiring manager to a job (POST /workspace/jobs/<pk>/hiring-managers/)."""

import pytest


@pytest.mark.django_db
def test_it_offers_and_assigns_another_hiring_manager_of_the_company(client, recruiter, job, other_hiring_manager):
    client.force_login(recruiter)
    page = client.get(f"/workspace/jobs/{job.pk}/").content.decode()
    assert f'<option value="{other_hiring_manager.pk}">' in page
    response = client.post(f"/workspace/jobs/{job.pk}/hiring-managers/", {"hiring_manager": other_hiring_manager.pk})
    assert response.status_code == 302
    assert job.hiring_managers.filter(pk=other_hiring_manager.pk).exists()


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
    assert list(job.hiring_managers.all()) == [hiring_manager]
