"""The stage machine and the job status machine: the states, the only moves
between them, and what a move needs.

Pure Python, no database. Everything that needs to know whether a move is
allowed, in which order to offer the moves, or whether a move needs a reason
(services, forms, serializers, the board and its script through the data the
views pass) asks this module.

    Applied -> Screening -> Interview -> Offer -> Hired
    Applied | Screening | Interview | Offer -> Rejected
    Hired and Rejected are final.

    Jobs: draft -> open <-> closed
"""

from datetime import timedelta

from django.db import models


class Stage(models.TextChoices):
    APPLIED = "Applied"
    SCREENING = "Screening"
    INTERVIEW = "Interview"
    OFFER = "Offer"
    HIRED = "Hired"
    REJECTED = "Rejected"


# The happy path, in order. The board shows one column per stage in this order,
# with Rejected last; every list of stages offered to a person follows it.
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

# A move into one of these stages is refused without a reason code from the
# company's list (domain.md: "Rejecting needs a reason", on every path).
STAGES_NEEDING_REASON: frozenset[Stage] = frozenset({Stage.REJECTED})

# Every company's reason list starts as this, in this order (code, label). Codes
# are stable (history, the API and statistics keep them); labels are the
# recruiters' to edit.
REASON_WITHDRAWN = "withdrawn"
REASON_OTHER = "other"
DEFAULT_REJECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("not_qualified", "Not qualified"),
    ("another_candidate_chosen", "Another candidate chosen"),
    ("position_filled", "Position filled"),
    ("no_response", "No response"),
    (REASON_WITHDRAWN, "Withdrawn"),
    (REASON_OTHER, "Other"),
)
# Reasons the product itself records (a candidate's withdrawal; a rejection whose
# caller gave no reason, as the seed API's change-stage): never removed or deactivated.
SYSTEM_REASONS: frozenset[str] = frozenset({REASON_WITHDRAWN, REASON_OTHER})

# What a candidate is told about a rejection: never the team's reason, only
# whether they withdrew or were not selected.
CANDIDATE_NOT_SELECTED = "Not selected"
CANDIDATE_WITHDRAWN = "Withdrawn"
# What a candidate's pseudo reason code is, in the API, when the team rejected them.
CANDIDATE_NOT_SELECTED_CODE = "not_selected"

# The longest note a move may carry into the history (the free text of a rejection, say).
NOTE_MAX_LENGTH = 5000


def allowed_targets(from_stage: str) -> tuple[Stage, ...]:
    """The stages an application in `from_stage` may move to next, in board order."""
    targets = TRANSITIONS[Stage(from_stage)]
    return tuple(stage for stage in BOARD_ORDER if stage in targets)


def next_stage(stage: str) -> Stage | None:
    """The stage after `stage` on the pipeline (Applied's is Screening), None for a
    final stage: Hired and Rejected have nowhere further to go."""
    stage = Stage(stage)
    if stage in FINAL_STAGES:
        return None
    return PIPELINE[PIPELINE.index(stage) + 1]


def can_transition(from_stage: str, to_stage: str) -> bool:
    return Stage(to_stage) in TRANSITIONS[Stage(from_stage)]


def needs_reason(stage: str) -> bool:
    """Whether a move into `stage` must carry a reason code (False for a name that is
    no stage: the service refuses that move for its own reason)."""
    return stage in STAGES_NEEDING_REASON


def path_to(stage: str) -> list[Stage]:
    """The stages an application passes through to reach `stage`, Applied first
    (for Rejected, straight from Applied)."""
    stage = Stage(stage)
    if stage == Stage.REJECTED:
        return [Stage.APPLIED, Stage.REJECTED]
    return list(PIPELINE[: PIPELINE.index(stage) + 1])


def candidate_stage_label(stage: str, *, withdrawn: bool = False) -> str:
    """A stage in the candidate's words: Rejected is "Withdrawn" when they withdrew,
    "Not selected" otherwise; every other stage is its own name."""
    if stage == Stage.REJECTED:
        return CANDIDATE_WITHDRAWN if withdrawn else CANDIDATE_NOT_SELECTED
    return str(stage)


def progress_steps(stage: str, *, rejected_from: str = "", withdrawn: bool = False) -> list[dict[str, str]]:
    """The steps of a candidate's progress indicator, each with its `label` in the
    candidate's words and its state, `done`, `current` or `upcoming`.

    Along the whole pipeline for a live or hired application; for a rejected
    one, the stages it passed through up to `rejected_from`, then "Not selected"
    (or "Withdrawn" when the candidate withdrew).
    """
    stage = Stage(stage)
    if stage == Stage.REJECTED:
        passed = path_to(rejected_from or Stage.APPLIED)
        last = {"stage": stage, "label": candidate_stage_label(stage, withdrawn=withdrawn), "state": "current"}
        return [{"stage": step, "label": str(step), "state": "done"} for step in passed] + [last]
    position = PIPELINE.index(stage)
    states = {True: "done", False: "upcoming"}
    return [
        {"stage": step, "label": str(step), "state": "current" if index == position else states[index < position]}
        for index, step in enumerate(PIPELINE)
    ]


# Jobs ----------------------------------------------------------------------------


class JobStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


# A published job never goes back to draft; a closed one can be reopened.
JOB_STATUS_TRANSITIONS: dict[JobStatus, tuple[JobStatus, ...]] = {
    JobStatus.DRAFT: (JobStatus.OPEN,),
    JobStatus.OPEN: (JobStatus.CLOSED,),
    JobStatus.CLOSED: (JobStatus.OPEN,),
}
# The order a team's job list shows them in: what is live first.
JOB_STATUS_DISPLAY_ORDER: tuple[JobStatus, ...] = (JobStatus.OPEN, JobStatus.DRAFT, JobStatus.CLOSED)
# What a new job may start as.
JOB_INITIAL_STATUSES: tuple[JobStatus, ...] = (JobStatus.DRAFT, JobStatus.OPEN)
# What an existing job may be set to, from some status.
JOB_TARGET_STATUSES: tuple[JobStatus, ...] = tuple(
    status for status in JobStatus if any(status in targets for targets in JOB_STATUS_TRANSITIONS.values())
)


def job_status_targets(status: str) -> tuple[JobStatus, ...]:
    """The statuses a job in `status` may be set to next."""
    return JOB_STATUS_TRANSITIONS[JobStatus(status)]


# Interviews and scorecards -------------------------------------------------------------


class InterviewStatus(models.TextChoices):
    # Slots are offered and the candidate has not picked one yet.
    OFFERED = "offered", "Waiting for the candidate"
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


# The stages in which an application can have interviews scheduled: before
# Screening nobody has looked at it yet; Hired and Rejected are over.
INTERVIEW_STAGES: tuple[Stage, ...] = (Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER)
INTERVIEW_MIN_MINUTES = 5
INTERVIEW_MAX_MINUTES = 8 * 60
INTERVIEW_DURATION_CHOICES: tuple[int, ...] = (15, 30, 45, 60, 90, 120, 180, 240)
INTERVIEW_DEFAULT_MINUTES = 45
SLOTS_MIN, SLOTS_MAX = 2, 10
# The reminder goes out this long before an interview; one scheduled closer to
# its start than this gets none (its invitation has only just arrived).
REMINDER_BEFORE = timedelta(hours=24)


def interviews_allowed_in(stage: str) -> bool:
    return Stage(stage) in INTERVIEW_STAGES


class Rating(models.IntegerChoices):
    """The 4-point scale of every scorecard: each criterion and the overall recommendation."""

    STRONG_NO = 1, "Strong no"
    NO = 2, "No"
    YES = 3, "Yes"
    STRONG_YES = 4, "Strong yes"


CRITERIA_MIN, CRITERIA_MAX = 1, 10
DEFAULT_SCORECARD_CRITERIA: tuple[str, ...] = (
    "Role-specific skills",
    "Problem solving",
    "Communication",
    "Collaboration",
)
SCORECARD_NOTES_MAX_LENGTH = 5000
# The earlier 1-5 feedback on the 4-point scale (domain.md).
FIVE_POINT_TO_RATING: dict[int, Rating] = {
    5: Rating.STRONG_YES,
    4: Rating.YES,
    3: Rating.NO,
    2: Rating.NO,
    1: Rating.STRONG_NO,
}
