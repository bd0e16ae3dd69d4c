"""Every cell of the seed README's RBAC matrix, through the API, for each
persona of our own company (Acme) and of the other company (Globex).

| endpoint                                   | candidate    | recruiter | hiring manager |
| POST /api/token/                           | yes          | yes       | yes            |
| GET /api/jobs/                             | yes          | yes       | yes            |
| POST /api/jobs/                            | no           | yes       | no             |
| GET /api/applications/                     | own          | company   | company        |
| POST /api/applications/apply/              | yes          | no        | no             |
| POST /api/applications/{id}/change-stage/  | no           | yes       | if assigned    |
| GET /api/histories/                        | own only (domain.md) | yes (company) | yes (company) |
"""

import pytest

from ats.models import Application, ApplicationHistory, Job
from ats.tests import factories
from ats.tests.api.conftest import verify_email
from ats.tests.conftest import PERSONAS
from ats.workflow import Stage


@pytest.fixture
def world(people, job, application, acme, globex, other_candidate):
    """Each company with an open job, a draft and one application; every persona present."""
    globex_job = factories.JobFactory(company=globex, title="Globex Open")
    return {
        "people": people,
        "acme_job": job,
        "acme_draft": factories.JobFactory(company=acme, title="Acme Draft", status=Job.Status.DRAFT),
        "globex_job": globex_job,
        "globex_draft": factories.JobFactory(company=globex, title="Globex Draft", status=Job.Status.DRAFT),
        "acme_application": application,
        "globex_application": factories.ApplicationFactory(job=globex_job, candidate=other_candidate),
    }


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# POST /api/token/ ------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_obtains_a_token_and_uses_it(api, world, persona):
    user = world["people"][persona]
    verify_email(user)

    response = api.post("/api/token/", {"username": user.username, "password": "pw-for-tests-1234"}, format="json")

    assert response.status_code == 200
    tokens = response.json()
    assert set(tokens) == {"access", "refresh"}
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    assert api.get("/api/jobs/").status_code == 200


# GET /api/jobs/ --------------------------------------------------------------------

PUBLISHED = {"Backend Engineer", "Globex Open"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("candidate", PUBLISHED),
        ("other_candidate", PUBLISHED),
        ("recruiter", PUBLISHED | {"Acme Draft"}),
        ("outsider_recruiter", PUBLISHED | {"Globex Draft"}),
        ("hiring_manager", PUBLISHED | {"Acme Draft"}),
        ("other_hiring_manager", PUBLISHED | {"Acme Draft"}),
        ("outsider_hiring_manager", PUBLISHED | {"Globex Draft"}),
    ],
)
def test_every_role_lists_published_jobs_and_only_its_own_company_drafts(api_as, world, persona, expected):
    response = api_as(world["people"][persona]).get("/api/jobs/")

    assert {job["title"] for job in results(response)} == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_another_company_draft_is_not_found(api_as, world, persona):
    user = world["people"][persona]
    foreign_draft = world["globex_draft"] if user.company_id == world["acme_job"].company_id else world["acme_draft"]

    assert api_as(user).get(f"/api/jobs/{foreign_draft.pk}/").status_code == 404


# POST /api/jobs/ -------------------------------------------------------------------

NEW_JOB = {"title": "Platform Engineer", "description": "Keep the lights on.", "location": "Remote"}


@pytest.mark.parametrize("persona", ["recruiter", "outsider_recruiter"])
def test_recruiters_create_jobs_for_their_own_company(api_as, world, persona):
    recruiter = world["people"][persona]

    response = api_as(recruiter).post("/api/jobs/", NEW_JOB, format="json")

    assert response.status_code == 201
    created = Job.objects.get(pk=response.json()["id"])
    assert (created.company_id, created.title, created.status) == (recruiter.company_id, "Platform Engineer", "draft")
    assert response.json()["company_name"] == recruiter.company.name


@pytest.mark.parametrize(
    "persona", ["candidate", "other_candidate", "hiring_manager", "other_hiring_manager", "outsider_hiring_manager"]
)
def test_candidates_and_hiring_managers_cannot_create_jobs(api_as, world, persona):
    response = api_as(world["people"][persona]).post("/api/jobs/", NEW_JOB, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only recruiters can create jobs."}
    assert not Job.objects.filter(title="Platform Engineer").exists()


# GET /api/applications/ ------------------------------------------------------------

VISIBLE_APPLICATIONS = [
    ("candidate", {"acme_application"}),
    ("other_candidate", {"globex_application"}),
    ("recruiter", {"acme_application"}),
    ("outsider_recruiter", {"globex_application"}),
    ("hiring_manager", {"acme_application"}),
    ("other_hiring_manager", {"acme_application"}),
    ("outsider_hiring_manager", {"globex_application"}),
]


@pytest.mark.parametrize(("persona", "expected"), VISIBLE_APPLICATIONS)
def test_every_role_lists_only_the_applications_it_may_see(api_as, world, persona, expected):
    client = api_as(world["people"][persona])

    listed = {item["id"] for item in results(client.get("/api/applications/"))}

    assert listed == {world[name].pk for name in expected}
    for name in ("acme_application", "globex_application"):
        detail = client.get(f"/api/applications/{world[name].pk}/")
        assert detail.status_code == (200 if name in expected else 404)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("hiring_manager", {"acme_application"}), ("other_hiring_manager", set()), ("recruiter", {"acme_application"})],
)
def test_with_see_all_off_hiring_managers_list_only_assigned_jobs_applications(
    api_as, world, settings, persona, expected
):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    client = api_as(world["people"][persona])

    listed = {item["id"] for item in results(client.get("/api/applications/"))}

    assert listed == {world[name].pk for name in expected}


# POST /api/applications/apply/ -----------------------------------------------------


@pytest.mark.parametrize("job_name", ["acme_job", "globex_job"])
def test_candidates_apply_to_any_company_open_job(api_as, world, job_name):
    candidate = factories.CandidateFactory(username="newcomer")
    job = world[job_name]

    response = api_as(candidate).post(
        "/api/applications/apply/", {"job": job.pk, "accept_privacy_notice": True}, format="json"
    )

    assert response.status_code == 201
    application = Application.objects.get(candidate=candidate, job=job)
    assert response.json()["id"] == application.pk
    assert application.stage == Stage.APPLIED
    assert list(application.history.values_list("from_stage", "to_stage")) == [("", "Applied")]


@pytest.mark.parametrize(
    "persona", ["recruiter", "outsider_recruiter", "hiring_manager", "other_hiring_manager", "outsider_hiring_manager"]
)
@pytest.mark.parametrize("job_name", ["acme_job", "globex_job"])
def test_recruiters_and_hiring_managers_cannot_apply(api_as, world, persona, job_name):
    user = world["people"][persona]

    response = api_as(user).post(
        "/api/applications/apply/", {"job": world[job_name].pk, "accept_privacy_notice": True}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == {"detail": "Only candidates can apply to jobs."}
    assert not Application.objects.filter(candidate=user).exists()


# POST /api/applications/{id}/change-stage/ -----------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("candidate", 403),  # the application's own candidate
        ("other_candidate", 404),
        ("recruiter", 200),
        ("outsider_recruiter", 404),
        ("hiring_manager", 200),  # assigned to the job
        ("other_hiring_manager", 403),  # same company, not assigned
        ("outsider_hiring_manager", 404),
    ],
)
def test_change_stage_by_role_and_company(api_as, world, persona, status):
    application = world["acme_application"]

    response = api_as(world["people"][persona]).post(
        f"/api/applications/{application.pk}/change-stage/", {"stage": "Screening"}, format="json"
    )

    assert response.status_code == status, response.content
    application.refresh_from_db()
    moved = status == 200
    assert application.stage == (Stage.SCREENING if moved else Stage.APPLIED)
    assert ApplicationHistory.objects.filter(application=application, to_stage=Stage.SCREENING).exists() == moved
    if moved:
        assert response.json()["stage"] == "Screening"


# GET /api/histories/ ---------------------------------------------------------------


@pytest.mark.parametrize(("persona", "expected"), VISIBLE_APPLICATIONS)
def test_every_role_lists_only_the_history_it_may_see(api_as, world, persona, expected):
    response = api_as(world["people"][persona]).get("/api/histories/")

    assert {row["application"] for row in results(response)} == {world[name].pk for name in expected}


@pytest.mark.parametrize("persona", PERSONAS)
def test_filtering_history_by_an_invisible_application_shows_nothing(api_as, world, persona):
    user = world["people"][persona]
    visible = dict(VISIBLE_APPLICATIONS)[persona]
    hidden = ({"acme_application", "globex_application"} - visible).pop()

    response = api_as(user).get(f"/api/histories/?application={world[hidden].pk}")

    assert results(response) == []


# GET /api/analytics/, GET /api/jobs/{id}/analytics/ (not in the seed README) -----------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("candidate", 403),
        ("other_candidate", 403),
        ("recruiter", 200),
        ("outsider_recruiter", 200),  # their own company's figures
        ("hiring_manager", 403),  # pointed to the jobs they are assigned to
        ("other_hiring_manager", 403),
        ("outsider_hiring_manager", 403),
    ],
)
def test_company_analytics_by_role(api_as, world, persona, status):
    response = api_as(world["people"][persona]).get("/api/analytics/")

    assert response.status_code == status, response.content


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("candidate", 404),
        ("other_candidate", 404),
        ("recruiter", 200),
        ("outsider_recruiter", 404),
        ("hiring_manager", 200),  # assigned to the job
        ("other_hiring_manager", 403),  # same company, not assigned
        ("outsider_hiring_manager", 404),
    ],
)
def test_job_analytics_by_role_and_company(api_as, world, persona, status):
    response = api_as(world["people"][persona]).get(f"/api/jobs/{world['acme_job'].pk}/analytics/")

    assert response.status_code == status, response.content
