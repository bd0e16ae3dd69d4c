"""The kanban board's columns and cards."""

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Aggregate, Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, TextField, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ats import workflow
from ats.models import (
    Application,
    ApplicationHistory,
    Job,
    Tag,
    User,
)
from ats.selectors.interviews import CardInterviewFacts, card_interview_annotations, card_interview_facts_of
from ats.workflow import BOARD_ORDER, Stage

BOARD_PAGE_SIZE = 25


BOARD_MAX_CARDS = 1000

CARD_FIELDS = (
    "id",
    "job_id",
    "candidate_id",
    "stage",
    "stage_changed_at",
    "created_at",
    "candidate__id",
    "candidate__username",
    "candidate__first_name",
    "candidate__last_name",
    "candidate__erased_at",
)


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
    # The next interview's start and the scorecards' recommendations, as the viewer may see them.
    interviews: CardInterviewFacts | None = None
    # The application's tags, by name (prefetched with the cards).
    tags: tuple[Tag, ...] = ()

    @classmethod
    def of(
        cls,
        application: Application,
        *,
        today: date,
        interviews: CardInterviewFacts | None = None,
        tags: tuple[Tag, ...] = (),
    ) -> "BoardCard":
        targets = workflow.allowed_targets(application.stage)
        return cls(
            application=application,
            days_in_stage=(today - timezone.localdate(application.stage_changed_at)).days,
            allowed_targets=targets,
            withdrawn=bool(getattr(application, "withdrawn", False)),
            interviews=interviews,
            tags=tags,
        )

    @property
    def moves(self) -> list[dict]:
        """The moves the card's menu offers, each with whether it needs a reason (the menu links those to the
        reject form)."""
        return [{"stage": stage, "needs_reason": workflow.needs_reason(stage)} for stage in self.allowed_targets]

    @property
    def tag_ids(self) -> set[int]:
        return {tag.pk for tag in self.tags}

    @property
    def recommendations(self) -> list[dict]:
        return self.interviews.recommendation_badges if self.interviews else []

    @property
    def pk(self) -> int:
        return self.application.pk

    @property
    def candidate(self) -> User | None:
        return self.application.candidate

    @property
    def candidate_name(self) -> str:
        return self.application.candidate_name

    @property
    def created_at(self) -> datetime:
        return self.application.created_at


class _JSONPair(Func):
    """[a, b] as JSON, on PostgreSQL and SQLite."""

    function = "JSON_BUILD_ARRAY"
    output_field = TextField()  # PostgreSQL hands back the parsed list, SQLite the text

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_ARRAY", **extra_context)


class _JSONList(Aggregate):
    """The group's values as one JSON array, on PostgreSQL and SQLite."""

    function = "JSON_AGG"
    output_field = TextField()  # PostgreSQL hands back the parsed list, SQLite the text

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


def _card_tags(application: Application, company_id: int) -> tuple[Tag, ...]:
    """The tags `board_columns` put on the card as [id, name] pairs, by name."""
    pairs = application.card_tags or []  # type: ignore[attr-defined]
    if isinstance(pairs, str):
        pairs = json.loads(pairs)
    tags = [Tag(pk=tag_id, company_id=company_id, name=name) for tag_id, name in pairs]
    return tuple(sorted(tags, key=lambda tag: (tag.name.lower(), tag.pk)))


def board_columns(
    job: Job,
    *,
    query: str = "",
    tag_id: int | None = None,
    limits: dict[str, int] | None = None,
    viewer: User | AnonymousUser | None = None,
    stages: tuple[str, ...] = BOARD_ORDER,
) -> list[dict]:
    """The board of `job`: one column per stage in board order, each with its exact count, its
    first cards (longest in the stage first; optionally only candidates whose name matches
    `query`, and only applications carrying the tag `tag_id`), and whether a move into it
    needs a reason. Each card carries its tags; with a `viewer`, also its interview facts
    as that viewer may see them (`card_interview_annotations`). `stages` keeps only those
    columns (in board order): a drop answers with the columns it changed.

    Each column also says whether the company has tags (`company_has_tags`, known
    from its cards: False for a column without any).

    Two queries whatever the number of applications: the counts, and the first
    cards of every column at once with their candidates, tags and interview facts
    (on PostgreSQL a UNION of one index read per stage; on SQLite a window function
    numbers the cards per stage), each stage cut at its own limit in SQL.
    """
    stages = tuple(stage for stage in BOARD_ORDER if stage in stages)
    limits = {stage: (limits or {}).get(stage, BOARD_PAGE_SIZE) for stage in stages}
    applications = job.applications.filter(_name_filter(query))
    if len(stages) < len(BOARD_ORDER):
        applications = applications.filter(stage__in=stages)
    if tag_id is not None:
        # One tag: an application matches once, so the counts and the window count it once.
        applications = applications.filter(tags__id=tag_id)
    counts = dict(applications.order_by().values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    order = [F("stage_changed_at").asc(), F("id").asc()]
    shown_ids: QuerySet
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: each column's first cards read from the index on (job, stage, stage_changed_at, id).
        parts = [
            applications.filter(stage=stage).order_by(*order).values("pk")[:limit] for stage, limit in limits.items()
        ]
        shown_ids = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    else:
        # SQLite can't cut the parts of a UNION: a window function numbers the cards per stage.
        shown = Q()
        for stage, limit in limits.items():
            shown |= Q(stage=stage, position__lte=limit)
        shown_ids = (
            applications.annotate(position=Window(RowNumber(), partition_by=F("stage"), order_by=order))
            .filter(shown)
            .values("pk")
        )
    cards = (
        Application.objects.filter(pk__in=shown_ids)
        .select_related("candidate")
        # What a card shows: not the resume's text, its search document or the other dates.
        .only(*CARD_FIELDS)
        .annotate(
            withdrawn=Exists(
                ApplicationHistory.objects.filter(application=OuterRef("pk"), reason__code=workflow.REASON_WITHDRAWN)
            ),
            # The card's tags as [id, name] pairs, and whether the company has any (the card menus' toggles).
            card_tags=Subquery(
                Application.tags.through.objects.filter(application_id=OuterRef("pk"))
                .order_by()
                .values("application_id")
                .annotate(pairs=_JSONList(_JSONPair("tag_id", "tag__name")))
                .values("pairs")  # type: ignore[misc]
            ),
            company_has_tags=Exists(Tag.objects.filter(company_id=job.company_id)),
            **(card_interview_annotations(viewer=viewer) if viewer is not None else {}),
        )
        .order_by("stage", "stage_changed_at", "id")
    )
    today = timezone.localdate()
    by_stage: dict[str, list[BoardCard]] = {stage: [] for stage in stages}
    company_has_tags = False
    for application in cards:
        company_has_tags = application.company_has_tags  # type: ignore[attr-defined]
        card = BoardCard.of(
            application,
            today=today,
            interviews=card_interview_facts_of(application) if viewer is not None else None,
            tags=_card_tags(application, job.company_id),
        )
        by_stage[application.stage].append(card)
    return [
        {
            "stage": stage,
            "count": counts.get(stage, 0),
            "cards": by_stage[stage],
            "limit": limits[stage],
            "hidden": counts.get(stage, 0) - len(by_stage[stage]),
            "needs_reason": workflow.needs_reason(stage),
            "company_has_tags": company_has_tags,
        }
        for stage in stages
    ]
