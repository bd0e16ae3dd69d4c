"""Interviews and scorecards, scoped to who asks."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ats import workflow
from ats.models import Application, Interview, InterviewSlot, Scorecard, ScorecardCriterion, User
from ats.predicates import role_of
from ats.selectors.applications import applications_visible_to
from ats.workflow import InterviewStatus, Rating


def _with_people(interviews: QuerySet[Interview]) -> QuerySet[Interview]:
    return interviews.select_related(
        "application__candidate", "application__job__company", "organizer"
    ).prefetch_related(
        Prefetch("interviewers", queryset=User.objects.order_by("last_name", "first_name", "pk")),
        Prefetch("slots", queryset=InterviewSlot.objects.order_by("starts_at", "pk")),
    )


def _with_my_scorecard(interviews: QuerySet[Interview], user) -> QuerySet[Interview]:
    """Each interview with `my_scorecard_submitted`: whether `user` has submitted theirs."""
    return interviews.annotate(
        my_scorecard_submitted=Exists(Scorecard.objects.filter(interview=OuterRef("pk"), author_id=user.pk))
    )


def interviews_visible_to(user) -> QuerySet[Interview]:
    """Interviews of the applications the user may see (a candidate's own included)."""
    return Interview.objects.filter(application__in=applications_visible_to(user).values("pk"))


def interviews_of_application(application: Application, *, user) -> dict[str, list[Interview]]:
    """The application's interviews for its page: `upcoming` (offered, then scheduled
    and not over, soonest first), `past` (over, most recent first) and `cancelled`.
    Each past interview carries `my_scorecard_submitted` for `user`."""
    interviews = _with_my_scorecard(_with_people(application.interviews.all()), user)
    now = timezone.now()
    groups: dict[str, list[Interview]] = {"upcoming": [], "past": [], "cancelled": []}
    for interview in interviews:
        if interview.status == InterviewStatus.CANCELLED:
            groups["cancelled"].append(interview)
        elif interview.status == InterviewStatus.OFFERED or (interview.ends_at and interview.ends_at > now):
            groups["upcoming"].append(interview)
        else:
            groups["past"].append(interview)
    groups["upcoming"].sort(key=lambda item: (item.status != InterviewStatus.OFFERED, item.starts_at or now))
    groups["past"].sort(key=lambda item: item.starts_at or now, reverse=True)
    return groups


def interviews_of_interviewer(user) -> dict[str, list[Interview]]:
    """ "My interviews": the user's scheduled interviews, `upcoming` (soonest first)
    and `past` (most recent first), each with `my_scorecard_submitted`."""
    if role_of(user) not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return {"upcoming": [], "past": []}
    mine = _with_my_scorecard(
        _with_people(
            Interview.objects.filter(
                interviewers=user, status=InterviewStatus.SCHEDULED, application__job__company_id=user.company_id
            )
        ),
        user,
    )
    now = timezone.now()
    upcoming: list[Interview] = list(mine.filter(ends_at__gt=now).order_by("starts_at", "pk"))
    past: list[Interview] = list(mine.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[:200])
    return {"upcoming": upcoming, "past": past}


def candidate_interviews(user) -> dict[int, dict[str, list[Interview]]]:
    """A candidate's interviews by application id: `upcoming` (scheduled and not over)
    and `offered` (times to pick from, only those still in the future). Nothing
    about scorecards or the team's notes."""
    if role_of(user) != User.Role.CANDIDATE:
        return {}
    now = timezone.now()
    future_slots = Prefetch("slots", queryset=InterviewSlot.objects.filter(starts_at__gt=now).order_by("starts_at"))
    interviews = (
        Interview.objects.filter(application__candidate=user)
        .filter(
            Q(status=InterviewStatus.SCHEDULED, ends_at__gt=now)
            | Q(status=InterviewStatus.OFFERED, application__stage__in=workflow.INTERVIEW_STAGES)
        )
        .select_related("application__job__company")
        .prefetch_related(
            Prefetch("interviewers", queryset=User.objects.order_by("last_name", "first_name", "pk")), future_slots
        )
        .order_by("starts_at", "pk")
    )
    grouped: dict[int, dict[str, list[Interview]]] = defaultdict(lambda: {"upcoming": [], "offered": []})
    for interview in interviews:
        kind = "offered" if interview.status == InterviewStatus.OFFERED else "upcoming"
        grouped[interview.application_id][kind].append(interview)
    return dict(grouped)


# Scorecards ------------------------------------------------------------------------------


def scorecards_visible_to(user, application: Application) -> QuerySet[Scorecard]:
    """The application's scorecards the user may read. Recruiters read them all;
    anyone else on the team reads their own, and the others' only once they have
    submitted one of their own on this application (so that nobody is swayed
    before giving their view); candidates none."""
    scorecards = Scorecard.objects.filter(application=application).select_related("author", "interview")
    role = role_of(user)
    if role not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return Scorecard.objects.none()
    if not applications_visible_to(user).filter(pk=application.pk).exists():
        return Scorecard.objects.none()
    if role == User.Role.RECRUITER:
        return scorecards.prefetch_related("ratings")
    if not scorecards.filter(author=user).exists():
        scorecards = scorecards.filter(author=user)
    return scorecards.prefetch_related("ratings")


def scorecards_count(application: Application) -> int:
    """How many scorecards the application has (general reviews included), whoever may
    read them: what a teammate is told while the others' are hidden from them."""
    return Scorecard.objects.filter(application=application).count()


def scorecard_of_interviewer(interview: Interview, user) -> Scorecard | None:
    """The user's own scorecard for the interview, with its ratings, if they have submitted it."""
    return (
        Scorecard.objects.filter(interview=interview, author_id=user.pk)
        .select_related("author", "interview")
        .prefetch_related("ratings")
        .first()
    )


def interviews_awaiting_scorecard(application: Application, user) -> list[Interview]:
    """The user's interviews on the application that have started and still wait for
    their scorecard, earliest first."""
    return list(
        Interview.objects.filter(
            application=application, interviewers=user, status=InterviewStatus.SCHEDULED, starts_at__lte=timezone.now()
        )
        .exclude(Exists(Scorecard.objects.filter(interview=OuterRef("pk"), author_id=user.pk)))
        .order_by("starts_at", "pk")
    )


def scorecard_criteria_of(job) -> list[ScorecardCriterion]:
    """The job's criteria in the order of its scorecards."""
    return list(ScorecardCriterion.objects.filter(job=job).order_by("position", "pk"))


@dataclass
class ScorecardSummary:
    """The submitted scorecards of an application at a glance."""

    count: int = 0
    # How many scorecards gave each overall recommendation, strong no first.
    recommendations: list[tuple[Rating, int]] = field(default_factory=list)
    # Per criterion: its name, the mean rating (1-4) and how many rated it.
    criteria: list[tuple[str, float, int]] = field(default_factory=list)

    @property
    def mean(self) -> float | None:
        total = sum(rating.value * n for rating, n in self.recommendations)
        return total / self.count if self.count else None


def scorecard_summary(scorecards: list[Scorecard], criteria: list[ScorecardCriterion]) -> ScorecardSummary:
    """Summarise the scorecards one person may read (`scorecards_visible_to`), in the
    order of the job's `criteria`, then any criteria since removed."""
    votes = Counter(card.recommendation for card in scorecards)
    per_criterion: dict[str, list[int]] = defaultdict(list)
    for card in scorecards:
        for rating in card.ratings.all():
            per_criterion[rating.criterion_name].append(rating.rating)
    order = [criterion.name for criterion in criteria] + sorted(set(per_criterion) - {c.name for c in criteria})
    return ScorecardSummary(
        count=len(scorecards),
        recommendations=[(rating, votes.get(rating.value, 0)) for rating in Rating],
        criteria=[
            (name, sum(per_criterion[name]) / len(per_criterion[name]), len(per_criterion[name]))
            for name in order
            if per_criterion.get(name)
        ],
    )


# The order of CardInterviewFacts.recommendations, and each one's sign on a card
# or a row (the label goes with it, for screen readers and on hover).
RECOMMENDATION_ORDER = (Rating.STRONG_YES, Rating.YES, Rating.NO, Rating.STRONG_NO)
RECOMMENDATION_SIGNS: dict[Rating, str] = {
    Rating.STRONG_YES: "++",
    Rating.YES: "+",
    Rating.NO: "−",
    Rating.STRONG_NO: "−−",
}


@dataclass(frozen=True)
class CardInterviewFacts:
    """What a board card shows of interviews: the next one's start, and the
    recommendation counts of its scorecards (strong yes, yes, no, strong no)."""

    next_interview_at: datetime | None
    recommendations: tuple[int, int, int, int]

    @property
    def recommendation_badges(self) -> list[dict]:
        """The recommendations that were given, strong yes first, each with its
        count, its label and its short sign (RECOMMENDATION_SIGNS)."""
        return [
            {"rating": rating, "label": rating.label, "sign": RECOMMENDATION_SIGNS[rating], "count": count}
            for rating, count in zip(RECOMMENDATION_ORDER, self.recommendations, strict=True)
            if count
        ]


def card_interview_annotations(*, viewer) -> dict[str, Any]:
    """The board's interview facts as annotations on a queryset of applications, so the
    cards' own query carries them (`card_interview_facts_of` reads them back). The same
    facts as `card_interview_facts`: the next scheduled interview still to end, and the
    recommendation counts as `scorecards_visible_to` allows."""
    scorecards = Scorecard.objects.filter(application_id=OuterRef("pk")).order_by().values("application_id")
    annotations: dict[str, Any] = {
        "card_next_interview_at": Subquery(
            Interview.objects.filter(
                application_id=OuterRef("pk"),
                status=InterviewStatus.SCHEDULED,
                ends_at__gt=timezone.now(),
                starts_at__isnull=False,
            )
            .order_by("starts_at")
            .values("starts_at")[:1]
        ),
    }
    for index, rating in enumerate(RECOMMENDATION_ORDER):
        annotations[f"card_recommendation_{index}"] = Coalesce(
            Subquery(scorecards.filter(recommendation=rating).annotate(n=Count("pk")).values("n")), Value(0)
        )
    if role_of(viewer) != User.Role.RECRUITER:
        annotations["card_scored_by_viewer"] = Exists(
            Scorecard.objects.filter(application_id=OuterRef("pk"), author_id=viewer.pk)
        )
    return annotations


def card_interview_facts_of(application: Application) -> CardInterviewFacts | None:
    """The facts `card_interview_annotations` put on `application`; None when there are none to show."""
    visible = getattr(application, "card_scored_by_viewer", True)
    counts = tuple(
        getattr(application, f"card_recommendation_{index}") if visible else 0
        for index in range(len(RECOMMENDATION_ORDER))
    )
    upcoming = application.card_next_interview_at  # type: ignore[attr-defined]
    if upcoming is None and not any(counts):
        return None
    return CardInterviewFacts(next_interview_at=upcoming, recommendations=counts)  # type: ignore[arg-type]


def card_interview_facts(application_ids: list[int], *, viewer) -> dict[int, CardInterviewFacts]:
    """The board's interview facts for many cards in two queries. The counts follow
    `scorecards_visible_to`: all for a recruiter; for anyone else, only on the
    applications they have scored themselves, and then everyone's."""
    if not application_ids:
        return {}
    now = timezone.now()
    upcoming: dict[int, datetime] = {}
    for application_id, starts_at in (
        Interview.objects.filter(application_id__in=application_ids, status=InterviewStatus.SCHEDULED, ends_at__gt=now)
        .order_by("application_id", "starts_at")
        .values_list("application_id", "starts_at")
    ):
        if starts_at is not None:
            upcoming.setdefault(application_id, starts_at)
    counts: dict[int, Counter] = defaultdict(Counter)
    scorecards = Scorecard.objects.filter(application_id__in=application_ids)
    if role_of(viewer) != User.Role.RECRUITER:
        scored = Scorecard.objects.filter(application_id=OuterRef("application_id"), author_id=viewer.pk)
        scorecards = scorecards.filter(Exists(scored))
    for application_id, recommendation in scorecards.values_list("application_id", "recommendation"):
        counts[application_id][recommendation] += 1
    return {
        application_id: CardInterviewFacts(
            next_interview_at=upcoming.get(application_id),
            recommendations=tuple(counts[application_id][rating] for rating in RECOMMENDATION_ORDER),  # type: ignore[arg-type]
        )
        for application_id in application_ids
        if application_id in upcoming or application_id in counts
    }


def interviewers_of_company(company_id: int) -> QuerySet[User]:
    """Who can interview: the company's active recruiters and hiring managers, by name."""
    return User.objects.filter(
        company_id=company_id,
        role__in=[User.Role.RECRUITER, User.Role.HIRING_MANAGER],
        is_active=True,
        is_staff=False,
    ).order_by("last_name", "first_name", "pk")
