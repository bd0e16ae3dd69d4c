"""The API records its applications' source as `api` and filters the list by source."""

import pytest

from ats.tests import factories
from ats.tests.api.conftest import verify_email


@pytest.mark.django_db
def test_the_api_records_api_and_filters_by_source(api_as, job, candidate, recruiter, acme):
    verify_email(candidate)
    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": job.pk, "accept_privacy_notice": True}, format="json"
    )
    assert response.status_code == 201 and response.json()["source"] == "api"
    factories.ApplicationFactory(job=job, source="linkedin")
    team = api_as(recruiter)
    found = team.get("/api/applications/?source=LinkedIn").json()["results"]
    assert [row["source"] for row in found] == ["linkedin"]
    assert team.get("/api/applications/?source=api").json()["count"] == 1
