"""Every write and workflow of the product.

Services are keyword-only and typed. Each runs in one transaction, validates
against the workflow table, writes history and queues its emails in that same
transaction, and refuses with one of the project's own exceptions
(`ats.exceptions`), leaving the database exactly as it was.

Permissions are not checked here: callers (views, the API) ask the rules
first. Services enforce what is true whoever asks: only candidates apply, only
open jobs take applications, only the workflow's moves happen.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ats import workflow
from ats.exceptions import (
    DuplicateApplication,
    InvalidHiringManager,
    InvalidJobStatusChange,
    InvalidTransition,
    JobNotOpen,
    NotACandidate,
    StaleStage,
    UnknownStage,
)
from ats.models import Application, ApplicationHistory, Company, Job, User
from ats.notifications import Event, notify
from ats.resumes import validate_resume
from ats.workflow import Stage

JOB_EDITABLE_FIELDS = ("title", "description", "location", "employment_type")


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
    note: str = "",
) -> Application:
    """Move `application` to `to_stage`, recording who did it.

    `from_stage` is the stage the caller saw (the column a card was dragged
    from). When given and the application is no longer there, the move is
    refused as stale. The move itself is a conditional update on the stage
    read, so two concurrent moves from the same stage cannot both succeed.
    Moving to the stage the application is already in changes nothing.

    Raises UnknownStage, StaleStage, or InvalidTransition; returns the
    application as it now is.
    """
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
        return application
    if not workflow.can_transition(current, target):
        application.stage = current
        raise InvalidTransition(_refusal(current, target))

    now = timezone.now()
    with transaction.atomic():
        moved = Application.objects.filter(pk=application.pk, stage=current).update(
            stage=target, stage_changed_at=now, updated_at=now
        )
        if not moved:
            raise StaleStage(
                f"Someone else moved this application out of {current} a moment ago. "
                "The board has been refreshed; try again if the move still makes sense."
            )
        history = ApplicationHistory.objects.create(
            application=application,
            from_stage=current,
            to_stage=target,
            changed_by=actor,
            changed_at=now,
            note=note.strip(),
        )
        notify(Event.STAGE_CHANGED, history_id=history.pk)
    application.stage, application.stage_changed_at, application.updated_at = target, now, now
    return application


def _refusal(current: Stage, target: Stage) -> str:
    if current in workflow.FINAL_STAGES:
        return f"This application is {current}, which is final: it can't move to {target}."
    allowed = " or ".join(sorted(workflow.allowed_targets(current), key=workflow.BOARD_ORDER.index))
    return f"An application in {current} can't move to {target}. From {current} it can go to {allowed}."


# Jobs -----------------------------------------------------------------------------


def job_create(
    *,
    company: Company,
    title: str,
    description: str,
    location: str = "",
    employment_type: str = Job.EmploymentType.FULL_TIME,
) -> Job:
    """Create a draft job for `company`. Raises django ValidationError for bad fields."""
    job = Job(
        company=company,
        title=title.strip(),
        description=description.strip(),
        location=location.strip(),
        employment_type=employment_type,
        status=Job.Status.DRAFT,
    )
    job.full_clean()
    job.save()
    return job


def job_update(*, job: Job, **fields: str) -> Job:
    """Change the editable fields of `job` (title, description, location, employment type).

    Raises ValueError for a field that is not editable here (status and company
    have their own services) and django ValidationError for bad values; the
    job is unchanged in the database when it raises.
    """
    unknown = set(fields) - set(JOB_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable through job_update: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(job, name, value.strip() if isinstance(value, str) else value)
    try:
        job.full_clean()
    except Exception:
        job.refresh_from_db()
        raise
    job.save(update_fields=[*fields, "updated_at"])
    return job


def job_open(*, job: Job) -> Job:
    """Publish `job` (from draft, or reopen it when closed). Opening an open job changes nothing."""
    return _job_set_status(job=job, status=Job.Status.OPEN, allowed_from={Job.Status.DRAFT, Job.Status.CLOSED})


def job_close(*, job: Job) -> Job:
    """Stop `job` taking applications. Raises InvalidJobStatusChange for a draft."""
    return _job_set_status(job=job, status=Job.Status.CLOSED, allowed_from={Job.Status.OPEN})


def _job_set_status(*, job: Job, status: str, allowed_from: set[str]) -> Job:
    with transaction.atomic():
        current = Job.objects.select_for_update().values_list("status", flat=True).get(pk=job.pk)
        if current == status:
            job.status = current
            return job
        if current not in allowed_from:
            job.status = current
            raise InvalidJobStatusChange(
                f"This job is {Job.Status(current).label.lower()}: only an open job can be closed."
            )
        job.status = status
        job.save(update_fields=["status", "updated_at"])
    return job


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
