"""The analytics pages and their CSV: /workspace/analytics/ and /workspace/jobs/<pk>/analytics/."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ats.models import Application, ApplicationHistory, User
from ats.tests import factories
from ats.tests.analytics.hiring_story import DAY_0, tell
from ats.workflow import Stage

COMPANY = "/workspace/analytics/"
IN_MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def job_page(job) -> str:
    return f"/workspace/jobs/{job.pk}/analytics/"


@pytest.fixture
def story(acme, globex, job, recruiter, hiring_manager):
    other_job = factories.JobFactory(company=acme, title="Designer")
    return tell(
        job=job,
        other_job=other_job,
        recruiter=recruiter,
        hiring_manager=hiring_manager,
        outsider_job=factories.JobFactory(company=globex, title="Globex job"),
    )


def funnel_reached(response) -> list[int]:
    return [row["reached"] for row in response.context["report"].tables["funnel"].rows]


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(COMPANY)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_recruiter_sees_the_company_figures_for_the_period(client, recruiter, story):
    client.force_login(recruiter)
    response = client.get(COMPANY, IN_MARCH)

    assert response.status_code == 200
    assert funnel_reached(response) == [7, 4, 2, 1, 1]
    page = response.content.decode()
    assert "Mar 1, 2026 to Mar 31, 2026" in page
    assert page.count("<canvas") == 8
    assert 'id="chart-funnel" type="application/json"' in page


def test_the_period_defaults_to_the_last_90_days(client, recruiter, story):
    client.force_login(recruiter)
    report = client.get(COMPANY).context["report"]

    today = timezone.localdate()
    assert report.period.end == today
    assert (report.period.end - report.period.start).days == 89
    # March 2026 is long past: nothing of the story is in it.
    assert report.summary["applications"] == 0


def test_job_and_source_filters_narrow_the_company_figures(client, recruiter, story):
    client.force_login(recruiter)

    assert funnel_reached(client.get(COMPANY, {**IN_MARCH, "job": story.other_job.pk})) == [1, 1, 1, 0, 0]
    assert funnel_reached(client.get(COMPANY, {**IN_MARCH, "source": "LinkedIn"})) == [2, 1, 1, 1, 1]


def test_a_bad_filter_says_what_to_fix_and_the_others_still_apply(client, recruiter, story):
    client.force_login(recruiter)
    response = client.get(COMPANY, {"start": "2026-03-31", "end": "2026-03-01", "source": "linkedin"})

    assert response.status_code == 200
    assert "The period ends before it starts: swap the dates." in response.content.decode()
    assert response.context["report"].scope.source == "linkedin"
    assert response.context["report"].period.end == timezone.localdate()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "March"}, "Enter the date as YYYY-MM-DD"),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "Choose a period of at most three years."),
        ({"job": "not a number"}, "Select a valid choice."),
    ],
)
def test_bad_parameters_are_explained(client, recruiter, story, query, message):
    client.force_login(recruiter)
    response = client.get(COMPANY, query)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_another_companys_job_is_not_a_choice(client, outsider_recruiter, story):
    client.force_login(outsider_recruiter)
    response = client.get(COMPANY, {**IN_MARCH, "job": story.job.pk})

    assert "Select a valid choice." in response.content.decode()
    # Globex's own figures only: its one application, made on March 4.
    assert funnel_reached(response) == [1, 1, 0, 0, 0]


def test_candidates_find_nothing(client, candidate, story):
    client.force_login(candidate)
    assert client.get(COMPANY).status_code == 404
    assert client.get(job_page(story.job)).status_code == 404
    assert client.get(f"{COMPANY}funnel.csv").status_code == 404


def test_operators_are_pointed_to_the_admin(client, superuser, story):
    client.force_login(superuser)
    response = client.get(COMPANY)
    assert response.status_code == 403
    assert "/admin/" in response.content.decode()


def test_hiring_manager_is_led_to_the_jobs_they_are_assigned_to(client, hiring_manager, story):
    client.force_login(hiring_manager)
    response = client.get(COMPANY)

    assert response.status_code == 200
    assert job_page(story.job) in response.content.decode()
    assert job_page(story.other_job) not in response.content.decode()
    assert client.get(f"{COMPANY}funnel.csv").status_code == 403


def test_hiring_manager_sees_an_assigned_jobs_figures(client, hiring_manager, story):
    client.force_login(hiring_manager)
    response = client.get(job_page(story.job), IN_MARCH)

    assert response.status_code == 200
    # The job's own cohort: the six of its applications made in March.
    assert funnel_reached(response) == [6, 3, 1, 1, 1]


def test_an_unassigned_hiring_manager_is_refused_the_jobs_figures(client, other_hiring_manager, story):
    client.force_login(other_hiring_manager)
    assert client.get(job_page(story.job)).status_code == 403
    assert client.get(f"{job_page(story.job)}funnel.csv").status_code == 403


def test_another_companys_job_does_not_exist_for_them(client, outsider_recruiter, story):
    client.force_login(outsider_recruiter)
    assert client.get(job_page(story.job)).status_code == 404
    assert client.get(f"{job_page(story.job)}funnel.csv").status_code == 404


def test_a_table_downloads_as_csv_with_the_pages_figures(client, recruiter, story):
    client.force_login(recruiter)
    response = client.get(f"{COMPANY}funnel.csv", IN_MARCH)

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="analytics-funnel-2026-03-01-to-2026-03-31.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Stage", "Reached", "From the stage before", "Rejected here", "Withdrew here", "Still here"]
    assert rows[1] == ["Applied", "7", "", "0", "1", "2"]
    assert rows[2] == ["Screening", "4", "57.1", "1", "0", "1"]


def test_every_table_downloads_from_a_job_page(client, recruiter, story):
    client.force_login(recruiter)
    for key in client.get(job_page(story.job), IN_MARCH).context["report"].tables:
        response = client.get(f"{job_page(story.job)}{key}.csv", IN_MARCH)
        assert response.status_code == 200, key
        assert f"analytics-job-{story.job.pk}-{key.replace('_', '-')}-" in response["Content-Disposition"]


def test_an_unknown_table_is_not_found(client, recruiter, story):
    client.force_login(recruiter)
    assert client.get(f"{COMPANY}salaries.csv").status_code == 404


def test_a_csv_does_not_let_a_spreadsheet_run_a_source_as_a_formula(client, recruiter, job):
    factories.ApplicationFactory(job=job, source="=HYPERLINK(1)")
    client.force_login(recruiter)
    body = b"".join(client.get(f"{COMPANY}sources.csv").streaming_content).decode()
    source = Application.objects.get().source
    assert source.startswith("=")
    assert f"'{source}" in body


def test_empty_tables_say_what_will_appear(client, recruiter, job):
    client.force_login(recruiter)
    page = client.get(COMPANY).content.decode()

    assert "No applications were made in this period. The funnel fills in as candidates apply." in page
    assert "<canvas" not in page


def test_the_board_links_to_its_analytics_for_whoever_may_see_them(client, recruiter, other_hiring_manager, job):
    client.force_login(recruiter)
    assert job_page(job) in client.get(f"/workspace/jobs/{job.pk}/board/").content.decode()
    client.force_login(other_hiring_manager)
    assert job_page(job) not in client.get(f"/workspace/jobs/{job.pk}/board/").content.decode()


def _applications(job, numbers: range) -> None:
    """Applications numbered `numbers`, a fifth at each step of the way to Hired, made in March."""
    candidates = User.objects.bulk_create(User(username=f"bulk-{n}", email=f"bulk-{n}@example.com") for n in numbers)
    path = [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
    applications = Application.objects.bulk_create(
        Application(candidate=candidate, job=job, stage=path[n % 5], source=f"source {n % 7}")
        for n, candidate in enumerate(candidates)
    )
    Application.objects.filter(job=job).update(created_at=DAY_0, stage_changed_at=DAY_0)
    ApplicationHistory.objects.bulk_create(
        ApplicationHistory(
            application=application,
            from_stage="" if step == 0 else path[step - 1],
            to_stage=path[step],
            changed_at=DAY_0 + timedelta(days=step),
        )
        for n, application in enumerate(applications)
        for step in range(n % 5 + 1)
    )


def test_the_query_count_does_not_grow_with_the_data(client, recruiter, job):
    client.force_login(recruiter)
    client.get(COMPANY, IN_MARCH)  # fills the cached list of sources
    counts = []
    for numbers in (range(10), range(10, 1000)):
        _applications(job, numbers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(COMPANY, IN_MARCH)
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.context["report"].summary["applications"] == 1000
    assert counts[0] == counts[1]
