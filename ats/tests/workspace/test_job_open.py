"""Opening a job (POST /workspace/jobs/<pk>/open/): a draft is published, a closed job reopened."""

import pytest

from ats.models import Job
from ats.tests import factories


@pytest.mark.django_db
def test_it_reopens_a_closed_job(client, recruiter, acme):
    closed = factories.JobFactory(company=acme, status=Job.Status.CLOSED)
    client.force_login(recruiter)
    client.post(f"/workspace/jobs/{closed.pk}/open/")
    closed.refresh_from_db()
    assert closed.status == Job.Status.OPEN


@pytest.mark.django_db
def test_a_hiring_manager_cannot_open_a_job(client, hiring_manager, acme):
    closed = factories.JobFactory(company=acme, status=Job.Status.CLOSED)
    client.force_login(hiring_manager)
    assert client.post(f"/workspace/jobs/{closed.pk}/open/").status_code == 403
    closed.refresh_from_db()
    assert closed.status == Job.Status.CLOSED
