"""A candidate's profile for the hiring team: /workspace/candidates/<id>/."""

import pytest

from ats.services.applications import application_note_add
from ats.services.interviews import scorecard_submit
from ats.tests import factories
from ats.workflow import Rating


@pytest.fixture
def second_job(acme):
    return factories.JobFactory(company=acme, title="Product Designer")


@pytest.fixture
def two_applications(application, second_job, candidate):
    return application, factories.ApplicationFactory(job=second_job, candidate=candidate)


def url(candidate) -> str:
    return f"/workspace/candidates/{candidate.pk}/"


def test_recruiter_sees_every_application_notes_and_scorecards(client, recruiter, candidate, two_applications):
    first, second = two_applications
    application_note_add(application=second, author=recruiter, body="Great portfolio.")
    scorecard_submit(author=recruiter, application=first, recommendation=Rating.YES, notes="Solid fundamentals.")
    client.force_login(recruiter)
    response = client.get(url(candidate))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Backend Engineer" in page and "Product Designer" in page
    assert "Great portfolio." in page
    assert "Solid fundamentals." in page
    assert candidate.email in page


def test_hiring_manager_sees_only_the_applications_they_may(
    client, settings, hiring_manager, candidate, two_applications
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(hiring_manager)
    page = client.get(url(candidate)).content.decode()
    assert "Backend Engineer" in page
    assert "Product Designer" not in page


def test_a_person_without_visible_applications_is_not_found(
    client, settings, other_hiring_manager, candidate, application
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    assert client.get(url(candidate)).status_code == 404


def test_another_company_gets_not_found(client, outsider_recruiter, candidate, application):
    client.force_login(outsider_recruiter)
    assert client.get(url(candidate)).status_code == 404


def test_candidates_may_not_open_profiles(client, candidate, other_candidate, application):
    client.force_login(other_candidate)
    assert client.get(url(candidate)).status_code == 403


def test_the_application_page_links_the_profile_and_the_other_applications(
    client, recruiter, candidate, two_applications
):
    first, second = two_applications
    client.force_login(recruiter)
    page = client.get(f"/workspace/applications/{first.pk}/").content.decode()
    assert url(candidate) in page
    assert "Also applied to" in page
    assert f"/workspace/applications/{second.pk}/" in page
