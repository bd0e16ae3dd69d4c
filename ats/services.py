"""Every write and workflow of the product.

Services are keyword-only and typed. Each runs in one transaction, validates
against the workflow table, writes history and queues its emails in that same
transaction, and refuses with one of the project's own exceptions
(`ats.exceptions`), leaving the database exactly as it was.

Permissions are not checked here: callers (views, the API) ask the rules
first. Services enforce what is true whoever asks: only candidates apply, only
open jobs take applications, only the workflow's moves happen.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from ats import workflow
from ats.exceptions import (
    ATSError,
    DuplicateApplication,
    InvalidFeedback,
    InvalidHiringManager,
    InvalidInvitation,
    InvalidJobStatusChange,
    InvalidNote,
    InvalidProfile,
    InvalidReason,
    InvalidSignup,
    InvalidTransition,
    JobNotOpen,
    NotACandidate,
    ReasonRequired,
    StaleStage,
    UnknownStage,
    WithdrawalRefused,
)
from ats.models import (
    LINK_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    Application,
    ApplicationHistory,
    ApplicationNote,
    Company,
    Feedback,
    Invitation,
    Job,
    RejectionReason,
    User,
    default_time_zone,
    validate_phone,
    validate_time_zone,
)
from ats.notifications import Event, absolute_url, notify, queue_email
from ats.resumes import validate_resume
from ats.workflow import Stage


def _as_stage(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        choices = ", ".join(Stage.values)
        raise UnknownStage(f"“{value}” is not a stage. Choose one of: {choices}.") from None


# Applications -------------------------------------------------------------------


def application_create(
    *,
    candidate: User,
    job: Job,
    resume: UploadedFile | None = None,
    cover_letter: str = "",
) -> Application:
    """Apply `candidate` to `job` and write the first history row.

    Raises NotACandidate, JobNotOpen, DuplicateApplication, or InvalidResume
    (`ats.resumes`). Nothing is stored, no file either, when it raises.
    """
    if candidate.role != User.Role.CANDIDATE or candidate.is_staff:
        raise NotACandidate("Only candidates can apply to jobs. Sign in with a candidate account to apply.")
    if not Job.objects.filter(pk=job.pk, status=Job.Status.OPEN).exists():
        raise JobNotOpen(f"“{job.title}” is not accepting applications any more.")
    if Application.objects.filter(candidate=candidate, job=job).exists():
        raise DuplicateApplication(f"You have already applied to “{job.title}”.")
    if resume is not None:
        kind = validate_resume(resume)
        resume.name = f"resume.{kind}"

    application = Application(candidate=candidate, job=job, cover_letter=cover_letter.strip())
    try:
        with transaction.atomic():
            if resume is not None:
                # Saved inside the try so that a failure below removes the file too.
                application.resume.save(resume.name, resume, save=False)
            application.save()
            ApplicationHistory.objects.create(
                application=application, from_stage="", to_stage=Stage.APPLIED, changed_by=candidate
            )
            notify(Event.APPLICATION_CREATED, application_id=application.pk)
    except IntegrityError:
        _discard_file(application)
        raise DuplicateApplication(f"You have already applied to “{job.title}”.") from None
    except BaseException:
        _discard_file(application)
        raise
    return application


def _discard_file(application: Application) -> None:
    if application.resume.name:
        application.resume.storage.delete(application.resume.name)


def application_change_stage(
    *,
    application: Application,
    to_stage: str,
    actor: User,
    from_stage: str | None = None,
    reason: str | None = None,
    note: str = "",
    notify_candidate: bool = True,
) -> Application:
    """Move `application` to `to_stage`, recording who did it.

    `from_stage` is the stage the caller saw (the column a card was dragged
    from). When given and the application is no longer there, the move is
    refused as stale. The move itself is a conditional update on the stage
    read, so two concurrent moves from the same stage cannot both succeed.
    Moving to the stage the application is already in changes nothing.

    A move into a stage that needs a reason (workflow.STAGES_NEEDING_REASON,
    i.e. Rejected) takes its `reason` code from the company's active list; no
    other move takes one. `note` is optional free text kept in the history, at
    most workflow.NOTE_MAX_LENGTH characters. With `notify_candidate` off, the
    candidate gets no email about this move (the person rejecting unticked the
    courteous email); everything else happens as usual.

    The history's constraints are the last word: a move that the history already
    records (the stage column was put out of step with it) is refused as stale.

    Raises UnknownStage, StaleStage, InvalidTransition, ReasonRequired,
    InvalidReason or InvalidNote; returns the application as it now is.
    """
    _change_stage(
        application=application,
        to_stage=to_stage,
        actor=actor,
        from_stage=from_stage,
        reason=reason,
        note=note,
        notify_candidate=notify_candidate,
    )
    return application


def _change_stage(
    *,
    application: Application,
    to_stage: str,
    actor: User,
    from_stage: str | None,
    reason: str | None,
    note: str,
    notify_candidate: bool,
) -> ApplicationHistory | None:
    """application_change_stage's work; returns the history row written (None for no move)."""
    target = _as_stage(to_stage)
    seen = _as_stage(from_stage) if from_stage else None
    current = Stage(Application.objects.values_list("stage", flat=True).get(pk=application.pk))

    if seen is not None and seen != current:
        application.stage = current
        raise StaleStage(
            f"This application is now in {current}, not {seen}: someone else moved it. "
            "The board has been refreshed; try again if the move still makes sense."
        )
    if target == current:
        application.stage = current
        return None
    if not workflow.can_transition(current, target):
        application.stage = current
        raise InvalidTransition(_refusal(current, target))
    rejection_reason = _reason_for_move(application=application, target=target, code=reason)
    note = note.strip()
    if len(note) > workflow.NOTE_MAX_LENGTH:
        raise InvalidNote(
            f"A note on a move can be at most {workflow.NOTE_MAX_LENGTH} characters; this one has {len(note)}."
        )

    now = timezone.now()
    moved_away = StaleStage(
        f"Someone else moved this application out of {current} a moment ago. "
        "The board has been refreshed; try again if the move still makes sense."
    )
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, stage=current).update(
            stage=target, stage_changed_at=now, updated_at=now
        )
        if not moved:
            raise moved_away
        try:
            history = ApplicationHistory.objects.create(
                application=application,
                from_stage=current,
                to_stage=target,
                changed_by=actor,
                changed_at=now,
                reason=rejection_reason,
                note=note,
                notify_candidate=notify_candidate,
            )
        except IntegrityError:
            # The history already records a move out of (or into) these stages: the
            # stage read was not the end of the history (a write that bypassed this
            # service put it back). Refused like a stale board; the exception leaves
            # the atomic block, which undoes the update above, and no query runs between.
            raise moved_away from None
        notify(Event.STAGE_CHANGED, history_id=history.pk)
    application.stage, application.stage_changed_at, application.updated_at = target, now, now
    return history


def _reason_for_move(*, application: Application, target: Stage, code: str | None) -> RejectionReason | None:
    """The reason a move into `target` records: one of the company's active reasons
    for a move that needs one, none otherwise."""
    code = (code or "").strip()
    if not workflow.needs_reason(target):
        if code:
            raise InvalidReason(f"Only a rejection takes a reason; a move to {target} doesn't.")
        return None
    active = list(RejectionReason.objects.filter(company_id=application.job.company_id, active=True))
    if not code:
        raise ReasonRequired(f"Moving to {target} needs a reason: choose one from the list.")
    chosen = next((item for item in active if item.code == code), None)
    if chosen is None:
        choices = ", ".join(f"{item.code} ({item.label})" for item in active)
        raise InvalidReason(f"“{code}” is not one of this company's reasons. Choose one of: {choices}.")
    return chosen


def application_withdraw(*, application: Application, candidate: User) -> Application:
    """The candidate withdraws their application: it moves to Rejected through the
    stage machine (the same conditional update as every move) with the reason
    `withdrawn` and the candidate as actor. The candidate gets a short
    confirmation instead of the courteous rejection.

    Raises WithdrawalRefused when `candidate` did not make the application, when
    it is final (Hired or Rejected), or when it moved while they were deciding;
    nothing changes then.
    """
    if application.candidate_id != candidate.pk:
        raise WithdrawalRefused("Only the candidate who applied can withdraw this application.")
    current = Stage(Application.objects.values_list("stage", flat=True).get(pk=application.pk))
    application.stage = current
    if current in workflow.FINAL_STAGES:
        raise WithdrawalRefused(_withdrawal_refusal(current))
    with transaction.atomic():
        try:
            history = _change_stage(
                application=application,
                to_stage=Stage.REJECTED,
                actor=candidate,
                from_stage=current,
                reason=workflow.REASON_WITHDRAWN,
                note="",
                notify_candidate=False,
            )
        except StaleStage:
            raise WithdrawalRefused(
                "Your application was updated a moment ago, so it has not been withdrawn. "
                "Look at where it stands now, and withdraw again if you still want to."
            ) from None
        assert history is not None  # the stage read was not final, so the move happened or raised
        notify(Event.APPLICATION_WITHDRAWN, history_id=history.pk)
    return application


def _withdrawal_refusal(current: Stage) -> str:
    if current == Stage.HIRED:
        return "This application ended with a hire, so there is nothing to withdraw."
    return "This application is already closed, so there is nothing to withdraw."


def _refusal(current: Stage, target: Stage) -> str:
    if current in workflow.FINAL_STAGES:
        return f"This application is {current}, which is final: it can't move to {target}."
    allowed = " or ".join(workflow.allowed_targets(current))
    return f"An application in {current} can't move to {target}. From {current} it can go to {allowed}."


# Jobs -----------------------------------------------------------------------------


def job_create(
    *,
    company: Company,
    title: str,
    description: str,
    location: str = "",
    employment_type: str = Job.EmploymentType.FULL_TIME,
    publish: bool = False,
) -> Job:
    """Create a job for `company`: a draft, or open at once with `publish`.

    Raises django ValidationError for bad fields; nothing is created then.
    """
    job = Job(
        company=company,
        title=title.strip(),
        description=description.strip(),
        location=location.strip(),
        employment_type=employment_type,
        status=Job.Status.DRAFT,
    )
    job.full_clean()
    with transaction.atomic():
        job.save()
        if publish:
            job_open(job=job)
    return job


def job_update(
    *,
    job: Job,
    title: str | None = None,
    description: str | None = None,
    location: str | None = None,
    employment_type: str | None = None,
    status: str | None = None,
) -> Job:
    """Change the editable fields of `job` that are given (title, description,
    location, employment type) and, with `status`, open or close it, all or nothing.

    Raises django ValidationError for bad values, InvalidJobStatusChange for a
    status the job can't take; the job is unchanged in the database when it raises.
    """
    fields = {
        name: value.strip()
        for name, value in {
            "title": title,
            "description": description,
            "location": location,
            "employment_type": employment_type,
        }.items()
        if value is not None
    }
    for name, value in fields.items():
        setattr(job, name, value)
    try:
        job.full_clean()
        with transaction.atomic():
            if fields:
                job.save(update_fields=[*fields, "updated_at"])
            if status is not None:
                _job_set_status(job=job, status=status)
    except Exception:
        job.refresh_from_db()
        raise
    return job


def job_open(*, job: Job) -> Job:
    """Publish `job` (from draft, or reopen it when closed). Opening an open job changes nothing."""
    return _job_set_status(job=job, status=Job.Status.OPEN)


def job_close(*, job: Job) -> Job:
    """Stop `job` taking applications. Raises InvalidJobStatusChange for a draft."""
    return _job_set_status(job=job, status=Job.Status.CLOSED)


def _job_set_status(*, job: Job, status: str) -> Job:
    """Set `job`'s status along workflow.JOB_STATUS_TRANSITIONS; setting the one it has changes nothing."""
    with transaction.atomic():
        current = Job.objects.select_for_update().values_list("status", flat=True).get(pk=job.pk)
        job.status = current
        if current == status:
            return job
        if status not in workflow.job_status_targets(current):
            raise InvalidJobStatusChange(_job_status_refusal(current, status))
        job.status = status
        job.save(update_fields=["status", "updated_at"])
    return job


def _job_status_refusal(current: str, status: str) -> str:
    if status == Job.Status.CLOSED:
        return f"This job is {Job.Status(current).label.lower()}: only an open job can be closed."
    if status == Job.Status.DRAFT:
        return "A published job never goes back to draft: close it to stop applications."
    return f"A job can't go from {Job.Status(current).label.lower()} to “{status}”."


def job_assign_hiring_manager(*, job: Job, hiring_manager: User) -> bool:
    """Assign `hiring_manager` to `job` and email them. Returns False if they already were.

    Raises InvalidHiringManager unless they are a hiring manager of the job's company.
    """
    if hiring_manager.role != User.Role.HIRING_MANAGER or hiring_manager.company_id != job.company_id:
        raise InvalidHiringManager(f"{hiring_manager.display_name} is not a hiring manager at {job.company.name}.")
    with transaction.atomic():
        through = Job.hiring_managers.through
        _, created = through.objects.get_or_create(job_id=job.pk, user_id=hiring_manager.pk)
        if created:
            notify(Event.HIRING_MANAGER_ASSIGNED, job_id=job.pk, hiring_manager_id=hiring_manager.pk)
    return created


def job_unassign_hiring_manager(*, job: Job, hiring_manager: User) -> bool:
    """Remove `hiring_manager` from `job`. Returns False if they were not assigned."""
    deleted, _ = Job.hiring_managers.through.objects.filter(job_id=job.pk, user_id=hiring_manager.pk).delete()
    return bool(deleted)


# The hiring team's workspace: employer sign-up, invitations, notes, feedback ------------

INVITATION_LIFETIME = timedelta(days=7)
TEAM_NOTE_MAX_LENGTH = 5000


def _invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def company_signup(
    *,
    company_name: str,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    time_zone: str | None = None,
) -> User:
    """Create a company and its first recruiter ("I'm hiring").

    The recruiter's email address is recorded unverified: the caller sends the
    confirmation (allauth), as for any sign-up. `time_zone` defaults to the
    site's. Raises InvalidSignup when the company name, username or email is
    taken, or the name or time zone is missing or wrong; nothing is stored then.
    """
    company_name, email = company_name.strip(), email.strip().lower()
    if not company_name:
        raise InvalidSignup("Enter your company's name.")
    person = _person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidSignup)
    if Company.objects.filter(name__iexact=company_name).exists():
        raise InvalidSignup(
            f"A company called “{company_name}” already uses the ATS. Ask one of its recruiters to invite you."
        )
    _check_new_account(username=username, email=email, error=InvalidSignup)
    try:
        with transaction.atomic():
            company = Company.objects.create(name=company_name)
            rejection_reasons_ensure_defaults(company=company)
            user = User(username=username, email=email, role=User.Role.RECRUITER, company=company, **person)
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    except IntegrityError:
        raise InvalidSignup("That company, username or email was registered a moment ago. Try another.") from None
    return user


def _person_fields(*, first_name: str, last_name: str, time_zone: str | None, error: type[ATSError]) -> dict[str, str]:
    """A person's trimmed first and last name and their time zone (the site's
    when None), checked; raises `error` saying what to fix."""
    fields = {"first_name": first_name.strip(), "last_name": last_name.strip()}
    for field, what in (("first_name", "first name"), ("last_name", "last name")):
        if not fields[field]:
            raise error(f"Enter your {what}.")
        if len(fields[field]) > NAME_MAX_LENGTH:
            raise error(f"Your {what} can be at most {NAME_MAX_LENGTH} characters; this one has {len(fields[field])}.")
    fields["time_zone"] = default_time_zone() if time_zone is None else time_zone.strip()
    _check(validate_time_zone, fields["time_zone"], error=error)
    return fields


def _check(validator, value: str, *, error: type[ATSError]) -> None:
    """Run a Django validator and raise its message as the project's `error`."""
    try:
        validator(value)
    except ValidationError as refusal:
        raise error(" ".join(refusal.messages)) from None


def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    time_zone: str,
    phone: str | None = None,
    link: str | None = None,
) -> User:
    """Save `user`'s name and time zone, and a candidate's phone and link (None
    leaves them as they are; "" clears them).

    Raises InvalidProfile for a missing or too long name, an unknown time zone,
    a phone number or link that isn't one, or a phone or link given for someone
    who isn't a candidate (the hiring team, operators); nothing is stored then.
    """
    fields = _person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidProfile)
    contact = {name: value.strip() for name, value in (("phone", phone), ("link", link)) if value is not None}
    if any(contact.values()) and (user.role != User.Role.CANDIDATE or user.is_staff):
        raise InvalidProfile("Only candidates keep a phone number and a link on their profile.")
    if contact.get("phone"):
        if len(contact["phone"]) > PHONE_MAX_LENGTH:
            raise InvalidProfile(f"A phone number can be at most {PHONE_MAX_LENGTH} characters.")
        _check(validate_phone, contact["phone"], error=InvalidProfile)
    if contact.get("link"):
        if len(contact["link"]) > LINK_MAX_LENGTH:
            raise InvalidProfile(f"A link can be at most {LINK_MAX_LENGTH} characters.")
        try:
            URLValidator(schemes=["http", "https"])(contact["link"])
        except ValidationError:
            raise InvalidProfile(
                "Enter a full web address for the link, such as https://www.linkedin.com/in/you."
            ) from None
    changed = {**fields, **contact}
    for name, value in changed.items():
        setattr(user, name, value)
    user.save(update_fields=list(changed))
    return user


def _check_new_account(*, username: str, email: str, error: type[ATSError]) -> None:
    if User.objects.filter(username__iexact=username).exists():
        raise error(f"The username “{username}” is taken. Choose another.")
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise error(f"An account already uses {email}. Log in with it, or use another address.")


def invitation_create(*, company: Company, invited_by: User, email: str, role: str) -> tuple[Invitation, str]:
    """Invite `email` to join `company` as `role` and email them the link.

    Returns the invitation and its token (the only copy; it is not stored).
    Raises InvalidInvitation for a role outside the team, an address that
    already has an account, or one with a pending invitation.
    """
    email = email.strip().lower()
    if role not in Invitation.TEAM_ROLES:
        raise InvalidInvitation("Invite someone as a recruiter or a hiring manager.")
    if User.objects.filter(email__iexact=email).exists():
        raise InvalidInvitation(f"{email} already has an account, so they can't be invited.")
    now = timezone.now()
    pending = Invitation.objects.filter(
        company=company, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )
    if pending.exists():
        raise InvalidInvitation(f"{email} already has a pending invitation. Revoke it to send a new one.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            company=company,
            email=email,
            role=role,
            token_hash=_invitation_token_hash(token),
            invited_by=invited_by,
            expires_at=now + INVITATION_LIFETIME,
        )
        queue_email(
            to=email,
            template="invitation",
            context={
                "invitation": invitation,
                "company": company,
                "invited_by": invited_by,
                "role": invitation.get_role_display().lower(),
                "accept_url": absolute_url(reverse("invitation_accept", args=[token])),
            },
            dedupe_key=f"invitation:{invitation.pk}",
        )
    return invitation, token


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Make a pending invitation unusable. Raises InvalidInvitation once it has been accepted."""
    with transaction.atomic():
        revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        invitation.refresh_from_db()
        if not revoked and invitation.accepted_at:
            raise InvalidInvitation(f"{invitation.email} has already joined; the invitation can't be revoked.")
    return invitation


def invitation_for_token(*, token: str) -> Invitation:
    """The invitation a link names, if it can still be used.

    Raises InvalidInvitation saying why it can't (unknown, revoked, used, expired).
    """
    invitation = Invitation.objects.select_related("company").filter(token_hash=_invitation_token_hash(token)).first()
    if invitation is None:
        raise InvalidInvitation("This invitation link is not valid. Check that you copied the whole link.")
    status = invitation.status
    if status == "revoked":
        raise InvalidInvitation("This invitation was withdrawn. Ask the recruiter who invited you for a new one.")
    if status == "accepted":
        raise InvalidInvitation("This invitation has already been used. Log in with the account it created.")
    if status == "expired":
        raise InvalidInvitation("This invitation has expired. Ask the recruiter who invited you for a new one.")
    return invitation


def invitation_accept(
    *,
    token: str,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    time_zone: str | None = None,
) -> User:
    """Create the invitee's account in the invitation's company, with its role, and use the invitation up.

    The company, role and email come from the invitation only. The email is
    recorded as verified: the invitee proved it by opening the link.
    `time_zone` defaults to the site's. Raises InvalidInvitation (unusable
    link, taken username or email, a missing name or unknown time zone, or a
    second use racing this one); nothing is stored then.
    """
    invitation = invitation_for_token(token=token)
    person = _person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidInvitation)
    _check_new_account(username=username, email=invitation.email, error=InvalidInvitation)
    try:
        with transaction.atomic():
            user = User(
                username=username,
                email=invitation.email,
                role=invitation.role,
                company_id=invitation.company_id,
                **person,
            )
            user.set_password(password)
            user.save()
            used = Invitation.objects.filter(
                pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
            ).update(accepted_at=timezone.now(), accepted_by=user)
            if not used:
                raise InvalidInvitation("This invitation was used or withdrawn a moment ago.")
            EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    except IntegrityError:
        raise InvalidInvitation("That username or email was registered a moment ago. Try another.") from None
    return user


def application_note_add(*, application: Application, author: User, body: str) -> ApplicationNote:
    """Add a hiring-team note to `application`. Raises InvalidNote when empty or too long."""
    body = body.strip()
    if not body:
        raise InvalidNote("Write something in the note before adding it.")
    if len(body) > TEAM_NOTE_MAX_LENGTH:
        raise InvalidNote(f"A note can be at most {TEAM_NOTE_MAX_LENGTH} characters; this one has {len(body)}.")
    return ApplicationNote.objects.create(application=application, author=author, body=body)


def feedback_upsert(
    *, application: Application, reviewer: User, rating: int, comment: str = ""
) -> tuple[Feedback, bool]:
    """Record `reviewer`'s rating (1 to 5) and comment on `application`, replacing their earlier
    feedback; returns the feedback and whether it is new.

    Keyed on the reviewer, so it only ever changes the reviewer's own feedback.
    Raises InvalidFeedback for a rating outside 1 to 5.
    """
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidFeedback("Choose a rating from 1 (weak) to 5 (excellent).")
    with transaction.atomic():
        return Feedback.objects.update_or_create(
            application=application, reviewer=reviewer, defaults={"rating": rating, "comment": comment.strip()}
        )


# Rejection reasons ------------------------------------------------------------------

REASON_LABEL_MAX_LENGTH = RejectionReason._meta.get_field("label").max_length or 100


def rejection_reasons_ensure_defaults(*, company: Company) -> None:
    """Give `company` each default reason (workflow.DEFAULT_REJECTION_REASONS) it
    lacks; a reason it already has, renamed or not, is left alone. Safe to run twice."""
    existing = set(company.rejection_reasons.values_list("code", flat=True))
    missing = [
        RejectionReason(company=company, code=code, label=label, position=position)
        for position, (code, label) in enumerate(workflow.DEFAULT_REJECTION_REASONS)
        if code not in existing
    ]
    # Two callers at once would both insert: the unique code makes the second a no-op.
    RejectionReason.objects.bulk_create(missing, ignore_conflicts=True)


def _clean_reason_label(*, company: Company, label: str, exclude: RejectionReason | None = None) -> str:
    label = " ".join(label.split())
    if not label:
        raise InvalidReason("Give the reason a name.")
    if len(label) > REASON_LABEL_MAX_LENGTH:
        raise InvalidReason(f"A reason's name can be at most {REASON_LABEL_MAX_LENGTH} characters.")
    taken = company.rejection_reasons.filter(label__iexact=label)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise InvalidReason(f"There is already a reason called “{label}”.")
    return label


def rejection_reason_create(*, company: Company, label: str) -> RejectionReason:
    """Add a reason to the end of `company`'s list. Its code comes from the label and
    never changes. Raises InvalidReason for an empty, too long or taken name."""
    label = _clean_reason_label(company=company, label=label)
    base = slugify(label).replace("-", "_")[:40] or "reason"
    codes = set(company.rejection_reasons.values_list("code", flat=True))
    code, n = base, 2
    while code in codes or code == workflow.CANDIDATE_NOT_SELECTED_CODE:
        code, n = f"{base}_{n}", n + 1
    last = company.rejection_reasons.aggregate(last=Max("position"))["last"]
    try:
        with transaction.atomic():
            return RejectionReason.objects.create(
                company=company, code=code, label=label, position=0 if last is None else last + 1
            )
    except IntegrityError:
        raise InvalidReason(f"A reason like “{label}” was added a moment ago.") from None


def rejection_reason_rename(*, reason: RejectionReason, label: str) -> RejectionReason:
    """Change the reason's label (its code stays). Raises InvalidReason for an empty, too long or taken name."""
    reason.label = _clean_reason_label(company=reason.company, label=label, exclude=reason)
    reason.save(update_fields=["label"])
    return reason


def rejection_reason_set_active(*, reason: RejectionReason, active: bool) -> RejectionReason:
    """Offer the reason again, or stop offering it (history keeps it either way).
    Raises InvalidReason for deactivating a system reason (withdrawn, other)."""
    if not active and reason.is_system:
        raise InvalidReason(f"“{reason.label}” is used by the product itself, so it stays on the list.")
    reason.active = active
    reason.save(update_fields=["active"])
    return reason


def rejection_reason_move(*, reason: RejectionReason, offset: int) -> RejectionReason:
    """Move the reason `offset` places up (negative) or down its company's list;
    at an end, it stays. Renumbers the list 0, 1, 2…"""
    with transaction.atomic():
        reasons = list(
            RejectionReason.objects.select_for_update().filter(company_id=reason.company_id).order_by("position", "id")
        )
        index = next(i for i, item in enumerate(reasons) if item.pk == reason.pk)
        target = max(0, min(len(reasons) - 1, index + offset))
        reasons.insert(target, reasons.pop(index))
        for position, item in enumerate(reasons):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
    reason.position = target
    return reason


def rejection_reason_remove(*, reason: RejectionReason) -> bool:
    """Take the reason off the list: delete it when no history uses it (returns True),
    deactivate it otherwise, so past rejections keep their meaning (returns False).
    Raises InvalidReason for a system reason (withdrawn, other)."""
    if reason.is_system:
        raise InvalidReason(f"“{reason.label}” is used by the product itself, so it stays on the list.")
    try:
        with transaction.atomic():
            reason.delete()
    except ProtectedError:
        rejection_reason_set_active(reason=reason, active=False)
        return False
    return True
