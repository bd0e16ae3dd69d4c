"""Jobs as each person may see them: the public board, the company's own, those in reach."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, When
from django.db.models.functions import Left

from ats import search, workflow
from ats.models import (
    Application,
    Company,
    Job,
    User,
)
from ats.predicates import role_of
from ats.workflow import BOARD_ORDER


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


def hiring_managers_of_job(job: Job) -> list[User]:
    """The hiring managers assigned to `job`, by name."""
    return list(job.hiring_managers.order_by("first_name", "last_name", "username"))


# A search is at most this many words: enough for any real query, and a pasted
# essay can't turn into a huge SQL statement.
MAX_SEARCH_TERMS = 8


# The board shows a description's first 28 words: a few hundred characters are plenty,
# and a description written before its limit (20,000) could be megabytes.
BOARD_SUMMARY_SOURCE_CHARS = 1000


def jobs_public_search(
    *, query: str = "", company_id: int | None = None, location: str = "", employment_type: str = ""
) -> QuerySet[Job]:
    """Open jobs whose title, description, company or location holds every word
    of `query`, narrowed by the filters that are set; newest first. Each job's
    description is read only as far as the board's summary needs
    (`description_start`, its first BOARD_SUMMARY_SOURCE_CHARS characters).

    PostgreSQL matches each word as a prefix in the jobs' search documents, through
    their GIN index (ats.search); SQLite, a laptop's few jobs, as a substring of each field.
    """
    jobs = (
        jobs_public()
        .defer("description", "search_vector")
        .annotate(description_start=Left("description", BOARD_SUMMARY_SOURCE_CHARS))
    )
    if search.uses_full_text():
        if (words := search.job_search_query(query)) is not None:
            jobs = jobs.filter(search_vector=words)
    else:
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
    # Each company asks its (company, status) index whether it has an open job, rather
    # than every open job being read and its company joined: 10,000 jobs cost 12 ms that way.
    companies = list(
        Company.objects.filter(Exists(open_jobs.filter(company_id=OuterRef("pk"))))
        .order_by("name", "id")
        .values_list("id", "name")
    )
    # Read from the (status, location) index alone.
    locations = list(open_jobs.exclude(location="").values_list("location", flat=True).distinct().order_by("location"))
    return companies, locations


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
