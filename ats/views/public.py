from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from ats import selectors
from ats.forms.candidate import ApplyForm, JobSearchForm
from ats.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from ats.models import Job

JOBS_PER_PAGE = 10


@require_GET
def home(request) -> HttpResponse:
    """The public job board: open jobs, searchable and filterable, paginated.

    An htmx request from the search form gets only the results; the same URL
    without htmx (a shared link, the back button, JavaScript off) gets the page.
    """
    companies, locations = selectors.job_board_filter_choices()
    form = JobSearchForm(request.GET, companies=companies, locations=locations)
    filters = form.filters()
    jobs = selectors.jobs_public_search(**filters)
    fragment = _wants_fragment(request.htmx)
    context = {
        "fragment": fragment,
        "form": form,
        "page_obj": Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page")),
        "searching": any(filters.values()),
        # With DEBUG on, the home page lists the demo logins so a newcomer can try each role.
        "demo_users": DEMO_USERS if settings.DEBUG else (),
        "demo_password": DEMO_PASSWORD,
    }
    template = "ats/home.html#job-results" if fragment else "ats/home.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _wants_fragment(htmx: HtmxDetails) -> bool:
    # htmx restoring history asks for the whole page.
    return bool(htmx) and not htmx.history_restore_request


@require_GET
def job_detail(request, pk: int) -> HttpResponse:
    """One job. Drafts are not found by anyone outside the company; a closed job says it is closed."""
    job = get_visible_job(request.user, pk)
    return render(request, "ats/job_detail.html", job_page_context(request.user, job, ApplyForm()))


def get_visible_job(user, pk: int) -> Job:
    job = get_object_or_404(selectors.jobs_visible_to(user), pk=pk)
    if not user.has_perm("ats.view_job", job):
        raise Http404("No such job.")
    return job


def job_page_context(user, job: Job, form: ApplyForm) -> dict:
    can_apply = user.has_perm("ats.apply_to_job", job)
    existing = selectors.applications_visible_to(user).filter(job=job).first() if can_apply else None
    return {"job": job, "form": form, "can_apply": can_apply, "existing_application": existing}
