"""Each measure against a month worked out by hand (hiring_story.py), on whichever
database the run uses: medians, percentiles, conversion and open stays included."""

import statistics
from datetime import timedelta

from django.utils import timezone

from ats.models import Application
from ats.selectors.analytics import AnalyticsScope, Period, analytics_report
from ats.tests import factories
from ats.tests.analytics.hiring_story import MARCH
from ats.workflow import Stage


def report(story, **scope):
    return analytics_report(period=MARCH, scope=AnalyticsScope(company_id=story.job.company_id, **scope))


def rows(report, key: str, by: str) -> dict:
    return {row[by]: row for row in report.tables[key].rows}


def test_funnel_counts_the_cohort_reaching_each_stage(story):
    funnel = rows(report(story), "funnel", "stage")

    assert {stage: row["reached"] for stage, row in funnel.items()} == {
        "Applied": 7,
        "Screening": 4,
        "Interview": 2,
        "Offer": 1,
        "Hired": 1,
    }
    assert [row["conversion"] for row in funnel.values()] == [None, 57.1, 50.0, 50.0, 100.0]


def test_funnel_says_where_the_others_left(story):
    funnel = rows(report(story), "funnel", "stage")

    assert {stage: (row["rejected"], row["withdrawn"], row["still_there"]) for stage, row in funnel.items()} == {
        "Applied": (0, 1, 2),
        "Screening": (1, 0, 1),
        "Interview": (1, 0, 0),
        "Offer": (0, 0, 0),
        "Hired": (0, 0, 1),
    }


def test_time_in_stage_takes_median_and_75th_percentile_of_stays_ended_in_the_period(story):
    stages = rows(report(story), "time_in_stage", "stage")

    # Applied: 2, 4, 2, 1, 1 days, and 11 for the February application that moved on March 3.
    assert statistics.median([1, 1, 2, 2, 4, 11]) == stages["Applied"]["median_days"] == 2.0
    assert stages["Applied"]["p75_days"] == 3.5
    assert (stages["Applied"]["stays"], stages["Screening"]["stays"]) == (6, 4)
    # Screening: 4, 1, 3 and 8 days.
    assert (stages["Screening"]["median_days"], stages["Screening"]["p75_days"]) == (3.5, 5.0)
    assert (stages["Interview"]["median_days"], stages["Interview"]["p75_days"]) == (3.5, 3.8)  # 3.75, to one decimal
    assert (stages["Offer"]["stays"], stages["Offer"]["median_days"]) == (1, 10.0)


def test_time_in_stage_counts_open_stays_apart_up_to_the_periods_end(story):
    stages = rows(report(story), "time_in_stage", "stage")

    # Waiting at midnight on April 1: in Applied since March 9 and March 30, in Screening
    # since March 5, in Interview since March 11. The April move is after the period.
    assert (stages["Applied"]["open"], stages["Applied"]["open_median_days"]) == (2, 12.5)
    assert (stages["Screening"]["open"], stages["Screening"]["open_median_days"]) == (1, 27.0)
    assert (stages["Interview"]["open"], stages["Interview"]["open_median_days"]) == (1, 21.0)
    assert (stages["Offer"]["open"], stages["Offer"]["open_median_days"]) == (0, None)


def test_time_to_hire_and_to_first_move_with_their_spread(story):
    speed = rows(report(story), "speed", "measure")

    assert speed["Time to hire"] == {
        "measure": "Time to hire",
        "count": 1,
        "min_days": 20.0,
        "p25_days": 20.0,
        "median_days": 20.0,
        "p75_days": 20.0,
        "max_days": 20.0,
    }
    first = speed["Time to first move"]
    assert (first["count"], first["min_days"], first["p25_days"]) == (6, 1.0, 1.2)
    assert (first["median_days"], first["p75_days"], first["max_days"]) == (2.0, 3.5, 11.0)


def test_volume_per_week_and_hires_per_month(story):
    result = report(story)

    weekly = [(str(row["week"]), row["applications"]) for row in result.tables["applications_per_week"].rows]
    assert weekly == [
        ("2026-02-23", 0),
        ("2026-03-02", 4),
        ("2026-03-09", 2),
        ("2026-03-16", 0),
        ("2026-03-23", 0),
        ("2026-03-30", 1),
    ]
    monthly = [(str(row["month"]), row["hires"]) for row in result.tables["hires_per_month"].rows]
    assert monthly == [("2026-03-01", 1)]
    assert result.summary["applications"] == 7
    assert result.summary["hires"] == 1
    assert result.summary["median_days_to_hire"] == 20.0


def test_sources_with_interviews_hires_and_conversion(story):
    table = report(story).tables["sources"]

    assert [
        (row["source"], row["applications"], row["interviewed"], row["hired"], row["conversion"]) for row in table.rows
    ] == [
        ("job board", 3, 0, 0, 0.0),
        ("linkedin", 2, 1, 1, 50.0),
        ("referral", 2, 1, 0, 0.0),
    ]


def test_rejection_reasons_by_stage_with_withdrawals_apart(story):
    result = report(story)

    reasons = rows(result, "rejection_reasons", "code")
    assert set(reasons) == {"not_qualified", "another_candidate_chosen"}
    assert (reasons["not_qualified"]["Screening"], reasons["not_qualified"]["total"]) == (1, 1)
    assert (reasons["another_candidate_chosen"]["Interview"], reasons["another_candidate_chosen"]["Applied"]) == (1, 0)
    withdrawals = rows(result, "withdrawals", "stage")
    assert {stage: row["withdrawals"] for stage, row in withdrawals.items()} == {
        "Applied": 1,
        "Screening": 0,
        "Interview": 0,
        "Offer": 0,
    }


def test_interviews_per_week_and_scorecards_due_per_interviewer(story):
    result = report(story)

    weekly = {str(row["week"]): row["interviews"] for row in result.tables["interviews_per_week"].rows}
    assert (weekly["2026-03-02"], weekly["2026-03-09"], sum(weekly.values())) == (1, 1, 2)
    load = [
        (
            row["interviewer"],
            row["interviews"],
            row["scorecards_due"],
            row["scorecards_submitted"],
            row["scorecards_missing"],
        )
        for row in result.tables["interviewer_load"].rows
    ]
    manager, recruiter = story.job.hiring_managers.get(), story.job.company.members.get(username="rita")
    assert load == [
        (manager.display_name, 2, 2, 1, 1),
        (recruiter.display_name, 1, 1, 1, 0),
    ]
    assert (result.summary["scorecards_due"], result.summary["scorecards_submitted"]) == (3, 2)


def test_a_job_scope_counts_only_that_job(story):
    funnel = rows(report(story, job_id=story.other_job.pk), "funnel", "stage")

    assert [row["reached"] for row in funnel.values()] == [1, 1, 1, 0, 0]


def test_a_source_scope_counts_only_that_source(story):
    result = report(story, source="linkedin")

    assert [row["reached"] for row in result.tables["funnel"].rows] == [2, 1, 1, 1, 1]
    assert [row["source"] for row in result.tables["sources"].rows] == ["linkedin"]


def test_a_period_without_data_gives_empty_tables_that_say_what_will_appear(story):
    result = analytics_report(
        period=type(MARCH)(start=MARCH.start.replace(year=2020), end=MARCH.end.replace(year=2020)),
        scope=AnalyticsScope(company_id=story.job.company_id),
    )

    assert all(table.is_empty for table in result.tables.values())
    assert all(table.empty_message for table in result.tables.values())
    assert result.summary["applications"] == 0


def test_open_stays_of_a_period_reaching_today_are_the_current_stages(story):
    waiting = factories.ApplicationFactory(job=story.job)
    Application.objects.filter(pk=waiting.pk).update(
        stage=Stage.OFFER, stage_changed_at=timezone.now() - timedelta(days=3)
    )
    result = analytics_report(period=Period.last_days(30), scope=AnalyticsScope(company_id=story.job.company_id))

    stages = rows(result, "time_in_stage", "stage")
    assert (stages["Offer"]["open"], stages["Offer"]["open_median_days"]) == (1, 3.0)
    # Every other unfinished application of the story has waited since March.
    assert stages["Applied"]["open"] == 2
    assert stages["Applied"]["open_median_days"] > 200
