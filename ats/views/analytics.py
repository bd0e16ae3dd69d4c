"""Hiring analytics: the company's page (recruiters), a job's page (its recruiters and
assigned hiring managers), and each table as CSV. The figures are the selectors';
this module reads the filters, asks the rules, and shapes the charts' data."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ats.forms.analytics import AnalyticsFilterForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Job, User
from ats.predicates import role_of
from ats.selectors.analytics import (
    MEASURES,
    AnalyticsScope,
    Report,
    Table,
    analytics_jobs,
    analytics_report,
    analytics_table,
)
from ats.selectors.candidates import candidate_sources
from ats.selectors.jobs import jobs_of_company
from ats.views.exports import csv_response
from ats.views.helpers import require_perm
from ats.views.lookups import get_job_analytics_for_user
from ats.workflow import PIPELINE

PAGE_TEMPLATE = "ats/analytics/page.html"


def _require_company_analytics(request: AuthenticatedHttpRequest) -> None:
    """Nothing here (404) for anyone outside a company's team; 403 for its hiring managers."""
    company = request.user.company
    if company is None or role_of(request.user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        raise Http404("No analytics here.")
    require_perm(request, "ats.view_company_analytics", company, denied="Only recruiters see the company's analytics.")


def _filters(request: AuthenticatedHttpRequest, job: Job | None) -> tuple[AnalyticsFilterForm, AnalyticsScope]:
    company_id = request.user.company_id
    assert company_id is not None
    jobs = None if job else list(analytics_jobs(company_id).values_list("pk", "title"))
    # The company's sources, as the candidates list offers them (cached: reading them reads every application).
    form = AnalyticsFilterForm(request.GET, jobs=jobs, sources=candidate_sources(request.user))
    job_id, source = form.narrowing()
    return form, AnalyticsScope(company_id=company_id, job_id=job.pk if job else job_id, source=source)


def _page(request: AuthenticatedHttpRequest, job: Job | None) -> HttpResponse:
    form, scope = _filters(request, job)
    report = analytics_report(period=form.period(), scope=scope)
    context = {
        "form": form,
        "job": job,
        "report": report,
        "sections": _sections(report),
        "presets": form.presets(),
        "export_url": "job_analytics_export" if job else "analytics_export",
    }
    return render(request, PAGE_TEMPLATE, context)


@require_GET
@login_required
def company_analytics(request: AuthenticatedHttpRequest) -> HttpResponse:
    if role_of(request.user) == User.Role.HIRING_MANAGER:
        # Their figures are their jobs': the page leads there.
        jobs = jobs_of_company(request.user).filter(hiring_managers=request.user)
        return render(request, "ats/analytics/choose_job.html", {"jobs": jobs})
    _require_company_analytics(request)
    return _page(request, job=None)


@require_GET
@login_required
def job_analytics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, job=get_job_analytics_for_user(request.user, pk))


@require_GET
@login_required
def analytics_export(request: AuthenticatedHttpRequest, table: str) -> StreamingHttpResponse:
    _require_company_analytics(request)
    return _export(request, table, job=None)


@require_GET
@login_required
def job_analytics_export(request: AuthenticatedHttpRequest, pk: int, table: str) -> StreamingHttpResponse:
    return _export(request, table, job=get_job_analytics_for_user(request.user, pk))


def _export(request: AuthenticatedHttpRequest, key: str, *, job: Job | None) -> StreamingHttpResponse:
    if key not in MEASURES:
        raise Http404("No such table.")
    form, scope = _filters(request, job)
    period = form.period()
    table = analytics_table(key, period=period, scope=scope)
    name = f"analytics-{f'job-{job.pk}-' if job else ''}{key.replace('_', '-')}-{period.start}-to-{period.end}.csv"
    return csv_response([column.label for column in table.columns], table.values(), filename=name)


# What each chart draws from its table: the label column, the series (column, colour)
# and the chart's shape. Colours name the stylesheet's tokens ("stage:Offer" is
# --stage-offer, "series:2" is --chart-2), so the charts match the badges.
CHARTS: dict[str, dict] = {
    "funnel": {"label": "stage", "series": [("reached", "stage")], "horizontal": True},
    "time_in_stage": {
        "label": "stage",
        "series": [("median_days", "series:1"), ("p75_days", "series:2")],
        "unit": "days",
    },
    "applications_per_week": {"label": "week", "series": [("applications", "series:1")]},
    "hires_per_month": {"label": "month", "series": [("hires", "stage:Hired")]},
    "sources": {
        "label": "source",
        "series": [("applications", "stage:Applied"), ("interviewed", "stage:Interview"), ("hired", "stage:Hired")],
        "horizontal": True,
    },
    "rejection_reasons": {
        "label": "reason",
        "series": [(str(stage), f"stage:{stage}") for stage in PIPELINE[:-1]],
        "horizontal": True,
        "stacked": True,
    },
    "interviews_per_week": {"label": "week", "series": [("interviews", "series:1")]},
    "interviewer_load": {
        "label": "interviewer",
        "series": [("scorecards_submitted", "stage:Hired"), ("scorecards_missing", "stage:Rejected")],
        "horizontal": True,
        "stacked": True,
    },
}


def _label(value: object, kind: str) -> str:
    if kind == "date":
        return f"{value:%b} {value.day}"  # type: ignore[attr-defined]
    if kind == "month":
        return f"{value:%b %Y}"
    return str(value)


def _chart(table: Table, spec: dict) -> dict:
    """The chart's data, for json_script: labels, series with their colours, shape."""
    columns = {column.key: column for column in table.columns}
    label = columns[spec["label"]]
    labels = [_label(row[label.key], label.kind) for row in table.rows]
    series = []
    for key, colour in spec["series"]:
        series.append(
            {
                "label": columns[key].label,
                "data": [row[key] for row in table.rows],
                # One colour per bar (a stage's own) or one for the series.
                "colors": [f"stage:{name}" for name in labels] if colour == "stage" else colour,
            }
        )
    return {
        "labels": labels,
        "series": series,
        "horizontal": spec.get("horizontal", False),
        "stacked": spec.get("stacked", False),
        "unit": spec.get("unit", ""),
    }


def _sections(report: Report) -> list[dict]:
    """The page's sections in order: each table with its chart's data (when it has one)."""
    return [
        {
            "table": table,
            "chart": _chart(table, CHARTS[key]) if key in CHARTS and not table.is_empty else None,
        }
        for key, table in report.tables.items()
    ]
