"""Erasing personal data (domain.md, Privacy): a person deleting their account, and the
company's retention period passing on a finished application.

    application_erase()   one application: the candidate's data on it and the team's free
                          text about them; the stages, times, reasons and ratings stay, so the
                          statistics still count it (as "Deleted candidate")
    account_delete()      a person's own "Delete my account", with their password: a candidate's
                          applications erased and the account deleted; a team member's account
                          anonymised (the company keeps what they wrote, by "Former team member")
    retention_apply()     the daily task's: finished applications past their company's period

Everything of one erasure happens in one transaction; files leave storage after the
commit. Each is safe to run twice: an erased application or account is left as it is.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ats import audit
from ats.exceptions import ATSError
from ats.models import (
    DELETED_CANDIDATE,
    FORMER_TEAM_MEMBER,
    RETENTION_DAYS_MAX,
    Application,
    ApplicationHistory,
    ApplicationNote,
    BulkActionRow,
    Company,
    DataExport,
    Interview,
    Invitation,
    OutboxEmail,
    Scorecard,
    ScorecardRating,
    User,
)
from ats.notifications import absolute_url, queue_email
from ats.services.accounts import api_tokens_end, sessions_end
from ats.services.applications import application_withdraw
from ats.workflow import FINAL_STAGES

logger = logging.getLogger(__name__)

# What a team note about an erased candidate reads (its body may not be empty).
ERASED_NOTE = "Erased with the candidate's personal data."
ERASED_INTERVIEW_TITLE = "Interview"
RETENTION_BATCH = 200


class AccountDeletionRefused(ATSError):
    """A wrong password, or an account that can't go (the last recruiter of a company)."""


class RetentionRefused(ATSError):
    """A retention period out of bounds."""


def _remove_file(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:  # a disk's OSError, or an object storage's own errors (botocore's)
        # Left for an operator: no row names the file any more, so nobody can reach it.
        logger.exception("could not remove an erased file from storage")


def _outbox_about(application: Application) -> Q:
    """The outbox's messages about `application`, by their dedupe keys (ats.notifications)."""
    history_ids = list(ApplicationHistory.objects.filter(application=application).values_list("pk", flat=True))
    interview_ids = list(Interview.objects.filter(application=application).values_list("pk", flat=True))
    about = Q(dedupe_key__startswith=f"application_created:{application.pk}:")
    for history_id in history_ids:
        about |= Q(dedupe_key__startswith=f"stage_changed:{history_id}:")
        about |= Q(dedupe_key__startswith=f"application_withdrawn:{history_id}:")
    for interview_id in interview_ids:
        about |= Q(dedupe_key__regex=rf"^interview:[a-z_]+:{interview_id}:")
    return about


def _to_any(addresses: set[str]) -> Q:
    to = Q(pk__in=[])
    for address in addresses:
        to |= Q(to__iexact=address)
    return to


def _invited(addresses: set[str]) -> Q:
    invited = Q(pk__in=[])
    for address in addresses:
        invited |= Q(email__iexact=address)
    return invited


def _outbox_forget(about: Q, *, candidate_addresses: set[str]) -> None:
    """The outbox's messages matching `about`: those to the candidate are dropped, sent or
    not (pending ones must not go out; sent ones hold the name and address). Those to the
    team that are sent are dropped too; those still waiting (a cancelled interview's notice)
    go out, then are blanked (erase_after_send). A message a worker is sending this very
    moment is left to it."""
    rows = OutboxEmail.objects.filter(about)
    waiting = [OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING]
    to_candidate = _to_any(candidate_addresses)
    rows.filter(to_candidate).exclude(status=OutboxEmail.Status.SENDING).delete()
    rows.exclude(to_candidate).exclude(status__in=waiting).delete()
    rows.filter(status__in=waiting).update(erase_after_send=True)


def application_erase(
    *, application: Application, why: str, actor: User | None = None, now: datetime | None = None
) -> bool:
    """Erase the candidate's personal data on `application` and the team's free text about them:
    the candidate link (null), cover letter, resume (the file leaves storage after the commit),
    resume text and search document; the bodies of notes, scorecards and their ratings' notes,
    history notes, bulk action messages; interviews' titles and video links; the outbox's
    messages about it. Stages, times, reason codes, ratings, tags and the source stay.

    The audit log records it: `why` ("retention", "account_deleted"), by `actor` (None: the system).

    Returns False when it was already erased (nothing is done). Raises nothing of its own.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Locked (PostgreSQL) so that two erasures of one application don't both run.
        current = Application.objects.select_for_update().filter(pk=application.pk).first()
        if current is None or current.candidate_erased_at is not None:
            return False
        resume_name = current.resume.name
        storage = current.resume.storage
        candidate = current.candidate
        addresses = {candidate.email} if candidate is not None and candidate.email else set()
        _outbox_forget(_outbox_about(current), candidate_addresses=addresses)
        Application.objects.filter(pk=current.pk).update(
            candidate=None,
            candidate_erased_at=now,
            cover_letter="",
            resume="",
            resume_text="",
            resume_text_status=Application.ResumeText.NONE,
            search_vector=None,
            updated_at=now,
        )
        ApplicationNote.objects.filter(application=current).update(body=ERASED_NOTE)
        Scorecard.objects.filter(application=current).update(notes="")
        ScorecardRating.objects.filter(scorecard__application=current).update(note="")
        # History rows are append-only (ApplicationHistory.save() and delete() refuse); blanking
        # the note by a queryset update is the one edit they ever get (domain.md, Privacy).
        ApplicationHistory.objects.filter(application=current).exclude(note="").update(note="")
        Interview.objects.filter(application=current).update(title=ERASED_INTERVIEW_TITLE, video_link="")
        BulkActionRow.objects.filter(application=current).update(message="")
        _admin_log_forget(Application, [current.pk], DELETED_CANDIDATE)
        audit.record(audit.Event.ERASED, current, actor=actor, why=why)
        if resume_name:
            transaction.on_commit(partial(_remove_file, storage, resume_name), robust=True)
    application.candidate = None
    application.candidate_erased_at = now
    return True


def _admin_log_forget(model: type, pks: list[int], label: str) -> None:
    """The admin's change log names objects as they were (their str()): keep the entries, not the names."""
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in pks]).update(
        object_repr=label, change_message=""
    )


def account_delete(*, user: User, password: str) -> bool:
    """Delete `user`'s own account once `password` is theirs.

    A candidate: their open applications withdrawn (upcoming interviews cancelled), then every
    application of theirs erased (application_erase), every email to their
    addresses dropped, a last confirmation queued (its row blanked once sent:
    OutboxEmail.erase_after_send), their sessions and API tokens ended, their addresses and
    account deleted. A recruiter or hiring manager: the account anonymised and made inactive
    (their notes and scorecards stay with the company, by "Former team member"), sessions and
    tokens ended.

    Raises AccountDeletionRefused for a wrong password (nothing changes) or the last active
    recruiter of a company. Returns False when the account was already deleted.
    """
    if user.pk is None or user.erased_at is not None or not User.objects.filter(pk=user.pk).exists():
        return False
    if user.is_staff or user.is_superuser:
        raise AccountDeletionRefused(
            "An operator's account is removed by another operator, in the admin.", field="password"
        )
    if not user.check_password(password):
        raise AccountDeletionRefused("That is not your password. Enter the password you log in with.", field="password")
    if user.role == User.Role.RECRUITER and user.is_active:
        others = User.objects.filter(company=user.company, role=User.Role.RECRUITER, is_active=True)
        if not others.exclude(pk=user.pk).exists():
            raise AccountDeletionRefused(
                "You are the last active recruiter of your company: nobody could run its jobs or team after you. "
                "Invite another recruiter (Team), then delete your account.",
                field="password",
            )
    with transaction.atomic():
        # Locked (PostgreSQL): of two deletions at once, the second finds it gone and does nothing.
        if not User.objects.select_for_update().filter(pk=user.pk, erased_at__isnull=True).exists():
            return False
        addresses = {user.email.lower()} if user.email else set()
        addresses |= {email.lower() for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
        if user.role == User.Role.CANDIDATE:
            mine = Application.objects.filter(candidate=user).order_by("pk")
            # Leaving closes what is still open, as a withdrawal: the team stops waiting for
            # them, and their interviews are cancelled (the interviewers' notices go out).
            for application in mine.exclude(stage__in=FINAL_STAGES):
                application_withdraw(application=application, candidate=user)
            for application in mine:
                application_erase(application=application, why="account_deleted", actor=user)
        OutboxEmail.objects.filter(_to_any(addresses)).exclude(status=OutboxEmail.Status.SENDING).delete()
        # The invitation they accepted keeps the company's record of it, without the address;
        # others to their addresses go.
        Invitation.objects.filter(accepted_by=user).update(email="")
        Invitation.objects.filter(_invited(addresses), accepted_by__isnull=True).delete()
        if user.email:
            _goodbye_email(user)
        api_tokens_end(user=user)
        sessions_end(user=user)
        EmailAddress.objects.filter(user=user).delete()
        _admin_log_forget(
            User, [user.pk], DELETED_CANDIDATE if user.role == User.Role.CANDIDATE else FORMER_TEAM_MEMBER
        )
        # Their data exports go too, files after the commit as for resumes.
        exports = DataExport.objects.filter(user=user)
        for export in exports.exclude(file=""):
            transaction.on_commit(partial(_remove_file, export.file.storage, export.file.name), robust=True)
        exports.delete()
        audit.record(audit.Event.ERASED, user, actor=user, why="account_deleted")
        # Their entries keep their id (until the row goes) but no longer their address.
        audit.forget_actor(user)
        if user.role == User.Role.CANDIDATE:
            user.delete()
        else:
            _team_member_anonymise(user)
    return True


def _goodbye_email(user: User) -> None:
    queue_email(
        to=user.email,
        template="account_deleted",
        context={"recipient": user, "link": absolute_url("/")},
        dedupe_key=f"account_deleted:{user.pk}",
    )
    # The message holds the address until it is sent; the outbox blanks it then.
    OutboxEmail.objects.filter(dedupe_key=f"account_deleted:{user.pk}").update(erase_after_send=True)


def _team_member_anonymise(user: User) -> None:
    user.username = f"former-{user.pk}"
    user.first_name = user.last_name = user.email = user.phone = user.link = ""
    user.is_active = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
    # No longer on any job's team; what they did on it stays.
    user.assigned_jobs.clear()


# Retention ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionItem:
    """One application past its company's period, as an operator may see it: no personal data."""

    company: str
    application_id: int
    job: str
    finished_at: datetime


def retention_due(*, now: datetime) -> Iterator[RetentionItem]:
    """The finished (Hired or Rejected) applications whose company's retention period has passed
    since they finished (`stage_changed_at`) and which still hold personal data, company by company."""
    for company in Company.objects.filter(retention_days__gt=0).order_by("pk"):
        cutoff = now - timedelta(days=company.retention_days)
        due = (
            Application.objects.filter(
                job__company=company,
                stage__in=FINAL_STAGES,
                stage_changed_at__lt=cutoff,
                candidate_erased_at__isnull=True,
            )
            .select_related("job")
            .only("pk", "stage_changed_at", "job__title")
            .order_by("stage_changed_at", "pk")
        )
        for application in due.iterator(chunk_size=RETENTION_BATCH):
            yield RetentionItem(company.name, application.pk, application.job.title, application.stage_changed_at)


def retention_apply(*, now: datetime | None = None, dry_run: bool = False) -> list[RetentionItem]:
    """Erase (application_erase) every application retention_due() names, one transaction each,
    so a long run keeps its progress; with `dry_run`, only list them. Returns the items."""
    now = now or timezone.now()
    items = list(retention_due(now=now))
    if dry_run:
        return items
    erased = []
    for item in items:
        application = Application.objects.filter(pk=item.application_id).first()
        if application is not None and application_erase(application=application, why="retention", now=now):
            erased.append(item)
    if erased:
        logger.info("retention erased the personal data of %s applications", len(erased))
    return erased


def retention_set(*, company: Company, days: int) -> Company:
    """Set `company`'s retention period in days (0 keeps the data). Raises RetentionRefused
    outside 0 to RETENTION_DAYS_MAX."""
    if not 0 <= days <= RETENTION_DAYS_MAX:
        raise RetentionRefused(f"Enter 0 to {RETENTION_DAYS_MAX} days.", field="retention_days")
    company.retention_days = days
    company.save(update_fields=["retention_days"])
    return company
