"""The hiring team's candidates: every application they may see at their company, filtered,
searched, sorted and paged; and one person's profile."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString

from ats import search
from ats.models import Application, ApplicationNote, Interview, Scorecard, Tag, User
from ats.predicates import role_of
from ats.selectors.applications import applications_visible_to
from ats.selectors.interviews import CardInterviewFacts, card_interview_facts, scorecards_visible_to
from ats.workflow import BOARD_ORDER, InterviewStatus

CANDIDATES_PAGE_SIZE = 25
# Above this many matches, a search is listed by latest activity instead of rank.
RANKED_MATCHES_MAX = 2000

# The list's sort keys (a leading "-" in the URL reverses one), each with the
# columns it orders by. "days" sorts by how long an application has waited in its stage.
_STAGE_ORDER = Case(
    *(When(stage=stage, then=Value(position)) for position, stage in enumerate(BOARD_ORDER)),
    output_field=IntegerField(),
)
SORTS: dict[str, tuple] = {
    "activity": (F("last_activity_at").desc(), F("id").desc()),
    "-activity": (F("last_activity_at").asc(), F("id").asc()),
    "applied": (F("created_at").desc(), F("id").desc()),
    "-applied": (F("created_at").asc(), F("id").asc()),
    "name": (F("candidate__last_name").asc(), F("candidate__first_name").asc(), F("candidate_id").asc(), F("id").asc()),
    "-name": (
        F("candidate__last_name").desc(),
        F("candidate__first_name").desc(),
        F("candidate_id").desc(),
        F("id").desc(),
    ),
    "job": (F("job__title").asc(), F("id").desc()),
    "-job": (F("job__title").desc(), F("id").desc()),
    "stage": (_STAGE_ORDER.asc(), F("id").desc()),
    "-stage": (_STAGE_ORDER.desc(), F("id").desc()),
    "days": (F("stage_changed_at").asc(), F("id").asc()),
    "-days": (F("stage_changed_at").desc(), F("id").desc()),
    "source": (F("source").asc(), F("id").desc()),
    "-source": (F("source").desc(), F("id").desc()),
    "relevance": (F("search_rank").desc(nulls_last=True), F("last_activity_at").desc(), F("id").desc()),
}


# The orders an index serves (with the name index on users): a search with many
# matches reads them along it (search.search_filter's `many`).
INDEXED_SORTS = {"activity", "-activity", "applied", "-applied", "days", "-days", "name", "-name"}


def default_sort(*, searching: bool) -> str:
    """Best match first when searching with ranks (PostgreSQL), else the latest activity."""
    return "relevance" if searching and search.uses_full_text() else "activity"


def _team_applications(viewer) -> QuerySet[Application]:
    if role_of(viewer) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Application.objects.none()
    return applications_visible_to(viewer).filter(job__company_id=viewer.company_id)


# Reading a company's distinct sources means reading every application's
# (about 100 ms at 100,000 applications), so the filter's list is cached; a new
# source shows in it within this many seconds, and a URL can filter by it at once.
SOURCES_CACHE_SECONDS = 600


def candidate_sources(viewer) -> list[str]:
    """The sources the viewer's company's applications came from, for the filter."""
    company_id = viewer.company_id

    def read() -> list[str]:
        return sorted(
            Application.objects.filter(job__company_id=company_id)
            .order_by()
            .values_list("source", flat=True)
            .distinct()
        )

    return cache.get_or_set(f"ats:candidate-sources:{company_id}", read, SOURCES_CACHE_SECONDS) or []


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def candidates_matching(*, viewer, filters: dict, ranked: bool = True, many: bool = False) -> QuerySet[Application]:
    """Every application at the viewer's company that they may see and that matches
    `filters` (CandidateFilterForm.filters(): q, job, stage, source, tag,
    applied_from, applied_to, interview, sort), in the chosen order. The heavy
    text columns are deferred; the list never shows them."""
    applications = _team_applications(viewer).defer(
        "resume_text", "cover_letter", "search_vector", "job__description", "candidate__password"
    )
    if filters.get("job"):
        applications = applications.filter(job_id=filters["job"])
    if filters.get("stage"):
        applications = applications.filter(stage=filters["stage"])
    if filters.get("source"):
        applications = applications.filter(source=filters["source"])
    if filters.get("tag"):
        applications = applications.filter(tags__id=filters["tag"])
    if filters.get("applied_from"):
        applications = applications.filter(created_at__gte=_start_of(filters["applied_from"]))
    if filters.get("applied_to"):
        applications = applications.filter(created_at__lt=_start_of(filters["applied_to"]) + timedelta(days=1))
    if filters.get("interview"):
        upcoming = Interview.objects.filter(
            application_id=OuterRef("pk"), status=InterviewStatus.SCHEDULED, ends_at__gt=timezone.now()
        )
        applications = applications.filter(Exists(upcoming))
    applications = search.search_filter(applications, filters.get("q"), ranked=ranked, many=many)
    sort = filters.get("sort") or default_sort(searching=bool(filters.get("q")))
    if sort == "relevance" and "search_rank" not in applications.query.annotations:
        sort = "activity"
    return applications.order_by(*SORTS.get(sort, SORTS["activity"]))


@dataclass(frozen=True)
class CandidateRow:
    """One application as the candidates list shows it."""

    application: Application
    days_in_stage: int
    tags: list[Tag]
    # The candidate's other applications here that the viewer may see.
    also_applied: list[Application]
    # The next interview and the scorecards' recommendations, as the viewer may see them.
    interviews: CardInterviewFacts | None
    # Where the search matched in the cover letter or resume.
    snippet: SafeString | None

    @property
    def pk(self) -> int:
        return self.application.pk


def days_in_stage(application: Application, *, today: date) -> int:
    """Calendar days since the application reached its stage, on the active time zone's clock."""
    return (today - timezone.localdate(application.stage_changed_at)).days


@dataclass(frozen=True)
class CandidatesPage:
    page: Page
    rows: list[CandidateRow]
    # The order the rows are in (a search with too many matches to rank comes by latest activity).
    sort: str


def candidates_page(*, viewer, filters: dict, page_number: str | int | None) -> CandidatesPage:
    """One page of `candidates_matching` (a page out of range gives the nearest
    one) and its rows with their facts, in a fixed number of queries."""
    sort = filters.get("sort") or default_sort(searching=bool(filters.get("q")))
    count = candidates_matching(viewer=viewer, filters=filters, ranked=False).count()
    many = bool(filters.get("q")) and count > RANKED_MATCHES_MAX
    if sort == "relevance" and many:
        # Ranking means scoring every match; for thousands of matches on common
        # words that costs more than the order tells, so they come newest first.
        sort = "activity"
    shown = candidates_matching(
        viewer=viewer,
        filters={**filters, "sort": sort},
        ranked=sort == "relevance",
        many=many and sort in INDEXED_SORTS,
    ).prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    paginator = Paginator(shown, CANDIDATES_PAGE_SIZE)
    paginator.count = count  # counted above, on the query the GIN index answers best
    page = paginator.get_page(page_number)
    applications = list(page.object_list)
    ids = [application.pk for application in applications]
    facts = card_interview_facts(ids, viewer=viewer)
    snippets = search.snippets(ids, filters.get("q"))
    others = also_applied(viewer=viewer, applications=applications)
    today = timezone.localdate()
    rows = [
        CandidateRow(
            application=application,
            days_in_stage=days_in_stage(application, today=today),
            tags=list(application.tags.all()),
            also_applied=others.get(application.pk, []),
            interviews=facts.get(application.pk),
            snippet=snippets.get(application.pk),
        )
        for application in applications
    ]
    return CandidatesPage(page=page, rows=rows, sort=sort)


def also_applied(*, viewer, applications: list[Application]) -> dict[int, list[Application]]:
    """For each application, the same candidate's other applications at its company
    that the viewer may see (one query): {application pk: [other applications]}."""
    if not applications:
        return {}
    # An erased application has no candidate, and so no other applications.
    candidate_ids = {application.candidate_id for application in applications if application.candidate_id is not None}
    found: dict[int | None, list[Application]] = {}
    for other in (
        _team_applications(viewer)
        .filter(candidate_id__in=candidate_ids)
        .select_related(None)
        .select_related("job")
        .only("pk", "candidate_id", "stage", "job__title")
        .order_by("-created_at", "-id")
    ):
        found.setdefault(other.candidate_id, []).append(other)
    return {
        application.pk: [other for other in found.get(application.candidate_id, []) if other.pk != application.pk]
        for application in applications
    }


@dataclass(frozen=True)
class CandidateProfile:
    candidate: User
    applications: list[Application]
    # Each application's next interview and scorecard recommendations, as the viewer may see them.
    interviews: dict[int, CardInterviewFacts]
    # The team's notes on those applications, newest first.
    notes: list[ApplicationNote]
    # Each application's scorecards the viewer may read (scorecards_visible_to).
    scorecards: dict[int, list[Scorecard]]

    def rows(self) -> list[dict]:
        return [
            {
                "application": application,
                "facts": self.interviews.get(application.pk),
                "scorecards": self.scorecards.get(application.pk, []),
            }
            for application in self.applications
        ]


def candidate_profile(*, viewer, candidate_id: int) -> CandidateProfile | None:
    """A person as the viewer's company knows them: their applications here that the
    viewer may see, newest first, with tags, and the team's notes on them. None
    when the viewer may see none of their applications (the person doesn't exist
    for them)."""
    applications = list(
        _team_applications(viewer)
        .filter(candidate_id=candidate_id)
        .defer("resume_text", "search_vector")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-created_at", "-id")
    )
    # Erased applications have no candidate: their person exists for nobody.
    candidate = applications[0].candidate if applications else None
    if candidate is None:
        return None
    # The team reads the notes of every application it may see.
    notes = list(
        ApplicationNote.objects.filter(application__in=applications)
        .select_related("author", "application__job")
        .order_by("-created_at", "-id")
    )
    return CandidateProfile(
        candidate=candidate,
        applications=applications,
        interviews=card_interview_facts([application.pk for application in applications], viewer=viewer),
        notes=notes,
        # One query or two per application: a person applies to few jobs at one company.
        scorecards={application.pk: list(scorecards_visible_to(viewer, application)) for application in applications},
    )
