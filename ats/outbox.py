"""The email outbox: store a message with the change that causes it, send it
after the commit, exactly once, whatever fails in between.

    email_store()          inside the caller's transaction: the row, then an
                           after-commit enqueue of its id
    email_send()           the worker's (or send_pending_emails') side: claim
                           the row with a conditional UPDATE, send, mark sent;
                           on an SMTP error back off, then mark failed
    emails_requeue_due()   the periodic rescue of rows whose task never ran
    emails_retry_failed()  the admin's "try again"

Delivery is at least once towards the mail server only in one case: a worker
dies after the server accepted a message and before the row is marked sent.
Every other path (a second worker, a duplicated task, a re-queue) finds the
row claimed or sent and does nothing.
"""

import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ats.models import OutboxEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claimed row whose worker has not reported back for this long is taken as
# abandoned (the worker crashed); it is far above EMAIL_TIMEOUT.
CLAIM_LEASE = timedelta(minutes=10)
# A pending row whose task should have run this long ago is re-queued: the
# broker was down at commit time, or the task was lost.
REQUEUE_AFTER = timedelta(minutes=3)
REQUEUE_BATCH = 500
# After the broker fails once, this process leaves new messages pending for a
# while instead of trying again: a dead or hung Redis then costs one request one
# timeout, not every email of every request. The periodic re-queue (run by the
# worker) and send_pending_emails pick the messages up.
BROKER_PAUSE_SECONDS = 30
_broker_paused_until = 0.0


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the `attempts`-th failure: 1, 4, 16, 64 minutes."""
    return timedelta(minutes=4 ** (attempts - 1))


def email_store(*, to: str, subject: str, text: str, html: str, dedupe_key: str) -> OutboxEmail:
    """Store a rendered message in the current transaction and queue its sending
    for after the commit. A second call with the same `dedupe_key` returns the
    stored message and queues nothing.
    """
    email, created = OutboxEmail.objects.get_or_create(
        dedupe_key=dedupe_key, defaults={"to": to, "subject": subject, "text_body": text, "html_body": html}
    )
    if created:
        # robust: a callback that raises after COMMIT must not turn a saved
        # change into an error page (enqueue already handles broker errors).
        transaction.on_commit(lambda: enqueue(email.pk), robust=True)
    return email


def enqueue(email_id: int) -> None:
    """Hand `email_id` to the worker. A broker that can't be reached leaves the
    row pending for emails_requeue_due() or send_pending_emails: nothing raises.
    """
    global _broker_paused_until
    from ats.tasks import send_email  # ats.tasks imports this module

    if time.monotonic() < _broker_paused_until:
        logger.info("broker unavailable a moment ago; email %s stays pending and will be re-queued", email_id)
        return
    try:
        send_email(email_id)
    except Exception as error:  # redis-py and SQLite raise unrelated types; all mean "broker down"
        _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning("could not queue email %s (%s); it stays pending and will be re-queued", email_id, error)


def _claim(email_id: int, now: datetime) -> bool:
    claimable = Q(status=OutboxEmail.Status.PENDING) | Q(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE
    )
    # One UPDATE decides: of two workers, the database lets exactly one match.
    return bool(
        OutboxEmail.objects.filter(claimable, pk=email_id).update(
            status=OutboxEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now
        )
    )


def email_send(*, email_id: int) -> OutboxEmail | None:
    """Send the stored message `email_id` if nobody else is or has.

    Returns None when there was nothing to do (already sent, failed, or being
    sent by another worker), otherwise the row as it now is: `sent`, `failed`
    after MAX_ATTEMPTS, or `pending` with `next_attempt_at` set by the back-off
    after an error (the caller schedules the retry). Never raises for a mail
    server error; it is recorded in `last_error`.
    """
    now = timezone.now()
    if not _claim(email_id, now):
        return None
    email = OutboxEmail.objects.get(pk=email_id)
    mine = OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.SENDING, claimed_at=now)
    message = EmailMultiAlternatives(email.subject, email.text_body, settings.DEFAULT_FROM_EMAIL, [email.to])
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    try:
        message.send()
    except Exception as error:  # smtplib, socket and SSL errors have no common base below Exception
        email.last_error = f"{type(error).__name__}: {error}"
        email.updated_at = timezone.now()
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutboxEmail.Status.FAILED
            logger.error("email %s to %s failed for good: %s", email.pk, email.to, email.last_error)
        else:
            email.status = OutboxEmail.Status.PENDING
            email.next_attempt_at = email.updated_at + retry_delay(email.attempts)
            logger.warning("email %s to %s failed (attempt %s): %s", email.pk, email.to, email.attempts, error)
        mine.update(
            status=email.status,
            last_error=email.last_error,
            next_attempt_at=email.next_attempt_at,
            updated_at=email.updated_at,
        )
        return email
    email.status, email.sent_at, email.updated_at = OutboxEmail.Status.SENT, timezone.now(), timezone.now()
    mine.update(status=email.status, sent_at=email.sent_at, updated_at=email.updated_at)
    logger.info("sent email %s (%s) to %s", email.pk, email.dedupe_key, email.to)
    return email


def emails_due(*, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Ids of the messages that can be sent now: pending and due, or claimed by
    a worker that stopped answering."""
    now = now or timezone.now()
    due = OutboxEmail.objects.filter(
        Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    ).order_by("next_attempt_at", "id")
    return list(due.values_list("pk", flat=True)[:limit])


def emails_requeue_due() -> int:
    """Queue again every message whose task should have run REQUEUE_AFTER ago
    and did not. Returns how many were queued.

    Pushing `next_attempt_at` forward keeps a long queue from being flooded
    with the same ids every run; a duplicate task is harmless anyway.
    """
    now = timezone.now()
    ids = emails_due(now=now - REQUEUE_AFTER, limit=REQUEUE_BATCH)
    OutboxEmail.objects.filter(pk__in=ids, status=OutboxEmail.Status.PENDING).update(next_attempt_at=now)
    for email_id in ids:
        enqueue(email_id)
    if ids:
        logger.info("re-queued %s pending emails", len(ids))
    return len(ids)


def emails_retry_failed(*, email_ids: list[int]) -> int:
    """Give failed messages a fresh set of attempts and queue them after the
    commit. Messages that are not failed are left alone. Returns how many."""
    with transaction.atomic():
        failed = list(
            OutboxEmail.objects.filter(pk__in=email_ids, status=OutboxEmail.Status.FAILED).values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(pk__in=failed, status=OutboxEmail.Status.FAILED).update(
            status=OutboxEmail.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), updated_at=timezone.now()
        )
        for email_id in failed:
            transaction.on_commit(lambda email_id=email_id: enqueue(email_id), robust=True)
    return len(failed)
