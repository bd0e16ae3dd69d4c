"""The candidate's side: applying to a job, My applications, withdrawing an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from ats import workflow
from ats.exceptions import ATSError
from ats.forms.candidate import ApplyForm
from ats.http import AuthenticatedHttpRequest
from ats.resumes import InvalidResume
from ats.selectors.applications import candidate_applications
from ats.services import applications as applications_services
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.lookups import get_application_for_user, get_job_for_user
from ats.views.public import job_page_context


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def job_apply(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Apply to a job with a resume. Every refusal re-renders the form with the reason (422).

    A GET (the way back from logging in) goes to the form on the job's page.
    """
    job = get_job_for_user(request.user, pk)
    if request.method == "GET":
        return redirect(reverse("job_detail", args=[job.pk]) + "#apply")
    require_perm(
        request,
        "ats.apply_to_job",
        job,
        denied="Only candidates can apply to jobs. Log in with a candidate account to apply.",
    )
    form = ApplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            application = applications_services.application_create(
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
    return render(request, template, job_page_context(request, job, form), status=form_status(form))


@require_GET
@login_required
def my_applications(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The candidate's applications, each with its progress and its dated history."""
    require_perm(
        request,
        "ats.view_own_applications",
        denied="My applications is for candidates, and this is a company account.",
    )
    return render(request, "ats/my_applications.html", {"rows": candidate_applications(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def application_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw one's own application: a GET asks to confirm, a POST withdraws.

    An application that is already final goes back to My applications with the reason.
    """
    application = get_application_for_user(
        request.user, pk, perm="ats.withdraw_application", denied="Only the candidate can withdraw an application."
    )
    back = reverse("my_applications") + f"#application-{application.pk}"
    if request.method == "POST":
        attempt(
            request,
            lambda: applications_services.application_withdraw(application=application, candidate=request.user),
            success=f"You've withdrawn your application for “{application.job.title}”. We'll email you a confirmation.",
        )
        return redirect(back)
    if application.stage in workflow.FINAL_STAGES:
        messages.info(request, "This application is already closed, so there is nothing to withdraw.")
        return redirect(back)
    return render(request, "ats/withdraw_confirm.html", {"application": application, "back": back})
