"""Creating, editing, opening and closing jobs, and assigning their hiring managers."""

from django.db import transaction

from ats import workflow
from ats.exceptions import (
    InvalidHiringManager,
    InvalidJobStatusChange,
)
from ats.models import (
    Company,
    Job,
    User,
)
from ats.notifications import Event, notify
from ats.services.interviews import scorecard_criteria_ensure_defaults


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
        scorecard_criteria_ensure_defaults(job=job)
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
