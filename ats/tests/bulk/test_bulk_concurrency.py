"""Two runners work on the same bulk action at the same moment (a Huey retry beside
the first attempt, the periodic sweep beside a slow worker): every row is applied
once and counted once. Real threads, real connections, real commits."""

import threading

import pytest
from django.db import connection

from ats.models import ApplicationHistory, BulkAction
from ats.services import bulk
from ats.services.bulk import bulk_action_run, bulk_action_start, bulk_action_summary
from ats.tests.bulk.conftest import ids, make_applications, new_token
from ats.workflow import Stage


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_apply_each_row_once(monkeypatch, recruiter, job):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    applications = make_applications(job, 30)
    action = bulk_action_start(
        actor=recruiter, kind="reject", application_ids=ids(applications), token=new_token(), reason="other"
    )

    # Both runners have read every row as pending before either processes one,
    # so they contend for each row in the same order.
    both_have_read = threading.Barrier(2, timeout=10)
    real_process_row = bulk._process_row
    waited: set[int] = set()

    def process_row_after_both_read(bulk_action, row_id, application_id, row_action):
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            both_have_read.wait()
        real_process_row(bulk_action, row_id, application_id, row_action)

    monkeypatch.setattr(bulk, "_process_row", process_row_after_both_read)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            bulk_action_run(bulk_action_id=action.pk)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert ApplicationHistory.objects.filter(to_stage=Stage.REJECTED).count() == 30
    summary = bulk_action_summary(BulkAction.objects.get(pk=action.pk))
    assert summary.text == "30 rejected"
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.DONE
