"""The one door through which the product sends email.

Services call `notify()` (a domain event: who gets which email) or
`queue_email()` (one message) inside their transaction. The message is
rendered now and stored in the outbox (`ats.outbox`) in that same
transaction; the worker sends it after the commit. A rollback sends nothing,
and a broker or mail server that is down delays an email but never loses it.
"""

import enum
import logging
from collections.abc import Callable, Sequence
from functools import partial

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ats import calendar, tasks
from ats.models import Application, ApplicationHistory, Interview, Job, User
from ats.outbox import Attachment
from ats.workflow import Stage

logger = logging.getLogger(__name__)


class Event(enum.StrEnum):
    APPLICATION_CREATED = "application_created"
    STAGE_CHANGED = "stage_changed"
    APPLICATION_WITHDRAWN = "application_withdrawn"
    HIRING_MANAGER_ASSIGNED = "hiring_manager_assigned"
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEW_RESCHEDULED = "interview_rescheduled"
    INTERVIEW_CANCELLED = "interview_cancelled"
    INTERVIEW_REMINDER = "interview_reminder"
    INTERVIEW_SLOTS_OFFERED = "interview_slots_offered"


def _my_applications_path() -> str:
    return reverse("my_applications")


def _workspace_application_path(application: Application) -> str:
    return reverse("application_detail", args=[application.pk])


def _workspace_board_path(job: Job) -> str:
    return reverse("job_board", args=[job.pk])


def notify(event: Event, **ids) -> None:
    """Store the emails of `event` (identified by primary keys and flags) in the
    current transaction; they are sent after it commits, once each.

    A stage change and a withdrawal are given the history row itself: the move has
    just written it with the application it read, and a drop on the board counts
    its queries."""
    handlers: dict[Event, Callable[..., None]] = {
        Event.APPLICATION_CREATED: _application_created,
        Event.STAGE_CHANGED: _stage_changed,
        Event.APPLICATION_WITHDRAWN: _application_withdrawn,
        Event.HIRING_MANAGER_ASSIGNED: _hiring_manager_assigned,
        Event.INTERVIEW_SCHEDULED: partial(_interview_event, kind="scheduled"),
        Event.INTERVIEW_RESCHEDULED: partial(_interview_event, kind="rescheduled"),
        Event.INTERVIEW_CANCELLED: partial(_interview_event, kind="cancelled"),
        Event.INTERVIEW_REMINDER: partial(_interview_event, kind="reminder"),
        Event.INTERVIEW_SLOTS_OFFERED: _interview_slots_offered,
    }
    handlers[Event(event)](**ids)


def absolute_url(path: str) -> str:
    """A link for an email: SITE_URL plus a path from reverse()."""
    return settings.SITE_URL + path


def queue_email(
    *, to: str, template: str, context: dict, dedupe_key: str, attachments: Sequence[Attachment] = ()
) -> None:
    """Render `templates/emails/<template>_subject.txt`, `<template>.txt` and
    `<template>.html` with `context` now, store the message in the outbox in the
    current transaction, and send it once that transaction commits.

    `dedupe_key` names the message uniquely (e.g. "invitation:42"), so that
    asking twice for the same message sends it once.
    """
    subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
    text = render_to_string(f"emails/{template}.txt", context).strip()
    html = render_to_string(f"emails/{template}.html", context).strip()
    tasks.email_queue(to=to, subject=subject, text=text, html=html, dedupe_key=dedupe_key, attachments=attachments)


def _recipients(users) -> list[User]:
    # An inactive account or one without an address gets nothing, nor an erased candidate
    # (None: ats.services.erasure); that is not an error.
    return [user for user in users if user is not None and user.is_active and user.email]


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


def _stage_changed(*, history: ApplicationHistory) -> None:
    # The row the service has just written, its application's candidate and job as the service read them.
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


def _application_withdrawn(*, history: ApplicationHistory) -> None:
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


# Interviews ----------------------------------------------------------------------------------

# Which calendar method each interview email carries.
_INTERVIEW_METHODS = {
    "scheduled": calendar.REQUEST,
    "rescheduled": calendar.REQUEST,
    "reminder": calendar.REQUEST,
    "cancelled": calendar.CANCEL,
}


def _interview_context(interview: Interview, recipient: User, *, for_candidate: bool) -> dict:
    application = interview.application
    job = application.job
    when = ""
    if interview.starts_at and interview.ends_at:
        when = calendar.describe_time(interview.starts_at, interview.ends_at, recipient.time_zone)
    # The candidate's link goes to the interview itself on My applications.
    path = (
        f"{_my_applications_path()}#interview-{interview.pk}"
        if for_candidate
        else _workspace_application_path(application)
    )
    return {
        "interview": interview,
        "application": application,
        "job": job,
        "company": job.company,
        "candidate": application.candidate,
        "interviewers": list(interview.interviewers.order_by("last_name", "first_name", "pk")),
        "recipient": recipient,
        "for_candidate": for_candidate,
        "when": when,
        "link": absolute_url(path),
    }


def _interview_event(
    *, interview_id: int, kind: str, dropped_ids: Sequence[int] = (), was_offered: bool = False
) -> None:
    """The emails of a scheduled, rescheduled, cancelled or upcoming (reminder)
    interview: the candidate and every interviewer, each with the calendar file
    and the time in their own zone. Interviewers taken off it at a reschedule get
    the cancellation. Withdrawing an offer of times tells the candidate alone."""
    interview = Interview.objects.select_related(
        "application__candidate", "application__job__company", "organizer"
    ).get(pk=interview_id)
    candidate = interview.application.candidate
    team = list(interview.interviewers.order_by("pk"))
    if kind == "cancelled" and was_offered:
        for person in _recipients([candidate]):
            queue_email(
                to=person.email,
                template="interview",
                context={**_interview_context(interview, person, for_candidate=True), "kind": "offer_withdrawn"},
                dedupe_key=f"interview:offer_withdrawn:{interview.pk}:{person.pk}",
            )
        return
    audience = [
        (person, candidate is not None and person.pk == candidate.pk, kind)
        for person in _recipients([candidate, *team])
    ]
    if dropped_ids:
        dropped = User.objects.filter(pk__in=dropped_ids).order_by("pk")
        audience += [(person, False, "removed") for person in _recipients(dropped)]
    for person, for_candidate, what in audience:
        method = calendar.CANCEL if what == "removed" else _INTERVIEW_METHODS[what]
        context = {**_interview_context(interview, person, for_candidate=for_candidate), "kind": what}
        ics = calendar.interview_calendar(
            interview,
            method=method,
            for_candidate=for_candidate,
            description=f"{context['link']}",
        )
        queue_email(
            to=person.email,
            template="interview",
            context=context,
            dedupe_key=f"interview:{what}:{interview.pk}:{interview.sequence}:{person.pk}",
            attachments=[("invite.ics", calendar.calendar_mimetype(method), ics)],
        )


def _interview_slots_offered(*, interview_id: int) -> None:
    interview = Interview.objects.select_related("application__candidate", "application__job__company").get(
        pk=interview_id
    )
    candidate = interview.application.candidate
    for person in _recipients([candidate]):
        context = _interview_context(interview, person, for_candidate=True)
        context["slots"] = [
            calendar.describe_time(slot.starts_at, slot.ends_at, person.time_zone) for slot in interview.slots.all()
        ]
        queue_email(
            to=person.email,
            template="interview_slots_offered",
            context=context,
            dedupe_key=f"interview:slots_offered:{interview.pk}:{person.pk}",
        )
