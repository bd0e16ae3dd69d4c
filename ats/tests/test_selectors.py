import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ats.models import Job
from ats.selectors.applications import applications_visible_to, history_visible_to
from ats.selectors.board import BOARD_PAGE_SIZE, board_columns
from ats.selectors.jobs import jobs_public, jobs_stage_counts, jobs_visible_to, jobs_with_visible_applications
from ats.tests import factories
from ats.workflow import Stage


@pytest.fixture
def world(job, application, acme, globex, other_candidate):
    """Acme: the assigned job (one application) and an unassigned job; Globex: one job and application."""
    unassigned = factories.JobFactory(company=acme, title="Unassigned role")
    factories.ApplicationFactory(job=unassigned, candidate=other_candidate)
    globex_job = factories.JobFactory(company=globex, title="Globex role")
    factories.ApplicationFactory(job=globex_job, candidate=other_candidate)
    return {"assigned": job, "unassigned": unassigned, "globex": globex_job}


def titles(applications) -> set[str]:
    return {application.job.title for application in applications}


@pytest.mark.django_db
def test_a_candidate_sees_only_their_applications(world, candidate, other_candidate):
    assert titles(applications_visible_to(candidate)) == {"Backend Engineer"}
    assert titles(applications_visible_to(other_candidate)) == {"Unassigned role", "Globex role"}


@pytest.mark.django_db
def test_a_recruiter_sees_their_company_applications(world, recruiter, outsider_recruiter):
    assert titles(applications_visible_to(recruiter)) == {"Backend Engineer", "Unassigned role"}
    assert titles(applications_visible_to(outsider_recruiter)) == {"Globex role"}


@pytest.mark.django_db
def test_a_hiring_manager_sees_company_or_assigned_applications(world, hiring_manager, settings):
    settings.ATS_HIRING_MANAGERS_SEE_ALL = True
    assert titles(applications_visible_to(hiring_manager)) == {"Backend Engineer", "Unassigned role"}
    settings.ATS_HIRING_MANAGERS_SEE_ALL = False
    assert titles(applications_visible_to(hiring_manager)) == {"Backend Engineer"}
    assert [job.title for job in jobs_with_visible_applications(hiring_manager)] == ["Backend Engineer"]


@pytest.mark.django_db
def test_history_follows_the_visible_applications(world, candidate, outsider_recruiter):
    assert {row.application.job.title for row in history_visible_to(candidate)} == {"Backend Engineer"}
    assert {row.application.job.title for row in history_visible_to(outsider_recruiter)} == {"Globex role"}


@pytest.mark.django_db
def test_the_public_board_lists_open_jobs_newest_first(acme, globex):
    older = factories.JobFactory(company=acme, title="Older")
    newer = factories.JobFactory(company=globex, title="Newer")
    factories.JobFactory(company=acme, title="Draft", status=Job.Status.DRAFT)
    factories.JobFactory(company=acme, title="Closed", status=Job.Status.CLOSED)
    assert list(jobs_public()) == [newer, older]


@pytest.mark.django_db
def test_drafts_are_visible_to_their_company_only(acme, recruiter, outsider_recruiter, candidate):
    draft = factories.JobFactory(company=acme, status=Job.Status.DRAFT)
    assert draft in jobs_visible_to(recruiter)
    assert draft not in jobs_visible_to(outsider_recruiter)
    assert draft not in jobs_visible_to(candidate)


@pytest.mark.django_db
def test_stage_counts_cover_every_stage(job, candidate, other_candidate):
    factories.ApplicationFactory(job=job, candidate=candidate)
    factories.ApplicationFactory(job=job, candidate=other_candidate, stage="Offer")
    assert jobs_stage_counts([job])[job.pk] == {
        "Applied": 1,
        "Screening": 0,
        "Interview": 0,
        "Offer": 1,
        "Hired": 0,
        "Rejected": 0,
    }


@pytest.mark.django_db
def test_the_board_fetches_each_column_only_up_to_its_own_limit(job):
    for stage in (Stage.APPLIED, Stage.SCREENING):
        for _ in range(BOARD_PAGE_SIZE + 5):
            factories.ApplicationFactory(job=job, stage=stage)
    with CaptureQueriesContext(connection) as queries:
        columns = board_columns(job, limits={"Applied": 2 * BOARD_PAGE_SIZE})
    assert [len(column["cards"]) for column in columns[:2]] == [BOARD_PAGE_SIZE + 5, BOARD_PAGE_SIZE]
    # The rows the database itself sends back for the cards: their query, run again and counted.
    # (A window function on SQLite, a UNION of one LIMIT per stage on PostgreSQL.)
    (cards_sql,) = [
        query["sql"] for query in queries if "ROW_NUMBER" in query["sql"].upper() or "UNION" in query["sql"].upper()
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({cards_sql}) AS cards")  # noqa: S608 (the ORM's own SQL)
        assert cursor.fetchone()[0] == 2 * BOARD_PAGE_SIZE + 5
