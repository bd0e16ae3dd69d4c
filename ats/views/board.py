"""The job's kanban board, and the one endpoint every move posts to (a drag, a card's
"Move to…" buttons, the application page). The server answers a move with the board
as it now is, so whatever happened elsewhere, the board shows the truth."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ats import selectors, services
from ats.exceptions import ATSError
from ats.forms.workspace import MoveForm
from ats.models import Application, Job
from ats.workflow import BOARD_ORDER

BOARD_TEMPLATE = "ats/workspace/board.html"
QUERY_MAX_LENGTH = 100


def get_company_job(request: HttpRequest, pk: int, perm: str) -> Job:
    """The user's company's job (another company's is a 404), if the rules allow `perm` (else 403)."""
    job = get_object_or_404(selectors.jobs_of_company(request.user), pk=pk)
    if not request.user.has_perm(perm, job):
        raise PermissionDenied
    return job


def get_company_application(request: HttpRequest, pk: int, perm: str) -> Application:
    application = get_object_or_404(selectors.applications_of_company(request.user), pk=pk)
    if not request.user.has_perm(perm, application):
        raise PermissionDenied
    return application


def board_state(data: QueryDict) -> QueryDict:
    """What the user has set on the board (name filter, expanded columns), cleaned of anything else.

    It travels in the board's URL, in every move (`board_state`) and in the
    polling URL, so that a refresh keeps the filter and the open columns.
    """
    state = QueryDict(mutable=True)
    query = data.get("q", "").strip()[:QUERY_MAX_LENGTH]
    if query:
        state["q"] = query
    for stage in BOARD_ORDER:
        try:
            shown = int(data.get(f"show_{stage}", ""))
        except ValueError:
            continue
        if shown > selectors.BOARD_PAGE_SIZE:
            state[f"show_{stage}"] = str(min(shown, selectors.BOARD_MAX_CARDS))
    return state


def board_context(request: HttpRequest, job: Job, state: QueryDict) -> dict:
    limits = {stage: int(state.get(f"show_{stage}", selectors.BOARD_PAGE_SIZE)) for stage in BOARD_ORDER}
    columns = selectors.board_columns(job, query=state.get("q", ""), limits=limits)
    board_url = reverse("job_board", args=[job.pk])
    for column in columns:
        more = state.copy()
        more[f"show_{column['stage']}"] = str(column["limit"] + selectors.BOARD_PAGE_SIZE)
        # Past BOARD_MAX_CARDS the name filter is the way to a card, not more scrolling.
        column["more_url"] = f"{board_url}?{more.urlencode()}" if column["limit"] < selectors.BOARD_MAX_CARDS else ""
    encoded = state.urlencode()
    return {
        "job": job,
        "columns": columns,
        "query": state.get("q", ""),
        "board_state": encoded,
        "board_url": f"{board_url}?{encoded}" if encoded else board_url,
        "can_move": request.user.has_perm("ats.move_job_applications", job),
    }


@require_GET
@login_required
def job_board(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_company_job(request, pk, "ats.view_job_applications")
    context = board_context(request, job, board_state(request.GET))
    # htmx restoring history (the filter pushes URLs) needs the whole page, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    template = f"{BOARD_TEMPLATE}#board" if fragment else BOARD_TEMPLATE
    return render(request, template, context)


@require_POST
@login_required
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an application to `to_stage`, from the `from_stage` the user saw.

    HTMX gets the re-rendered board and the result in the live region (a
    refusal too, with a 200, so that htmx swaps the true board in); a plain
    form post is redirected back to the board, or the application page, with
    a message.
    """
    application = get_company_application(request, pk, "ats.move_application")
    form = MoveForm(request.POST)
    level, message = messages.ERROR, ""
    if form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        was = application.stage
        try:
            services.application_change_stage(
                application=application,
                to_stage=to_stage,
                from_stage=form.cleaned_data["from_stage"] or None,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except ATSError as error:
            message = error.message
        else:
            name = application.candidate.display_name
            level = messages.SUCCESS
            message = f"{name} is already in {to_stage}." if was == to_stage else f"{name} moved to {to_stage}."
    else:
        message = " ".join(error for errors in form.errors.values() for error in errors)

    state = board_state(QueryDict(request.POST.get("board_state", "")))
    if request.htmx and request.POST.get("next") != "detail":
        context = board_context(request, application.job, state)
        context.update(status_message=message, status_level="success" if level == messages.SUCCESS else "error")
        if form.has_error("note"):
            context["status_link"] = reverse("application_detail", args=[application.pk]) + "#reject"
        return render(request, f"{BOARD_TEMPLATE}#board_response", context)
    messages.add_message(request, level, message)
    if request.POST.get("next") == "detail":
        return redirect("application_detail", pk=application.pk)
    board_url = reverse("job_board", args=[application.job_id])
    return redirect(f"{board_url}?{state.urlencode()}" if state else board_url)
