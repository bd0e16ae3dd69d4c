"""Request bodies are bounded before they are read: 1 MB for a page, the resume's
limit plus a margin for the apply form, where a resume past its limit is stopped
while it streams and the form says why."""

import pytest
from django.test import Client

from ats.models import Application, Job
from ats.tests import factories
from ats.tests.bodies import MB, MULTIPART, CountingBody, multipart_with_file, post_body
from ats.tests.test_job_apply import apply, stored_files

TOO_LARGE = "The resume is larger than 5 MB, the limit. Please upload a smaller file."


@pytest.mark.django_db
def test_a_105_mb_body_to_the_login_page_is_refused_before_it_is_read():
    client = Client(enforce_csrf_checks=True)
    body = multipart_with_file({"login": "casey"}, file_field="upload", file_size=105 * MB)
    response = post_body(client, "/accounts/login/", body, MULTIPART)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "What was sent is larger than 1 MB, the most this page accepts." in response.content.decode()


@pytest.mark.django_db
def test_a_form_body_past_1_mb_to_a_workspace_page_is_refused_with_a_page(client, recruiter):
    client.force_login(recruiter)
    body = CountingBody(b"title=Big&description=", 2 * MB)
    response = post_body(client, "/workspace/jobs/new/", body, "application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert "larger than 1 MB" in response.content.decode()
    assert not Job.objects.filter(title="Big").exists()


@pytest.mark.django_db
def test_a_body_without_a_declared_length_is_not_read(client):
    body = CountingBody(b"login=casey&password=", 105 * MB)
    response = client.generic(
        "POST", "/accounts/login/", **{"wsgi.input": body, "CONTENT_TYPE": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 200  # the login form again, as for an empty post
    assert body.read_bytes == 0


def csrf_client(user) -> tuple[Client, str]:
    """A client that checks CSRF as a browser meets it, logged in as `user`, and its token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")
    return client, client.cookies["csrftoken"].value


@pytest.mark.django_db
def test_a_105_mb_resume_on_the_apply_form_is_stopped_as_it_starts(job, candidate, settings):
    client, token = csrf_client(candidate)
    body = multipart_with_file(
        {"csrfmiddlewaretoken": token}, file_field="resume", file_size=105 * MB, after={"cover_letter": "Hi"}
    )
    response = post_body(client, f"/jobs/{job.pk}/apply/", body, MULTIPART)
    assert response.status_code == 422
    assert TOO_LARGE in response.content.decode()
    assert 'id="apply-form"' in response.content.decode()
    # The fields before the resume, and one chunk of it; not the rest.
    assert body.read_bytes < 256 * 1024
    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_resume_just_past_its_limit_is_stopped_and_the_cover_letter_kept(job, candidate, settings, tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    client, token = csrf_client(candidate)
    body = multipart_with_file(
        {"csrfmiddlewaretoken": token},
        file_field="resume",
        file_size=settings.ATS_RESUME_MAX_BYTES + 1,
        after={"cover_letter": "I love backends."},
    )
    assert body.size <= settings.ATS_UPLOAD_REQUEST_MAX_BYTES
    response = post_body(client, f"/jobs/{job.pk}/apply/", body, MULTIPART, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 422
    assert TOO_LARGE in page
    assert "I love backends." in page
    assert not Application.objects.exists()
    assert stored_files(settings) == []
    # The temporary file the upload began is gone with it.
    assert list(uploads.iterdir()) == []


@pytest.mark.django_db
def test_a_resume_at_its_limit_still_applies(client, job, candidate, settings):
    client.force_login(candidate)
    resume = factories.pdf_upload(content=b"%PDF-1.4\n" + b"0" * (settings.ATS_RESUME_MAX_BYTES - 9))
    response = apply(client, job, resume, cover_letter="x" * 10_000)
    assert response.status_code == 302
    application = Application.objects.get(candidate=candidate, job=job)
    assert application.resume.size == settings.ATS_RESUME_MAX_BYTES
    assert len(stored_files(settings)) == 1
