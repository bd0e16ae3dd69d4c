"""The hiring team's interview pages: an application's interviews (a section of its
page), scheduling one, offering the candidate times, rescheduling, cancelling, and
"My interviews". Emails and calendar files are the services' business."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ats import workflow
from ats.calendar import local_moment
from ats.forms.interviews import InterviewOfferForm, InterviewScheduleForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Application, Interview, User
from ats.selectors.interviews import interviewers_of_company, interviews_of_application, interviews_of_interviewer
from ats.services import interviews as interviews_services
from ats.views.helpers import attempt, form_status, require_perm
from ats.views.lookups import get_application_for_user, get_interview_for_user
from ats.workflow import InterviewStatus

SCHEDULE_DENIED = "Only recruiters and the job's hiring managers plan its interviews."


def _interviews_anchor(application: Application) -> str:
    return reverse("application_detail", args=[application.pk]) + "#interviews"


def interviews_closed_reason(application: Application) -> str:
    """Why no interview can be planned for the application now (empty when one can)."""
    return interviews_services.interview_planning_refusal(application.stage)


def application_interviews_context(request: HttpRequest, application: Application) -> dict:
    """What the application page's interviews section (_application_interviews.html) shows."""
    return {
        "interview_groups": interviews_of_application(application, user=request.user),
        "interviews_closed_reason": interviews_closed_reason(application),
    }


def _team(application: Application) -> QuerySet[User]:
    return interviewers_of_company(application.job.company_id)


def _initial_for_new(request: AuthenticatedHttpRequest, team: QuerySet[User]) -> dict:
    # The person planning is usually on the interview; preselect them when they can interview.
    return {"interviewers": [request.user.pk]} if team.filter(pk=request.user.pk).exists() else {}


# Scheduling -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def interview_schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Book one interview at a time the scheduler chooses, in their own time zone."""
    application = get_application_for_user(request.user, pk, perm="ats.schedule_interview", denied=SCHEDULE_DENIED)
    team = _team(application)
    form = InterviewScheduleForm(
        request.POST or None, interviewers=team, me=request.user, initial=_initial_for_new(request, team)
    )
    if request.method == "POST" and form.is_valid():
        starts_at = form.cleaned_data["starts_at"]
        interview = attempt(
            request,
            lambda: interviews_services.interview_schedule(
                application=application, organizer=request.user, starts_at=starts_at, **form.details()
            ),
            form=form,
            success=(
                f"The interview with {application.candidate_name} is scheduled for {local_moment(starts_at)}. "
                "The candidate and the interviewers get the invitation by email."
            ),
        )
        if interview is not None:
            return redirect(_interviews_anchor(application))
    context = {"application": application, "form": form, "closed_reason": interviews_closed_reason(application)}
    return render(request, "ats/interviews/schedule.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def interview_offer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Offer the candidate 2 to 10 times; they pick one in My applications."""
    application = get_application_for_user(request.user, pk, perm="ats.schedule_interview", denied=SCHEDULE_DENIED)
    team = _team(application)
    form = InterviewOfferForm(
        request.POST or None, interviewers=team, me=request.user, initial=_initial_for_new(request, team)
    )
    if request.method == "POST" and form.is_valid():
        slots = form.cleaned_data["slots"]
        interview = attempt(
            request,
            lambda: interviews_services.interview_slots_offer(
                application=application, organizer=request.user, slots=slots, **form.details()
            ),
            form=form,
            success=(f"{application.candidate_name} is offered {len(slots)} times and gets an email to pick one."),
        )
        if interview is not None:
            return redirect(_interviews_anchor(application))
    context = {
        "application": application,
        "form": form,
        "closed_reason": interviews_closed_reason(application),
        "slots_min": workflow.SLOTS_MIN,
        "slots_max": workflow.SLOTS_MAX,
    }
    return render(request, "ats/interviews/offer.html", context, status=form_status(form))


# Changing one ---------------------------------------------------------------------------


def _not_open_for_change(request: HttpRequest, interview: Interview, *, doing: str) -> HttpResponse | None:
    """Back to the application page, with why, when a link to change the interview has gone stale."""
    why = interviews_services.interview_change_refusal(interview, doing=doing)
    if not why:
        return None
    messages.info(request, why)
    return redirect(_interviews_anchor(interview.application))


@require_http_methods(["GET", "POST"])
@login_required
def interview_reschedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move a scheduled interview, and change its length, interviewers, title, place or link."""
    interview = get_interview_for_user(request.user, pk, perm="ats.change_interview", denied=SCHEDULE_DENIED)
    application = interview.application
    if request.method == "GET" and (stale := _not_open_for_change(request, interview, doing="rescheduled")):
        return stale
    form = InterviewScheduleForm(
        request.POST or None,
        interviewers=_team(application),
        me=request.user,
        durations=[interview.duration],
        initial=InterviewScheduleForm.initial_for(interview) if interview.starts_at else {},
    )
    if request.method == "POST" and form.is_valid():
        starts_at = form.cleaned_data["starts_at"]
        moved = attempt(
            request,
            lambda: interviews_services.interview_reschedule(
                interview=interview, actor=request.user, starts_at=starts_at, **form.details()
            ),
            form=form,
            success=f"The interview is now on {local_moment(starts_at)}. Everyone on it gets the update by email.",
        )
        if moved is not None:
            return redirect(_interviews_anchor(application))
    context = {"application": application, "interview": interview, "form": form}
    return render(request, "ats/interviews/reschedule.html", context, status=form_status(form))


@require_http_methods(["GET", "POST"])
@login_required
def interview_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Call off an interview, or withdraw an offer of times: a GET asks to confirm, a POST does it."""
    interview = get_interview_for_user(request.user, pk, perm="ats.change_interview", denied=SCHEDULE_DENIED)
    application = interview.application
    offered = interview.status == InterviewStatus.OFFERED
    if request.method == "POST":
        name = application.candidate_name
        attempt(
            request,
            lambda: interviews_services.interview_cancel(interview=interview, actor=request.user),
            success=(
                f"The times offered to {name} are withdrawn; they are told by email."
                if offered
                else f"The interview with {name} is cancelled. Everyone on it is told by email."
            ),
        )
        return redirect(_interviews_anchor(application))
    if stale := _not_open_for_change(request, interview, doing="cancelled"):
        return stale
    context = {"application": application, "interview": interview, "offered": offered}
    return render(request, "ats/interviews/cancel_confirm.html", context)


# My interviews --------------------------------------------------------------------------


@require_GET
@login_required
def my_interviews(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_perm(request, "ats.view_my_interviews")
    return render(request, "ats/interviews/my_interviews.html", {"groups": interviews_of_interviewer(request.user)})
