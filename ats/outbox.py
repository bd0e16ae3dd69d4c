"""The email outbox: store a message with the change that causes it, send it
after the commit, exactly once, whatever fails in between.

This module holds the rows and the sending; the broker is `ats.tasks`' alone
(it hands stored ids to the worker), so the two never import each other.

    email_store()          inside the caller's transaction: the row
    email_send()           the worker's (or send_pending_emails') side: claim
                           the row with a conditional UPDATE, send, mark sent;
                           on an SMTP error back off, then mark failed
    emails_overdue()       the rows whose task never ran, for the periodic rescue
    emails_reset_failed()  the admin's "try again": failed rows back to pending

Delivery is at least once towards the mail server only in one case: a worker
dies after the server accepted a message and before the row is marked sent.
Every other path (a second worker, a duplicated task, a re-queue) finds the
row claimed or sent and does nothing.
"""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from email import encoders
from email.mime.base import MIMEBase
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ats.models import OutboxAttachment, OutboxEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A claimed row whose worker has not reported back for this long is taken as
# abandoned (the worker crashed); it is far above EMAIL_TIMEOUT.
CLAIM_LEASE = timedelta(minutes=10)
# A pending row whose task should have run this long ago is re-queued: the
# broker was down at commit time, or the task was lost.
REQUEUE_AFTER = timedelta(minutes=3)
REQUEUE_BATCH = 500


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the `attempts`-th failure: 1, 4, 16, 64 minutes."""
    return timedelta(minutes=4 ** (attempts - 1))


# (filename, full MIME type with parameters, content)
Attachment = tuple[str, str, bytes]


def email_store(
    *, to: str, subject: str, text: str, html: str, dedupe_key: str, attachments: Sequence[Attachment] = ()
) -> tuple[OutboxEmail, bool]:
    """Store a rendered message and its attachments in the current transaction;
    returns it and whether it is new. A second call with the same `dedupe_key`
    returns the stored message.
    """
    # Insert first: a message is nearly always new, so that is one statement where a
    # get_or_create reads first. The savepoint lets a duplicate key fall back to the stored row.
    try:
        with transaction.atomic():
            email = OutboxEmail.objects.create(
                dedupe_key=dedupe_key, to=to, subject=subject, text_body=text, html_body=html
            )
            if attachments:
                OutboxAttachment.objects.bulk_create(
                    OutboxAttachment(email=email, filename=filename, mimetype=mimetype, content=content)
                    for filename, mimetype, content in attachments
                )
    except IntegrityError:
        stored = OutboxEmail.objects.filter(dedupe_key=dedupe_key).first()
        if stored is None:
            raise  # another constraint than the key's: not a duplicate
        return stored, False
    return email, True


def _mime_part(attachment: OutboxAttachment) -> MIMEBase:
    """The stored attachment as a MIME part, its type's parameters kept (a calendar
    client reads `method=REQUEST` from the part's Content-Type)."""
    maintype, _, rest = attachment.mimetype.partition("/")
    subtype, *params = (piece.strip() for piece in rest.split(";"))
    content = bytes(attachment.content)
    part: MIMEBase
    if maintype == "text":
        charset = next((value for key, _, value in (p.partition("=") for p in params) if key == "charset"), "utf-8")
        part = MIMEText(content.decode(charset), subtype, charset)
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encoders.encode_base64(part)
    for key, _, value in (param.partition("=") for param in params):
        if key != "charset":
            part.set_param(key, value)
    part.add_header("Content-Disposition", "attachment", filename=attachment.filename)
    return part


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
    for attachment in email.attachments.all():
        message.attach(_mime_part(attachment))
    try:
        message.send()
    except Exception as error:  # smtplib, socket and SSL errors have no common base below Exception
        email.last_error = f"{type(error).__name__}: {error}"
        email.updated_at = timezone.now()
        erased: dict[str, str] = {}
        if email.attempts >= MAX_ATTEMPTS:
            email.status = OutboxEmail.Status.FAILED
            logger.error("email %s to %s failed for good: %s", email.pk, email.to, email.last_error)
            erased = _erased_fields(email)
        else:
            email.status = OutboxEmail.Status.PENDING
            email.next_attempt_at = email.updated_at + retry_delay(email.attempts)
            logger.warning("email %s to %s failed (attempt %s): %s", email.pk, email.to, email.attempts, error)
        fields = {
            "status": email.status,
            "last_error": email.last_error,
            "next_attempt_at": email.next_attempt_at,
            "updated_at": email.updated_at,
        }
        mine.update(**(fields | erased))
        return email
    email.status, email.sent_at, email.updated_at = OutboxEmail.Status.SENT, timezone.now(), timezone.now()
    logger.info("sent email %s (%s) to %s", email.pk, email.dedupe_key, email.to)
    mine.update(status=email.status, sent_at=email.sent_at, updated_at=email.updated_at, **_erased_fields(email))
    return email


def _erased_fields(email: OutboxEmail) -> dict[str, str]:
    """For the last message to an address being erased (`erase_after_send`: the account
    deletion's confirmation), the fields that blank its address and content once it is
    sent or given up on; nothing for any other message."""
    # Read again: an erasure may have flagged the message while it was being sent.
    if not OutboxEmail.objects.filter(pk=email.pk, erase_after_send=True).exists():
        return {}
    email.attachments.all().delete()
    return {"to": "", "subject": "", "text_body": "", "html_body": "", "last_error": ""}


def emails_due(*, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Ids of the messages that can be sent now: pending and due, or claimed by
    a worker that stopped answering."""
    now = now or timezone.now()
    due = OutboxEmail.objects.filter(
        Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE)
    ).order_by("next_attempt_at", "id")
    return list(due.values_list("pk", flat=True)[:limit])


def emails_overdue() -> list[int]:
    """Ids of the messages whose task should have run REQUEUE_AFTER ago and did
    not, for the caller to queue again.

    Pushing `next_attempt_at` forward keeps a long queue from being flooded
    with the same ids every run; a duplicate task is harmless anyway.
    """
    now = timezone.now()
    ids = emails_due(now=now - REQUEUE_AFTER, limit=REQUEUE_BATCH)
    OutboxEmail.objects.filter(pk__in=ids, status=OutboxEmail.Status.PENDING).update(next_attempt_at=now)
    return ids


def emails_reset_failed(*, email_ids: list[int]) -> list[int]:
    """Give the failed messages among `email_ids` a fresh set of attempts; returns
    their ids, for the caller to queue. Messages that are not failed are left alone."""
    with transaction.atomic():
        failed = list(
            OutboxEmail.objects.filter(pk__in=email_ids, status=OutboxEmail.Status.FAILED).values_list("pk", flat=True)
        )
        OutboxEmail.objects.filter(pk__in=failed, status=OutboxEmail.Status.FAILED).update(
            status=OutboxEmail.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), updated_at=timezone.now()
        )
    return failed
