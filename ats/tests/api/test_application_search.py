"""`?search=` on the applications list: the same search as the Candidates page, in the caller's scope."""

import pytest

from ats import search
from ats.models import Application
from ats.tests import factories


@pytest.fixture
def kubernetes_resume(job):
    application = factories.ApplicationFactory(
        job=job, candidate=factories.CandidateFactory(first_name="Ada", last_name="Lovelace")
    )
    Application.objects.filter(pk=application.pk).update(resume_text="Kubernetes operator for five years.")
    search.vectors_refresh(application_ids=[application.pk])
    return application


@pytest.mark.django_db
def test_search_finds_words_in_the_resume(api_as, recruiter, job, kubernetes_resume):
    factories.ApplicationFactory(job=job)
    response = api_as(recruiter).get("/api/applications/", {"search": "kubernetes"})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [kubernetes_resume.pk]


@pytest.mark.django_db
def test_search_stays_in_the_callers_scope(api_as, outsider_recruiter, kubernetes_resume):
    response = api_as(outsider_recruiter).get("/api/applications/", {"search": "kubernetes"})
    assert response.json()["count"] == 0


@pytest.mark.django_db
def test_search_of_any_text_answers_200_or_a_clear_400(api_as, recruiter, kubernetes_resume):
    client = api_as(recruiter)
    assert client.get("/api/applications/", {"search": "\"kube' & | !:*"}).json()["count"] == 1
    too_long = client.get("/api/applications/", {"search": "x" * 201})
    assert too_long.status_code == 400
    assert "at most 200 characters" in str(too_long.json())
    with_nul = client.get("/api/applications/", {"search": "kube\x00"})
    assert with_nul.status_code == 400
