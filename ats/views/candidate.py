from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from ats import selectors, services
from ats.exceptions import ATSError
from ats.forms.candidate import ApplyForm
from ats.models import Application, ApplicationHistory
from ats.resumes import InvalidResume
from ats.views.public import get_visible_job, job_page_context
from ats.workflow import PIPELINE, Stage


@require_http_methods(["GET", "POST"])
@login_required
def job_apply(request, pk: int) -> HttpResponse:
    """Apply to a job with a resume. Every refusal re-renders the form with the reason.

    A GET (the way back from logging in) goes to the form on the job's page.
    """
    job = get_visible_job(request.user, pk)
    if request.method == "GET":
        return redirect(reverse("job_detail", args=[job.pk]) + "#apply")

    form = ApplyForm(request.POST, request.FILES)
    status = 200
    if not request.user.has_perm("ats.apply_to_job", job):
        form.add_error(None, "Only candidates can apply to jobs. Log in with a candidate account to apply.")
        # htmx 2 swaps no 4xx answer: an htmx form gets the refusal shown with a 200.
        status = 200 if request.htmx else 403
    elif form.is_valid():
        try:
            application = services.application_create(
                candidate=request.user,
                job=job,
                resume=form.cleaned_data["resume"],
                cover_letter=form.cleaned_data["cover_letter"],
            )
        except InvalidResume as error:
            form.add_error("resume", error.message)
        except ATSError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"You applied to “{job.title}” at {job.company.name}.")
            url = reverse("my_applications") + f"#application-{application.pk}"
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)

    template = "ats/job_detail.html#apply-section" if request.htmx else "ats/job_detail.html"
    return render(request, template, job_page_context(request.user, job, form), status=status)


@require_GET
@login_required
def my_applications(request) -> HttpResponse:
    """The candidate's applications, each with its progress and its dated history."""
    if not request.user.has_perm("ats.view_own_applications"):
        raise PermissionDenied("My applications is for candidates, and this is a company account.")
    history = Prefetch("history", queryset=ApplicationHistory.objects.order_by("changed_at", "id"))
    applications = selectors.applications_visible_to(request.user).prefetch_related(history)
    rows = [{"application": application, "progress": stage_progress(application)} for application in applications]
    return render(request, "ats/my_applications.html", {"rows": rows})


def stage_progress(application: Application) -> list[dict]:
    """The steps of the progress indicator, each `done`, `current` or `upcoming`.

    Along the pipeline for a live or hired application; for a rejected one, the
    stages it reached and then Rejected.
    """
    reached = {row.to_stage for row in application.history.all()} | {application.stage}
    if application.stage == Stage.REJECTED:
        steps = [stage for stage in PIPELINE if stage in reached] + [Stage.REJECTED]
    else:
        steps = list(PIPELINE)

    def state(stage: Stage) -> str:
        if stage == application.stage:
            return "current"
        return "done" if stage in reached else "upcoming"

    return [{"stage": stage, "state": state(stage)} for stage in steps]
