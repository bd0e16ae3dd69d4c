"""The profile page's "Your data": asking for an export, polling it, downloading it (owner only)."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from ats.models import DataExport
from ats.services.privacy import data_export_build, data_export_request


def ready_export(user) -> DataExport:
    export = data_export_request(user=user)
    data_export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["candidate", "recruiter", "hiring_manager"])
def test_everyone_sees_your_data_with_an_export_button(client, request, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get("/accounts/profile/").content.decode()
    assert '<h2 id="your-data-title">Your data</h2>' in page
    assert 'action="/accounts/profile/data-export/"' in page
    assert ">Export my data</button>" in page
    assert "every 2s" not in page


@pytest.mark.django_db
def test_asking_with_htmx_answers_the_section_polling_while_it_is_built(
    client, candidate, django_capture_on_commit_callbacks
):
    client.force_login(candidate)
    with django_capture_on_commit_callbacks():  # the build is not run: the export stays waiting
        response = client.post("/accounts/profile/data-export/", headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<section class="panel data-export" id="your-data"')
    assert 'hx-get="/accounts/profile/data-export/" hx-trigger="every 2s"' in fragment
    assert "Waiting to start" in fragment and "Export my data" not in fragment
    export = DataExport.objects.get(user=candidate)
    DataExport.objects.filter(pk=export.pk).update(status="building", progress=45)
    fragment = client.get("/accounts/profile/data-export/", headers={"HX-Request": "true"}).content.decode()
    assert "Building your file… 45%" in fragment and 'value="45"' in fragment and "every 2s" in fragment


@pytest.mark.django_db
def test_a_ready_export_stops_polling_and_offers_the_download(client, candidate):
    export = ready_export(candidate)
    client.force_login(candidate)
    fragment = client.get("/accounts/profile/data-export/", headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment
    assert f'href="/accounts/profile/data-export/{export.pk}/download/"' in fragment
    assert "available until" in fragment
    assert ">Export again</button>" in fragment


@pytest.mark.django_db
def test_a_failed_export_says_so_and_offers_to_try_again(client, candidate):
    DataExport.objects.create(user=candidate, status="failed", error="Something went wrong. Please try again.")
    client.force_login(candidate)
    page = client.get("/accounts/profile/").content.decode()
    assert "Something went wrong. Please try again." in page and ">Try again</button>" in page


@pytest.mark.django_db
def test_asking_without_htmx_goes_back_to_the_profile(client, candidate):
    client.force_login(candidate)
    response = client.post("/accounts/profile/data-export/")
    assert response.status_code == 302 and response["Location"] == "/accounts/profile/#your-data"
    assert DataExport.objects.filter(user=candidate).exists()


@pytest.mark.django_db
def test_asking_needs_a_login(client):
    response = client.post("/accounts/profile/data-export/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not DataExport.objects.exists()


@pytest.mark.django_db
def test_the_owner_downloads_the_zip_privately(client, candidate):
    export = ready_export(candidate)
    client.force_login(candidate)
    response = client.get(f"/accounts/profile/data-export/{export.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert response["Cache-Control"] == "private, no-store"
    assert "profile.json" in zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["other_candidate", "recruiter", "superuser"])
def test_nobody_else_downloads_it(client, request, candidate, application, who):
    export = ready_export(candidate)
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/accounts/profile/data-export/{export.pk}/download/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_an_expired_export_is_not_downloaded(client, candidate):
    export = ready_export(candidate)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(candidate)
    assert client.get(f"/accounts/profile/data-export/{export.pk}/download/").status_code == 404
    assert ">Export my data</button>" in client.get("/accounts/profile/").content.decode()
