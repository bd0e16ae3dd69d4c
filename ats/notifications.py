"""The one door through which the product sends email.

Services call `notify()` (a domain event: who gets which email) or
`queue_email()` (one message) inside their transaction. The message is
rendered now and stored in the outbox (`ats.outbox`) in that same
transaction; the worker sends it after the commit. A rollback sends nothing,
and a broker or mail server that is down delays an email but never loses it.
"""

import enum
import logging
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ats import tasks
from ats.models import Application, ApplicationHistory, Job, User
from ats.workflow import Stage

logger = logging.getLogger(__name__)


class Event(enum.StrEnum):
    APPLICATION_CREATED = "application_created"
    STAGE_CHANGED = "stage_changed"
    APPLICATION_WITHDRAWN = "application_withdrawn"
    HIRING_MANAGER_ASSIGNED = "hiring_manager_assigned"


def _my_applications_path() -> str:
    return reverse("my_applications")


def _workspace_application_path(application: Application) -> str:
    return reverse("application_detail", args=[application.pk])


def _workspace_board_path(job: Job) -> str:
    return reverse("job_board", args=[job.pk])


def notify(event: Event, **ids: int) -> None:
    """Store the emails of `event` (identified by primary keys) in the current
    transaction; they are sent after it commits, once each."""
    handlers: dict[Event, Callable[..., None]] = {
        Event.APPLICATION_CREATED: _application_created,
        Event.STAGE_CHANGED: _stage_changed,
        Event.APPLICATION_WITHDRAWN: _application_withdrawn,
        Event.HIRING_MANAGER_ASSIGNED: _hiring_manager_assigned,
    }
    handlers[Event(event)](**ids)


def absolute_url(path: str) -> str:
    """A link for an email: SITE_URL plus a path from reverse()."""
    return settings.SITE_URL + path


def queue_email(*, to: str, template: str, context: dict, dedupe_key: str) -> None:
    """Render `templates/emails/<template>_subject.txt`, `<template>.txt` and
    `<template>.html` with `context` now, store the message in the outbox in the
    current transaction, and send it once that transaction commits.

    `dedupe_key` names the message uniquely (e.g. "invitation:42"), so that
    asking twice for the same message sends it once.
    """
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    text = render_to_string(f"emails/{template}.txt", context).strip()
    html = render_to_string(f"emails/{template}.html", context).strip()
    tasks.email_queue(to=to, subject=subject, text=text, html=html, dedupe_key=dedupe_key)


def _recipients(users) -> list[User]:
    # An inactive account or one without an address gets nothing; that is not an error.
    return [user for user in users if user.is_active and user.email]


def _application_created(*, application_id: int) -> None:
    application = Application.objects.select_related("candidate", "job__company").get(pk=application_id)
    job = application.job
    context = {"application": application, "job": job, "company": job.company, "candidate": application.candidate}
    for candidate in _recipients([application.candidate]):
        queue_email(
            to=candidate.email,
            template="application_received",
            context={**context, "recipient": candidate, "link": absolute_url(_my_applications_path())},
            dedupe_key=f"application_created:{application.pk}:{candidate.pk}",
        )
    recruiters = User.objects.filter(company_id=job.company_id, role=User.Role.RECRUITER).order_by("pk")
    for recruiter in _recipients(recruiters):
        queue_email(
            to=recruiter.email,
            template="new_application",
            context={**context, "recipient": recruiter, "link": absolute_url(_workspace_application_path(application))},
            dedupe_key=f"application_created:{application.pk}:{recruiter.pk}",
        )


def _stage_changed(*, history_id: int) -> None:
    history = ApplicationHistory.objects.select_related("application__candidate", "application__job__company").get(
        pk=history_id
    )
    if not history.from_stage:
        # The first row is the application itself, which has its own emails.
        return
    application = history.application
    job = application.job
    context = {"application": application, "job": job, "company": job.company, "candidate": application.candidate}
    # The person moving it may have chosen not to email the candidate (an unticked
    # courteous rejection, a withdrawal that has its own confirmation): the row says so.
    candidates = [application.candidate] if history.notify_candidate else []
    for candidate in _recipients(candidates):
        queue_email(
            to=candidate.email,
            template=f"stage_{history.to_stage.lower()}",
            context={**context, "recipient": candidate, "link": absolute_url(_my_applications_path())},
            dedupe_key=f"stage_changed:{history.pk}:{candidate.pk}",
        )
    if history.to_stage == Stage.INTERVIEW:
        for manager in _recipients(job.hiring_managers.order_by("pk")):
            queue_email(
                to=manager.email,
                template="interview_ready",
                context={
                    **context,
                    "recipient": manager,
                    "link": absolute_url(_workspace_application_path(application)),
                },
                dedupe_key=f"stage_changed:{history.pk}:{manager.pk}",
            )


def _application_withdrawn(*, history_id: int) -> None:
    history = ApplicationHistory.objects.select_related("application__candidate", "application__job__company").get(
        pk=history_id
    )
    application = history.application
    job = application.job
    for candidate in _recipients([application.candidate]):
        queue_email(
            to=candidate.email,
            template="application_withdrawn",
            context={
                "application": application,
                "job": job,
                "company": job.company,
                "recipient": candidate,
                "link": absolute_url(_my_applications_path()),
            },
            dedupe_key=f"application_withdrawn:{history.pk}:{candidate.pk}",
        )


def _hiring_manager_assigned(*, job_id: int, hiring_manager_id: int) -> None:
    job = Job.objects.select_related("company").get(pk=job_id)
    manager = User.objects.get(pk=hiring_manager_id)
    # The assignment row's id tells a later re-assignment (after an
    # unassignment) from a retried one: the first is a new email, the second not.
    assignment_id = (
        Job.hiring_managers.through.objects.filter(job_id=job_id, user_id=hiring_manager_id)
        .values_list("pk", flat=True)
        .first()
    )
    if assignment_id is None:
        return
    for recipient in _recipients([manager]):
        queue_email(
            to=recipient.email,
            template="hiring_manager_assigned",
            context={
                "job": job,
                "company": job.company,
                "recipient": recipient,
                "link": absolute_url(_workspace_board_path(job)),
            },
            dedupe_key=f"hiring_manager_assigned:{assignment_id}:{recipient.pk}",
        )
