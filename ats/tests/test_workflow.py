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
    assert workflow.allowed_targets(Stage.HIRED) == frozenset()
    assert workflow.allowed_targets(Stage.REJECTED) == frozenset()


def test_application_valid_transitions_is_the_workflow_table():
    assert Application.VALID_TRANSITIONS is workflow.TRANSITIONS


def test_next_stage_follows_the_pipeline():
    assert [workflow.next_stage(stage) for stage in workflow.PIPELINE] == [
        Stage.SCREENING,
        Stage.INTERVIEW,
        Stage.OFFER,
        Stage.HIRED,
        None,
    ]
    assert workflow.next_stage(Stage.REJECTED) is None


def test_path_to_lists_every_stage_passed():
    assert workflow.path_to(Stage.OFFER) == [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER]
    assert workflow.path_to(Stage.REJECTED) == [Stage.APPLIED, Stage.REJECTED]
    assert workflow.path_to(Stage.APPLIED) == [Stage.APPLIED]


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        workflow.can_transition("Applied", "Promoted")
