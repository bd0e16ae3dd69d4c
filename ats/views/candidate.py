"""The candidate's side: applying to a job, My applications (with its interviews),
picking an interview time, withdrawing an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from ats import workflow
from ats.calendar import describe_time
from ats.exceptions import ATSError
from ats.forms.candidate import ApplyForm, SlotPickForm
from ats.http import AuthenticatedHttpRequest
from ats.middleware import resume_upload_stopped
from ats.resumes import InvalidResume
from ats.selectors.applications import candidate_applications
from ats.selectors.interviews import candidate_interviews
from ats.services import applications as applications_services
from ats.services import interviews as interviews_services
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.lookups import get_application_for_user, get_interview_for_user, get_job_for_user
from ats.views.public import job_page_context, remembered_source


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
    form = ApplyForm(request.POST, request.FILES, resume_stopped=resume_upload_stopped(request))
    if form.is_valid():
        try:
            application = applications_services.application_create(
                candidate=request.user,
                job=job,
                resume=form.cleaned_data["resume"],
                cover_letter=form.cleaned_data["cover_letter"],
                source=remembered_source(request, job),
                privacy_notice_accepted=form.cleaned_data["accept_privacy_notice"],
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
    """The candidate's applications, each with its progress, its dated history, its
    upcoming interviews and the times offered to pick from (in the candidate's zone)."""
    require_perm(
        request,
        "ats.view_own_applications",
        denied="My applications is for candidates, and this is a company account.",
    )
    interviews = candidate_interviews(request.user)
    rows = []
    for row in candidate_applications(request.user):
        mine = interviews.get(row["application"].pk, {})
        offered = [
            (
                interview,
                SlotPickForm(
                    slots=interview.slots.all(), time_zone=request.user.time_zone, auto_id=f"pick-{interview.pk}-%s"
                ),
            )
            for interview in mine.get("offered", [])
        ]
        rows.append({**row, "upcoming_interviews": mine.get("upcoming", []), "offered_interviews": offered})
    return render(request, "ats/my_applications.html", {"rows": rows})


@require_POST
@login_required
def interview_slot_pick(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Book one of the times offered for an interview. A time not offered for it, or
    one the service refuses (passed, taken, the interview booked or cancelled
    meanwhile), goes back to My applications with the reason, as withdrawing does."""
    interview = get_interview_for_user(
        request.user, pk, perm="ats.pick_interview_slot", denied="Only the candidate can pick a time for an interview."
    )
    back = reverse("my_applications") + f"#application-{interview.application_id}"
    form = SlotPickForm(request.POST, slots=interview.slots.all(), time_zone=request.user.time_zone)
    if not form.is_valid():
        messages.error(request, str(form.errors["slot"][0]))
        return redirect(back)
    booked = attempt(
        request,
        lambda: interviews_services.interview_slot_pick(slot=form.cleaned_data["slot"], candidate=request.user),
    )
    if booked is not None and booked.starts_at and booked.ends_at:
        when = describe_time(booked.starts_at, booked.ends_at, request.user.time_zone)
        messages.success(request, f"Booked: {when}. We have emailed you a calendar invitation.")
    return redirect(back)


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
