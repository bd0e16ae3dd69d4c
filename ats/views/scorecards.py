"""Scorecards: an interviewer's scorecard, the application page's scorecards section,
and a job's criteria."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ats.calendar import describe_time
from ats.exceptions import InvalidScorecard
from ats.forms.scorecards import CriteriaForm, ScorecardForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Application
from ats.selectors.interviews import (
    interviews_awaiting_scorecard,
    scorecard_criteria_of,
    scorecard_of_interviewer,
    scorecard_summary,
    scorecards_count,
    scorecards_visible_to,
)
from ats.services.interviews import scorecard_check_open, scorecard_criteria_set, scorecard_submit
from ats.views.helpers import attempt, form_status
from ats.views.lookups import get_interview_for_user, get_job_for_user


@require_http_methods(["GET", "POST"])
@login_required
def interview_scorecard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The interviewer's scorecard for the interview: the form, once, then what they submitted."""
    interview = get_interview_for_user(request.user, pk, perm="ats.submit_scorecard")
    application = interview.application
    form = ScorecardForm(
        request.POST if request.method == "POST" else None, criteria=scorecard_criteria_of(application.job)
    )
    if request.method == "POST" and form.is_valid():
        scorecard = attempt(
            request,
            lambda: scorecard_submit(interview=interview, author=request.user, **form.submission()),
            form=form,
            success="Your scorecard is submitted.",
        )
        if scorecard is not None:
            return redirect(reverse("application_detail", args=[application.pk]) + "#scorecards")
    submitted = scorecard_of_interviewer(interview, request.user)
    not_open = ""
    if submitted is None and not form.is_bound:
        # Said up front, rather than after the form is filled in and sent.
        try:
            scorecard_check_open(interview=interview, author=request.user)
        except InvalidScorecard as refusal:
            not_open = refusal.message
    when = (
        describe_time(interview.starts_at, interview.ends_at, request.user.time_zone)
        if interview.starts_at and interview.ends_at
        else ""
    )
    context = {
        "interview": interview,
        "application": application,
        "when": when,
        "form": form,
        "submitted": submitted,
        "not_open": not_open,
    }
    return render(request, "ats/interviews/scorecard_form.html", context, status=form_status(form))


def scorecards_section_context(user, application: Application) -> dict:
    """What the application page's scorecards section shows to `user`: the scorecards
    they may read (`scorecards_visible_to` decides) and their summary, how many
    are kept from them until they give their own, and their scorecards still due."""
    scorecards = list(scorecards_visible_to(user, application))
    total = scorecards_count(application)
    return {
        "scorecards": scorecards,
        "scorecards_total": total,
        "scorecards_hidden": total - len(scorecards),
        "scorecard_summary": scorecard_summary(scorecards, scorecard_criteria_of(application.job)),
        "scorecards_due": interviews_awaiting_scorecard(application, user),
        "my_review": next((card for card in scorecards if card.author_id == user.pk and card.is_general_review), None),
    }


@require_http_methods(["GET", "POST"])
@login_required
def job_criteria(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The job's 1 to 10 scorecard criteria, in the order its scorecards ask them."""
    job = get_job_for_user(request.user, pk, perm="ats.manage_scorecard_criteria")
    names = [criterion.name for criterion in scorecard_criteria_of(job)]
    form = CriteriaForm(request.POST if request.method == "POST" else None, names=names)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            lambda: scorecard_criteria_set(job=job, names=form.names()),
            form=form,
            success=f"The scorecard criteria of “{job.title}” are saved.",
        )
        if saved is not None:
            return redirect("job_criteria", pk=job.pk)
    return render(
        request, "ats/interviews/scorecard_criteria.html", {"job": job, "form": form}, status=form_status(form)
    )
