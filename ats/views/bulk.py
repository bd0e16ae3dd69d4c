"""Bulk actions from the Candidates list: the bar's one endpoint (act on the ticked
rows or on all that match the list's filters, or export them as CSV) and the
action's progress and result page."""

import uuid
from collections.abc import Iterable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from ats import audit, tasks
from ats.forms.bulk import BulkActionForm, action_choices
from ats.forms.candidates import CandidateFilterForm
from ats.http import AuthenticatedHttpRequest
from ats.models import Application, BulkAction, User
from ats.selectors.applications import applications_visible_to
from ats.selectors.bulk import applications_for_export, bulk_action_rows_not_done
from ats.selectors.candidates import candidates_matching, days_in_stage
from ats.selectors.reasons import rejection_reasons_of_company
from ats.selectors.tags import tags_visible_to
from ats.services.bulk import (
    DONE_WORDS,
    RUN_IN_REQUEST_MAX_ROWS,
    TAG_KINDS,
    bulk_action_run,
    bulk_action_start,
    bulk_action_summary,
)
from ats.views.exports import csv_response
from ats.views.helpers import attempt, require_perm, wants_fragment
from ats.views.lookups import get_bulk_action_for_user
from ats.workflow import NOTE_MAX_LENGTH

DETAIL_TEMPLATE = "ats/bulk/detail.html"
# The result page names at most this many of the rows that were not done.
ROWS_NAMED = 100


def bulk_bar_context(user: User, *, matching: QueryDict, total: int) -> dict:
    """What the list's bulk bar (ats/bulk/_bar.html) shows: the actions, the company's
    active reasons, how many applications match the list's filters (`matching`,
    the list's query string), and a fresh token for this form."""
    return {
        "bulk": {
            "actions": action_choices(),
            "reasons": rejection_reasons_of_company(user.company_id, active_only=True) if user.company_id else [],
            "tags": tags_visible_to(user),
            "matching": matching.urlencode(),
            "total": total,
            "token": uuid.uuid4(),
            "note_max_length": NOTE_MAX_LENGTH,
        }
    }


def list_url(matching: str) -> str:
    """The Candidates list with the filters it had (the query string is re-encoded:
    it only ever goes back to the list, which checks its own filters)."""
    query = QueryDict(matching).urlencode()
    return reverse("candidates") + (f"?{query}" if query else "")


def _matching(user: User, matching: str) -> QuerySet[Application]:
    """Every application the list's filters match now, as the list resolves them."""
    form = CandidateFilterForm(QueryDict(matching), viewer=user)
    return candidates_matching(viewer=user, filters=form.filters())


@require_POST
@login_required
def bulk_action(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """Act on the ticked rows (`applications`), or with `select_all` on every
    application the list's filters (`matching`) match now.

    An export streams the CSV of those the user may see. Another action starts
    (once per form token): up to RUN_IN_REQUEST_MAX_ROWS rows run here and the
    list shows the result; more go to the worker and the progress page follows
    them. Input that can't start goes back to the list with the reason, and
    nothing is applied.
    """
    require_perm(request, "ats.act_in_bulk")
    form = BulkActionForm(request.POST)
    back = list_url(request.POST.get("matching", ""))
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(back)
    data = form.cleaned_data
    if form.is_export:
        selected = (
            _matching(request.user, data["matching"])
            if data["select_all"]
            else applications_visible_to(request.user).filter(pk__in=data["applications"])
        )
        # One entry per application, so each application's trail shows it left in a file.
        exported = (Application(pk=pk) for pk in selected.values_list("pk", flat=True))
        audit.record_many(audit.Event.EXPORTED, exported, actor=request.user, format="csv")
        return _csv_response(applications_for_export(selected))

    if data["select_all"]:
        ids = list(_matching(request.user, data["matching"]).values_list("pk", flat=True))
    else:
        ids = data["applications"]
    rejecting = data["action"] == BulkAction.Kind.REJECT
    tagging = data["action"] in TAG_KINDS
    tag = tags_visible_to(request.user).filter(pk=data["tag"]).first() if tagging and data["tag"] else None
    if tagging and tag is None:
        messages.error(request, "Choose the tag to add or remove: one of your company's tags.")
        return redirect(back)
    started = attempt(
        request,
        lambda: bulk_action_start(
            actor=request.user,
            kind=data["action"],
            application_ids=ids,
            token=data["token"],
            # The rejection's fields count only for a rejection (without JS the bar shows them all).
            **(
                {"reason": data["reason"], "note": data["note"], "notify_candidate": data["notify_candidate"]}
                if rejecting
                else {}
            ),
            tag=tag,
        ),
    )
    if started is None:
        return redirect(back)
    if started.total > RUN_IN_REQUEST_MAX_ROWS:
        tasks.bulk_action_queue(bulk_action_id=started.pk)
        detail = reverse("bulk_action_detail", args=[started.pk])
        state = QueryDict(data["matching"]).urlencode()
        return redirect(f"{detail}?{state}" if state else detail)
    finished = bulk_action_run(bulk_action_id=started.pk)
    summary = bulk_action_summary(finished)
    level = messages.WARNING if summary.refused_count else messages.SUCCESS
    messages.add_message(request, level, f"{summary.text}.")
    return redirect(back)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def bulk_action_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The action's progress (polled every second while it runs) and its result. The
    query string is the list's, for the way back."""
    bulk_action = get_bulk_action_for_user(request.user, pk)
    summary = bulk_action_summary(bulk_action)
    finished = bulk_action.status == BulkAction.Status.DONE
    rows_not_done = bulk_action_rows_not_done(bulk_action, viewer=request.user, limit=ROWS_NAMED) if finished else []
    count = bulk_action.total
    context = {
        "bulk_action": bulk_action,
        "heading": f"{bulk_action.get_kind_display()} · {count} application{'s' if count != 1 else ''}",
        "summary": summary,
        "finished": finished,
        "waiting": summary.total - summary.processed,
        "done_word": DONE_WORDS[bulk_action.kind],
        "status_level": "warning" if summary.refused_count else "success",
        "rows_not_done": rows_not_done,
        "not_named": summary.unchanged_count + summary.refused_count - len(rows_not_done),
        "poll_url": request.get_full_path(),
        "list_url": list_url(request.GET.urlencode()),
    }
    template = f"{DETAIL_TEMPLATE}#progress_response" if wants_fragment(request) else DETAIL_TEMPLATE
    return render(request, template, context)


# The CSV export -------------------------------------------------------------------

EXPORT_COLUMNS = ("Name", "Email", "Job", "Stage", "Days in stage", "Applied", "Source", "Tags", "Last activity")


def _csv_row(application: Application, today: date) -> Iterable[object]:
    return (
        application.candidate_name,
        application.candidate.email if application.candidate is not None else "",
        application.job.title,
        application.stage,
        days_in_stage(application, today=today),
        timezone.localdate(application.created_at).isoformat(),
        application.source,
        "; ".join(tag.name for tag in application.tags.all()),
        timezone.localtime(application.last_activity_at).strftime("%Y-%m-%d %H:%M"),
    )


def _csv_response(applications: QuerySet[Application]) -> StreamingHttpResponse:
    today = timezone.localdate()
    rows = (_csv_row(application, today) for application in applications.iterator(chunk_size=500))
    return csv_response(EXPORT_COLUMNS, rows, filename=f"candidates-{today.isoformat()}.csv")
