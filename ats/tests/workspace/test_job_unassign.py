"""Unassigning a hiring manager from a job (POST /workspace/jobs/<pk>/hiring-managers/<user_pk>/remove/)."""

import pytest


@pytest.mark.django_db
def test_it_unassigns_a_hiring_manager(client, recruiter, job, other_hiring_manager):
    job.hiring_managers.add(other_hiring_manager)
    client.force_login(recruiter)
    response = client.post(f"/workspace/jobs/{job.pk}/hiring-managers/{other_hiring_manager.pk}/remove/")
    assert response.status_code == 302
    assert not job.hiring_managers.filter(pk=other_hiring_manager.pk).exists()


@pytest.mark.django_db
def test_a_hiring_manager_cannot_unassign_anyone(client, hiring_manager, job):
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/jobs/{job.pk}/hiring-managers/{hiring_manager.pk}/remove/").status_code == 403
    assert list(job.hiring_managers.all()) == [hiring_manager]
