"""Reads scoped to who asks. Each queryset holds only what the user may see,
mirroring the permissions in `ats/rules.py`; views and the API list through
these and never filter by hand."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ats import workflow
from ats.models import (
    Application,
    ApplicationHistory,
    ApplicationNote,
    Feedback,
    Invitation,
    Job,
    RejectionReason,
    User,
)
from ats.predicates import role_of
from ats.workflow import BOARD_ORDER, Stage


def jobs_public() -> QuerySet[Job]:
    """Open jobs of every company, newest first: the public job board."""
    return Job.objects.filter(status=Job.Status.OPEN).select_related("company").order_by("-created_at", "-id")


def jobs_visible_to(user) -> QuerySet[Job]:
    """Published jobs of every company plus, for a company's team, its drafts."""
    visible = ~Q(status=Job.Status.DRAFT)
    if role_of(user) in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        visible |= Q(company_id=user.company_id)
    return Job.objects.filter(visible).select_related("company").order_by("-created_at", "-id")


def jobs_of_company(user) -> QuerySet[Job]:
    """Every job of the user's company (none for candidates): the recruiter's dashboard."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Job.objects.none()
    return Job.objects.filter(company_id=user.company_id).select_related("company").order_by("-created_at", "-id")


def jobs_in_reach_of(user) -> QuerySet[Job]:
    """The jobs a user can point the workspace at: their own company's for its team
    (another company's job does not exist there, published or not); for anyone
    else, the jobs they may see at all (where the rules then refuse the team's work)."""
    if role_of(user) in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return jobs_of_company(user)
    return jobs_visible_to(user)


def jobs_with_visible_applications(user) -> QuerySet[Job]:
    """Jobs whose applications (board) the user may see."""
    role = role_of(user)
    if role == User.Role.RECRUITER:
        return jobs_of_company(user)
    if role == User.Role.HIRING_MANAGER:
        jobs = jobs_of_company(user)
        return jobs if settings.ATS_HIRING_MANAGERS_SEE_ALL else jobs.filter(hiring_managers=user)
    return Job.objects.none()


def dashboard_jobs(user) -> QuerySet[Job]:
    """The jobs on the user's dashboard: those whose boards they may see, open first, then
    drafts, then closed, newest first within each; each says whether the user is assigned to it."""
    status_rank = Case(
        *(When(status=status, then=rank) for rank, status in enumerate(workflow.JOB_STATUS_DISPLAY_ORDER)),
        default=len(workflow.JOB_STATUS_DISPLAY_ORDER),
    )
    assigned = Job.hiring_managers.through.objects.filter(job_id=OuterRef("pk"), user_id=user.pk)
    return (
        jobs_with_visible_applications(user)
        .annotate(assigned_to_me=Exists(assigned))
        .order_by(status_rank, "-created_at", "-id")
    )


def applications_visible_to(user) -> QuerySet[Application]:
    """Applications the user may see: a candidate's own, a company's for its team."""
    role = role_of(user)
    applications = Application.objects.select_related("job", "job__company", "candidate")
    if role == User.Role.CANDIDATE:
        return applications.filter(candidate=user)
    if role == User.Role.RECRUITER:
        return applications.filter(job__company_id=user.company_id)
    if role == User.Role.HIRING_MANAGER:
        applications = applications.filter(job__company_id=user.company_id)
        if not settings.ATS_HIRING_MANAGERS_SEE_ALL:
            applications = applications.filter(job__hiring_managers=user)
        return applications
    return Application.objects.none()


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Invitations of the user's company, for its team (whether they may act on one is the rules' business)."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Invitation.objects.none()
    return invitations_of_company(user.company_id)


def history_visible_to(user) -> QuerySet[ApplicationHistory]:
    """History rows of the applications the user may see, oldest first."""
    return (
        ApplicationHistory.objects.filter(application__in=applications_visible_to(user).values("pk"))
        .select_related("changed_by", "reason")
        .order_by("application_id", "changed_at", "id")
    )


def hiring_managers_of_company(company_id: int) -> QuerySet[User]:
    return User.objects.filter(company_id=company_id, role=User.Role.HIRING_MANAGER, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def hiring_managers_of_job(job: Job) -> list[User]:
    """The hiring managers assigned to `job`, by name."""
    return list(job.hiring_managers.order_by("first_name", "last_name", "username"))


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


# Rejection reasons ------------------------------------------------------------------


def rejection_reasons_of_company(company_id: int, *, active_only: bool = False) -> QuerySet[RejectionReason]:
    """The company's reasons in their order; only those offered for a new rejection with `active_only`."""
    reasons = RejectionReason.objects.filter(company_id=company_id)
    if active_only:
        reasons = reasons.filter(active=True)
    return reasons.order_by("position", "id")


def rejection_reasons_visible_to(user) -> QuerySet[RejectionReason]:
    """The reasons of the user's company, for its team (managing them is the rules' business)."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return RejectionReason.objects.none()
    return rejection_reasons_of_company(user.company_id)


def rejection_reasons_in_use(company_id: int) -> set[int]:
    """Ids of the company's reasons that some history row records (those are deactivated, never deleted)."""
    return set(
        ApplicationHistory.objects.filter(reason__company_id=company_id).values_list("reason_id", flat=True).distinct()
    )


# The public job board -----------------------------------------------------------

# A search is at most this many words: enough for any real query, and a pasted
# essay can't turn into a huge SQL statement.
MAX_SEARCH_TERMS = 8


def jobs_public_search(
    *, query: str = "", company_id: int | None = None, location: str = "", employment_type: str = ""
) -> QuerySet[Job]:
    """Open jobs whose title, description, company or location holds every word
    of `query`, narrowed by the filters that are set; newest first.

    Plain `icontains` lookups, so it behaves the same on SQLite and PostgreSQL.
    """
    jobs = jobs_public()
    for term in query.split()[:MAX_SEARCH_TERMS]:
        jobs = jobs.filter(
            Q(title__icontains=term)
            | Q(description__icontains=term)
            | Q(company__name__icontains=term)
            | Q(location__icontains=term)
        )
    if company_id:
        jobs = jobs.filter(company_id=company_id)
    if location:
        jobs = jobs.filter(location=location)
    if employment_type:
        jobs = jobs.filter(employment_type=employment_type)
    return jobs


def job_board_filter_choices() -> tuple[list[tuple[int, str]], list[str]]:
    """The companies and the locations that have open jobs, for the board's filters."""
    open_jobs = Job.objects.filter(status=Job.Status.OPEN).order_by()
    companies = list(
        open_jobs.values_list("company_id", "company__name").distinct().order_by("company__name", "company_id")
    )
    locations = list(open_jobs.exclude(location="").values_list("location", flat=True).distinct().order_by("location"))
    return companies, locations


def own_application_to(user, job: Job) -> Application | None:
    """The candidate's application to `job`, if they have applied."""
    return applications_visible_to(user).filter(candidate_id=user.pk, job=job).first()


# The hiring team's workspace ------------------------------------------------------

BOARD_PAGE_SIZE = 25
BOARD_MAX_CARDS = 1000


def jobs_stage_counts(jobs: Iterable[Job]) -> dict[int, dict[str, int]]:
    """Applications per stage for each of `jobs`, in one query: {job id: {stage: count}}, every stage present."""
    ids = [job.pk for job in jobs]
    rows = (
        Application.objects.filter(job_id__in=ids)
        .order_by()
        .values("job_id", "stage")
        .annotate(n=Count("id"))
        .values_list("job_id", "stage", "n")
    )
    counts: dict[int, dict[str, int]] = {job_id: dict.fromkeys(BOARD_ORDER, 0) for job_id in ids}
    for job_id, stage, n in rows:
        counts[job_id][stage] = n
    return counts


def _name_filter(query: str) -> Q:
    # Every word must appear in the first name, last name or username, so "alex kim" finds Alex Kim.
    condition = Q()
    for word in query.split():
        condition &= (
            Q(candidate__first_name__icontains=word)
            | Q(candidate__last_name__icontains=word)
            | Q(candidate__username__icontains=word)
        )
    return condition


@dataclass(frozen=True)
class BoardCard:
    """An application as its board card shows it."""

    application: Application
    days_in_stage: int
    allowed_targets: tuple[Stage, ...]
    # The team reads a candidate's withdrawal as such on the card, not as a rejection.
    withdrawn: bool
    # The moves the card offers, each with whether it needs a reason (the card links those to the reject form).
    moves: list[dict]

    @classmethod
    def of(cls, application: Application, *, today: date) -> "BoardCard":
        targets = workflow.allowed_targets(application.stage)
        return cls(
            application=application,
            days_in_stage=(today - timezone.localdate(application.stage_changed_at)).days,
            allowed_targets=targets,
            withdrawn=bool(getattr(application, "withdrawn", False)),
            moves=[{"stage": stage, "needs_reason": workflow.needs_reason(stage)} for stage in targets],
        )

    @property
    def pk(self) -> int:
        return self.application.pk

    @property
    def candidate(self) -> User:
        return self.application.candidate

    @property
    def created_at(self) -> datetime:
        return self.application.created_at


def board_columns(job: Job, *, query: str = "", limits: dict[str, int] | None = None) -> list[dict]:
    """The board of `job`: one column per stage in board order, each with its exact count, its
    first cards (longest in the stage first; optionally only candidates whose name matches
    `query`), and whether a move into it needs a reason.

    Two queries whatever the number of applications: the counts, and the first
    cards of every column at once (a window function numbers the cards per stage,
    and each stage is cut at its own limit in SQL).
    """
    limits = {stage: (limits or {}).get(stage, BOARD_PAGE_SIZE) for stage in BOARD_ORDER}
    applications = job.applications.filter(_name_filter(query))
    counts = dict(applications.order_by().values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    shown = Q()
    for stage, limit in limits.items():
        shown |= Q(stage=stage, position__lte=limit)
    cards = (
        applications.select_related("candidate")
        .annotate(
            position=Window(
                RowNumber(), partition_by=F("stage"), order_by=[F("stage_changed_at").asc(), F("id").asc()]
            ),
            withdrawn=Exists(
                ApplicationHistory.objects.filter(application=OuterRef("pk"), reason__code=workflow.REASON_WITHDRAWN)
            ),
        )
        .filter(shown)
        .order_by("stage", "position")
    )
    today = timezone.localdate()
    by_stage: dict[str, list[BoardCard]] = {stage: [] for stage in BOARD_ORDER}
    for application in cards:
        by_stage[application.stage].append(BoardCard.of(application, today=today))
    return [
        {
            "stage": stage,
            "count": counts.get(stage, 0),
            "cards": by_stage[stage],
            "limit": limits[stage],
            "hidden": counts.get(stage, 0) - len(by_stage[stage]),
            "needs_reason": workflow.needs_reason(stage),
        }
        for stage in BOARD_ORDER
    ]


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


def application_history(application: Application) -> QuerySet[ApplicationHistory]:
    return application.history.select_related("changed_by", "reason").order_by("changed_at", "id")


def application_notes(application: Application) -> QuerySet[ApplicationNote]:
    return application.notes.select_related("author").order_by("created_at", "id")


def application_feedback(application: Application) -> tuple[list[Feedback], float | None]:
    """The team's feedback on `application`, oldest first, and the average rating (None without any)."""
    feedback = list(application.feedback.select_related("reviewer").order_by("created_at", "id"))
    average = sum(item.rating for item in feedback) / len(feedback) if feedback else None
    return feedback, average


def team_of_company(company_id: int) -> QuerySet[User]:
    return User.objects.filter(
        company_id=company_id, role__in=[User.Role.RECRUITER, User.Role.HIRING_MANAGER], is_active=True
    ).order_by("role", "first_name", "last_name", "username")


def invitations_of_company(company_id: int) -> QuerySet[Invitation]:
    return Invitation.objects.filter(company_id=company_id).select_related("invited_by").order_by("-created_at", "-id")
