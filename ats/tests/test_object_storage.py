"""Resumes in S3-compatible object storage (django-storages), against a real local S3
server: moto's server mode, started by the fixture as a process of its own. The same
tests the disk answers elsewhere: upload, a permission-checked download, the text read
by the worker, private objects, an erasure deleting the object, and the readiness check."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.test import override_settings

from ats.demo import resume_pdf
from ats.models import Application
from ats.services.erasure import application_erase
from ats.services.resume_text import application_resume_text_extract
from ats.tests import factories


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 -- moto's own server, a fixed argument list
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=2)  # noqa: S310 -- our local server
            break
        except OSError:
            assert server.poll() is None, "moto's S3 server stopped at start"
            assert time.monotonic() < deadline, "moto's S3 server did not answer within 60 s"
            time.sleep(0.2)
    yield endpoint
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """A fresh private bucket, and the site's default storage pointed at it."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    name = f"resumes-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    options = {"bucket_name": name, "endpoint_url": s3_endpoint, "region_name": "us-east-1", "location": "media"}
    with override_settings(
        STORAGES={**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}}
    ):
        yield client, name


def objects_in(bucket) -> dict[str, bytes]:
    client, name = bucket
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    return {item["Key"]: client.get_object(Bucket=name, Key=item["Key"])["Body"].read() for item in listed}


def applied(client, job, candidate, content: bytes) -> Application:
    client.force_login(candidate)
    response = client.post(
        f"/jobs/{job.pk}/apply/", {"resume": factories.pdf_upload(content=content), "accept_privacy_notice": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    return Application.objects.get(candidate=candidate, job=job)


@pytest.mark.django_db
def test_a_resume_uploaded_in_the_browser_is_stored_as_a_private_object(client, job, candidate, bucket, s3_endpoint):
    content = resume_pdf([["Robin Roe", "Skills: Kubernetes"]])

    application = applied(client, job, candidate, content)

    key = f"media/{application.resume.name}"
    assert objects_in(bucket) == {key: content}
    assert application.resume.name.startswith("resumes/") and candidate.username not in application.resume.name
    with pytest.raises(urllib.error.HTTPError) as refused:  # an address without a signature gets nothing
        urllib.request.urlopen(f"{s3_endpoint}/{bucket[1]}/{key}", timeout=5)  # noqa: S310 -- our local server
    assert refused.value.code == 403


@pytest.mark.django_db
def test_the_download_passes_through_the_permission_checked_view(
    client, job, candidate, recruiter, outsider_recruiter, bucket
):
    content = resume_pdf([["Robin Roe", "Skills: Kubernetes"]])
    application = applied(client, job, candidate, content)

    client.force_login(recruiter)
    response = client.get(f"/applications/{application.pk}/resume/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Cache-Control"] == "private, no-store"

    client.force_login(outsider_recruiter)
    assert client.get(f"/applications/{application.pk}/resume/").status_code == 404


@pytest.mark.django_db
def test_erasing_an_application_deletes_its_resume_object_after_the_commit(
    client, job, candidate, bucket, django_capture_on_commit_callbacks
):
    kept = applied(client, job, candidate, resume_pdf([["Kim Keep"]]))
    erased = applied(client, factories.JobFactory(company=job.company), candidate, resume_pdf([["Robin Roe"]]))
    assert len(objects_in(bucket)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert application_erase(application=erased, why="retention")
        assert len(objects_in(bucket)) == 2  # the object stays until the erasure is committed

    assert list(objects_in(bucket)) == [f"media/{kept.resume.name}"]


@pytest.mark.django_db
def test_a_missing_object_is_a_404_not_an_error(client, job, candidate, recruiter, bucket):
    application = applied(client, job, candidate, resume_pdf([["Robin Roe"]]))
    storage_client, name = bucket
    storage_client.delete_object(Bucket=name, Key=f"media/{application.resume.name}")

    client.force_login(recruiter)
    assert client.get(f"/applications/{application.pk}/resume/").status_code == 404


@pytest.mark.django_db
def test_the_worker_reads_the_resume_text_from_the_object(client, job, candidate, bucket):
    application = applied(client, job, candidate, resume_pdf([["Robin Roe", "Skills: Kubernetes, Terraform"]]))

    application_resume_text_extract(application_id=application.pk)

    application.refresh_from_db()
    assert application.resume_text_status == Application.ResumeText.EXTRACTED
    assert "Kubernetes, Terraform" in application.resume_text


@pytest.mark.django_db
def test_readyz_reaches_the_bucket_and_fails_without_it(client, bucket):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"

    storage_client, name = bucket
    storage_client.delete_bucket(Bucket=name)

    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failing"
