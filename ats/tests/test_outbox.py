"""Emails from the change that causes them to the mailbox, through the real
queue (Redis where REDIS_URL is set), with real commits: sent once after the
commit, never after a rollback, never lost when the broker or the mail server
is down, never twice when two workers race."""

import smtplib
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ats import outbox, tasks
from ats.models import OutboxEmail
from ats.services.applications import application_change_stage, application_create
from ats.tests import factories
from ats.workflow import Stage

pytestmark = pytest.mark.django_db(transaction=True)


class FlakyBackend(LocmemBackend):
    """A mail server that refuses the next `failures` messages, then accepts."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        FlakyBackend.calls += 1
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    FlakyBackend.failures, FlakyBackend.calls = 0, 0
    return FlakyBackend


def sent() -> list[tuple[str, str]]:
    return sorted((message.to[0], str(message.subject)) for message in mail.outbox)


def five_minutes_pass() -> None:
    OutboxEmail.objects.update(next_attempt_at=F("next_attempt_at") - timedelta(minutes=5))


def test_it_sends_each_email_once_after_the_commit(task_queue, candidate, job, recruiter):
    application_create(candidate=candidate, job=job)
    if not task_queue.huey.immediate:
        # The request only queued ids; the worker (here: the drain) sends.
        assert mail.outbox == []
        assert task_queue.drain() == 2
    else:
        assert task_queue.drain() == 0

    assert sent() == sorted(
        [
            (candidate.email, "We received your application for Backend Engineer at Acme"),
            (recruiter.email, f"New application for Backend Engineer: {candidate.display_name}"),
        ]
    )
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {(OutboxEmail.Status.SENT, 1)}
    assert mail.outbox[0].alternatives[0].mimetype == "text/html"

    five_minutes_pass()
    tasks.requeue_pending_emails.call_local()
    task_queue.drain()
    call_command("send_pending_emails")
    assert len(mail.outbox) == 2


def test_a_rolled_back_transaction_sends_nothing(task_queue, candidate, job, recruiter):
    with pytest.raises(RuntimeError), transaction.atomic():
        application_create(candidate=candidate, job=job)
        raise RuntimeError("something after the application failed")

    task_queue.drain()
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def apply_and_move_while_the_broker_is_down(task_queue, candidate, other_candidate, job, recruiter):
    with task_queue.unreachable():
        first = application_create(candidate=candidate, job=job)
        second = application_create(candidate=other_candidate, job=job)
        application_change_stage(application=first, to_stage=Stage.SCREENING, actor=recruiter)
        application_change_stage(application=first, to_stage=Stage.INTERVIEW, actor=recruiter)
        application_change_stage(application=second, to_stage=Stage.REJECTED, actor=recruiter, reason="position_filled")
    assert first.stage == Stage.INTERVIEW
    assert second.stage == Stage.REJECTED
    task_queue.drain()
    assert mail.outbox == []
    # Two confirmations, two recruiter notices, three stage emails, one interview notice.
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count() == 8


def test_with_the_broker_down_a_transaction_tries_the_broker_once(task_queue, candidate, job, recruiter, monkeypatch):
    attempts = []
    real_send_email = tasks.send_email

    def send_email_counting(email_id):
        attempts.append(email_id)
        return real_send_email(email_id)

    monkeypatch.setattr(tasks, "send_email", send_email_counting)
    second_recruiter = factories.RecruiterFactory(username="ron", company=job.company)

    with task_queue.unreachable():
        application_create(candidate=candidate, job=job)

    # Three emails were stored (the candidate, two recruiters); only the first
    # waited on the dead broker, the others stayed pending straight away.
    assert len(attempts) == 1
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count() == 3
    assert second_recruiter.email in OutboxEmail.objects.values_list("to", flat=True)


def test_with_the_broker_down_nothing_is_lost_and_the_requeue_sends_each_email_once(
    task_queue, candidate, other_candidate, job, recruiter, hiring_manager
):
    apply_and_move_while_the_broker_is_down(task_queue, candidate, other_candidate, job, recruiter)

    # Back up, but the periodic task leaves messages alone that are not overdue yet.
    tasks.requeue_pending_emails.call_local()
    task_queue.drain()
    assert mail.outbox == []

    five_minutes_pass()
    tasks.requeue_pending_emails.call_local()
    tasks.requeue_pending_emails.call_local()
    task_queue.drain()

    assert len(mail.outbox) == 8
    assert len(set(sent())) == 8
    assert sum(1 for to, _ in sent() if to == hiring_manager.email) == 1
    assert set(OutboxEmail.objects.values_list("status", flat=True)) == {OutboxEmail.Status.SENT}


def test_with_the_broker_down_send_pending_emails_sends_each_email_once(
    task_queue, candidate, other_candidate, job, recruiter, capsys
):
    apply_and_move_while_the_broker_is_down(task_queue, candidate, other_candidate, job, recruiter)

    call_command("send_pending_emails")
    call_command("send_pending_emails")
    tasks.requeue_pending_emails.call_local()
    task_queue.drain()

    assert len(mail.outbox) == 8
    assert len(set(sent())) == 8
    assert "Sent 8, will retry 0, failed for good 0." in capsys.readouterr().out


def test_a_mail_server_error_is_retried_until_the_email_goes_out(task_queue, flaky_mail_server, candidate, job):
    flaky_mail_server.failures = 2

    application_create(candidate=candidate, job=job)
    task_queue.drain(with_retries=True)

    email = OutboxEmail.objects.get()
    assert (email.status, email.attempts) == (OutboxEmail.Status.SENT, 3)
    assert "SMTPServerDisconnected" in email.last_error
    assert sent() == [(candidate.email, "We received your application for Backend Engineer at Acme")]


def test_a_mail_server_error_ends_as_failed_with_its_error_after_the_last_attempt(
    task_queue, flaky_mail_server, candidate, job
):
    flaky_mail_server.failures = 100

    application_create(candidate=candidate, job=job)
    task_queue.drain(with_retries=True)

    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == outbox.MAX_ATTEMPTS
    assert email.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert flaky_mail_server.calls == outbox.MAX_ATTEMPTS
    assert mail.outbox == []

    five_minutes_pass()
    tasks.requeue_pending_emails.call_local()
    call_command("send_pending_emails")
    task_queue.drain(with_retries=True)
    assert flaky_mail_server.calls == outbox.MAX_ATTEMPTS


def stored_email(**fields) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to="casey@example.com", subject="Hello", text_body="Hi", dedupe_key="test:1", **fields
    )


class SecondWorkerArrives(LocmemBackend):
    """While the first worker talks to the mail server, a second one tries the same message."""

    outcomes: list = []

    def send_messages(self, messages):
        email_id = OutboxEmail.objects.get(status=OutboxEmail.Status.SENDING).pk
        SecondWorkerArrives.outcomes.append(outbox.email_send(email_id=email_id))
        return super().send_messages(messages)


class MailServerHeldUntilTheOtherWorkerTried(LocmemBackend):
    """Holds the message being sent until a worker reports it has finished its
    try, so the two workers overlap for sure, however the threads are scheduled."""

    a_worker_finished = threading.Event()

    def send_messages(self, messages):
        if not MailServerHeldUntilTheOtherWorkerTried.a_worker_finished.wait(timeout=10):
            raise TimeoutError("the other worker never finished: both are sending")
        return super().send_messages(messages)


def test_a_second_worker_arriving_while_the_first_sends_sends_nothing(settings):
    email = stored_email()
    settings.EMAIL_BACKEND = f"{__name__}.SecondWorkerArrives"
    SecondWorkerArrives.outcomes = []

    outbox.email_send(email_id=email.pk)

    assert SecondWorkerArrives.outcomes == [None]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.SENT, 1)


@pytest.mark.postgres
def test_two_workers_racing_on_one_message_send_one_email(settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ats (as .ci/run does)")
    settings.EMAIL_BACKEND = f"{__name__}.MailServerHeldUntilTheOtherWorkerTried"
    MailServerHeldUntilTheOtherWorkerTried.a_worker_finished = threading.Event()
    email = stored_email()
    both_ready = threading.Barrier(2, timeout=10)
    outcomes: list = []

    def worker() -> None:
        try:
            both_ready.wait()
            outcomes.append(outbox.email_send(email_id=email.pk))
        finally:
            MailServerHeldUntilTheOtherWorkerTried.a_worker_finished.set()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert len(outcomes) == 2
    assert [outcome.status for outcome in outcomes if outcome is not None] == [OutboxEmail.Status.SENT]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.SENT, 1)


def test_a_message_abandoned_by_a_crashed_worker_is_sent_after_its_lease(task_queue):
    recently = stored_email(status=OutboxEmail.Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=1))
    assert outbox.email_send(email_id=recently.pk) is None

    OutboxEmail.objects.filter(pk=recently.pk).update(claimed_at=timezone.now() - outbox.CLAIM_LEASE * 2)
    tasks.requeue_pending_emails.call_local()
    task_queue.drain()

    recently.refresh_from_db()
    assert recently.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_a_message_to_erase_after_sending_is_blanked_once_sent(mailoutbox):
    email, _ = outbox.email_store(
        to="leaving@example.org", subject="Goodbye", text="Bye", html="<p>Bye</p>", dedupe_key="goodbye:1"
    )
    OutboxEmail.objects.filter(pk=email.pk).update(erase_after_send=True)

    outbox.email_send(email_id=email.pk)

    assert [message.to for message in mailoutbox] == [["leaving@example.org"]]
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert (email.to, email.subject, email.text_body, email.html_body) == ("", "", "", "")


def test_a_message_to_erase_after_sending_is_blanked_when_given_up_on(flaky_mail_server):
    flaky_mail_server.failures = 100
    email, _ = outbox.email_store(
        to="leaving@example.org",
        subject="Goodbye",
        text="Bye",
        html="",
        dedupe_key="goodbye:2",
        attachments=[("a.ics", "text/calendar", b"leaving@example.org")],
    )
    OutboxEmail.objects.filter(pk=email.pk).update(erase_after_send=True)

    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.email_send(email_id=email.pk)
        five_minutes_pass()
        OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())

    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert (email.to, email.subject, email.text_body, email.last_error) == ("", "", "", "")
    assert not email.attachments.exists()


def test_another_message_keeps_its_content_once_sent(mailoutbox):
    email, _ = outbox.email_store(to="stays@example.org", subject="Hi", text="Hi", html="", dedupe_key="hi:1")
    outbox.email_send(email_id=email.pk)
    email.refresh_from_db()
    assert (email.status, email.to, email.subject) == (OutboxEmail.Status.SENT, "stays@example.org", "Hi")
