"""The one door through which the product sends email.

Services call `notify()` (a domain event) or `queue_email()` (one message)
inside their transaction; nothing is sent until that transaction commits, and
a rollback sends nothing.
"""

import enum
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class Event(enum.StrEnum):
    APPLICATION_CREATED = "application_created"
    STAGE_CHANGED = "stage_changed"
    HIRING_MANAGER_ASSIGNED = "hiring_manager_assigned"


def notify(event: Event, **ids: int) -> None:
    """Queue the emails of `event` (identified by primary keys) after the current transaction commits."""
    transaction.on_commit(lambda: logger.info("notification %s %s", event, ids), robust=True)


def absolute_url(path: str) -> str:
    """A link for an email: SITE_URL plus a path from reverse()."""
    return settings.SITE_URL + path


def queue_email(*, to: str, template: str, context: dict, dedupe_key: str) -> None:
    """Render `templates/emails/<template>_subject.txt`, `<template>.txt` and `<template>.html`
    with `context` now, and send the message once the current transaction commits.

    `dedupe_key` names the message uniquely (e.g. "invitation:42"), so that
    asking twice for the same message sends it once.
    """
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    text = render_to_string(f"emails/{template}.txt", context)
    html = render_to_string(f"emails/{template}.html", context)

    def send() -> None:
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
        message.attach_alternative(html, "text/html")
        message.send()
        logger.info("sent email %s to %s", dedupe_key, to)

    transaction.on_commit(send, robust=True)
