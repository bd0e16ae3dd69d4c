"""Operators (staff made with createsuperuser) run the site from the admin: every workspace
page points them there with a 403, and the admin's resume link works for them through the
permission-checked download view. Nobody else's answers change."""

import pytest
from django.contrib.auth.models import Permission
from django.http import Http404
from rest_framework.test import APIClient

from ats.models import Application
from ats.tests import factories
from ats.views.lookups import get_application_for_user
from ats.workflow import Stage


@pytest.fixture
def staff(db):
    """Staff without superuser powers, as an operator team's member would be."""
    return factories.UserFactory(username="ops", is_staff=True)


@pytest.fixture
def staff_who_views_applications(staff):
    staff.user_permissions.add(Permission.objects.get(codename="view_application", content_type__app_label="ats"))
    return staff


@pytest.fixture
def application_with_resume(job, candidate):
    return factories.ApplicationFactory(job=job, candidate=candidate, resume=factories.pdf_upload())


def workspace_urls(job, application) -> list[str]:
    return [
        "/workspace/",
        "/workspace/jobs/new/",
        f"/workspace/jobs/{job.pk}/",
        f"/workspace/jobs/{job.pk}/board/",
        f"/workspace/applications/{application.pk}/",
        "/workspace/assigned/",
        "/workspace/team/",
    ]


def assert_operator_page(response) -> None:
    html = response.content.decode()
    assert response.status_code == 403
    assert "The workspace is for hiring teams" in html
    assert 'href="/admin/"' in html
    assert "Go to the admin" in html


# The workspace --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["superuser", "staff"])
def test_every_workspace_page_points_an_operator_to_the_admin(client, request, who, job, application):
    client.force_login(request.getfixturevalue(who))
    for url in workspace_urls(job, application):
        assert_operator_page(client.get(url))


@pytest.mark.django_db
def test_an_operator_changes_nothing_through_the_workspace(client, superuser, job, application):
    client.force_login(superuser)

    assert_operator_page(
        client.post(
            f"/workspace/applications/{application.pk}/move/", {"from_stage": "Applied", "to_stage": "Screening"}
        )
    )
    assert_operator_page(client.post("/workspace/jobs/new/", {"title": "Ops job", "description": "x"}))
    assert_operator_page(client.post(f"/workspace/jobs/{job.pk}/close/"))

    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED
    assert not job.company.jobs.filter(title="Ops job").exists()
    job.refresh_from_db()
    assert job.status == "open"


@pytest.mark.django_db
def test_an_operators_htmx_request_reloads_into_the_operator_page(client, superuser, application):
    client.force_login(superuser)
    response = client.post(
        f"/workspace/applications/{application.pk}/move/",
        {"from_stage": "Applied", "to_stage": "Screening"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Refresh"] == "true"
    assert Application.objects.get(pk=application.pk).stage == Stage.APPLIED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "status"), [("candidate", 403), ("recruiter", 200), ("hiring_manager", 200)], ids=lambda v: str(v)
)
def test_the_hiring_team_and_candidates_get_their_usual_answers(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/workspace/")
    assert response.status_code == status
    assert "The workspace is for hiring teams" not in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_still_sent_to_log_in(client):
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_api_still_answers_an_operator_with_its_403(superuser):
    api = APIClient()
    api.force_authenticate(superuser)
    response = api.post("/api/jobs/", {"title": "T", "description": "D"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Operators belong to no company: run the site from the admin."}


# Resumes from the admin --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admins_resume_link_downloads_the_resume_for_a_superuser(client, superuser, application_with_resume):
    client.force_login(superuser)
    page = client.get(f"/admin/ats/application/{application_with_resume.pk}/change/").content.decode()
    link = f"/applications/{application_with_resume.pk}/resume/"
    assert f'href="{link}"' in page

    response = client.get(link)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_staff_with_the_admins_view_permission_download_any_companys_resume(
    client, staff_who_views_applications, outsider_recruiter
):
    elsewhere = factories.ApplicationFactory(
        job=factories.JobFactory(company=outsider_recruiter.company), resume=factories.pdf_upload()
    )
    client.force_login(staff_who_views_applications)
    assert client.get(f"/admin/ats/application/{elsewhere.pk}/change/").status_code == 200

    response = client.get(f"/applications/{elsewhere.pk}/resume/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_staff_without_the_admins_view_permission_get_404(client, staff, application_with_resume):
    client.force_login(staff)
    assert client.get(f"/applications/{application_with_resume.pk}/resume/").status_code == 404


@pytest.mark.django_db
def test_operators_reach_applications_only_for_what_the_admin_links(staff_who_views_applications, application):
    assert staff_who_views_applications.has_perm("ats.download_resume", application)
    assert not staff_who_views_applications.has_perm("ats.view_application", application)
    with pytest.raises(Http404):
        get_application_for_user(staff_who_views_applications, application.pk)


@pytest.mark.django_db
def test_the_navigation_offers_an_operator_the_admin_and_not_my_applications(client, superuser):
    client.force_login(superuser)
    html = client.get("/").content.decode()
    assert 'href="/admin/"' in html
    assert 'href="/applications/"' not in html
