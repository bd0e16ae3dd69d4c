"""A person's own data: exporting it as a zip (built by a task, downloadable by its
owner for DATA_EXPORT_LIFETIME, then deleted).

The zip is written to the default storage through its API only (no file system
paths): production keeps it on S3 (django-storages), tests and development on disk.
"""

import json
import logging
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ats import tasks
from ats.models import Application, DataExport, User
from ats.predicates import role_of
from ats.privacy import DATA_EXPORT_LIFETIME
from ats.selectors.applications import candidate_applications
from ats.selectors.privacy import emails_sent_to, interviews_of_person

logger = logging.getLogger(__name__)

# An export still waiting or being built after this long has lost its worker: the
# hourly sweep marks it failed, so that its owner can ask again.
DATA_EXPORT_STALLED_AFTER = timedelta(hours=1)
BUILD_FAILED_MESSAGE = "Something went wrong while building your file. Please try again."

README = """\
Your data, as held by this applicant tracking system on {date}.

profile.json       Your account: name, username, email address, role (and company for a hiring team),
                   time zone, phone and link, when you joined and last logged in.
{applications}interviews.json    {interviews}
emails.json        The emails sent to your address: subject, text and the time each was sent.
{resumes}
Times are in UTC (ISO 8601). The file was built at your request and is deleted {hours} hours after it was ready.
"""
README_APPLICATIONS = """\
applications.json  Your applications: the job and company, where each stands (stage and status), when you
                   applied, your cover letter, where you found the job, the privacy notice you accepted, and
                   its history as you see it under My applications.
"""
README_RESUMES = "resumes/           The resume you sent with each application, named <application id>-resume.<ext>.\n"
INTERVIEWS_CANDIDATE = "Your interviews: title, status, time, length, place or video link, and interviewers."
INTERVIEWS_TEAM = (
    "The interviews you are on: title, status, time, length, place or video link, the job and your fellow\n"
    "                   interviewers (not the candidates: their data is theirs)."
)


def data_export_request(*, user: User) -> DataExport:
    """Ask for a zip of everything held about `user`; the build is queued after the
    commit. One export is built at a time: asking again while one is waiting or
    being built returns it (and queues it again, which is harmless: a build runs once).
    """
    with transaction.atomic():
        # Serialises two requests of the same person (PostgreSQL; SQLite's writes already are).
        User.objects.select_for_update().filter(pk=user.pk).first()
        export = DataExport.objects.filter(
            user=user, status__in=[DataExport.Status.PENDING, DataExport.Status.BUILDING]
        ).first()
        if export is None:
            export = DataExport.objects.create(user=user)
        tasks.data_export_queue(export_id=export.pk)
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Build export `export_id`: the zip's files in steps, each raising `progress`,
    then the file saved to the default storage and the export `ready` until
    DATA_EXPORT_LIFETIME from now. Runs once: an export another run has claimed, or
    that is finished, is left alone (returns None). A failure marks it `failed`
    with a message for its owner, who may ask again; nothing is raised.
    """
    claimed = DataExport.objects.filter(pk=export_id, status=DataExport.Status.PENDING).update(
        status=DataExport.Status.BUILDING, progress=1
    )
    if not claimed:
        return None
    export = DataExport.objects.select_related("user").get(pk=export_id)
    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                _write_zip(archive, export.user, progress=lambda percent: _progress(export, percent))
            spool.seek(0)
            export.file.save(f"export-{export.pk}.zip", File(spool), save=False)
        now = timezone.now()
        export.status, export.progress, export.ready_at = DataExport.Status.READY, 100, now
        export.expires_at = now + DATA_EXPORT_LIFETIME
        export.save(update_fields=["file", "status", "progress", "ready_at", "expires_at"])
    except Exception:
        logger.exception("data export %s failed", export_id)
        if export.file.name:
            export.file.storage.delete(export.file.name)
        DataExport.objects.filter(pk=export_id).update(
            status=DataExport.Status.FAILED, file="", error=BUILD_FAILED_MESSAGE
        )
        export.refresh_from_db()
    return export


def _progress(export: DataExport, percent: int) -> None:
    DataExport.objects.filter(pk=export.pk).update(progress=percent)


def _dump(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _write_zip(archive: zipfile.ZipFile, user: User, *, progress: Callable[[int], None]) -> None:
    is_candidate = role_of(user) == User.Role.CANDIDATE
    archive.writestr("profile.json", _dump(profile_data(user)))
    progress(10)
    applications: list[Application] = []
    if is_candidate:
        rows = candidate_applications(user)
        applications = [row["application"] for row in rows]
        archive.writestr("applications.json", _dump([application_data(row) for row in rows]))
    progress(30)
    archive.writestr("interviews.json", _dump(interviews_data(user)))
    progress(45)
    archive.writestr("emails.json", _dump(emails_data(user)))
    progress(60)
    with_resume = [application for application in applications if application.resume.name]
    for number, application in enumerate(with_resume, start=1):
        with application.resume.open("rb") as resume:
            archive.writestr(resume_path(application), resume.read())
        progress(60 + 35 * number // len(with_resume))
    archive.writestr(
        "README.txt",
        README.format(
            date=timezone.now().date().isoformat(),
            applications=README_APPLICATIONS if is_candidate else "",
            interviews=INTERVIEWS_CANDIDATE if is_candidate else INTERVIEWS_TEAM,
            resumes=README_RESUMES if with_resume else "",
            hours=int(DATA_EXPORT_LIFETIME.total_seconds() // 3600),
        ),
    )


def resume_path(application: Application) -> str:
    return f"resumes/{application.pk}-resume{PurePath(application.resume.name).suffix.lower()}"


def profile_data(user: User) -> dict:
    """The person's own fields."""
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "company": user.company.name if user.company else None,
        "time_zone": user.time_zone,
        "phone": user.phone,
        "link": user.link,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def application_data(row: dict) -> dict:
    """One application as the candidate sees it (candidate_applications' row): no
    team notes, scorecards, tags or rejection reasons."""
    application = row["application"]
    return {
        "id": application.pk,
        "job": application.job.title,
        "company": application.job.company.name,
        "stage": application.stage,
        "status": str(row["status"]),
        "applied_at": application.created_at,
        "updated_at": application.updated_at,
        "cover_letter": application.cover_letter,
        "source": application.source,
        "resume": resume_path(application) if application.resume.name else None,
        "privacy_notice_version": application.privacy_notice_version or None,
        "privacy_notice_accepted_at": application.privacy_consented_at,
        "history": [
            {"at": step["changed_at"], "from_stage": step["from_stage"] or None, "to": str(step["label"])}
            for step in row["timeline"]
        ],
    }


def interviews_data(user: User) -> list[dict]:
    is_candidate = role_of(user) == User.Role.CANDIDATE
    rows = []
    for interview in interviews_of_person(user):
        row: dict[str, Any] = {
            "id": interview.pk,
            "title": interview.title,
            "status": interview.status,
            "starts_at": interview.starts_at,
            "ends_at": interview.ends_at,
            "duration_minutes": interview.duration,
            "location": interview.location,
            "video_link": interview.video_link,
            "job": interview.application.job.title,
            "company": interview.application.job.company.name,
        }
        people = [person for person in interview.interviewers.all() if is_candidate or person.pk != user.pk]
        row["interviewers" if is_candidate else "other_interviewers"] = [person.display_name for person in people]
        if is_candidate:
            row["application"] = interview.application_id
        rows.append(row)
    return rows


def emails_data(user: User) -> list[dict]:
    return [
        {"to": email.to, "subject": email.subject, "text": email.text_body, "sent_at": email.sent_at}
        for email in emails_sent_to(user)
    ]


def data_exports_expire(*, now: datetime | None = None) -> int:
    """Delete the exports past their time: ready ones once `expires_at` has passed,
    failed or stalled ones DATA_EXPORT_STALLED_AFTER/DATA_EXPORT_LIFETIME after they
    were asked for; the file first, then the row. Returns how many were deleted."""
    now = now or timezone.now()
    DataExport.objects.filter(
        status__in=[DataExport.Status.PENDING, DataExport.Status.BUILDING],
        created_at__lt=now - DATA_EXPORT_STALLED_AFTER,
    ).update(status=DataExport.Status.FAILED, error=BUILD_FAILED_MESSAGE)
    expired = DataExport.objects.filter(
        Q(expires_at__lte=now) | Q(status=DataExport.Status.FAILED, created_at__lt=now - DATA_EXPORT_LIFETIME)
    )
    deleted = 0
    for export in expired:
        if export.file.name:
            export.file.storage.delete(export.file.name)
        export.delete()
        deleted += 1
    return deleted
