"""The hiring team's pages: the dashboard, jobs, an application's page, "Assigned to me"."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ats import audit, workflow
from ats.forms.workspace import AssignHiringManagerForm, GeneralReviewForm, JobForm, NoteForm, RejectForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Application, Job
from ats.selectors.applications import (
    application_history,
    application_notes,
    applications_assigned_to,
)
from ats.selectors.audit import application_audit_trail
from ats.selectors.candidates import also_applied
from ats.selectors.interviews import scorecard_criteria_of
from ats.selectors.jobs import dashboard_jobs, hiring_managers_of_job, jobs_stage_counts
from ats.selectors.reasons import rejection_reasons_of_company
from ats.selectors.team import hiring_managers_of_company
from ats.services import applications as applications_services
from ats.services import jobs as jobs_services
from ats.services.interviews import scorecard_submit
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.interviews import application_interviews_context
from ats.views.lookups import get_application_for_user, get_company_for_user, get_job_for_user
from ats.views.scorecards import scorecards_section_context
from ats.views.tags import application_tags_context
from ats.workflow import Stage

# Dashboard and jobs ------------------------------------------------------------------


@require_GET
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "ats.view_workspace")
    jobs = list(dashboard_jobs(request.user))
    counts = jobs_stage_counts(jobs)
    rows = [
        {
            "job": job,
            "counts": counts[job.pk],
            "total": sum(counts[job.pk].values()),
            "status_targets": workflow.job_status_targets(job.status),
        }
        for job in jobs
    ]
    return render(request, "ats/workspace/dashboard.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
def job_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "ats.add_job")
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs_services.job_create(company=get_company_for_user(request.user), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"“{job.title}” is saved as a draft. Open it when it is ready to take applications."
            )
            return redirect("job_edit", pk=job.pk)
    return render(request, "ats/workspace/job_form.html", {"form": form, "job": None}, status=form_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def job_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.change_job")
    # The form validates a copy: a refused edit must not rename the job on the page showing the errors.
    form = JobForm(request.POST or None, instance=copy.copy(job))
    if request.method == "POST" and form.is_valid():
        try:
            jobs_services.job_update(job=job, **{name: form.cleaned_data[name] for name in JobForm.Meta.fields})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"“{job.title}” is saved.")
            return redirect("job_edit", pk=job.pk)
    return render(request, "ats/workspace/job_form.html", _job_page_context(job, form), status=form_status(form))


def _job_page_context(job: Job, form: JobForm, assign_form: AssignHiringManagerForm | None = None) -> dict:
    assigned = hiring_managers_of_job(job)
    available = hiring_managers_of_company(job.company_id).exclude(pk__in=[user.pk for user in assigned])
    return {
        "form": form,
        "job": job,
        "status_targets": workflow.job_status_targets(job.status),
        "assigned": assigned,
        "assign_form": assign_form or AssignHiringManagerForm(hiring_managers=available),
        "scorecard_criteria": scorecard_criteria_of(job),
    }


@require_POST
@login_required
def job_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.change_job")
    opened = f"“{job.title}” is open: it is on the job board and takes applications."
    attempt(request, lambda: jobs_services.job_open(job=job), success=opened)
    return _back_to_job(request, job)


@require_POST
@login_required
def job_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.change_job")
    closed = f"“{job.title}” is closed: it no longer takes applications."
    attempt(request, lambda: jobs_services.job_close(job=job), success=closed)
    return _back_to_job(request, job)


def _back_to_job(request: HttpRequest, job: Job) -> HttpResponse:
    # Open and close buttons sit on the dashboard and on the job's page; go back where the click came from.
    return redirect("dashboard") if request.POST.get("next") == "dashboard" else redirect("job_edit", pk=job.pk)


@require_POST
@login_required
def job_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.assign_hiring_managers")
    form = AssignHiringManagerForm(request.POST, hiring_managers=hiring_managers_of_company(job.company_id))
    if not form.is_valid():
        context = _job_page_context(job, JobForm(instance=job), form)
        return render(request, "ats/workspace/job_form.html", context, status=form_status(form))
    manager = form.cleaned_data["hiring_manager"]
    created = attempt(request, lambda: jobs_services.job_assign_hiring_manager(job=job, hiring_manager=manager))
    if created:
        messages.success(request, f"{manager.display_name} is assigned to “{job.title}” and has been emailed.")
    elif created is not None:
        messages.info(request, f"{manager.display_name} was already assigned to “{job.title}”.")
    return redirect("job_edit", pk=job.pk)


@require_POST
@login_required
def job_unassign(request: AuthenticatedHttpRequest, pk: int, user_pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.assign_hiring_managers")
    manager = get_object_or_404(hiring_managers_of_company(job.company_id), pk=user_pk)
    jobs_services.job_unassign_hiring_manager(job=job, hiring_manager=manager)
    messages.success(request, f"{manager.display_name} is no longer assigned to “{job.title}”.")
    return redirect("job_edit", pk=job.pk)


# Applications ------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    application: Application,
    *,
    note_form: NoteForm | None = None,
    reject_form: RejectForm | None = None,
    review_form: GeneralReviewForm | None = None,
) -> HttpResponse:
    """The application's page, with the forms as sent (and refused) or fresh."""
    targets = workflow.allowed_targets(application.stage)
    note_form = note_form or NoteForm()
    reject_form = reject_form or RejectForm(initial={"from_stage": application.stage}, reasons=_reasons(application))
    review_form = review_form or GeneralReviewForm()
    context = {
        "application": application,
        "also_applied": also_applied(viewer=request.user, applications=[application])[application.pk],
        "history": application_history(application),
        "notes": application_notes(application),
        **scorecards_section_context(request.user, application),
        # Moves that need a reason (a rejection) have their own form, which asks for it.
        "move_targets": [stage for stage in targets if not workflow.needs_reason(stage)],
        "can_reject": Stage.REJECTED in targets,
        "note_form": note_form,
        "reject_form": reject_form,
        "review_form": review_form,
    }
    context.update(application_interviews_context(request, application))
    context.update(application_tags_context(application))
    if request.user.has_perm("ats.view_application_audit_trail", application):
        context["audit_trail"] = application_audit_trail(application)
    status = form_status(note_form, reject_form, review_form)
    return render(request, "ats/workspace/application_detail.html", context, status=status)


def _reasons(application: Application) -> list:
    return list(rejection_reasons_of_company(application.job.company_id, active_only=True))


@require_GET
@login_required
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # The team's page (notes, feedback): a candidate's own application is not theirs to open here.
    application = get_application_for_user(request.user, pk, perm="ats.view_application_notes")
    audit.record_view(application, actor=request.user)
    return _detail_page(request, application)


@require_POST
@login_required
def application_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Reject with one of the company's reasons and an optional note, emailing the
    candidate the courteous no unless that box was unticked."""
    application = get_application_for_user(request.user, pk, perm="ats.move_application")
    form = RejectForm(request.POST, reasons=_reasons(application))
    if not form.is_valid():
        return _detail_page(request, application, reject_form=form)
    data = form.cleaned_data
    emailed = "; they will get the courteous email" if data["notify_candidate"] else ", without an email"
    attempt(
        request,
        lambda: applications_services.application_change_stage(
            application=application,
            to_stage=Stage.REJECTED,
            from_stage=data["from_stage"] or None,
            actor=request.user,
            reason=data["reason"],
            note=data["note"],
            notify_candidate=data["notify_candidate"],
        ),
        success=f"{application.candidate_name} is rejected{emailed}. The reason is in the history.",
    )
    return redirect("application_detail", pk=application.pk)


@require_POST
@login_required
def application_note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = get_application_for_user(request.user, pk, perm="ats.add_application_note")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, application, note_form=form)
    note = attempt(
        request,
        lambda: applications_services.application_note_add(
            application=application, author=request.user, body=form.cleaned_data["body"]
        ),
        form=form,
        field="body",
        success="Your note is added.",
    )
    if note is None:
        return _detail_page(request, application, note_form=form)
    return redirect(reverse("application_detail", args=[application.pk]) + "#notes")


@require_POST
@login_required
def general_review_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The user's general review of the application: a scorecard without an interview, once."""
    application = get_application_for_user(request.user, pk, perm="ats.review_application")
    form = GeneralReviewForm(request.POST)
    if form.is_valid():
        saved = attempt(
            request,
            lambda: scorecard_submit(application=application, author=request.user, **form.cleaned_data),
            form=form,
            field="recommendation",
            success="Your review is saved.",
        )
        if saved:
            return redirect(reverse("application_detail", args=[application.pk]) + "#scorecards")
    return _detail_page(request, application, review_form=form)


# Hiring managers -----------------------------------------------------------------------


@require_GET
@login_required
def assigned_to_me(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "ats.view_assigned_applications")
    return render(request, "ats/workspace/assigned.html", {"groups": applications_assigned_to(request.user)})
