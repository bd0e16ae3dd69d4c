"""Huey tasks and the one door to the broker.

Run by `python manage.py run_huey` (the Procfile's `worker`), which imports
this module. Tasks are thin: they take ids and call the outbox (`ats.outbox`)
or a service, which own the rows; this module alone hands ids to the broker.
Every task is safe to run twice: the row (an outbox email, a bulk action's
rows) decides.
"""

import logging
import time
from collections.abc import Callable, Sequence
from functools import partial

from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task
from huey.exceptions import RetryTask

from ats import outbox, search
from ats.models import OutboxEmail
from ats.services import resume_text

logger = logging.getLogger(__name__)

# After the broker fails once, this process leaves new messages pending for a
# while instead of trying again: a dead or hung Redis then costs one request one
# timeout, not every email of every request. The periodic re-queue (run by the
# worker) and send_pending_emails pick the messages up.
BROKER_PAUSE_SECONDS = 30
_broker_paused_until = 0.0


def email_queue(
    *, to: str, subject: str, text: str, html: str, dedupe_key: str, attachments: Sequence[outbox.Attachment] = ()
) -> OutboxEmail:
    """Store a rendered message (and its attachments) in the current transaction
    and hand it to the worker after the commit. A second call with the same
    `dedupe_key` returns the stored message and queues nothing; a rollback
    queues nothing.
    """
    email, created = outbox.email_store(
        to=to, subject=subject, text=text, html=html, dedupe_key=dedupe_key, attachments=attachments
    )
    if created:
        # robust: a callback that raises after COMMIT must not turn a saved
        # change into an error page (enqueue already handles broker errors).
        transaction.on_commit(lambda: enqueue(email.pk), robust=True)
    return email


def emails_retry_failed(*, email_ids: list[int]) -> int:
    """The admin's "try again": failed messages get fresh attempts and are queued
    after the commit. Returns how many; messages that are not failed are left alone."""
    with transaction.atomic():
        failed = outbox.emails_reset_failed(email_ids=email_ids)
        for email_id in failed:
            transaction.on_commit(partial(enqueue, email_id), robust=True)
    return len(failed)


def enqueue(email_id: int) -> None:
    """Hand `email_id` to the worker. A broker that can't be reached leaves the
    row pending for the periodic re-queue or send_pending_emails: nothing raises.
    """
    _to_worker(partial(send_email, email_id), f"email {email_id}")


def _to_worker(enqueue_task: Callable[[], object], what: str) -> None:
    """Queue a task, or log and go on when the broker can't be reached (then pause
    for BROKER_PAUSE_SECONDS): the row it works on stays pending, and a periodic
    task queues it again."""
    global _broker_paused_until
    if time.monotonic() < _broker_paused_until:
        logger.info("broker unavailable a moment ago; %s stays pending and will be re-queued", what)
        return
    try:
        enqueue_task()
    except Exception as error:  # redis-py and SQLite raise unrelated types; all mean "broker down"
        _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning("could not queue %s (%s); it stays pending and will be re-queued", what, error)


@db_task(name="send_email")
def send_email(email_id: int) -> None:
    """Send outbox message `email_id`; after a mail server error, retry at the
    time the outbox's back-off chose, until it gives up and marks it failed."""
    email = outbox.email_send(email_id=email_id)
    if email is not None and email.status == OutboxEmail.Status.PENDING:
        delay = max((email.next_attempt_at - timezone.now()).total_seconds(), 0)
        raise RetryTask(f"email {email_id}: {email.last_error}", delay=delay)


@db_periodic_task(crontab(minute="*"), name="requeue_pending_emails")
def requeue_pending_emails() -> int:
    """Queue again the messages whose task never ran (broker down at commit, worker crash).
    Returns how many."""
    ids = outbox.emails_overdue()
    for email_id in ids:
        enqueue(email_id)
    if ids:
        logger.info("re-queued %s pending emails", len(ids))
    return len(ids)


# Resume text ----------------------------------------------------------------------

# Ten seconds each at worst (resumes.RESUME_TEXT_TIME_BUDGET_SECONDS) fits in the sweep's ten minutes.
RESUME_TEXT_SWEEP_BATCH = 50
SEARCH_VECTORS_SWEEP_BATCH = 1000


def resume_text_queue(*, application_id: int) -> None:
    """Hand the reading of the application's resume to the worker once the current
    transaction commits (at once outside one). A broker that can't be reached
    raises nothing: the resume stays pending for the periodic sweep."""
    transaction.on_commit(
        partial(
            _to_worker,
            partial(extract_resume_text, application_id),
            f"the resume text of application {application_id}",
        ),
        robust=True,
    )


@db_task(name="extract_resume_text", retries=2, retry_delay=60)
def extract_resume_text(application_id: int) -> None:
    """Read the application's resume for search. An unreadable file is an outcome
    (stored as "unavailable"), not an error; an error (the database went away) is
    retried twice, a minute apart, and then left to the periodic sweep."""
    resume_text.application_resume_text_extract(application_id=application_id)


@db_periodic_task(crontab(minute="*/10"), name="extract_pending_resume_texts")
def extract_pending_resume_texts() -> int:
    """Read the resumes left pending (broker down at the commit, worker crash), oldest
    first, one batch per run, and write the search documents still missing (rows
    from before migration 0014). Returns how many resumes were read."""
    read = resume_text.applications_resume_text_sweep(limit=RESUME_TEXT_SWEEP_BATCH)
    filled = search.vectors_refresh(missing=SEARCH_VECTORS_SWEEP_BATCH)
    if read or filled:
        logger.info("read %s pending resumes; wrote %s missing search documents", read, filled)
    return read


@db_periodic_task(crontab(minute="*/5"), name="send_interview_reminders")
def send_interview_reminders() -> int:
    """Send the 24-hour reminders that are due. Returns how many interviews were reminded."""
    # Imported here: the services queue their emails through this module.
    from ats.services.interviews import interview_reminders_send

    return interview_reminders_send()


# Bulk actions -------------------------------------------------------------------


def bulk_action_queue(*, bulk_action_id: int) -> None:
    """Hand the action to the worker once the current transaction commits (at once
    outside one). A broker that can't be reached raises nothing: the periodic
    sweep restarts the action."""
    transaction.on_commit(
        partial(_to_worker, partial(run_bulk_action, bulk_action_id), f"bulk action {bulk_action_id}"), robust=True
    )


@db_task(name="run_bulk_action", retries=3, retry_delay=30)
def run_bulk_action(bulk_action_id: int) -> None:
    """Process the action's pending rows (safe to run twice: rows decided are skipped)."""
    # Imported here: the services queue their emails through this module.
    from ats.services.bulk import bulk_action_run

    bulk_action_run(bulk_action_id=bulk_action_id)


@db_periodic_task(crontab(minute="*"), name="restart_stalled_bulk_actions")
def restart_stalled_bulk_actions() -> int:
    """Queue again the bulk actions whose runner stopped (broker down at commit,
    worker crash, retries spent). Returns how many."""
    from ats.services.bulk import bulk_actions_stalled

    ids = bulk_actions_stalled()
    for bulk_action_id in ids:
        _to_worker(partial(run_bulk_action, bulk_action_id), f"bulk action {bulk_action_id}")
    if ids:
        logger.info("restarted %s stalled bulk actions", len(ids))
    return len(ids)


# Data exports -------------------------------------------------------------------


def data_export_queue(*, export_id: int) -> None:
    """Hand the export's build to the worker once the current transaction commits. A
    broker that can't be reached raises nothing: the export stays waiting, its owner
    asking again queues it again, and the hourly sweep fails it after an hour."""
    transaction.on_commit(
        partial(_to_worker, partial(build_data_export, export_id), f"data export {export_id}"), robust=True
    )


@db_task(name="build_data_export")
def build_data_export(export_id: int) -> None:
    """Build the zip (safe to run twice: only the run that claims the export builds it)."""
    from ats.services.privacy import data_export_build

    data_export_build(export_id=export_id)


@db_periodic_task(crontab(minute="7"), name="delete_expired_data_exports")
def delete_expired_data_exports() -> int:
    """Delete the exports past their 24 hours (file, then row). Returns how many."""
    from ats.services.privacy import data_exports_expire

    deleted = data_exports_expire()
    if deleted:
        logger.info("deleted %s expired data exports", deleted)
    return deleted


# Retention ----------------------------------------------------------------------------


@db_periodic_task(crontab(hour="3", minute="17"), name="apply_retention")
def apply_retention() -> int:
    """Erase the personal data on finished applications past their company's retention period
    (ats.services.erasure.retention_apply), daily. Safe to run twice: erased ones are skipped.
    Returns how many were erased."""
    from ats.services.erasure import retention_apply

    return len(retention_apply())


# Housekeeping -------------------------------------------------------------------------


@db_periodic_task(crontab(minute="*/10"), name="delete_expired_sessions_and_cache")
def delete_expired_sessions_and_cache() -> tuple[int, int]:
    """Delete expired sessions and the database cache's expired rows (ats.housekeeping).
    Returns how many of each."""
    from ats import housekeeping

    return housekeeping.sessions_delete_expired(), housekeeping.cache_delete_expired()
