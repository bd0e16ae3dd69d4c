import itertools

import pytest

from ats import workflow
from ats.models import Application
from ats.workflow import Stage

ALLOWED = {
    (Stage.APPLIED, Stage.SCREENING),
    (Stage.SCREENING, Stage.INTERVIEW),
    (Stage.INTERVIEW, Stage.OFFER),
    (Stage.OFFER, Stage.HIRED),
    (Stage.APPLIED, Stage.REJECTED),
    (Stage.SCREENING, Stage.REJECTED),
    (Stage.INTERVIEW, Stage.REJECTED),
    (Stage.OFFER, Stage.REJECTED),
}
ALL_PAIRS = list(itertools.product(Stage, Stage))


def test_there_are_36_pairs_and_8_allowed_moves():
    assert len(ALL_PAIRS) == 36
    assert sum(workflow.can_transition(a, b) for a, b in ALL_PAIRS) == 8


@pytest.mark.parametrize(("from_stage", "to_stage"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_it_allows_exactly_the_pipeline_moves(from_stage, to_stage):
    assert workflow.can_transition(from_stage, to_stage) is ((from_stage, to_stage) in ALLOWED)


def test_final_stages_have_no_way_out():
    assert workflow.allowed_targets(Stage.HIRED) == ()
    assert workflow.allowed_targets(Stage.REJECTED) == ()


@pytest.mark.parametrize("stage", Stage)
def test_allowed_targets_are_the_table_in_board_order(stage):
    targets = workflow.allowed_targets(stage)
    assert set(targets) == workflow.TRANSITIONS[stage]
    assert list(targets) == sorted(targets, key=workflow.BOARD_ORDER.index)


def test_only_a_rejection_needs_a_reason():
    assert [stage for stage in Stage if workflow.needs_reason(stage)] == [Stage.REJECTED]
    assert workflow.needs_reason("Promoted") is False


def test_application_valid_transitions_is_the_workflow_table():
    assert Application.VALID_TRANSITIONS is workflow.TRANSITIONS


def _states(steps: list[dict]) -> list[tuple[str, str]]:
    return [(step["stage"], step["state"]) for step in steps]


def test_progress_of_a_live_application_runs_along_the_whole_pipeline():
    assert _states(workflow.progress_steps(Stage.INTERVIEW)) == [
        ("Applied", "done"),
        ("Screening", "done"),
        ("Interview", "current"),
        ("Offer", "upcoming"),
        ("Hired", "upcoming"),
    ]


def test_progress_of_a_rejected_application_stops_where_it_was_rejected():
    assert _states(workflow.progress_steps(Stage.REJECTED, rejected_from=Stage.SCREENING)) == [
        ("Applied", "done"),
        ("Screening", "done"),
        ("Rejected", "current"),
    ]
    assert _states(workflow.progress_steps(Stage.REJECTED)) == [("Applied", "done"), ("Rejected", "current")]


def test_a_published_job_never_goes_back_to_draft():
    assert workflow.job_status_targets("draft") == ("open",)
    assert workflow.job_status_targets("open") == ("closed",)
    assert workflow.job_status_targets("closed") == ("open",)
    assert workflow.JOB_TARGET_STATUSES == ("open", "closed")
    assert workflow.JOB_INITIAL_STATUSES == ("draft", "open")


def test_path_to_lists_every_stage_passed():
    assert workflow.path_to(Stage.OFFER) == [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
    assert workflow.path_to(Stage.REJECTED) == [Stage.APPLIED, Stage.REJECTED]
    assert workflow.path_to(Stage.APPLIED) == [Stage.APPLIED]


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        workflow.can_transition("Applied", "Promoted")
