"""Reading the text of applications' resumes, for search.

The extraction task (`ats.tasks.extract_resume_text`, queued when someone
applies), its periodic sweep and the `extract_resume_texts` command all come
here. The file is read outside any transaction (it can take seconds); the text,
its status and the search document are then written together.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ats import search
from ats.models import Application
from ats.resumes import ResumeTextUnavailable, resume_text_extract

logger = logging.getLogger(__name__)

Status = Application.ResumeText
# A resume still pending this long after applying has lost its task; younger ones
# have theirs on the way (with its retries), and the sweep leaves them to it.
SWEEP_AFTER = timedelta(minutes=5)


def application_resume_text_extract(*, application_id: int) -> str:
    """Read the resume of application `application_id` and store its text with the
    status "extracted", or no text and "unavailable" when it can't be read (a
    damaged, hostile or image-only file, a file missing from storage: logged with
    the reason, never the text). An application without a resume gets "none". The
    search document is refreshed in the same transaction. Returns the status stored.

    Safe to run twice: the second run writes the same. If the resume changed or went
    away while it was read (the application was erased), nothing is written and the
    current status is returned; an application that no longer exists returns "none".
    Raises nothing for the file's content; database errors propagate (the task retries).
    """
    application = Application.objects.only("pk", "resume").filter(pk=application_id).first()
    if application is None:
        return Status.NONE
    status, text = _read(application)
    with transaction.atomic():
        # Conditional on the file read: an erasure meanwhile must not get the text back.
        written = Application.objects.filter(pk=application_id, resume=application.resume.name).update(
            resume_text=text, resume_text_status=status
        )
        if not written:
            current = Application.objects.filter(pk=application_id).values_list("resume_text_status", flat=True)
            return current.first() or Status.NONE
        search.vectors_refresh(application_ids=[application_id])
    return status


def _read(application: Application) -> tuple[str, str]:
    """(status, text) of `application`'s resume as it is in storage now."""
    if not application.resume:
        return Status.NONE, ""
    try:
        with application.resume.open("rb") as file:
            text = resume_text_extract(file)
    except ResumeTextUnavailable as error:
        reason = error.message
    except FileNotFoundError:
        reason = "the file is missing from storage"
    except OSError as error:
        # Not retried: a file storage can't serve now is re-read by `extract_resume_texts --all`.
        reason = f"the file could not be read from storage ({type(error).__name__})"
    else:
        logger.debug("read the resume text of application %s (%s characters)", application.pk, len(text))
        return Status.EXTRACTED, text
    logger.warning("the resume text of application %s is not available: %s", application.pk, reason)
    return Status.UNAVAILABLE, ""


def applications_resume_text_pending(*, waited: timedelta = timedelta(0), limit: int | None = None) -> list[int]:
    """Ids of the applications whose resume is waiting to be read, oldest first:
    those that applied at least `waited` ago, at most `limit` of them."""
    pending = Application.objects.filter(
        resume_text_status=Status.PENDING, created_at__lte=timezone.now() - waited
    ).order_by("created_at", "pk")
    return list(pending.values_list("pk", flat=True)[:limit])


def applications_resume_text_sweep(*, limit: int) -> int:
    """Read up to `limit` resumes still pending SWEEP_AFTER after applying (their
    task was lost: broker down at the commit, a worker crash), oldest first.
    Returns how many were read. One that fails (the database) is logged and left
    pending for the next sweep; the others go on."""
    ids = applications_resume_text_pending(waited=SWEEP_AFTER, limit=limit)
    for application_id in ids:
        try:
            application_resume_text_extract(application_id=application_id)
        except Exception:
            logger.exception("could not store the resume text of application %s", application_id)
    return len(ids)
