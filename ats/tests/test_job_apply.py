import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ats.models import Application, ApplicationHistory, Job
from ats.tests import factories


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def apply(client, job, resume=None, cover_letter="", **headers):
    data = {"cover_letter": cover_letter, "accept_privacy_notice": "on"}
    if resume is not None:
        data["resume"] = resume
    return client.post(f"/jobs/{job.pk}/apply/", data, headers=headers)


@pytest.mark.django_db
def test_it_applies_with_a_pdf_and_goes_to_my_applications(client, job, candidate, settings):
    client.force_login(candidate)
    response = apply(client, job, factories.pdf_upload(), cover_letter="  I love backends.  ")
    application = Application.objects.get(candidate=candidate, job=job)
    assert response.status_code == 302
    assert response["Location"] == f"/applications/#application-{application.pk}"
    assert application.stage == "Applied"
    assert application.cover_letter == "I love backends."
    assert application.resume.read().startswith(b"%PDF-")
    assert ApplicationHistory.objects.filter(application=application, to_stage="Applied").count() == 1
    assert len(stored_files(settings)) == 1
    page = client.get(response["Location"]).content.decode()
    assert f"You applied to “{job.title}” at Acme." in page


@pytest.mark.django_db
def test_it_accepts_a_docx_resume(client, job, candidate):
    client.force_login(candidate)
    apply(client, job, SimpleUploadedFile("cv.docx", docx_bytes(), content_type="application/octet-stream"))
    assert Application.objects.get(candidate=candidate).resume.name.endswith(".docx")


@pytest.mark.django_db
def test_it_answers_htmx_with_a_client_redirect(client, job, candidate):
    client.force_login(candidate)
    response = apply(client, job, factories.pdf_upload(), HX_Request="true")
    application = Application.objects.get(candidate=candidate, job=job)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/applications/#application-{application.pk}"


def assert_refused(response, message: str, settings, *, status: int = 422) -> None:
    assert response.status_code == status
    assert message in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_it_refuses_a_second_application_to_the_same_job(client, application, settings):
    client.force_login(application.candidate)
    response = apply(client, application.job, factories.pdf_upload())
    assert_refused(response, f"You have already applied to “{application.job.title}”.", settings)
    assert Application.objects.filter(candidate=application.candidate).count() == 1


@pytest.mark.django_db
def test_it_refuses_a_closed_job(client, acme, candidate, settings):
    closed = factories.JobFactory(company=acme, title="Gone fishing", status=Job.Status.CLOSED)
    client.force_login(candidate)
    response = apply(client, closed, factories.pdf_upload())
    assert_refused(response, "“Gone fishing” is not accepting applications any more.", settings)
    assert "This job no longer accepts applications." in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", b"just text"),
        ("cv.pdf", b"MZ\x90\x00 an executable dressed as a PDF"),
        ("cv.docx", b"PK\x03\x04no"),
    ],
    ids=["wrong-type", "disguised-pdf", "broken-docx"],
)
def test_it_refuses_a_file_that_is_not_a_pdf_or_docx(client, job, candidate, settings, name, content):
    client.force_login(candidate)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = apply(client, job, upload)
    assert_refused(response, "Your resume must be a PDF or a Word (.docx) document.", settings)
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_it_refuses_an_oversized_file_on_the_form(client, job, candidate, settings):
    client.force_login(candidate)
    too_big = factories.pdf_upload(content=b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024))
    response = apply(client, job, too_big)
    assert_refused(response, "The resume is larger than 5 MB, the limit. Please upload a smaller file.", settings)
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_it_asks_for_a_resume(client, job, candidate, settings):
    client.force_login(candidate)
    response = apply(client, job)
    assert_refused(response, "Choose your resume, a PDF or Word (.docx) file, to apply.", settings)


@pytest.mark.django_db
def test_it_rerenders_only_the_form_for_htmx_with_status_422(client, job, candidate, settings):
    client.force_login(candidate)
    response = apply(client, job, SimpleUploadedFile("notes.txt", b"text"), HX_Request="true")
    page = response.content.decode()
    assert_refused(response, "Your resume must be a PDF or a Word (.docx) document.", settings)
    assert "<html" not in page
    assert page.lstrip().startswith('<section id="apply"')


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["recruiter", "hiring_manager"])
def test_company_staff_cannot_apply(client, request, job, settings, who):
    client.force_login(request.getfixturevalue(who))
    response = apply(client, job, factories.pdf_upload())
    assert response.status_code == 403
    assert "Only candidates can apply to jobs." in response.content.decode()
    assert stored_files(settings) == []
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_an_anonymous_visitor_is_taken_to_log_in_and_back_to_the_form(client, job):
    response = apply(client, job, factories.pdf_upload())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/jobs/{job.pk}/apply/"
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_coming_back_from_log_in_opens_the_form_on_the_job_page(client, job, candidate):
    client.force_login(candidate)
    response = client.get(f"/jobs/{job.pk}/apply/")
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/#apply"


@pytest.mark.django_db
def test_a_candidate_cannot_apply_to_a_draft_job(client, acme, candidate):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    client.force_login(candidate)
    assert apply(client, draft, factories.pdf_upload()).status_code == 404
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_company_staff_applying_through_htmx_get_the_page_reloaded_with_the_refusal(client, recruiter, job, settings):
    client.force_login(recruiter)
    response = apply(client, job, factories.pdf_upload(), HX_Request="true")
    # htmx 2 would not swap a 403 into the page, leaving the user with no answer.
    assert response["HX-Refresh"] == "true"
    assert not Application.objects.exists()
    assert stored_files(settings) == []
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Only candidates can apply to jobs." in page
