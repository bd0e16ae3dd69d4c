"""The audit log: who viewed an application, downloaded a resume, moved, rejected,
exported, erased, or changed a teammate's role or account, when, and from which address.

The store is django-auditlog's LogEntry (actor, actor_email, timestamp, remote_addr,
action, additional_data). This module is the only place the app writes entries:

    record(Event.MOVED, application, actor=user, changes={"stage": ("Applied", "Screening")})
    record(Event.EXPORTED, user, actor=user, what="own_data")      # the data export (lead wires it)
    record(Event.ERASED, user, actor=None, why="retention")          # an erasure (lead wires it)
    record_many(Event.EXPORTED, applications, actor=user, format="csv")
    record_view(application, actor=user)                             # at most once per VIEW_WINDOW
    forget_actor(user)                                               # on account erasure

Call it inside the transaction of the action it records (the services do), so a
rolled-back action leaves no entry. The address comes from the request being served
(AuditAddressMiddleware, `client_address`); a task or a command records none.

What an entry never holds: anyone's name, a candidate's email, or a copy of the
object. `object_repr` is "Application 123" / "User 45" (str(application) names the
candidate), `additional_data` holds the event and ids, stages, roles and reason
codes only, and `actor_email` is kept for the team and operators (so an entry still
says who once the account is gone) but never for a candidate ("": a person, no address). Nothing is tracked
automatically: auditlog's registry would copy whole objects into `changes`.

Entries are append-only: saving an existing entry or deleting one raises
AuditLogIsAppendOnly (see `connect_guards`); the admin offers no add, change or
delete. The one edit is `forget_actor`'s, a queryset update when a person's account
is erased.
"""

import contextlib
import ipaddress
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.http import HttpRequest
from django.utils import timezone

from ats.models import User

# A person who opens the same application again within this time is recorded once:
# a page reloaded after each note or move would otherwise fill the trail with views.
VIEW_WINDOW = timedelta(minutes=10)

# Rows written per INSERT when one action records many entries (a CSV export).
BATCH_SIZE = 500


class Event(models.TextChoices):
    """What happened. Stored in `additional_data["event"]`; the label is the trail's wording."""

    VIEWED = "viewed", "Viewed the application"
    RESUME_DOWNLOADED = "resume_downloaded", "Downloaded the resume"
    MOVED = "moved", "Moved"
    REJECTED = "rejected", "Rejected"
    EXPORTED = "exported", "Exported"
    ERASED = "erased", "Erased personal data"
    ROLE_CHANGED = "role_changed", "Changed the role"
    DEACTIVATED = "deactivated", "Deactivated the account"
    REACTIVATED = "reactivated", "Reactivated the account"


# auditlog's own column, for its filters: reading is ACCESS, erasing DELETE, the rest UPDATE.
ACTIONS = {
    Event.VIEWED: LogEntry.Action.ACCESS,
    Event.RESUME_DOWNLOADED: LogEntry.Action.ACCESS,
    Event.EXPORTED: LogEntry.Action.ACCESS,
    Event.ERASED: LogEntry.Action.DELETE,
}


class AuditLogIsAppendOnly(Exception):
    """An attempt to change or delete an audit entry (a programming error, never a user's)."""


# The address of the request being served, set by AuditAddressMiddleware.
_address: ContextVar[str | None] = ContextVar("ats_audit_address", default=None)


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as far as we can trust it.

    With ATS_TRUSTED_PROXY_COUNT = 0, REMOTE_ADDR: X-Forwarded-For is anyone's to
    send. With N proxies of ours in front, each appends the address it was reached
    from, so the Nth entry from the right is the one our outermost proxy saw; entries
    further left are the client's own claims. None when that is not a valid address
    (a GenericIPAddressField refuses anything else).
    """
    count = settings.ATS_TRUSTED_PROXY_COUNT
    if count <= 0:
        candidate = request.META.get("REMOTE_ADDR", "")
    else:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        candidate = forwarded[-count] if len(forwarded) >= count else ""
    return _valid_address(candidate)


def _valid_address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


@contextlib.contextmanager
def request_address(request: HttpRequest) -> Iterator[None]:
    """Entries recorded while serving `request` carry its client's address."""
    token = _address.set(client_address(request))
    try:
        yield
    finally:
        _address.reset(token)


def _entry(event: Event, obj: models.Model, actor: User | None, changes: Mapping | None, details: dict) -> LogEntry:
    # Its _meta, not type(obj): request.user is a lazy proxy whose type is not the model.
    model = obj._meta.model
    return LogEntry(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        # Never str(obj): an application's names its candidate.
        object_repr=f"{str(model._meta.verbose_name).capitalize()} {obj.pk}",
        action=ACTIONS.get(event, LogEntry.Action.UPDATE),
        changes={field: list(pair) for field, pair in changes.items()} if changes else None,
        actor=actor,
        actor_email=_actor_email(actor),
        remote_addr=_address.get(),
        timestamp=timezone.now(),
        additional_data={"event": str(event), **details},
    )


def _actor_email(actor: User | None) -> str | None:
    """None for the system; "" for a person whose address is not kept (a candidate's
    is personal data this log never holds); a teammate's or an operator's address
    otherwise, which says who acted once their account is gone (until forget_actor)."""
    if actor is None:
        return None
    if actor.role == User.Role.CANDIDATE and not actor.is_staff:
        return ""
    return actor.email


def record(
    event: Event | str,
    obj: models.Model,
    *,
    actor: User | None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    **details: Any,
) -> LogEntry:
    """Write one entry: `actor` (None for the system: a task, the retention sweep) did
    `event` to `obj` (an Application, or a User for a teammate's role or an erasure),
    now, from the current request's address.

    `changes` is auditlog's shape, field → (before, after): {"stage": ("Applied",
    "Screening")}. `details` are JSON values kept in additional_data: ids, stage
    names, roles, reason codes. Never names, emails or free text.
    """
    entry = _entry(Event(event), obj, actor, changes, details)
    entry.save()
    return entry


def record_many(event: Event | str, objects: Iterable[models.Model], *, actor: User | None, **details: Any) -> int:
    """One entry per object (a CSV export of many applications), written in batches.
    Returns how many."""
    event = Event(event)
    entries = [_entry(event, obj, actor, None, details) for obj in objects]
    LogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return len(entries)


def record_view(obj: models.Model, *, actor: User) -> LogEntry | None:
    """Record that `actor` viewed `obj`, unless they did within VIEW_WINDOW.
    Returns the entry written, or None."""
    recent = entries_of(obj).filter(
        actor=actor, additional_data__event=Event.VIEWED.value, timestamp__gte=timezone.now() - VIEW_WINDOW
    )
    if recent.exists():
        return None
    return record(Event.VIEWED, obj, actor=actor)


def entries_of(obj: models.Model) -> models.QuerySet[LogEntry]:
    """Every entry about `obj`, newest first."""
    content_type = ContentType.objects.get_for_model(obj._meta.model)
    return LogEntry.objects.filter(content_type=content_type, object_id=obj.pk).order_by("-timestamp", "-pk")


def forget_actor(user: User) -> int:
    """Blank what names `user` in the entries they made (their email becomes ""), for the
    erasure of their account. The entries stay, with the actor as an id until the
    account row goes (then auditlog's foreign key sets it to null) and are shown as
    "A removed account". Entries never hold a name, and the candidate's own are about
    an application ("Application 123"), so nothing else names them. Returns how many
    entries changed.

    The one update this log allows: a queryset update, which the append-only guard
    (on saving an instance) does not see.
    """
    return LogEntry.objects.filter(actor=user).exclude(actor_email="").update(actor_email="")


def _refuse_change(sender, instance: LogEntry, **kwargs) -> None:
    if not instance._state.adding:
        raise AuditLogIsAppendOnly(f"Audit entry {instance.pk} can't be changed: the audit log is append-only.")


def _refuse_delete(sender, instance: LogEntry, **kwargs) -> None:
    raise AuditLogIsAppendOnly(f"Audit entry {instance.pk} can't be deleted: the audit log is append-only.")


def connect_guards() -> None:
    """Refuse saving an existing entry and deleting any (a queryset's delete too: with
    a pre_delete receiver Django deletes row by row, through the signal). Called from
    AtsConfig.ready()."""
    pre_save.connect(_refuse_change, sender=LogEntry, dispatch_uid="ats.audit.refuse_change")
    pre_delete.connect(_refuse_delete, sender=LogEntry, dispatch_uid="ats.audit.refuse_delete")
