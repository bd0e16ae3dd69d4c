"""GET/POST /api/jobs/ and GET/PATCH /api/jobs/{id}/: fields, status changes, errors, filters, ordering, pages."""

import pytest

from ats.models import Job
from ats.tests import factories


def test_it_creates_an_open_job_when_asked(api_as, recruiter):
    response = api_as(recruiter).post(
        "/api/jobs/",
        {"title": "  SRE  ", "description": "Pager duty.", "employment_type": "contract", "status": "open"},
        format="json",
    )

    assert response.status_code == 201
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.title, job.status, job.employment_type, job.company) == ("SRE", "open", "contract", recruiter.company)
    assert response.json()["status"] == "open"


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"description": "No title."}, {"title": ["This field is required."]}),
        ({"title": "   ", "description": "Blank title."}, {"title": ["This field may not be blank."]}),
        ({"title": "T", "description": "D", "employment_type": "forever"}, {"employment_type": None}),
        (
            {"title": "T", "description": "D", "status": "closed"},
            {"status": ["A new job is either draft or open, not “closed”."]},
        ),
        (
            {"title": "x" * 201, "description": "D"},
            {"title": ["Ensure this field has no more than 200 characters (it has 201)."]},
        ),
    ],
)
def test_it_answers_bad_job_fields_with_400_naming_the_field(api_as, recruiter, payload, errors):
    response = api_as(recruiter).post("/api/jobs/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(errors)
    for field, messages in errors.items():
        if messages is not None:
            assert body[field] == messages
    assert not Job.objects.exists()


def test_a_recruiter_edits_and_closes_a_job(api_as, recruiter, job):
    response = api_as(recruiter).patch(
        f"/api/jobs/{job.pk}/", {"title": "Staff Engineer", "status": "closed"}, format="json"
    )

    assert response.status_code == 200
    job.refresh_from_db()
    assert (job.title, job.status) == ("Staff Engineer", "closed")
    assert response.json()["title"] == "Staff Engineer"


def test_a_recruiter_opens_a_draft(api_as, recruiter, acme):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)

    response = api_as(recruiter).patch(f"/api/jobs/{draft.pk}/", {"status": "open"}, format="json")

    assert response.status_code == 200
    assert Job.objects.get(pk=draft.pk).status == "open"


def test_a_refused_status_change_keeps_the_edit_beside_it_out(api_as, recruiter, acme):
    draft = factories.JobFactory(company=acme, title="Draft", status=Job.Status.DRAFT)

    response = api_as(recruiter).patch(
        f"/api/jobs/{draft.pk}/", {"title": "Renamed", "status": "closed"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "This job is draft: only an open job can be closed."}
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Draft", "draft")


def test_a_job_cannot_go_back_to_draft(api_as, recruiter, job):
    response = api_as(recruiter).patch(f"/api/jobs/{job.pk}/", {"status": "draft"}, format="json")

    assert response.status_code == 400
    assert "never goes back to draft" in response.json()["status"][0]
    assert Job.objects.get(pk=job.pk).status == "open"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("candidate", 403),
        ("hiring_manager", 403),
        ("other_hiring_manager", 403),
        # Another company's job is not there for a team's work, published or not (domain.md).
        ("outsider_recruiter", 404),
        ("outsider_hiring_manager", 404),
    ],
)
def test_only_the_company_recruiters_change_a_job(api_as, request, job, persona, status):
    response = api_as(request.getfixturevalue(persona)).patch(
        f"/api/jobs/{job.pk}/", {"title": "Hacked"}, format="json"
    )

    assert response.status_code == status
    assert Job.objects.get(pk=job.pk).title == "Backend Engineer"


def test_another_company_recruiter_cannot_find_a_draft_to_change(api_as, outsider_recruiter, acme):
    draft = factories.JobFactory(company=acme, title="Secret", status=Job.Status.DRAFT)

    response = api_as(outsider_recruiter).patch(f"/api/jobs/{draft.pk}/", {"title": "Hacked"}, format="json")

    assert response.status_code == 404
    assert Job.objects.get(pk=draft.pk).title == "Secret"


def test_put_and_delete_are_not_offered(api_as, recruiter, job):
    client = api_as(recruiter)

    assert client.put(f"/api/jobs/{job.pk}/", {"title": "X", "description": "Y"}, format="json").status_code == 405
    assert client.delete(f"/api/jobs/{job.pk}/").status_code == 405
    assert Job.objects.filter(pk=job.pk).exists()


def test_it_retrieves_a_job(api_as, candidate, job):
    response = api_as(candidate).get(f"/api/jobs/{job.pk}/")

    assert response.status_code == 200
    assert response.json()["title"] == "Backend Engineer"
    assert response.json()["company_name"] == "Acme"


def test_it_filters_orders_and_pages_jobs(api_as, recruiter, acme, globex):
    for title in ("Bravo", "Alpha", "Charlie"):
        factories.JobFactory(company=acme, title=title)
    factories.JobFactory(company=acme, title="Delta", status=Job.Status.CLOSED)
    factories.JobFactory(company=globex, title="Echo")
    client = api_as(recruiter)

    by_title = client.get(f"/api/jobs/?status=open&company={acme.pk}&ordering=title&page_size=2").json()
    second_page = client.get(by_title["next"]).json()

    assert by_title["count"] == 3
    assert [job["title"] for job in by_title["results"]] == ["Alpha", "Bravo"]
    assert [job["title"] for job in second_page["results"]] == ["Charlie"]
    assert [job["title"] for job in client.get("/api/jobs/?status=closed").json()["results"]] == ["Delta"]


@pytest.mark.parametrize("query", ["status=archived", "company=abc", "company=1.5"])
def test_a_bad_filter_is_a_400_naming_it(api_as, recruiter, query):
    response = api_as(recruiter).get(f"/api/jobs/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_a_page_past_the_end_is_a_404(api_as, recruiter, job):
    response = api_as(recruiter).get("/api/jobs/?page=99")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999"])
def test_an_unknown_or_huge_id_is_a_404(api_as, recruiter, pk):
    assert api_as(recruiter).get(f"/api/jobs/{pk}/").status_code == 404


def test_an_operator_without_a_company_gets_a_403_pointing_to_the_admin(api_as, superuser):
    response = api_as(superuser).post("/api/jobs/", {"title": "T", "description": "D"}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Operators belong to no company: run the site from the admin."}
    assert not Job.objects.exists()


@pytest.mark.parametrize("url", ["/api/jobs/", "/api/jobs/{pk}/", "/api/applications/", "/api/histories/"])
def test_options_describes_the_endpoint(api_as, recruiter, job, url):
    response = api_as(recruiter).options(url.format(pk=job.pk))

    assert response.status_code == 200
    assert "name" in response.json()
