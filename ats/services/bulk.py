"""Bulk actions: one action over many applications, each row as the single action.

    bulk_action_start()    check the parameters once; record the action and one
                           pending row per application (a form's token makes a
                           second submit the same action)
    bulk_action_run()      work through the pending rows in order, each in its own
                           transaction: re-read the application, ask the rules as the
                           single action does, call the single action's service,
                           and write the row's outcome with the change
    bulk_action_summary()  what happened, counted ("18 rejected; 2 refused: ...")
    bulk_actions_stalled() actions whose runner stopped, for the periodic restart

A row is claimed by a conditional update (outcome still pending) in the same
transaction as its change, so a Huey retry, a second worker or a resubmitted
form never applies a row twice: whoever comes second finds it decided.

Each kind of action is one row function in ROW_ACTIONS (plus its word in the
summary); adding a kind is adding one.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from ats import workflow
from ats.exceptions import ATSError, BulkActionRefused, InvalidReason, InvalidTag, StaleStage
from ats.models import Application, BulkAction, BulkActionRow, RejectionReason, Tag, User
from ats.selectors.applications import applications_visible_to
from ats.services.applications import application_change_stage, move_note_validate, move_reason_validate
from ats.services.tags import application_tag_add, application_tag_remove
from ats.workflow import Stage

logger = logging.getLogger(__name__)

Kind = BulkAction.Kind
Outcome = BulkActionRow.Outcome

# The most applications one action takes: a filter that matches more is narrowed first.
BULK_MAX_ROWS = 10_000
# Up to this many rows the request runs the action itself; more go to the worker.
RUN_IN_REQUEST_MAX_ROWS = 50
# A pending or running action with no row processed for this long has lost its
# runner (the broker was down, the worker died): the periodic sweep restarts it.
STALL_AFTER = timedelta(minutes=2)

# The refusals the bulk runner words itself (the services word the rest).
NOT_AVAILABLE = "Not available to you"
NOT_YOURS_TO_MOVE = "Not yours to move"
MOVED_MEANWHILE = "Moved by someone else meanwhile"
UNEXPECTED_ERROR = "Not changed: something went wrong (logged)"
TAG_GONE = "The tag was deleted meanwhile"
NOTHING_SELECTED = "Select at least one application, or all the matching ones, first."


class RowRefused(ATSError):
    """A row the bulk action leaves alone, with the reason the summary groups by."""


# A row function applies the action to one application the actor may see, and
# returns the outcome with its message; a refusal is any ATSError it lets through.
RowResult = tuple[str, str]
RowAction = Callable[[BulkAction, Application, User], RowResult]


def _require_move(actor: User, application: Application) -> None:
    if not actor.has_perm("ats.move_application", application):
        raise RowRefused(NOT_YOURS_TO_MOVE)


def _advance_row(bulk_action: BulkAction, application: Application, actor: User) -> RowResult:
    """To the next stage of the pipeline, from the stage read now."""
    _require_move(actor, application)
    current = Stage(application.stage)
    target = workflow.next_stage(current)
    if target is None:
        raise RowRefused(f"Already {current}")
    application_change_stage(
        application=application,
        to_stage=target,
        from_stage=current,
        actor=actor,
        note=bulk_action.note,
        notify_candidate=bulk_action.notify_candidate,
    )
    return Outcome.DONE, ""


def _reject_row(bulk_action: BulkAction, application: Application, actor: User) -> RowResult:
    """To Rejected with the action's reason, note and email choice."""
    _require_move(actor, application)
    current = Stage(application.stage)
    if current == Stage.REJECTED:
        # What was asked already holds: the service would change nothing either.
        return Outcome.UNCHANGED, f"Already {current}"
    if current in workflow.FINAL_STAGES:
        raise RowRefused(f"Already {current}")
    assert bulk_action.reason is not None  # bulk_action_start requires one for a rejection
    application_change_stage(
        application=application,
        to_stage=Stage.REJECTED,
        from_stage=current,
        actor=actor,
        reason=bulk_action.reason.code,
        note=bulk_action.note,
        notify_candidate=bulk_action.notify_candidate,
    )
    return Outcome.DONE, ""


def _tag_of(bulk_action: BulkAction, actor: User, application: Application) -> Tag:
    """The action's tag, when the actor may tag this application."""
    if not actor.has_perm("ats.tag_application", application):
        raise RowRefused(NOT_AVAILABLE)
    if bulk_action.tag is None:  # the tag was deleted since the action started
        raise RowRefused(TAG_GONE)
    return bulk_action.tag


def _tag_add_row(bulk_action: BulkAction, application: Application, actor: User) -> RowResult:
    """Put the action's tag on the application (unchanged when it has it)."""
    tag = _tag_of(bulk_action, actor, application)
    if application_tag_add(application=application, tag=tag, actor=actor):
        return Outcome.DONE, ""
    return Outcome.UNCHANGED, "Already tagged"


def _tag_remove_row(bulk_action: BulkAction, application: Application, actor: User) -> RowResult:
    """Take the action's tag off the application (unchanged when it hasn't it)."""
    tag = _tag_of(bulk_action, actor, application)
    if application_tag_remove(application=application, tag=tag, actor=actor):
        return Outcome.DONE, ""
    return Outcome.UNCHANGED, "Not tagged"


ROW_ACTIONS: dict[str, RowAction] = {
    Kind.ADVANCE: _advance_row,
    Kind.REJECT: _reject_row,
    Kind.TAG_ADD: _tag_add_row,
    Kind.TAG_REMOVE: _tag_remove_row,
}
# How the summary counts the rows a kind changed ("18 moved").
DONE_WORDS: dict[str, str] = {
    Kind.ADVANCE: "moved",
    Kind.REJECT: "rejected",
    Kind.TAG_ADD: "tagged",
    Kind.TAG_REMOVE: "untagged",
}


TAG_KINDS = (Kind.TAG_ADD, Kind.TAG_REMOVE)


def bulk_kinds() -> list[Kind]:
    """The kinds of bulk action that can run, in the order a menu offers them."""
    return [kind for kind in Kind if kind in ROW_ACTIONS]


# Starting -------------------------------------------------------------------------


def bulk_action_start(
    *,
    actor: User,
    kind: str,
    application_ids: Iterable[int],
    token: UUID,
    reason: str | None = None,
    note: str = "",
    notify_candidate: bool = True,
    tag: Tag | None = None,
) -> BulkAction:
    """Record a bulk action of `actor` over `application_ids` (duplicates count once,
    ids of no application are dropped) with one pending row per application; run it
    with bulk_action_run.

    The parameters are checked once, here, by the single action's own rules: a
    rejection takes a reason code from the company's active list and an optional
    note (as application_change_stage checks them); nothing else takes a reason.
    Applications the actor may not see are rows too: the run refuses them
    without saying anything about them.

    `token` names the submitted form: the same token again returns the action it
    started, and starts nothing.

    Adding or removing a tag takes `tag`, one of the actor's company's (rows are
    then asked `ats.tag_application`); nothing else takes one.

    Raises BulkActionRefused, ReasonRequired, InvalidReason, InvalidNote or
    InvalidTag; nothing is stored then.
    """
    existing = _action_of_token(actor=actor, token=token)
    if existing is not None:
        return existing
    if actor.company_id is None:
        raise BulkActionRefused("Bulk actions are for a company's hiring team.")
    if kind not in ROW_ACTIONS:
        raise BulkActionRefused(_unknown_kind(kind))
    ids = _distinct_ids(application_ids)
    if not ids:
        raise BulkActionRefused(NOTHING_SELECTED)
    if len(ids) > BULK_MAX_ROWS:
        raise BulkActionRefused(
            f"One action takes at most {BULK_MAX_ROWS:,} applications; this one has {len(ids):,}. "
            "Narrow the filter and try again."
        )
    rejection_reason: RejectionReason | None = None
    if kind == Kind.REJECT:
        rejection_reason = move_reason_validate(company_id=actor.company_id, target=Stage.REJECTED, code=reason)
    elif (reason or "").strip():
        raise InvalidReason("Only a rejection takes a reason.")
    if kind in TAG_KINDS:
        if tag is None:
            raise BulkActionRefused("Choose the tag to add or remove.")
        if tag.company_id != actor.company_id:
            raise InvalidTag("That tag is not on your company's list. Choose one of your company's tags.")
    elif tag is not None:
        raise BulkActionRefused("Only adding or removing a tag takes a tag.")
    note = move_note_validate(note=note)

    existing_ids = set(Application.objects.filter(pk__in=ids).values_list("pk", flat=True))
    rows = [application_id for application_id in ids if application_id in existing_ids]
    if not rows:
        raise BulkActionRefused("None of the selected applications exists any more.")
    try:
        with transaction.atomic():
            bulk_action = BulkAction.objects.create(
                token=token,
                company_id=actor.company_id,
                actor=actor,
                kind=kind,
                reason=rejection_reason,
                note=note,
                notify_candidate=notify_candidate,
                tag=tag,
                total=len(rows),
            )
            BulkActionRow.objects.bulk_create(
                (BulkActionRow(bulk_action=bulk_action, application_id=application_id) for application_id in rows),
                batch_size=1000,
            )
    except IntegrityError:
        # The same form sent twice at the same moment: the first one's action.
        existing = _action_of_token(actor=actor, token=token)
        if existing is None:
            raise
        return existing
    return bulk_action


def _action_of_token(*, actor: User, token: UUID) -> BulkAction | None:
    bulk_action = BulkAction.objects.filter(token=token).first()
    if bulk_action is not None and bulk_action.actor_id != actor.pk:
        raise BulkActionRefused("This form has already been used. Reload the page and try again.")
    return bulk_action


def _distinct_ids(application_ids: Iterable[int]) -> list[int]:
    """The ids in the order given, each once."""
    return list(dict.fromkeys(application_ids))


def _unknown_kind(kind: str) -> str:
    choices = ", ".join(str(item.label) for item in bulk_kinds())
    return f"“{kind}” is not a bulk action. Choose one of: {choices}."


# Running --------------------------------------------------------------------------


def bulk_action_run(*, bulk_action_id: int) -> BulkAction:
    """Process the pending rows of the action in order, each in its own
    transaction, and mark the action done when none is left. Safe to run again,
    and beside another runner: a row decided by anyone is skipped.

    Each row is re-read and re-checked as the single action does (the actor's
    scope, then `ats.move_application`), then goes through the single action's
    service; the row becomes done, unchanged (what was asked already holds) or
    refused with the reason. A row whose service fails unexpectedly is refused
    and logged; a database that can't be reached raises, and the task's retry
    or the periodic sweep carries on from the next pending row.
    """
    bulk_action = BulkAction.objects.select_related("actor", "reason", "tag").get(pk=bulk_action_id)
    if bulk_action.status == BulkAction.Status.DONE:
        return bulk_action
    BulkAction.objects.filter(pk=bulk_action.pk, status=BulkAction.Status.PENDING).update(
        status=BulkAction.Status.RUNNING
    )
    row_action = ROW_ACTIONS[bulk_action.kind]
    pending = bulk_action.rows.filter(outcome=Outcome.PENDING).order_by("id").values_list("pk", "application_id")
    for row_id, application_id in list(pending):
        _process_row(bulk_action, row_id, application_id, row_action)

    finished = timezone.now()
    if not bulk_action.rows.filter(outcome=Outcome.PENDING).exists():
        BulkAction.objects.filter(pk=bulk_action.pk).exclude(status=BulkAction.Status.DONE).update(
            status=BulkAction.Status.DONE, finished_at=finished
        )
    bulk_action.refresh_from_db(fields=["status", "finished_at"])
    return bulk_action


def _process_row(bulk_action: BulkAction, row_id: int, application_id: int, row_action: RowAction) -> None:
    actor = bulk_action.actor
    mine = BulkActionRow.objects.filter(pk=row_id, outcome=Outcome.PENDING)
    try:
        with transaction.atomic():
            # The claim: of two runners, the database lets one update the row; the
            # other waits for this transaction and then finds it no longer pending.
            if not mine.update(processed_at=timezone.now()):
                return
            application = applications_visible_to(actor).filter(pk=application_id).first()
            try:
                if application is None or not actor.is_active:
                    raise RowRefused(NOT_AVAILABLE)
                outcome, message = row_action(bulk_action, application, actor)
            except StaleStage:
                # The service's words are for a board that refreshes; here the row just moved.
                outcome, message = Outcome.REFUSED, MOVED_MEANWHILE
            except ATSError as error:
                outcome, message = Outcome.REFUSED, error.message
            mine.update(outcome=outcome, message=_fit(message), processed_at=timezone.now())
    except Exception:
        logger.exception("bulk action %s: row %s (application %s) failed", bulk_action.pk, row_id, application_id)
        mine.update(outcome=Outcome.REFUSED, message=UNEXPECTED_ERROR, processed_at=timezone.now())


def _fit(message: str) -> str:
    limit = BulkActionRow._meta.get_field("message").max_length or 300
    return message if len(message) <= limit else message[: limit - 1] + "…"


def bulk_actions_stalled() -> list[int]:
    """Ids of the actions still to finish whose last sign of life (the latest row
    processed, or their creation) is older than STALL_AFTER, oldest first."""
    quiet_since = timezone.now() - STALL_AFTER
    return list(
        BulkAction.objects.filter(status__in=[BulkAction.Status.PENDING, BulkAction.Status.RUNNING])
        .annotate(alive_at=Coalesce(Max("rows__processed_at"), "created_at"))
        .filter(alive_at__lt=quiet_since)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
    )


# Reporting ------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkSummary:
    """Where an action stands: rows processed of the total, counts by outcome, and
    the unchanged and refused rows grouped by their message (most common first)."""

    total: int
    processed: int
    done: int
    unchanged: list[tuple[str, int]]
    refused: list[tuple[str, int]]
    text: str

    @property
    def percent(self) -> int:
        return self.processed * 100 // self.total if self.total else 100

    @property
    def unchanged_count(self) -> int:
        return sum(count for _, count in self.unchanged)

    @property
    def refused_count(self) -> int:
        return sum(count for _, count in self.refused)


def bulk_action_summary(bulk_action: BulkAction) -> BulkSummary:
    """What happened so far, in one query: "18 rejected; 2 refused: 1 already Hired,
    1 not available to you"."""
    counts = bulk_action.rows.values("outcome", "message").annotate(count=Count("id")).order_by()
    done = pending = 0
    unchanged: dict[str, int] = {}
    refused: dict[str, int] = {}
    for item in counts:
        outcome, message, count = item["outcome"], item["message"], item["count"]
        if outcome == Outcome.DONE:
            done += count
        elif outcome == Outcome.UNCHANGED:
            unchanged[message] = unchanged.get(message, 0) + count
        elif outcome == Outcome.REFUSED:
            refused[message] = refused.get(message, 0) + count
        else:
            pending += count
    unchanged_groups, refused_groups = _groups(unchanged), _groups(refused)
    parts = [f"{done} {DONE_WORDS[bulk_action.kind]}"]
    for word, groups in (("unchanged", unchanged_groups), ("refused", refused_groups)):
        if groups:
            parts.append(f"{sum(count for _, count in groups)} {word}: {_grouped(groups)}")
    total = done + sum(unchanged.values()) + sum(refused.values()) + pending
    return BulkSummary(
        total=total,
        processed=total - pending,
        done=done,
        unchanged=unchanged_groups,
        refused=refused_groups,
        text="; ".join(parts),
    )


def _groups(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _grouped(groups: list[tuple[str, int]]) -> str:
    """ "already Hired" for one reason; "1 already Hired, 1 not available to you" for several."""
    if len(groups) == 1:
        return _in_sentence(groups[0][0])
    return ", ".join(f"{count} {_in_sentence(message)}" for message, count in groups)


def _in_sentence(message: str) -> str:
    """A message as part of a sentence: "Already Hired" becomes "already Hired"; a
    message that starts with a name or an acronym keeps its capital."""
    message = message.rstrip(".")
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        return message[0].lower() + message[1:]
    return message
