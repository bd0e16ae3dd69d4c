"""Consent at apply (issue 13 item 1): the privacy notice's page, the apply form's box,
the API's `accept_privacy_notice`, and what the application keeps."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ats.models import Application
from ats.privacy import PRIVACY_NOTICE_VERSION
from ats.tests import factories
from ats.tests.migrating import migrate, migrate_to_latest
from ats.tests.test_job_apply import stored_files

NOW = datetime.datetime(2026, 11, 29, 15, 30, tzinfo=datetime.UTC)
API_REFUSAL = (
    f"Accept the privacy notice (version {PRIVACY_NOTICE_VERSION}, /privacy/) by sending accept_privacy_notice: true."
)


@pytest.mark.django_db
def test_the_privacy_page_is_public_and_shows_its_version_and_the_rights(client):
    page = client.get("/privacy/").content.decode()
    assert "<h1>Privacy notice</h1>" in page
    assert f"Version {PRIVACY_NOTICE_VERSION}, in force since 29 November 2026" in page
    assert "365 days" in page
    assert "Export:" in page and "Delete:" in page
    assert 'href="/accounts/profile/"' in page


@pytest.mark.django_db
def test_the_footer_and_sign_up_link_to_the_notice(client):
    assert 'href="/privacy/">Privacy notice</a>' in client.get("/").content.decode()
    assert 'href="/privacy/">privacy notice</a>' in client.get("/accounts/signup/").content.decode()


@pytest.mark.django_db
def test_the_apply_form_has_the_box_with_a_link_to_the_notice(client, job, candidate):
    client.force_login(candidate)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'type="checkbox" name="accept_privacy_notice"' in page
    assert '<label for="id_accept_privacy_notice">I have read the privacy notice</label>' in page
    assert f'<a href="/privacy/">privacy notice</a> (version {PRIVACY_NOTICE_VERSION})' in page


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.mark.django_db
def test_applying_keeps_the_notices_version_and_the_time(client, job, candidate, frozen):
    client.force_login(candidate)
    response = client.post(f"/jobs/{job.pk}/apply/", {"resume": factories.pdf_upload(), "accept_privacy_notice": "on"})
    assert response.status_code == 302
    application = Application.objects.get(candidate=candidate)
    assert application.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert application.privacy_consented_at == NOW


@pytest.mark.django_db
def test_applying_without_the_box_says_so_beside_it_and_keeps_the_cover_letter(client, job, candidate, settings):
    client.force_login(candidate)
    response = client.post(
        f"/jobs/{job.pk}/apply/",
        {"resume": factories.pdf_upload(), "cover_letter": "I love backends."},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    message = "Tick the box to confirm you have read the privacy notice, then apply."
    assert page.count(message) == 2  # in the summary and beside the box
    box = page.index('name="accept_privacy_notice"')
    assert 'aria-invalid="true"' in page[page.rindex("<input", 0, box) : box + 200]
    assert "I love backends." in page
    assert not Application.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_the_team_sees_when_the_notice_was_accepted(client, recruiter, job):
    accepted = factories.ApplicationFactory(
        job=job, privacy_notice_version="2026-11-29", privacy_consented_at=timezone.now()
    )
    before = factories.ApplicationFactory(job=job)
    client.force_login(recruiter)
    page = client.get(f"/workspace/applications/{accepted.pk}/").content.decode()
    assert "Version 2026-11-29 accepted" in page
    page = client.get(f"/workspace/applications/{before.pk}/").content.decode()
    assert "Applied before the notice was asked" in page


@pytest.fixture
def api_as():
    def make(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make


# The API -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [{}, {"accept_privacy_notice": False}])
def test_the_api_refuses_an_application_without_the_notice(api_as, job, candidate, sent):
    response = api_as(candidate).post("/api/applications/apply/", {"job": job.pk, **sent}, format="json")
    assert response.status_code == 400
    assert response.json() == {"accept_privacy_notice": [API_REFUSAL]}
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_keeps_the_notices_version_and_the_time(api_as, job, candidate, frozen):
    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": job.pk, "accept_privacy_notice": True}, format="json"
    )
    assert response.status_code == 201
    application = Application.objects.get(candidate=candidate)
    assert (application.privacy_notice_version, application.privacy_consented_at) == (PRIVACY_NOTICE_VERSION, NOW)


@pytest.mark.django_db
def test_the_api_schema_documents_the_field(client):
    schema = client.get("/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"}).json()
    fields = schema["components"]["schemas"]["ApplyRequest"]["properties"]
    assert "privacy notice" in fields["accept_privacy_notice"]["description"]


@pytest.mark.django_db(transaction=True)
def test_migration_0022_keeps_existing_applications_without_a_consent():
    old = migrate([("ats", "0021_job_search_vector")])
    try:
        company = old.get_model("ats", "Company").objects.create(name="Legacy Co")
        candidate = old.get_model("ats", "User").objects.create(username="legacy", role="candidate", password="!")
        job = old.get_model("ats", "Job").objects.create(company=company, title="Old job", description="d")
        old.get_model("ats", "Application").objects.create(candidate=candidate, job=job, cover_letter="Hello")

        new = migrate([("ats", "0022_consent_and_data_export")])
        rows = list(
            new.get_model("ats", "Application").objects.values_list(
                "cover_letter", "privacy_notice_version", "privacy_consented_at"
            )
        )
        assert rows == [("Hello", "", None)]
    finally:
        migrate_to_latest()
