"""Two people move the same card at the same moment: exactly one move wins and
the history chain keeps no gap. Real threads, real connections, real commits."""

import itertools
import threading

import pytest
from django.db import connection

from ats import workflow
from ats.exceptions import StaleStage
from ats.services.applications import application_change_stage
from ats.workflow import Stage


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_from_the_same_stage_cannot_both_succeed(
    application, recruiter, hiring_manager, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")

    # Both threads read "Applied", then meet here before either writes, so the
    # two conditional updates really race.
    both_have_read = threading.Barrier(2, timeout=10)
    real_can_transition = workflow.can_transition

    def can_transition_after_both_read(from_stage, to_stage):
        both_have_read.wait()
        return real_can_transition(from_stage, to_stage)

    monkeypatch.setattr(workflow, "can_transition", can_transition_after_both_read)
    outcomes: dict[str, object] = {}

    def move(actor, target):
        try:
            application_change_stage(
                application=application,
                from_stage=Stage.APPLIED,
                to_stage=target,
                actor=actor,
                reason="not_qualified" if target == Stage.REJECTED else None,
                note="Race",
            )
            outcomes[target] = "moved"
        except StaleStage as refusal:
            outcomes[target] = refusal
        finally:
            connection.close()

    threads = [
        threading.Thread(target=move, args=(recruiter, Stage.SCREENING)),
        threading.Thread(target=move, args=(hiring_manager, Stage.REJECTED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(type(outcome).__name__ for outcome in outcomes.values()) == ["StaleStage", "str"]
    winner = next(stage for stage, outcome in outcomes.items() if outcome == "moved")
    application.refresh_from_db()
    assert application.stage == winner

    chain = list(application.history.order_by("changed_at", "id").values_list("from_stage", "to_stage"))
    assert chain == [("", Stage.APPLIED), (Stage.APPLIED, winner)]
    for previous, row in itertools.pairwise(chain):
        assert row[0] == previous[1]
