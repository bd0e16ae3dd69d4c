"""GET /api/analytics/ and GET /api/jobs/{id}/analytics/: the selector's figures as JSON
(the hand-worked month of ats/tests/analytics/hiring_story.py), who may ask, and what
a bad parameter answers."""

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats.selectors.analytics import MEASURES, AnalyticsScope, analytics_report
from ats.tests import factories
from ats.tests.analytics.hiring_story import DAY_0, MARCH, story_application, tell
from ats.workflow import Stage

IN_MARCH = "start=2026-03-01&end=2026-03-31"


def expected(story, **scope) -> dict:
    """The selector's report for March, written the way the API promises: dates as ISO strings."""
    report = analytics_report(period=MARCH, scope=AnalyticsScope(company_id=story.job.company_id, **scope))
    return {
        "summary": report.summary,
        "tables": {
            key: {
                "title": table.title,
                "columns": [asdict(column) for column in table.columns],
                "rows": [
                    {name: value.isoformat() if isinstance(value, date) else value for name, value in row.items()}
                    for row in table.rows
                ],
            }
            for key, table in report.tables.items()
        },
    }


def reached(answer: dict) -> dict[str, int]:
    return {row["stage"]: row["reached"] for row in answer["tables"]["funnel"]["rows"]}


def refusal(response, status: int) -> str:
    assert response.status_code == status, response.content
    return response.json()["detail"]


# The figures ----------------------------------------------------------------------------


def test_it_answers_the_company_figures_of_the_selector(api_as, story, recruiter):
    response = api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}")

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["period"] == {"start": "2026-03-01", "end": "2026-03-31"}
    assert answer["scope"] == {"job": None, "source": ""}
    assert list(answer["tables"]) == list(MEASURES)
    assert {key: answer[key] for key in ("summary", "tables")} == expected(story)


def test_its_funnel_and_medians_are_the_hand_worked_ones(api_as, story, recruiter):
    answer = api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}").json()

    assert reached(answer) == {"Applied": 7, "Screening": 4, "Interview": 2, "Offer": 1, "Hired": 1}
    assert [row["conversion"] for row in answer["tables"]["funnel"]["rows"]] == [None, 57.1, 50.0, 50.0, 100.0]
    applied = answer["tables"]["time_in_stage"]["rows"][0]
    assert (applied["stage"], applied["median_days"], applied["p75_days"]) == ("Applied", 2.0, 3.5)
    assert answer["summary"]["median_days_to_hire"] == 20.0
    assert answer["summary"] == {
        "applications": 7,
        "hires": 1,
        "median_days_to_hire": 20.0,
        "scorecards_due": 3,
        "scorecards_submitted": 2,
    }


def test_dates_are_iso_strings(api_as, story, recruiter):
    tables = api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}").json()["tables"]

    assert [row["week"] for row in tables["applications_per_week"]["rows"]][:2] == ["2026-02-23", "2026-03-02"]
    assert tables["hires_per_month"]["rows"] == [{"month": "2026-03-01", "hires": 1}]


def test_the_company_endpoint_narrows_to_a_job(api_as, story, recruiter):
    response = api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}&job={story.other_job.pk}")

    answer = response.json()
    assert answer["scope"] == {"job": story.other_job.pk, "source": ""}
    assert list(reached(answer).values()) == [1, 1, 1, 0, 0]
    assert {key: answer[key] for key in ("summary", "tables")} == expected(story, job_id=story.other_job.pk)


def test_the_source_is_normalised_as_at_apply(api_as, story, recruiter):
    answer = api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}&source=LinkedIn").json()

    assert answer["scope"] == {"job": None, "source": "linkedin"}
    assert list(reached(answer).values()) == [2, 1, 1, 1, 1]
    assert [row["source"] for row in answer["tables"]["sources"]["rows"]] == ["linkedin"]
    assert {key: answer[key] for key in ("summary", "tables")} == expected(story, source="linkedin")


def test_the_job_endpoint_counts_only_that_job(api_as, story, recruiter):
    response = api_as(recruiter).get(f"/api/jobs/{story.job.pk}/analytics/?{IN_MARCH}&source=job board")

    answer = response.json()
    assert answer["scope"] == {"job": story.job.pk, "source": "job board"}
    assert {key: answer[key] for key in ("summary", "tables")} == expected(
        story, job_id=story.job.pk, source="job board"
    )
    assert reached(answer)["Applied"] == 3


def test_the_job_endpoint_ignores_a_job_parameter(api_as, story, recruiter):
    answer = api_as(recruiter).get(f"/api/jobs/{story.job.pk}/analytics/?{IN_MARCH}&job={story.other_job.pk}").json()

    assert answer["scope"]["job"] == story.job.pk
    assert answer["summary"] == expected(story, job_id=story.job.pk)["summary"]


def test_without_dates_it_reports_the_last_90_days(api_as, recruiter):
    answer = api_as(recruiter).get("/api/analytics/").json()

    today = timezone.localdate()
    assert answer["period"] == {"start": (today - timedelta(days=89)).isoformat(), "end": today.isoformat()}
    assert answer["summary"]["applications"] == 0
    assert all(table["rows"] == [] for table in answer["tables"].values())


def test_an_outsider_recruiter_gets_their_own_company_figures(api_as, story, outsider_recruiter):
    answer = api_as(outsider_recruiter).get(f"/api/analytics/?{IN_MARCH}").json()

    # Globex's one March application, rejected from Screening.
    assert reached(answer) == {"Applied": 1, "Screening": 1, "Interview": 0, "Offer": 0, "Hired": 0}


def test_days_are_counted_in_the_users_time_zone_as_on_the_page(api, api_as, job, recruiter):
    # 12:00 UTC on February 28 is 01:00 on March 1 in Auckland (UTC+13 in summer).
    story_application(job, source="linkedin", applied=-1.5)
    assert DAY_0 - timedelta(days=1.5) == datetime(2026, 2, 28, 12, tzinfo=UTC)

    assert api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}").json()["summary"]["applications"] == 0
    recruiter.time_zone = "Pacific/Auckland"
    recruiter.save(update_fields=["time_zone"])
    assert api_as(recruiter).get(f"/api/analytics/?{IN_MARCH}").json()["summary"]["applications"] == 1
    # A browser session (where the middleware sets the zone) reads the same.
    api.force_login(recruiter)
    assert api.get(f"/api/analytics/?{IN_MARCH}").json()["summary"]["applications"] == 1


# Who may ask ----------------------------------------------------------------------------


def test_anonymous_gets_401_on_both(api, job):
    assert api.get("/api/analytics/").status_code == 401
    assert api.get(f"/api/jobs/{job.pk}/analytics/").status_code == 401


def test_a_hiring_manager_is_pointed_to_their_jobs(api_as, hiring_manager):
    detail = refusal(api_as(hiring_manager).get("/api/analytics/"), 403)

    assert "/api/jobs/{id}/analytics/" in detail
    assert "assigned" in detail


def test_an_assigned_hiring_manager_gets_the_jobs_figures(api_as, story, hiring_manager):
    response = api_as(hiring_manager).get(f"/api/jobs/{story.job.pk}/analytics/?{IN_MARCH}")

    assert response.status_code == 200, response.content
    assert response.json()["summary"] == expected(story, job_id=story.job.pk)["summary"]


def test_an_unassigned_hiring_manager_of_the_company_gets_403(api_as, job, other_hiring_manager):
    detail = refusal(api_as(other_hiring_manager).get(f"/api/jobs/{job.pk}/analytics/"), 403)

    assert "hiring managers assigned to it" in detail


def test_a_candidate_gets_403_for_the_company_and_404_for_any_job(api_as, job, candidate):
    assert refusal(api_as(candidate).get("/api/analytics/"), 403)
    # Even a published job: a candidate has no job's analytics to see.
    assert api_as(candidate).get(f"/api/jobs/{job.pk}/analytics/").status_code == 404


def test_another_companys_job_is_not_found(api_as, job, outsider_recruiter):
    assert api_as(outsider_recruiter).get(f"/api/jobs/{job.pk}/analytics/").status_code == 404


# Bad parameters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("start=2026-13-01", "start", "Enter the date as YYYY-MM-DD"),
        ("end=1 March", "end", "Enter the date as YYYY-MM-DD"),
        ("start=2026-03-31&end=2026-03-01", "end", "The period ends before it starts"),
        ("start=2020-01-01&end=2026-03-31", "start", "at most three years"),
        ("end=9999-12-31", "end", "between the years 1900 and 9998"),
        ("end=0001-01-02", "end", "between the years 1900 and 9998"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(api_as, recruiter, job, query, field, message):
    for path in ("/api/analytics/", f"/api/jobs/{job.pk}/analytics/"):
        response = api_as(recruiter).get(f"{path}?{query}")

        assert response.status_code == 400, response.content
        assert list(response.json()) == [field]
        assert message in response.json()[field][0]


@pytest.mark.parametrize("job_id", ["999999", "abc", "99999999999999999999999"])
def test_an_unknown_job_is_a_400(api_as, recruiter, job, job_id):
    response = api_as(recruiter).get(f"/api/analytics/?job={job_id}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["job"]
    assert job_id in response.json()["job"][0]


def test_another_companys_job_is_an_unknown_job(api_as, recruiter, globex):
    globex_job = factories.JobFactory(company=globex)

    response = api_as(recruiter).get(f"/api/analytics/?job={globex_job.pk}")

    assert response.status_code == 400
    assert list(response.json()) == ["job"]


# Cost -----------------------------------------------------------------------------------


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(api_as, acme, globex, job, recruiter, hiring_manager):
    timezone.activate("UTC")
    client = api_as(recruiter)
    company, one_job = f"/api/analytics/?{IN_MARCH}", f"/api/jobs/{job.pk}/analytics/?{IN_MARCH}"
    before = (count_queries(client, company), count_queries(client, one_job))

    other_job = factories.JobFactory(company=acme, title="Designer")
    tell(
        job=job,
        other_job=other_job,
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        outsider_job=factories.JobFactory(company=globex),
    )
    for number in range(10):
        factories.JobFactory(company=acme, title=f"Job {number}")
        story_application(job, source=f"source {number}", applied=number, moves=[(Stage.SCREENING, number + 1)])
    timezone.deactivate()

    assert (count_queries(client, company), count_queries(client, one_job)) == before
    assert api_as(recruiter).get(company).json()["summary"]["applications"] == 17


def test_a_start_without_an_end_runs_to_today(api_as, recruiter):
    start = timezone.localdate() - timedelta(days=10)

    answer = api_as(recruiter).get(f"/api/analytics/?start={start}").json()

    assert answer["period"] == {"start": start.isoformat(), "end": timezone.localdate().isoformat()}
