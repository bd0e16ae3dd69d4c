"""The audit log as the application page shows it (the admin lists all of it)."""

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry

from ats.audit import Event, entries_of
from ats.models import Application, RejectionReason

# The trail shows this many of the newest entries and counts the rest.
TRAIL_LENGTH = 50


@dataclass(frozen=True)
class TrailRow:
    at: datetime
    event: str
    actor_id: int | None
    who: str
    what: str
    address: str


@dataclass(frozen=True)
class Trail:
    rows: list[TrailRow]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


def application_audit_trail(application: Application, *, limit: int | None = None) -> Trail:
    """The newest `limit` (TRAIL_LENGTH) entries about `application`, worded for its recruiters: who (the
    teammate's name; "The candidate"; the email kept once an account is gone; "The
    system" for a task), what, when and from which address. Three queries, whatever the length."""
    limit = limit or TRAIL_LENGTH
    entries = entries_of(application)
    rows = list(entries.select_related("actor")[:limit])
    total = len(rows) if len(rows) < limit else entries.count()
    labels = dict(RejectionReason.objects.filter(company_id=application.job.company_id).values_list("code", "label"))
    return Trail(
        rows=[
            TrailRow(
                at=entry.timestamp,
                event=(entry.additional_data or {}).get("event", ""),
                actor_id=entry.actor_id,
                who=_who(entry, application),
                what=_what(entry, labels),
                address=entry.remote_addr or "",
            )
            for entry in rows
        ],
        total=total,
    )


def _who(entry: LogEntry, application: Application) -> str:
    if entry.actor_id is not None and entry.actor_id == application.candidate_id:
        return "The candidate"
    return actor_wording(entry)


def actor_wording(entry: LogEntry) -> str:
    """Who made `entry`, in words (the admin's list says it the same way)."""
    if entry.actor is not None:
        return entry.actor.display_name
    if entry.actor_email:
        return f"{entry.actor_email} (account removed)"
    if entry.actor_email is not None:
        # A person whose address was never kept (a candidate) or is forgotten (ats.audit.forget_actor).
        return "A removed account"
    return "The system"


def _what(entry: LogEntry, labels: dict[str, str]) -> str:
    data = entry.additional_data or {}
    try:
        event = Event(data.get("event", ""))
    except ValueError:
        return entry.get_action_display().capitalize()
    stage = (entry.changes or {}).get("stage")
    if event in (Event.MOVED, Event.REJECTED) and stage:
        before, after = stage
        text = f"Moved {before} → {after}" if event == Event.MOVED else f"Rejected (was {before})"
        if data.get("reason"):
            text += f" · reason: {labels.get(data['reason'], data['reason'])}"
        return text
    if event == Event.EXPORTED and data.get("format"):
        return f"Exported ({data['format'].upper()})"
    return event.label
