"""The API shows people by name: an application carries its candidate's first and
last name besides the display name."""

import pytest

from ats.tests import factories


@pytest.mark.django_db
def test_an_application_carries_the_candidates_first_and_last_name(api_as, recruiter, job):
    nora = factories.CandidateFactory(username="nora", first_name="Nora", last_name="Quinn")
    application = factories.ApplicationFactory(job=job, candidate=nora)
    data = api_as(recruiter).get(f"/api/applications/{application.pk}/").json()
    assert (data["candidate_name"], data["candidate_first_name"], data["candidate_last_name"]) == (
        "Nora Quinn",
        "Nora",
        "Quinn",
    )


@pytest.mark.django_db
def test_a_candidate_without_a_name_is_named_by_username_with_empty_name_fields(api_as, recruiter, job):
    legacy = factories.CandidateFactory(username="legacy", first_name="", last_name="")
    factories.ApplicationFactory(job=job, candidate=legacy)
    [row] = api_as(recruiter).get("/api/applications/").json()["results"]
    assert (row["candidate_name"], row["candidate_first_name"], row["candidate_last_name"]) == ("legacy", "", "")
