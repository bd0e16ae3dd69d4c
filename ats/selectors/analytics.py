"""Hiring analytics: where candidates leave, how long each stage takes, which sources
hire, why people are rejected, and how interviewing goes, for a company or one of
its jobs over a period.

Every figure is computed in the database (aggregates, and window functions for
medians and percentiles, see ats.stats) from the append-only stage history, in a
fixed number of queries whatever the data's size. Each measure is a `Table` (its
columns and rows): the page draws it as a chart and a table, the CSV export and
the API serve the same rows. The README defines each measure in one sentence.

Who may see which report is the rules' (ats.view_company_analytics,
ats.view_job_analytics); `AnalyticsScope` is what they were granted.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, DateField, Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Value
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from ats import workflow
from ats.models import Application, ApplicationHistory, Interview, Job
from ats.stats import EMPTY, Spread, days_between, spreads
from ats.workflow import PIPELINE, InterviewStatus, Stage

DEFAULT_PERIOD_DAYS = 90
# Weekly buckets over at most this many days (about three years: 157 weeks).
PERIOD_MAX_DAYS = 3 * 366
# The stages one can be rejected from, in pipeline order.
REJECTABLE = tuple(stage for stage in PIPELINE if stage not in workflow.FINAL_STAGES)


@dataclass(frozen=True)
class Period:
    """The days from `start` to `end`, both included, in the viewer's time zone."""

    start: date
    end: date

    @classmethod
    def last_days(cls, days: int = DEFAULT_PERIOD_DAYS, *, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(start=today - timedelta(days=days - 1), end=today)

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_at(self) -> datetime:
        """The first moment after the period (the end of its last day)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def measured_until(self) -> datetime:
        """The end of the period, or now when the period reaches into the future."""
        return min(self.ends_at, timezone.now())

    def within(self, column: str) -> Q:
        return Q(**{f"{column}__gte": self.starts_at, f"{column}__lt": self.ends_at})

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the period touches."""
        monday = self.start - timedelta(days=self.start.weekday())
        return [monday + timedelta(weeks=n) for n in range((self.end - monday).days // 7 + 1)]

    def months(self) -> list[date]:
        """The first days of the months the period touches."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return months


@dataclass(frozen=True)
class AnalyticsScope:
    """Which applications a report counts: a company's, or one of its jobs', from one source or all."""

    company_id: int
    job_id: int | None = None
    source: str = ""

    def applications(self, path: str = "") -> Q:
        """The scope as a filter on the application at `path` ("" for Application itself)."""
        conditions: dict[str, object] = {f"{path}job__company_id": self.company_id}
        if self.job_id is not None:
            conditions[f"{path}job_id"] = self.job_id
        if self.source:
            conditions[f"{path}source"] = self.source
        return Q(**conditions)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # How a value reads: "text", "count", "days" (one decimal), "percent" (one decimal),
    # "date" (a week's Monday) or "month" (its first day).
    kind: str = "count"


@dataclass
class Table:
    """One measure's figures: what the page's chart and table, the CSV and the API show."""

    key: str
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    # What will appear, and when, while there is nothing to show.
    empty_message: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def values(self) -> Iterator[list]:
        """The rows as lists in the columns' order (for CSV)."""
        for row in self.rows:
            yield [row[column.key] for column in self.columns]

    def cells(self) -> Iterator[list[tuple[object, Column]]]:
        """The rows as (value, column) pairs in the columns' order (for the page's table)."""
        for row in self.rows:
            yield [(row[column.key], column) for column in self.columns]


@dataclass
class Report:
    period: Period
    scope: AnalyticsScope
    summary: dict
    tables: dict[str, Table]


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _history(scope: AnalyticsScope) -> QuerySet[ApplicationHistory]:
    return ApplicationHistory.objects.filter(scope.applications("application__")).order_by()


def funnel(period: Period, scope: AnalyticsScope) -> Table:
    """The applications made in the period (the cohort) that reached each stage, however
    far they have gone since, with the conversion from the stage before and where
    the others left: rejected, withdrawn, or still there."""
    moves = (
        _history(scope)
        .filter(period.within("application__created_at"))
        .values("from_stage", "to_stage", "reason__code")
        .annotate(count=Count("id"))
    )
    reached: dict[str, int] = defaultdict(int)
    moved_on: dict[str, int] = defaultdict(int)
    rejected: dict[str, int] = defaultdict(int)
    withdrawn: dict[str, int] = defaultdict(int)
    for move in moves:
        reached[move["to_stage"]] += move["count"]
        moved_on[move["from_stage"]] += move["count"]
        if move["to_stage"] == Stage.REJECTED:
            left = withdrawn if move["reason__code"] == workflow.REASON_WITHDRAWN else rejected
            left[move["from_stage"]] += move["count"]
    rows = []
    previous = None
    for stage in PIPELINE:
        rows.append(
            {
                "stage": str(stage),
                "reached": reached[stage],
                "conversion": None if previous is None else _percent(reached[stage], reached[previous]),
                "rejected": rejected[stage],
                "withdrawn": withdrawn[stage],
                "still_there": reached[stage] - moved_on[stage],
            }
        )
        previous = stage
    return Table(
        key="funnel",
        title="Funnel",
        columns=[
            Column("stage", "Stage", "text"),
            Column("reached", "Reached"),
            Column("conversion", "From the stage before", "percent"),
            Column("rejected", "Rejected here"),
            Column("withdrawn", "Withdrew here"),
            Column("still_there", "Still here"),
        ],
        rows=rows if reached[Stage.APPLIED] else [],
        empty_message="No applications were made in this period. The funnel fills in as candidates apply.",
    )


def time_in_stage(period: Period, scope: AnalyticsScope) -> Table:
    """How long applications stayed in each stage: from the history row that entered it
    to the one that left it (which keeps when the stay began), for the stays that ended
    in the period. Stays still open at the period's end are counted apart, with how long
    they had lasted by then."""
    finished = spreads(
        _history(scope)
        .filter(period.within("changed_at"))
        .exclude(from_stage="")
        .values(bucket=F("from_stage"), amount=days_between(F("from_stage_entered_at"), F("changed_at")))
    )
    still_open = spreads(_open_stays(scope, period))
    rows = []
    for stage in REJECTABLE:
        done, waiting = finished.get(stage, EMPTY), still_open.get(stage, EMPTY)
        rows.append(
            {
                "stage": str(stage),
                "stays": done.count,
                "median_days": _days(done.median),
                "p75_days": _days(done.at(0.75)),
                "open": waiting.count,
                "open_median_days": _days(waiting.median),
            }
        )
    return Table(
        key="time_in_stage",
        title="Time in stage",
        columns=[
            Column("stage", "Stage", "text"),
            Column("stays", "Stays ended"),
            Column("median_days", "Median days", "days"),
            Column("p75_days", "75th percentile days", "days"),
            Column("open", "Still open"),
            Column("open_median_days", "Open for (median days)", "days"),
        ],
        rows=rows if any(row["stays"] or row["open"] for row in rows) else [],
        empty_message="No application left a stage in this period. Times appear once candidates move on.",
    )


def _open_stays(scope: AnalyticsScope, period: Period) -> QuerySet:
    """The stays open at the period's end (or now), by stage, with how long they had lasted by then."""
    until = period.measured_until
    if period.ends_at > until:
        # Open now: each unfinished application's current stage, without reading the history.
        return (
            Application.objects.filter(scope.applications(), stage_changed_at__lt=until)
            .exclude(stage__in=workflow.FINAL_STAGES)
            .order_by()
            .values(bucket=F("stage"), amount=days_between(F("stage_changed_at"), Value(until)))
        )
    # Open at a moment past: entered before it, and not left before it.
    left_by_then = ApplicationHistory.objects.filter(
        application_id=OuterRef("application_id"), from_stage=OuterRef("to_stage"), changed_at__lt=until
    )
    return (
        _history(scope)
        .filter(changed_at__lt=until)
        .exclude(to_stage__in=workflow.FINAL_STAGES)
        .exclude(Exists(left_by_then))
        .values(bucket=F("to_stage"), amount=days_between(F("changed_at"), Value(until)))
    )


def _spread_row(measure: str, spread: Spread) -> dict:
    return {
        "measure": measure,
        "count": spread.count,
        "min_days": _days(spread.minimum),
        "p25_days": _days(spread.at(0.25)),
        "median_days": _days(spread.median),
        "p75_days": _days(spread.at(0.75)),
        "max_days": _days(spread.maximum),
    }


def speed(period: Period, scope: AnalyticsScope) -> Table:
    """Time to hire (from applying to the move into Hired, for hires in the period) and
    time to first move (from applying to the first move out of Applied, for first
    moves in the period), each with its spread."""
    applied_to = days_between(F("application__created_at"), F("changed_at"))
    hires = spreads(
        _history(scope)
        .filter(period.within("changed_at"), to_stage=Stage.HIRED)
        .values(bucket=Value(1), amount=applied_to)
    ).get(1, EMPTY)
    first_moves = spreads(
        _history(scope)
        .filter(period.within("changed_at"), from_stage=Stage.APPLIED)
        .values(bucket=Value(1), amount=applied_to)
    ).get(1, EMPTY)
    rows = [_spread_row("Time to hire", hires), _spread_row("Time to first move", first_moves)]
    return Table(
        key="speed",
        title="Time to hire and to first move",
        columns=[
            Column("measure", "Measure", "text"),
            Column("count", "Applications"),
            Column("min_days", "Fastest (days)", "days"),
            Column("p25_days", "25th percentile", "days"),
            Column("median_days", "Median", "days"),
            Column("p75_days", "75th percentile", "days"),
            Column("max_days", "Slowest (days)", "days"),
        ],
        rows=rows if hires.count or first_moves.count else [],
        empty_message="Nobody was hired or moved out of Applied in this period. Times appear after the first move.",
    )


def _counts_by(rows: QuerySet, column: str, period: Period, *, unit: type[TruncWeek] | type[TruncMonth]) -> dict:
    """How many of `rows` fall in each week (or month) of the period, by its first day,
    dated by `column`; a week or month without any is absent."""
    return dict(
        rows.filter(period.within(column))
        .order_by()
        .annotate(bucket=unit(column, output_field=DateField()))
        .values_list("bucket")
        .annotate(count=Count("id"))
    )


def applications_per_week(period: Period, scope: AnalyticsScope) -> Table:
    """Applications made each week of the period (weeks start on Monday)."""
    counts = _counts_by(Application.objects.filter(scope.applications()), "created_at", period, unit=TruncWeek)
    return Table(
        key="applications_per_week",
        title="Applications per week",
        columns=[Column("week", "Week of", "date"), Column("applications", "Applications")],
        rows=[{"week": week, "applications": counts.get(week, 0)} for week in period.weeks()] if counts else [],
        empty_message="No applications were made in this period. Each week's count appears as candidates apply.",
    )


def hires_per_month(period: Period, scope: AnalyticsScope) -> Table:
    """Moves into Hired in each month of the period."""
    counts = _counts_by(_history(scope).filter(to_stage=Stage.HIRED), "changed_at", period, unit=TruncMonth)
    return Table(
        key="hires_per_month",
        title="Hires per month",
        columns=[Column("month", "Month", "month"), Column("hires", "Hires")],
        rows=[{"month": month, "hires": counts.get(month, 0)} for month in period.months()] if counts else [],
        empty_message="Nobody was hired in this period. Each month's hires appear when someone reaches Hired.",
    )


def sources(period: Period, scope: AnalyticsScope) -> Table:
    """Per source, the applications made in the period, how many of them reached
    Interview and Hired (however long it took), and the share hired."""
    reached_interview = ApplicationHistory.objects.filter(application_id=OuterRef("pk"), to_stage=Stage.INTERVIEW)
    per_source = (
        Application.objects.filter(scope.applications(), period.within("created_at"))
        .order_by()
        .values("source")
        .annotate(
            applications=Count("id"),
            interviewed=Count("id", filter=Q(Exists(reached_interview))),
            hired=Count("id", filter=Q(stage=Stage.HIRED)),
        )
        .order_by("-applications", "source")
    )
    rows = [
        {
            "source": row["source"],
            "applications": row["applications"],
            "interviewed": row["interviewed"],
            "hired": row["hired"],
            "conversion": _percent(row["hired"], row["applications"]),
        }
        for row in per_source
    ]
    return Table(
        key="sources",
        title="Sources",
        columns=[
            Column("source", "Source", "text"),
            Column("applications", "Applications"),
            Column("interviewed", "Reached Interview"),
            Column("hired", "Hired"),
            Column("conversion", "Hired of applied", "percent"),
        ],
        rows=rows,
        empty_message="No applications were made in this period. Sources appear as candidates apply.",
    )


def _rejections(period: Period, scope: AnalyticsScope) -> QuerySet[ApplicationHistory]:
    return _history(scope).filter(period.within("changed_at"), to_stage=Stage.REJECTED)


def rejection_reasons(period: Period, scope: AnalyticsScope) -> Table:
    """The rejections made in the period by reason (withdrawals apart), split by the stage rejected from."""
    per_reason = (
        _rejections(period, scope)
        .exclude(reason__code=workflow.REASON_WITHDRAWN)
        .values("reason__code", "reason__label", "from_stage")
        .annotate(count=Count("id"))
    )
    reasons: dict[str, dict] = {}
    for row in per_reason:
        reason = reasons.setdefault(
            row["reason__code"],
            {"reason": row["reason__label"], "code": row["reason__code"], **dict.fromkeys(REJECTABLE, 0), "total": 0},
        )
        reason[row["from_stage"]] += row["count"]
        reason["total"] += row["count"]
    return Table(
        key="rejection_reasons",
        title="Rejection reasons",
        columns=[
            Column("reason", "Reason", "text"),
            Column("code", "Code", "text"),
            *(Column(str(stage), f"From {stage}") for stage in REJECTABLE),
            Column("total", "Total"),
        ],
        rows=sorted(reasons.values(), key=lambda reason: (-reason["total"], reason["reason"])),
        empty_message="Nobody was rejected in this period. Reasons appear as the team rejects applications.",
    )


def withdrawals(period: Period, scope: AnalyticsScope) -> Table:
    """The withdrawals made in the period, by the stage the candidate withdrew from."""
    per_stage = dict(
        _rejections(period, scope)
        .filter(reason__code=workflow.REASON_WITHDRAWN)
        .values_list("from_stage")
        .annotate(count=Count("id"))
    )
    return Table(
        key="withdrawals",
        title="Withdrawals",
        columns=[Column("stage", "Withdrew from", "text"), Column("withdrawals", "Withdrawals")],
        rows=[{"stage": str(stage), "withdrawals": per_stage.get(stage, 0)} for stage in REJECTABLE]
        if per_stage
        else [],
        empty_message="No candidate withdrew in this period.",
    )


def _interviews(scope: AnalyticsScope) -> QuerySet[Interview]:
    return Interview.objects.filter(scope.applications("application__"), status=InterviewStatus.SCHEDULED)


def interviews_per_week(period: Period, scope: AnalyticsScope) -> Table:
    """Scheduled interviews taking place each week of the period (cancelled ones left out)."""
    counts = _counts_by(_interviews(scope), "starts_at", period, unit=TruncWeek)
    return Table(
        key="interviews_per_week",
        title="Interviews per week",
        columns=[Column("week", "Week of", "date"), Column("interviews", "Interviews")],
        rows=[{"week": week, "interviews": counts.get(week, 0)} for week in period.weeks()] if counts else [],
        empty_message="No interviews took place in this period. They appear here once the team schedules some.",
    )


def interviewer_load(period: Period, scope: AnalyticsScope) -> Table:
    """Per interviewer, the scheduled interviews of the period they are on, the
    scorecards due (one per interview that has ended) and those submitted."""
    seats = Interview.interviewers.through.objects.filter(
        scope.applications("interview__application__"),
        period.within("interview__starts_at"),
        interview__status=InterviewStatus.SCHEDULED,
    )
    ended = Q(interview__ends_at__lte=period.measured_until)
    per_person = (
        seats.order_by()
        # The seat's own scorecard, if its interviewer wrote one (one at most per interview and author).
        .annotate(
            scorecard=FilteredRelation(
                "interview__scorecards", condition=Q(interview__scorecards__author_id=F("user_id"))
            )
        )
        .values("user_id", "user__first_name", "user__last_name", "user__username")
        .annotate(
            interviews=Count("id"),
            due=Count("id", filter=ended),
            submitted=Count("scorecard__id", filter=ended),
        )
        .order_by("-interviews", "user__last_name", "user__first_name", "user_id")
    )
    rows = []
    for row in per_person:
        name = f"{row['user__first_name']} {row['user__last_name']}".strip() or row["user__username"]
        rows.append(
            {
                "interviewer": name,
                "interviews": row["interviews"],
                "scorecards_due": row["due"],
                "scorecards_submitted": row["submitted"],
                "scorecards_missing": row["due"] - row["submitted"],
            }
        )
    return Table(
        key="interviewer_load",
        title="Interviewers and scorecards",
        columns=[
            Column("interviewer", "Interviewer", "text"),
            Column("interviews", "Interviews"),
            Column("scorecards_due", "Scorecards due"),
            Column("scorecards_submitted", "Submitted"),
            Column("scorecards_missing", "Missing"),
        ],
        rows=rows,
        empty_message="No interviews took place in this period. Each interviewer's load and scorecards appear here.",
    )


# Every measure, by its table's key, in the page's order.
MEASURES: dict[str, Callable[[Period, AnalyticsScope], Table]] = {
    "funnel": funnel,
    "time_in_stage": time_in_stage,
    "speed": speed,
    "applications_per_week": applications_per_week,
    "hires_per_month": hires_per_month,
    "sources": sources,
    "rejection_reasons": rejection_reasons,
    "withdrawals": withdrawals,
    "interviews_per_week": interviews_per_week,
    "interviewer_load": interviewer_load,
}


def analytics_report(*, period: Period, scope: AnalyticsScope) -> Report:
    """Every measure for `scope` over `period`, in a fixed number of queries."""
    tables = {key: measure(period, scope) for key, measure in MEASURES.items()}
    return Report(period=period, scope=scope, summary=_summary(tables), tables=tables)


def analytics_table(key: str, *, period: Period, scope: AnalyticsScope) -> Table:
    """One measure (a CSV export's); raises KeyError for a key that names none."""
    return MEASURES[key](period, scope)


def _summary(tables: dict[str, Table]) -> dict:
    """The headline figures, read off the tables (no query of their own)."""
    applied = sum(row["applications"] for row in tables["applications_per_week"].rows)
    hired = sum(row["hires"] for row in tables["hires_per_month"].rows)
    time_to_hire = next((row for row in tables["speed"].rows if row["measure"] == "Time to hire"), None)
    load = tables["interviewer_load"].rows
    due = sum(row["scorecards_due"] for row in load)
    return {
        "applications": applied,
        "hires": hired,
        "median_days_to_hire": time_to_hire["median_days"] if time_to_hire else None,
        "scorecards_due": due,
        "scorecards_submitted": sum(row["scorecards_submitted"] for row in load),
    }


def analytics_jobs(company_id: int) -> QuerySet[Job]:
    """The company's jobs for the company page's job filter, by title."""
    return Job.objects.filter(company_id=company_id).order_by("title", "id").only("pk", "title", "status")
