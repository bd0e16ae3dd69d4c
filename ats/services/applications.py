"""Applying, moving an application through the stage machine, withdrawing, and the team's notes and reviews."""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ats import audit, search, tasks, workflow
from ats.exceptions import (
    DuplicateApplication,
    InvalidCoverLetter,
    InvalidNote,
    InvalidReason,
    InvalidTransition,
    JobNotOpen,
    NotACandidate,
    ReasonRequired,
    StaleStage,
    UnknownStage,
    WithdrawalRefused,
)
from ats.models import (
    COVER_LETTER_MAX_LENGTH,
    SOURCE_JOB_BOARD,
    TEAM_NOTE_MAX_LENGTH,
    Application,
    ApplicationHistory,
    ApplicationNote,
    Job,
    RejectionReason,
    User,
    normalise_source,
)
from ats.notifications import Event, notify
from ats.privacy import PRIVACY_NOTICE_VERSION
from ats.resumes import validate_resume
from ats.services.activity import activity_record
from ats.services.interviews import interviews_cancel_for_closed_application
from ats.workflow import Stage


def _as_stage(value: str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        choices = ", ".join(Stage.values)
        raise UnknownStage(f"“{value}” is not a stage. Choose one of: {choices}.") from None


def application_create(
    *,
    candidate: User,
    job: Job,
    resume: UploadedFile | None = None,
    cover_letter: str = "",
    source: str = SOURCE_JOB_BOARD,
    privacy_notice_accepted: bool = False,
) -> Application:
    """Apply `candidate` to `job` and write the first history row. `source` says
    where the application came from (`normalise_source` cleans it). A resume's
    text is read by a task queued after the commit (its status is "pending" until then).
    With `privacy_notice_accepted` (the edges ask for it: the form's box, the API's
    `accept_privacy_notice`), the notice's current version and the time are kept.

    Raises NotACandidate, JobNotOpen, DuplicateApplication, InvalidCoverLetter (past
    COVER_LETTER_MAX_LENGTH characters) or InvalidResume (`ats.resumes`). Nothing is
    stored, no file either, when it raises.
    """
    if candidate.role != User.Role.CANDIDATE or candidate.is_staff:
        raise NotACandidate("Only candidates can apply to jobs. Sign in with a candidate account to apply.")
    if not Job.objects.filter(pk=job.pk, status=Job.Status.OPEN).exists():
        raise JobNotOpen(f"“{job.title}” is not accepting applications any more.")
    if Application.objects.filter(candidate=candidate, job=job).exists():
        raise DuplicateApplication(f"You have already applied to “{job.title}”.")
    cover_letter = cover_letter.strip()
    if len(cover_letter) > COVER_LETTER_MAX_LENGTH:
        raise InvalidCoverLetter(
            f"A cover letter can be at most {COVER_LETTER_MAX_LENGTH} characters; this one has {len(cover_letter)}."
        )
    if resume is not None:
        kind = validate_resume(resume)
        resume.name = f"resume.{kind}"

    application = Application(
        candidate=candidate,
        job=job,
        cover_letter=cover_letter,
        source=normalise_source(source),
        resume_text_status=Application.ResumeText.NONE if resume is None else Application.ResumeText.PENDING,
    )
    if privacy_notice_accepted:
        application.privacy_notice_version = PRIVACY_NOTICE_VERSION
        application.privacy_consented_at = timezone.now()
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
            search.vectors_refresh(application_ids=[application.pk])
            if resume is not None:
                tasks.resume_text_queue(application_id=application.pk)
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
    stage, entered_at = Application.objects.values_list("stage", "stage_changed_at").get(pk=application.pk)
    current = Stage(stage)

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
    rejection_reason = move_reason_validate(company_id=application.job.company_id, target=target, code=reason)
    note = move_note_validate(note=note)

    now = timezone.now()
    moved_away = StaleStage(
        f"Someone else moved this application out of {current} a moment ago. "
        "The board has been refreshed; try again if the move still makes sense."
    )
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, stage=current).update(
            stage=target, stage_changed_at=now, updated_at=now, last_activity_at=now
        )
        if not moved:
            raise moved_away
        try:
            history = ApplicationHistory.objects.create(
                application=application,
                from_stage=current,
                from_stage_entered_at=entered_at,
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
        _audit_move(application=application, actor=actor, history=history)
        notify(Event.STAGE_CHANGED, history=history)
        if target in workflow.FINAL_STAGES:
            interviews_cancel_for_closed_application(application=application, actor=actor)
    application.stage, application.stage_changed_at, application.updated_at = target, now, now
    return history


def _audit_move(*, application: Application, actor: User, history: ApplicationHistory) -> None:
    """The move's audit entry, in its transaction: a rejection with its reason code, any other move as moved."""
    details: dict = {"history_id": history.pk}
    if history.reason is not None:
        details["reason"] = history.reason.code
    audit.record(
        audit.Event.REJECTED if history.to_stage == Stage.REJECTED else audit.Event.MOVED,
        application,
        actor=actor,
        changes={"stage": (history.from_stage, history.to_stage)},
        **details,
    )


def move_reason_validate(*, company_id: int, target: Stage, code: str | None) -> RejectionReason | None:
    """The reason a move into `target` records: one of the company's active reasons
    for a move that needs one, none otherwise. Bulk actions ask it once up front.

    Raises ReasonRequired or InvalidReason.
    """
    code = (code or "").strip()
    if not workflow.needs_reason(target):
        if code:
            raise InvalidReason(f"Only a rejection takes a reason; a move to {target} doesn't.")
        return None
    active = list(RejectionReason.objects.filter(company_id=company_id, active=True))
    if not code:
        raise ReasonRequired(f"Moving to {target} needs a reason: choose one from the list.")
    chosen = next((item for item in active if item.code == code), None)
    if chosen is None:
        choices = ", ".join(f"{item.code} ({item.label})" for item in active)
        raise InvalidReason(f"“{code}” is not one of this company's reasons. Choose one of: {choices}.")
    return chosen


def move_note_validate(*, note: str) -> str:
    """The note a move keeps in the history, stripped. Raises InvalidNote when it is too long."""
    note = note.strip()
    if len(note) > workflow.NOTE_MAX_LENGTH:
        raise InvalidNote(
            f"A note on a move can be at most {workflow.NOTE_MAX_LENGTH} characters; this one has {len(note)}."
        )
    return note


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
        notify(Event.APPLICATION_WITHDRAWN, history=history)
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


def application_note_add(*, application: Application, author: User, body: str) -> ApplicationNote:
    """Add a hiring-team note to `application`. Raises InvalidNote when empty or too long."""
    body = body.strip()
    if not body:
        raise InvalidNote("Write something in the note before adding it.")
    if len(body) > TEAM_NOTE_MAX_LENGTH:
        raise InvalidNote(f"A note can be at most {TEAM_NOTE_MAX_LENGTH} characters; this one has {len(body)}.")
    with transaction.atomic():
        note = ApplicationNote.objects.create(application=application, author=author, body=body)
        activity_record(application_id=application.pk, at=note.created_at)
    return note
