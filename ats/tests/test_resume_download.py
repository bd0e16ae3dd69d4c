import pytest

from ats.tests import factories


@pytest.fixture
def application_with_resume(job, candidate):
    return factories.ApplicationFactory(job=job, candidate=candidate, resume=factories.pdf_upload())


def url(application) -> str:
    return f"/applications/{application.pk}/resume/"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["candidate", "recruiter", "hiring_manager"])
def test_it_serves_the_resume_to_those_allowed(client, request, application_with_resume, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(application_with_resume))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_candidate", "outsider_recruiter", "outsider_hiring_manager"])
def test_it_answers_404_to_everyone_else(client, request, application_with_resume, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(application_with_resume))
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unassigned_manager_gets_404_when_managers_see_assigned_only(
    client, application_with_resume, other_hiring_manager, settings
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client.force_login(other_hiring_manager)
    assert client.get(url(application_with_resume)).status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client, application_with_resume):
    response = client.get(url(application_with_resume))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_an_application_without_resume_is_404(client, application, candidate):
    client.force_login(candidate)
    assert client.get(url(application)).status_code == 404


@pytest.mark.django_db
def test_the_file_is_named_after_the_candidate(client, recruiter, job):
    person = factories.CandidateFactory(username="u-83", first_name="Zoë", last_name="O'Brien")
    application = factories.ApplicationFactory(job=job, candidate=person, resume=factories.pdf_upload())
    client.force_login(recruiter)
    response = client.get(url(application))
    assert f'filename="resume-zoe-obrien-{application.pk}.pdf"' in response["Content-Disposition"]
