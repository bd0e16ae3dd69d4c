"""The API's bodies: 256 KB of JSON, and the resume's limit plus a margin on apply;
past them a 413 whose JSON says the limit, before the body is read."""

import json

import pytest
from rest_framework.test import APIClient

from ats.models import JOB_DESCRIPTION_MAX_LENGTH, Application, Job
from ats.tests.api.conftest import bearer
from ats.tests.bodies import MB, MULTIPART, CountingBody, multipart_with_file, post_body
from ats.tests.factories import pdf_upload
from ats.tests.test_job_apply import stored_files


@pytest.mark.django_db
def test_a_large_json_body_gets_413_json_unread(recruiter):
    body = CountingBody(b'{"title": "Big", "description": "', 300 * 1024, b'"}')
    response = post_body(APIClient(), "/api/jobs/", body, "application/json", HTTP_AUTHORIZATION=bearer(recruiter))
    assert response.status_code == 413
    assert response.json() == {"detail": "What was sent is larger than 256 KB, the most this address accepts."}
    assert body.read_bytes == 0
    assert not Job.objects.filter(title="Big").exists()


@pytest.mark.django_db
def test_json_within_the_limit_still_works(api_as, recruiter):
    description = "x" * JOB_DESCRIPTION_MAX_LENGTH
    response = api_as(recruiter).post(
        "/api/jobs/",
        data=json.dumps({"title": "Long", "description": description, "location": "Remote"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Job.objects.get(title="Long").description == description


@pytest.mark.django_db
def test_a_105_mb_resume_on_apply_is_refused_with_the_message_unread(job, candidate, settings):
    body = multipart_with_file({"job": str(job.pk)}, file_field="resume", file_size=105 * MB)
    response = post_body(APIClient(), "/api/applications/apply/", body, MULTIPART, HTTP_AUTHORIZATION=bearer(candidate))
    assert response.status_code == 413
    assert response.json() == {"detail": "The resume is larger than 5 MB, the limit. Please upload a smaller file."}
    assert body.read_bytes == 0
    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_a_resume_just_past_its_limit_is_refused_by_its_check(api_as, job, candidate, settings):
    resume = pdf_upload(content=b"%PDF-1.4\n" + b"0" * settings.ATS_RESUME_MAX_BYTES)
    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": job.pk, "accept_privacy_notice": True, "resume": resume}, format="multipart"
    )
    assert response.status_code == 400
    assert "the limit is 5 MB" in response.json()["detail"]
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_a_resume_at_its_limit_applies(api_as, job, candidate, settings):
    resume = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (settings.ATS_RESUME_MAX_BYTES - 9))
    response = api_as(candidate).post(
        "/api/applications/apply/",
        {"job": job.pk, "accept_privacy_notice": True, "resume": resume, "cover_letter": "Hi"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert Application.objects.get(candidate=candidate).resume.size == settings.ATS_RESUME_MAX_BYTES
