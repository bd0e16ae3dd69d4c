import pytest

from ats.models import Job
from ats.tests import factories


@pytest.mark.django_db
def test_it_shows_an_open_job_with_the_apply_form_to_a_candidate(client, job, candidate):
    client.force_login(candidate)
    response = client.get(f"/jobs/{job.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 id="job-title">{job.title}</h1>' in page
    assert "Acme" in page
    assert f'action="/jobs/{job.pk}/apply/"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,application/pdf,' in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, "candidate", "outsider_recruiter"])
def test_a_draft_job_is_not_found(client, request, acme, who):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(f"/jobs/{draft.pk}/")
    assert response.status_code == 404
    assert draft.title not in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_job_is_not_found(client):
    assert client.get("/jobs/987654/").status_code == 404


@pytest.mark.django_db
def test_a_closed_job_says_it_no_longer_accepts_applications(client, acme, candidate):
    closed = factories.JobFactory(company=acme, status=Job.Status.CLOSED)
    client.force_login(candidate)
    page = client.get(f"/jobs/{closed.pk}/").content.decode()
    assert "This job no longer accepts applications." in page
    assert 'id="apply-form"' not in page


@pytest.mark.django_db
def test_an_anonymous_visitor_is_offered_log_in_and_sign_up_that_come_back_to_the_form(client, job):
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'href="/accounts/login/?next=/jobs/{job.pk}/apply/"' in page
    assert f'href="/accounts/signup/?next=/jobs/{job.pk}/apply/"' in page
    assert 'id="apply-form"' not in page


@pytest.mark.django_db
def test_a_recruiter_sees_that_only_candidates_apply(client, job, recruiter):
    client.force_login(recruiter)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Only candidates can apply to jobs." in page
    assert 'id="apply-form"' not in page


@pytest.mark.django_db
def test_a_candidate_who_applied_is_sent_to_my_applications(client, application):
    client.force_login(application.candidate)
    page = client.get(f"/jobs/{application.job.pk}/").content.decode()
    assert "You applied on" in page
    assert f'href="/applications/#application-{application.pk}"' in page
    assert 'id="apply-form"' not in page
