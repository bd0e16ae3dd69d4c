"""The kanban board's columns and cards."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, OuterRef, Q, Window
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
from ats.selectors.interviews import CardInterviewFacts, card_interview_facts
from ats.workflow import BOARD_ORDER, Stage

BOARD_PAGE_SIZE = 25


BOARD_MAX_CARDS = 1000


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
    # The next interview's start and the scorecards' recommendations, as the viewer may see them.
    interviews: CardInterviewFacts | None = None
    # The application's tags, by name (prefetched with the cards).
    tags: tuple[Tag, ...] = ()

    @classmethod
    def of(cls, application: Application, *, today: date, interviews: CardInterviewFacts | None = None) -> "BoardCard":
        targets = workflow.allowed_targets(application.stage)
        return cls(
            application=application,
            days_in_stage=(today - timezone.localdate(application.stage_changed_at)).days,
            allowed_targets=targets,
            withdrawn=bool(getattr(application, "withdrawn", False)),
            moves=[{"stage": stage, "needs_reason": workflow.needs_reason(stage)} for stage in targets],
            interviews=interviews,
            tags=tuple(application.tags.all()),
        )

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


def board_columns(
    job: Job,
    *,
    query: str = "",
    tag_id: int | None = None,
    limits: dict[str, int] | None = None,
    viewer: User | AnonymousUser | None = None,
) -> list[dict]:
    """The board of `job`: one column per stage in board order, each with its exact count, its
    first cards (longest in the stage first; optionally only candidates whose name matches
    `query`, and only applications carrying the tag `tag_id`), and whether a move into it
    needs a reason. Each card carries its tags; with a `viewer`, also its interview facts
    as that viewer may see them (`card_interview_facts`).

    Three queries whatever the number of applications: the counts, the first
    cards of every column at once (a window function numbers the cards per stage,
    and each stage is cut at its own limit in SQL), and their tags; the interview
    facts add two more.
    """
    limits = {stage: (limits or {}).get(stage, BOARD_PAGE_SIZE) for stage in BOARD_ORDER}
    applications = job.applications.filter(_name_filter(query))
    if tag_id is not None:
        # One tag: an application matches once, so the counts and the window count it once.
        applications = applications.filter(tags__id=tag_id)
    counts = dict(applications.order_by().values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    shown = Q()
    for stage, limit in limits.items():
        shown |= Q(stage=stage, position__lte=limit)
    cards = (
        applications.select_related("candidate")
        .prefetch_related("tags")
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
    shown_applications = list(cards)
    facts = (
        card_interview_facts([application.pk for application in shown_applications], viewer=viewer)
        if viewer is not None
        else {}
    )
    today = timezone.localdate()
    by_stage: dict[str, list[BoardCard]] = {stage: [] for stage in BOARD_ORDER}
    for application in shown_applications:
        card = BoardCard.of(application, today=today, interviews=facts.get(application.pk))
        by_stage[application.stage].append(card)
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
