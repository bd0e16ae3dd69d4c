"""The job's kanban board, its cards' menus (loaded when one opens), and the one endpoint
every move posts to (a drag, a card menu's "Move to…" buttons, the application page).
The server answers a move with the columns it touched as they now are (the whole board
when it can't tell which), so whatever happened elsewhere, the board shows the truth.

A board shows up to 150 cards: each card is kept to what it shows. Its actions come
from `application_card_menu` when its menu opens, and its URLs are built from one
prefix per board rather than reversed per card."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from ats import workflow
from ats.exceptions import ATSError, InvalidReason, ReasonRequired
from ats.forms.workspace import MoveForm
from ats.http import AuthenticatedHttpRequest, HtmxHttpRequest
from ats.models import Job
from ats.selectors.applications import application_stage
from ats.selectors.board import BOARD_MAX_CARDS, BOARD_PAGE_SIZE, board_columns
from ats.selectors.reasons import rejection_reasons_of_company
from ats.selectors.tags import tags_of_company
from ats.services.applications import application_change_stage
from ats.text import drop_control_characters
from ats.views.helpers import CONFLICT, INVALID_FORM, require_perm, wants_fragment
from ats.views.lookups import get_application_for_user, get_job_for_user
from ats.workflow import BOARD_ORDER

BOARD_TEMPLATE = "ats/workspace/board.html"
QUERY_MAX_LENGTH = 100


def board_state(data: QueryDict) -> QueryDict:
    """What the user has set on the board (name filter, tag filter, expanded columns), cleaned of anything else.

    It travels in the board's URL, in every move (`board_state`) and in the
    polling URL, so that a refresh keeps the filters and the open columns.
    Whatever it holds, it is never an error: what isn't understood is left out.
    """
    state = QueryDict(mutable=True)
    query = drop_control_characters(data.get("q", ""))[:QUERY_MAX_LENGTH].strip()
    if query:
        state["q"] = query
    tag = data.get("tag", "")
    # An id in the database's range; whether it is one of the company's tags is board_context's question.
    if tag.isascii() and tag.isdigit() and 0 < int(tag) < 2**63:
        state["tag"] = str(int(tag))
    for stage in BOARD_ORDER:
        try:
            shown = int(data.get(f"show_{stage}", ""))
        except ValueError:
            continue
        if shown > BOARD_PAGE_SIZE:
            state[f"show_{stage}"] = str(min(shown, BOARD_MAX_CARDS))
    return state


def board_state_posted(request: HttpRequest) -> QueryDict:
    """The board's state a move carries (`board_state`, a query string); an empty
    state when it can't even be parsed (more fields than Django reads)."""
    try:
        return board_state(QueryDict(request.POST.get("board_state", "")))
    except TooManyFieldsSent:
        return QueryDict()


def _url_prefix(name: str) -> str:
    """The path of `name` for the application 0, up to the id: a card's own is the prefix, its id and "/"."""
    url = reverse(name, args=[0])
    if not url.endswith("/0/"):
        raise ImproperlyConfigured(f"The board builds {name}'s URLs as a prefix, the id and '/'; it is now {url}.")
    return url.removesuffix("0/")


def board_context(
    request: HtmxHttpRequest, job: Job, state: QueryDict, *, stages: tuple[str, ...] = BOARD_ORDER
) -> dict:
    """What the board template shows; with `stages`, only those columns (a drop's answer),
    without the reason dialog's choices, which only the whole page shows."""
    whole = len(stages) == len(BOARD_ORDER)
    # The whole board lists the company's tags (the filter); a drop's columns need them only to name a filter.
    tags = list(tags_of_company(job.company_id)) if whole or "tag" in state else []
    tag = next((tag for tag in tags if str(tag.pk) == state.get("tag")), None)
    if tag is None and "tag" in state:
        # A tag deleted since (or never the company's): the board shows every card again.
        state = state.copy()
        del state["tag"]
    limits: dict[str, int] = {stage: int(state.get(f"show_{stage}", BOARD_PAGE_SIZE)) for stage in BOARD_ORDER}
    columns = board_columns(
        job,
        query=state.get("q", ""),
        tag_id=tag.pk if tag else None,
        limits=limits,
        viewer=request.user,
        stages=stages,
    )
    can_move = request.user.has_perm("ats.move_job_applications", job)
    can_tag = request.user.has_perm("ats.tag_job_applications", job)
    board_url = reverse("job_board", args=[job.pk])
    for column in columns:
        more = state.copy()
        more[f"show_{column['stage']}"] = str(column["limit"] + BOARD_PAGE_SIZE)
        # Past BOARD_MAX_CARDS the name filter is the way to a card, not more scrolling.
        column["more_url"] = f"{board_url}?{more.urlencode()}" if column["limit"] < BOARD_MAX_CARDS else ""
    encoded = state.urlencode()
    return {
        "job": job,
        "columns": columns,
        "query": state.get("q", ""),
        # The filter's choices and the card menus' toggles; `tag` is the filter's, if any.
        "tags": tags,
        "tag": tag,
        "can_tag": can_tag,
        # Whether the cards get a menu for their tags alone (final cards, a manager who may not move).
        "card_menus_tag": can_tag and (bool(tags) if whole else any(column["company_has_tags"] for column in columns)),
        "board_state": encoded,
        "board_url": f"{board_url}?{encoded}" if encoded else board_url,
        "application_url": _url_prefix("application_detail"),
        "can_move": can_move,
        "note_max_length": workflow.NOTE_MAX_LENGTH,
        # The reason dialog's choices (board.html), for those who may move cards.
        "rejection_reasons": rejection_reasons_of_company(job.company_id, active_only=True)
        if can_move and whole
        else (),
    }


@require_GET
@login_required
@vary_on_headers("HX-Request")
def job_board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk, perm="ats.view_job_applications")
    context = board_context(request, job, board_state(request.GET))
    template = f"{BOARD_TEMPLATE}#board" if wants_fragment(request) else BOARD_TEMPLATE
    return render(request, template, context)


@require_GET
@login_required
def application_card_menu(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A board card's menu, loaded when it opens: the moves from the stage the board showed the
    card in (`from_stage`; the card's stage now when missing) and the company's tags to toggle.

    A move from it names the stage the board showed, so a card someone else moved
    meanwhile is refused as stale and its columns shown as they are.
    """
    application = get_application_for_user(request.user, pk, perm="ats.view_application")
    job = application.job
    require_perm(request, "ats.view_job_applications", job)
    stage = request.GET.get("from_stage", "")
    shown_in = workflow.Stage(stage) if stage in workflow.Stage.values else workflow.Stage(application.stage)
    can_move = request.user.has_perm("ats.move_application", application)
    can_tag = request.user.has_perm("ats.tag_application", application)
    tags = list(tags_of_company(job.company_id)) if can_tag else []
    card = {
        "pk": application.pk,
        "candidate_name": application.candidate_name,
        "stage": shown_in,
        "moves": [
            {"stage": target, "needs_reason": workflow.needs_reason(target)}
            for target in workflow.allowed_targets(shown_in)
        ],
        "tag_ids": set(application.tags.values_list("pk", flat=True)) if tags else set(),
    }
    context = {
        "card": card,
        "can_move": can_move,
        "can_tag": can_tag,
        "tags": tags,
        "board_state": board_state(request.GET).urlencode(),
    }
    return render(request, f"{BOARD_TEMPLATE}#card_menu", context)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def application_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move an application to `to_stage`, from the `from_stage` the user saw.

    HTMX gets the result in the live region and, as out-of-band swaps, the
    columns the move touched as they now are: where the card was seen, where it
    was dropped, and where it is (a refused or stale move puts it back where it
    truly is). Input that doesn't name the stages gets the whole board. 200 for a
    move, 409 for a refused or stale one, 422 for input that isn't a move (htmx
    swaps all three). A plain form post is redirected back to the board, or the
    application page, with a message.
    """
    application = get_application_for_user(request.user, pk, perm="ats.move_application")
    # Read before the move, and never an error: a bad board_state can't turn a saved move into an error page.
    state = board_state_posted(request)
    form = MoveForm(request.POST)
    status, status_link, was = INVALID_FORM, "", application.stage
    if form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        try:
            application_change_stage(
                application=application,
                to_stage=to_stage,
                from_stage=form.cleaned_data["from_stage"] or None,
                actor=request.user,
                reason=form.cleaned_data["reason"] or None,
                note=form.cleaned_data["note"],
                notify_candidate=form.cleaned_data["notify_candidate"],
            )
        except (ReasonRequired, InvalidReason) as error:
            # A drag can't ask for the reason: the application page can.
            form.add_error("reason", error.message)
            status_link = reverse("application_detail", args=[application.pk]) + "#reject"
        except ATSError as error:
            form.add_error(None, error.message)
            status = CONFLICT
        else:
            status = 200
    if status == 200:
        name = application.candidate_name
        message = f"{name} is already in {to_stage}." if was == to_stage else f"{name} moved to {to_stage}."
    else:
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)

    if request.htmx and request.POST.get("next") != "detail":
        status_context = {
            "status_message": message,
            "status_level": "success" if status == 200 else "error",
            "status_link": status_link,
        }
        if "to_stage" in form.cleaned_data:
            # The columns the user saw change and those the card is in now (read again after a refusal).
            now_in = application.stage if status == 200 else application_stage(application.pk)
            touched = {form.cleaned_data["from_stage"] or was, form.cleaned_data["to_stage"], now_in}
            context = board_context(request, application.job, state, stages=tuple(touched))
            return render(request, f"{BOARD_TEMPLATE}#columns_response", context | status_context, status=status)
        context = board_context(request, application.job, state)
        context.update(status_context, board_oob=True)
        return render(request, f"{BOARD_TEMPLATE}#board_response", context, status=status)
    messages.add_message(request, messages.SUCCESS if status == 200 else messages.ERROR, message)
    if request.POST.get("next") == "detail":
        return redirect("application_detail", pk=application.pk)
    board_url = reverse("job_board", args=[application.job_id])
    return redirect(f"{board_url}?{state.urlencode()}" if state else board_url)
