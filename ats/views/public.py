"""The public side: the job board and a job's page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from ats.demo import DEMO_PASSWORD, DEMO_USERS
from ats.forms.candidate import ApplyForm, JobSearchForm
from ats.http import HtmxHttpRequest
from ats.models import RETENTION_DAYS_DEFAULT, SOURCE_JOB_BOARD, Job, normalise_source
from ats.privacy import DATA_EXPORT_LIFETIME, PRIVACY_NOTICE_DATE, PRIVACY_NOTICE_VERSION
from ats.selectors.applications import own_application_to
from ats.selectors.jobs import job_board_filter_choices, jobs_public_search
from ats.views.helpers import wants_fragment
from ats.views.lookups import get_job_for_user

JOBS_PER_PAGE = 10


@require_GET
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The public job board: open jobs, searchable and filterable, paginated.

    An htmx request from the search form gets only the results; the same URL
    without htmx (a shared link, the back button, JavaScript off) gets the page.
    """
    companies, locations = job_board_filter_choices()
    form = JobSearchForm(request.GET, companies=companies, locations=locations)
    filters = form.filters()
    jobs = jobs_public_search(**filters)
    fragment = wants_fragment(request)
    context = {
        "fragment": fragment,
        "form": form,
        "page_obj": Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page")),
        "searching": any(filters.values()),
        # With DEBUG on, the home page lists the demo logins so a newcomer can try each role.
        "demo_users": DEMO_USERS if settings.DEBUG else (),
        "demo_password": DEMO_PASSWORD,
    }
    return render(request, "ats/home.html#job-results" if fragment else "ats/home.html", context)


@require_GET
def job_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One job. Drafts are not found by anyone outside the company; a closed job says it is closed."""
    job = get_job_for_user(request.user, pk)
    if "source" in request.GET:
        remember_source(request, job, request.GET["source"])
    return render(request, "ats/job_detail.html", job_page_context(request, job, ApplyForm()))


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice, for everyone: applying asks candidates to accept this version."""
    context = {
        "version": PRIVACY_NOTICE_VERSION,
        "notice_date": PRIVACY_NOTICE_DATE,
        "export_hours": int(DATA_EXPORT_LIFETIME.total_seconds() // 3600),
        "retention_days": RETENTION_DAYS_DEFAULT,
    }
    return render(request, "ats/privacy.html", context)


SOURCES_SESSION_KEY = "application_sources"


def remember_source(request: HttpRequest, job: Job, source: str) -> None:
    """Keep the `?source=` of the job's link for the application that may follow: in
    the session, so that it survives logging in or signing up on the way."""
    sources = request.session.get(SOURCES_SESSION_KEY, {})
    sources[str(job.pk)] = normalise_source(source)
    request.session[SOURCES_SESSION_KEY] = sources


def remembered_source(request: HttpRequest, job: Job) -> str:
    """The source the job's link carried in this session; the job board without one."""
    return request.session.get(SOURCES_SESSION_KEY, {}).get(str(job.pk), SOURCE_JOB_BOARD)


def job_page_context(request: HttpRequest, job: Job, form: ApplyForm) -> dict:
    """The job's page, with the apply form as sent (and refused) or fresh."""
    can_apply = request.user.has_perm("ats.apply_to_job", job)
    existing = own_application_to(request.user, job) if can_apply else None
    return {"job": job, "form": form, "can_apply": can_apply, "existing_application": existing}
