"""Helpers of the audit log tests (the personas come from ats/tests/conftest.py)."""

import json

from auditlog.models import LogEntry


def entries(event: str | None = None) -> list[LogEntry]:
    """Every entry (of `event`), oldest first."""
    found = LogEntry.objects.order_by("timestamp", "pk").select_related("actor")
    if event is not None:
        found = found.filter(additional_data__event=event)
    return list(found)


def everything_stored() -> str:
    """Every column of every entry, as one text: what a leak of the log would show."""
    return json.dumps(list(LogEntry.objects.values()), default=str)
