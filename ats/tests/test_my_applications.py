import pytest

from ats.services.applications import application_change_stage
from ats.tests import factories


@pytest.fixture
def moved_application(job, candidate, recruiter):
    application = factories.ApplicationFactory(job=job, candidate=candidate, resume=factories.pdf_upload())
    application_change_stage(application=application, to_stage="Screening", actor=recruiter)
    application_change_stage(application=application, to_stage="Interview", actor=recruiter)
    return application


@pytest.mark.django_db
def test_it_shows_each_application_with_job_company_date_and_stage(client, moved_application, candidate):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert moved_application.job.title in page
    assert "Acme · Applied on " + moved_application.created_at.strftime("%-d %B %Y") in page
    assert '<span class="badge badge--Interview">Interview</span>' in page


@pytest.mark.django_db
def test_it_shows_progress_along_the_pipeline(client, moved_application, candidate):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert page.count("stages__step--done") == 2
    assert page.count('aria-current="step"') == 1
    assert 'Interview</span>\n            <span class="visually-hidden">(current stage)' in page
    assert page.count("stages__step--upcoming") == 2


@pytest.mark.django_db
def test_it_shows_a_rejected_application_as_not_selected_after_the_stages_it_reached(
    client, moved_application, candidate, recruiter
):
    application_change_stage(
        application=moved_application, to_stage="Rejected", actor=recruiter, reason="not_qualified", note="Weak SQL"
    )
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert "stages--rejected" in page
    assert page.count("stages__step--done") == 3
    assert "stages__step--upcoming" not in page
    progress = page.split('aria-label="Progress of this application">')[1].split("</ol>")[0]
    assert "Offer" not in progress
    assert '<span class="stages__label">Not selected</span>' in progress
    assert '<span class="badge badge--Rejected">Not selected</span>' in page
    assert "<strong>Not selected</strong>" in page
    assert "Not qualified" not in page and "Weak SQL" not in page and "Rejected<" not in page


@pytest.mark.django_db
def test_it_shows_the_full_history_with_dates(client, moved_application, candidate):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert "Moved from Applied to <strong>Screening</strong>" in page
    assert "Moved from Screening to <strong>Interview</strong>" in page
    assert page.count("<time datetime=") == 3


@pytest.mark.django_db
def test_it_links_to_the_candidates_own_resume(client, moved_application, candidate):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert f'href="/applications/{moved_application.pk}/resume/"' in page
    download = client.get(f"/applications/{moved_application.pk}/resume/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_it_lists_only_the_candidates_own_applications(client, job, candidate, other_candidate):
    factories.ApplicationFactory(job=job, candidate=other_candidate)
    mine = factories.ApplicationFactory(job=factories.JobFactory(title="Mine only"), candidate=candidate)
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert f'id="application-{mine.pk}"' in page
    assert page.count('class="card application"') == 1


@pytest.mark.django_db
def test_it_invites_a_candidate_without_applications_to_browse_jobs(client, candidate):
    client.force_login(candidate)
    page = client.get("/applications/").content.decode()
    assert "You haven't applied to any job yet." in page


@pytest.mark.django_db
def test_it_reads_a_fixed_number_of_queries_whatever_the_number_of_applications(
    client, candidate, django_assert_max_num_queries
):
    for _ in range(6):
        factories.ApplicationFactory(candidate=candidate)
    client.force_login(candidate)
    with django_assert_max_num_queries(8):
        client.get("/applications/")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_company_staff_cannot_open_my_applications(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/applications/")
    assert response.status_code == 403
    assert "My applications is for candidates, and this is a company account." in response.content.decode()


@pytest.mark.django_db
def test_an_anonymous_visitor_is_taken_to_log_in(client):
    response = client.get("/applications/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/applications/"


@pytest.mark.django_db
def test_the_navigation_offers_my_applications_to_candidates_only(client, candidate, recruiter):
    client.force_login(candidate)
    assert 'href="/applications/"' in client.get("/").content.decode()
    client.force_login(recruiter)
    assert 'href="/applications/"' not in client.get("/").content.decode()
