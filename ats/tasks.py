"""Huey tasks: thin, they take ids and call the outbox service.

Run by `python manage.py run_huey` (the Procfile's `worker`), which imports
this module. Both tasks are safe to run twice: the outbox row decides.
"""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from huey.exceptions import RetryTask

from ats import outbox
from ats.models import OutboxEmail


@db_task(name="send_email")
def send_email(email_id: int) -> None:
    """Send outbox message `email_id`; after a mail server error, retry at the
    time the outbox's back-off chose, until it gives up and marks it failed."""
    email = outbox.email_send(email_id=email_id)
    if email is not None and email.status == OutboxEmail.Status.PENDING:
        delay = max((email.next_attempt_at - timezone.now()).total_seconds(), 0)
        raise RetryTask(f"email {email_id}: {email.last_error}", delay=delay)


@db_periodic_task(crontab(minute="*"), name="requeue_pending_emails")
def requeue_pending_emails() -> None:
    """Queue again the messages whose task never ran (broker down at commit, worker crash)."""
    outbox.emails_requeue_due()
