"""The stage machine: the stages and the only moves between them.

Pure Python, no database. Everything that needs to know whether a move is
allowed (services, the board's drop targets, the API) asks this module.

    Applied -> Screening -> Interview -> Offer -> Hired
    Applied | Screening | Interview | Offer -> Rejected
    Hired and Rejected are final.
"""

from django.db import models


class Stage(models.TextChoices):
    APPLIED = "Applied"
    SCREENING = "Screening"
    INTERVIEW = "Interview"
    OFFER = "Offer"
    HIRED = "Hired"
    REJECTED = "Rejected"


# The happy path, in order. The board shows one column per stage in this order,
# with Rejected last.
PIPELINE: tuple[Stage, ...] = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED)
BOARD_ORDER: tuple[Stage, ...] = (*PIPELINE, Stage.REJECTED)
FINAL_STAGES: frozenset[Stage] = frozenset({Stage.HIRED, Stage.REJECTED})

TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.APPLIED: frozenset({Stage.SCREENING, Stage.REJECTED}),
    Stage.SCREENING: frozenset({Stage.INTERVIEW, Stage.REJECTED}),
    Stage.INTERVIEW: frozenset({Stage.OFFER, Stage.REJECTED}),
    Stage.OFFER: frozenset({Stage.HIRED, Stage.REJECTED}),
    Stage.HIRED: frozenset(),
    Stage.REJECTED: frozenset(),
}


def allowed_targets(from_stage: str) -> frozenset[Stage]:
    """The stages an application in `from_stage` may move to next."""
    return TRANSITIONS[Stage(from_stage)]


def can_transition(from_stage: str, to_stage: str) -> bool:
    return Stage(to_stage) in allowed_targets(from_stage)


def next_stage(from_stage: str) -> Stage | None:
    """The next stage on the happy path, or None from a final stage."""
    forward = allowed_targets(from_stage) - {Stage.REJECTED}
    return next(iter(forward), None)


def path_to(stage: str) -> list[Stage]:
    """The stages an application passes through to reach `stage`, Applied first."""
    stage = Stage(stage)
    if stage == Stage.REJECTED:
        return [Stage.APPLIED, Stage.REJECTED]
    return list(PIPELINE[: PIPELINE.index(stage) + 1])
