"""Applications, their history, notes and reviews, scoped to who asks."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from ats import workflow
from ats.models import (
    Application,
    ApplicationHistory,
    ApplicationNote,
    Interview,
    Job,
    User,
)
from ats.predicates import role_of
from ats.selectors.jobs import jobs_of_company
from ats.workflow import BOARD_ORDER, InterviewStatus, Stage


def applications_visible_to(user) -> QuerySet[Application]:
    """Applications the user may see: a candidate's own, a company's for its team."""
    role = role_of(user)
    # The resume's text and search document are the search's, never shown: not read for a page.
    applications = Application.objects.select_related("job", "job__company", "candidate").defer(
        "resume_text", "search_vector"
    )
    if role == User.Role.CANDIDATE:
        return applications.filter(candidate=user)
    if role == User.Role.RECRUITER:
        return applications.filter(job__company_id=user.company_id)
    if role == User.Role.HIRING_MANAGER:
        applications = applications.filter(job__company_id=user.company_id)
        if not settings.ATS_HIRING_MANAGERS_SEE_ALL:
            # Their jobs' applications, and those they interview on while the interview stands.
            assigned = Job.hiring_managers.through.objects.filter(job_id=OuterRef("job_id"), user_id=user.pk)
            interviewing = Interview.objects.filter(application_id=OuterRef("pk"), interviewers=user).exclude(
                status=InterviewStatus.CANCELLED
            )
            applications = applications.filter(Q(Exists(assigned)) | Q(Exists(interviewing)))
        return applications
    return Application.objects.none()


def history_visible_to(user) -> QuerySet[ApplicationHistory]:
    """History rows of the applications the user may see, oldest first."""
    return (
        ApplicationHistory.objects.filter(application__in=applications_visible_to(user).values("pk"))
        .select_related("changed_by", "reason")
        .order_by("application_id", "changed_at", "id")
    )


def candidate_applications(user) -> list[dict]:
    """A candidate's applications, newest first, in the candidate's words: each with
    its `status` ("Not selected" or "Withdrawn" for a rejection, else the stage),
    the steps of its progress, and its dated `timeline`. The team's reason and
    note are not in it: [{"application": ..., "status": ..., "progress": [...],
    "timeline": [{"changed_at": ..., "from_stage": ..., "rejection": ..., "label": ...}, ...]}, ...]."""
    history = Prefetch(
        "history", queryset=ApplicationHistory.objects.select_related("reason").order_by("changed_at", "id")
    )
    applications = applications_visible_to(user).filter(candidate=user).prefetch_related(history)
    rows = []
    for application in applications:
        rejection = next((row for row in application.history.all() if row.to_stage == Stage.REJECTED), None)
        withdrawn = is_withdrawal(rejection)
        rows.append(
            {
                "application": application,
                "status": workflow.candidate_stage_label(application.stage, withdrawn=withdrawn),
                "withdrawn": withdrawn,
                "is_final": application.stage in workflow.FINAL_STAGES,
                "progress": workflow.progress_steps(
                    application.stage, rejected_from=rejection.from_stage if rejection else "", withdrawn=withdrawn
                ),
                "timeline": [
                    {
                        "changed_at": row.changed_at,
                        "from_stage": row.from_stage,
                        "rejection": row.to_stage == Stage.REJECTED,
                        "label": workflow.candidate_stage_label(row.to_stage, withdrawn=is_withdrawal(row)),
                    }
                    for row in application.history.all()
                ],
            }
        )
    return rows


def is_withdrawal(history: ApplicationHistory | None) -> bool:
    """Whether a history row is a withdrawal (the candidate's own, or recorded for them by the team)."""
    return history is not None and history.reason is not None and history.reason.code == workflow.REASON_WITHDRAWN


def own_application_to(user, job: Job) -> Application | None:
    """The candidate's application to `job`, if they have applied."""
    return applications_visible_to(user).filter(candidate_id=user.pk, job=job).first()


def applications_assigned_to(user) -> list[dict]:
    """A hiring manager's assigned jobs with their applications grouped by stage:
    [{"job": job, "stages": [{"stage": stage, "applications": [...]}, ...]}, ...], jobs newest first."""
    if role_of(user) != User.Role.HIRING_MANAGER:
        return []
    jobs = list(jobs_of_company(user).filter(hiring_managers=user))
    applications = (
        Application.objects.filter(job__in=jobs).select_related("candidate").order_by("stage_changed_at", "id")
    )
    grouped: dict[int, dict[str, list[Application]]] = {job.pk: {stage: [] for stage in BOARD_ORDER} for job in jobs}
    for application in applications:
        grouped[application.job_id][application.stage].append(application)
    return [
        {
            "job": job,
            "stages": [
                {"stage": stage, "applications": grouped[job.pk][stage]}
                for stage in BOARD_ORDER
                if grouped[job.pk][stage]
            ],
        }
        for job in jobs
    ]


def application_stage(application_id: int) -> str:
    """The application's stage as the database has it now (a refused move's board shows where the card truly is)."""
    return Application.objects.values_list("stage", flat=True).get(pk=application_id)


def application_history(application: Application) -> QuerySet[ApplicationHistory]:
    return application.history.select_related("changed_by", "reason").order_by("changed_at", "id")


def application_notes(application: Application) -> QuerySet[ApplicationNote]:
    return application.notes.select_related("author").order_by("created_at", "id")
