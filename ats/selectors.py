"""Reads scoped to who asks. Each queryset holds only what the user may see,
mirroring the permissions in `ats/rules.py`; views and the API list through
these and never filter by hand."""

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from ats.models import Application, ApplicationHistory, Job, User
from ats.workflow import BOARD_ORDER


def _role(user) -> str | None:
    if not user.is_authenticated or user.is_staff:
        return None
    return user.role


def jobs_public() -> QuerySet[Job]:
    """Open jobs of every company, newest first: the public job board."""
    return Job.objects.filter(status=Job.Status.OPEN).select_related("company").order_by("-created_at", "-id")


def jobs_visible_to(user) -> QuerySet[Job]:
    """Published jobs of every company plus, for a company's team, its drafts."""
    visible = ~Q(status=Job.Status.DRAFT)
    if _role(user) in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        visible |= Q(company_id=user.company_id)
    return Job.objects.filter(visible).select_related("company").order_by("-created_at", "-id")


def jobs_of_company(user) -> QuerySet[Job]:
    """Every job of the user's company (none for candidates): the recruiter's dashboard."""
    if _role(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Job.objects.none()
    return Job.objects.filter(company_id=user.company_id).select_related("company").order_by("-created_at", "-id")


def jobs_with_visible_applications(user) -> QuerySet[Job]:
    """Jobs whose applications (board) the user may see."""
    role = _role(user)
    if role == User.Role.RECRUITER:
        return jobs_of_company(user)
    if role == User.Role.HIRING_MANAGER:
        jobs = jobs_of_company(user)
        return jobs if settings.ATS_HIRING_MANAGERS_SEE_ALL else jobs.filter(hiring_managers=user)
    return Job.objects.none()


def applications_visible_to(user) -> QuerySet[Application]:
    """Applications the user may see: a candidate's own, a company's for its team."""
    role = _role(user)
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


def history_visible_to(user) -> QuerySet[ApplicationHistory]:
    """History rows of the applications the user may see, oldest first."""
    return (
        ApplicationHistory.objects.filter(application__in=applications_visible_to(user).values("pk"))
        .select_related("changed_by")
        .order_by("application_id", "changed_at", "id")
    )


def job_stage_counts(job: Job) -> dict[str, int]:
    """The number of applications of `job` in each stage, every stage present, in board order."""
    counts = dict(job.applications.order_by().values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    return {stage: counts.get(stage, 0) for stage in BOARD_ORDER}


def hiring_managers_of_company(company_id: int) -> QuerySet[User]:
    return User.objects.filter(company_id=company_id, role=User.Role.HIRING_MANAGER, is_active=True).order_by(
        "first_name", "last_name", "username"
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
