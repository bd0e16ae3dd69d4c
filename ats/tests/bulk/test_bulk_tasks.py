"""The bulk action's task: queued after the commit, run by the worker, retried, and
restarted by the periodic sweep when the broker was down or the worker stopped.

The worker closes its database connection after each task, so the tests that run
one commit for real (transaction=True)."""

from datetime import timedelta

import pytest
from django.db import OperationalError, transaction
from django.utils import timezone

from ats import tasks
from ats.models import Application, BulkAction
from ats.services import bulk
from ats.services.bulk import bulk_action_start
from ats.tests.bulk.conftest import ids, make_applications, new_token
from ats.workflow import Stage


def start(recruiter, applications) -> BulkAction:
    return bulk_action_start(actor=recruiter, kind="advance", application_ids=ids(applications), token=new_token())


def stages(applications) -> set[str]:
    return set(Application.objects.filter(pk__in=ids(applications)).values_list("stage", flat=True))


@pytest.mark.django_db
def test_the_task_runs_the_action(recruiter, job):
    applications = make_applications(job, 3)
    action = start(recruiter, applications)
    tasks.run_bulk_action.call_local(action.pk)
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.DONE
    assert stages(applications) == {Stage.SCREENING}


@pytest.mark.django_db(transaction=True)
def test_the_action_is_queued_after_the_commit_and_the_worker_runs_it(task_queue, recruiter, job):
    applications = make_applications(job, 3)
    action = start(recruiter, applications)
    with transaction.atomic():
        tasks.bulk_action_queue(bulk_action_id=action.pk)
        # Nothing reaches the broker before the commit.
        assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.PENDING
        assert task_queue.huey.pending_count() == 0
    if not task_queue.huey.immediate:
        # Queued only: the worker (here, the drain) runs it.
        assert stages(applications) == {Stage.APPLIED}
        assert task_queue.huey.pending_count() == 1
        task_queue.drain()
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.DONE
    assert stages(applications) == {Stage.SCREENING}


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_nothing_raises_and_the_sweep_restarts_the_action(task_queue, recruiter, job):
    applications = make_applications(job, 3)
    action = start(recruiter, applications)
    with task_queue.unreachable(), transaction.atomic():
        tasks.bulk_action_queue(bulk_action_id=action.pk)
    task_queue.drain()
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.PENDING

    # Too early: the action may still be on its way.
    assert tasks.restart_stalled_bulk_actions.call_local() == 0
    BulkAction.objects.filter(pk=action.pk).update(created_at=timezone.now() - bulk.STALL_AFTER - timedelta(seconds=1))
    assert tasks.restart_stalled_bulk_actions.call_local() == 1
    task_queue.drain()
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.DONE
    assert stages(applications) == {Stage.SCREENING}
    assert tasks.restart_stalled_bulk_actions.call_local() == 0


@pytest.mark.django_db(transaction=True)
def test_a_run_that_fails_is_retried_later_and_carries_on(task_queue, monkeypatch, recruiter, job):
    applications = make_applications(job, 2)
    action = start(recruiter, applications)
    real_run = bulk.bulk_action_run
    calls = []

    def database_gone_once(*, bulk_action_id):
        calls.append(bulk_action_id)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(bulk_action_id=bulk_action_id)

    monkeypatch.setattr(bulk, "bulk_action_run", database_gone_once)
    tasks.run_bulk_action(action.pk)
    task_queue.drain()
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.PENDING
    task_queue.drain(with_retries=True)
    assert calls == [action.pk, action.pk]
    assert BulkAction.objects.get(pk=action.pk).status == BulkAction.Status.DONE
    assert stages(applications) == {Stage.SCREENING}
