"""The Huey task bodies (`call_local()`: immediate mode never runs retries or
periodic tasks) and the send_pending_emails command."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from huey.exceptions import RetryTask

from ats import outbox, tasks
from ats.models import OutboxEmail


class DownMailServer(LocmemBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DownMailServer"


def stored_email(key: str = "test:1", **fields) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to=f"{key.replace(':', '-')}@example.com",
        subject=f"About {key}",
        text_body="Hi",
        html_body="<p>Hi</p>",
        dedupe_key=key,
        **fields,
    )


@pytest.mark.django_db
def test_it_sends_a_stored_email_once(settings):
    settings.DEFAULT_FROM_EMAIL = "Acme hiring <jobs@acme.example>"
    email = stored_email()

    tasks.send_email.call_local(email.pk)
    tasks.send_email.call_local(email.pk)

    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (["test-1@example.com"], "About test:1", "Hi")
    assert message.from_email == "Acme hiring <jobs@acme.example>"
    assert message.alternatives[0].content == "<p>Hi</p>"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (OutboxEmail.Status.SENT, 1, "")
    assert email.sent_at is not None


@pytest.mark.django_db
def test_a_mail_server_error_asks_huey_to_retry_after_the_back_off(mail_server_down):
    email = stored_email()

    with pytest.raises(RetryTask) as retry:
        tasks.send_email.call_local(email.pk)

    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert email.last_error == "SMTPConnectError: (421, 'Service not available')"
    assert timedelta(seconds=55) < email.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert 55 < retry.value.delay <= 60
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_back_off_grows_with_each_attempt():
    assert [outbox.retry_delay(attempt) for attempt in range(1, outbox.MAX_ATTEMPTS)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
        timedelta(minutes=64),
    ]


@pytest.mark.django_db
def test_the_last_attempt_marks_the_email_failed_and_stops_retrying(mail_server_down):
    email = stored_email(attempts=outbox.MAX_ATTEMPTS - 1)

    tasks.send_email.call_local(email.pk)

    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.FAILED, outbox.MAX_ATTEMPTS)
    assert "SMTPConnectError" in email.last_error


@pytest.mark.django_db(transaction=True)
def test_the_periodic_task_requeues_only_overdue_pending_emails(task_queue):
    overdue = stored_email("overdue:1", next_attempt_at=timezone.now() - timedelta(minutes=4))
    fresh = stored_email("fresh:1")
    waiting_for_retry = stored_email("retry:1", attempts=2, next_attempt_at=timezone.now() + timedelta(minutes=3))
    done = stored_email("sent:1", status=OutboxEmail.Status.SENT, next_attempt_at=timezone.now() - timedelta(days=1))
    given_up = stored_email(
        "failed:1", status=OutboxEmail.Status.FAILED, next_attempt_at=timezone.now() - timedelta(days=1)
    )

    tasks.requeue_pending_emails.call_local()
    task_queue.drain()

    assert [message.to for message in mail.outbox] == [[overdue.to]]
    statuses = dict(OutboxEmail.objects.values_list("pk", "status"))
    assert statuses == {
        overdue.pk: OutboxEmail.Status.SENT,
        fresh.pk: OutboxEmail.Status.PENDING,
        waiting_for_retry.pk: OutboxEmail.Status.PENDING,
        done.pk: OutboxEmail.Status.SENT,
        given_up.pk: OutboxEmail.Status.FAILED,
    }


@pytest.mark.django_db
def test_send_pending_emails_sends_what_is_due_and_reports_it(capsys):
    due = stored_email("due:1")
    stored_email("later:1", next_attempt_at=timezone.now() + timedelta(minutes=10))
    stored_email("sent:1", status=OutboxEmail.Status.SENT)
    stored_email("failed:1", status=OutboxEmail.Status.FAILED)

    call_command("send_pending_emails")

    assert [message.to for message in mail.outbox] == [[due.to]]
    assert capsys.readouterr().out.strip() == "Sent 1, will retry 0, failed for good 0."


@pytest.mark.django_db
def test_send_pending_emails_records_a_mail_server_error_for_the_next_run(mail_server_down, capsys):
    email = stored_email()

    call_command("send_pending_emails")

    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.PENDING, 1)
    assert "SMTPConnectError" in email.last_error
    assert capsys.readouterr().out.strip() == "Sent 0, will retry 1, failed for good 0."


@pytest.mark.django_db
def test_send_pending_emails_stops_at_the_limit():
    for number in range(3):
        stored_email(f"due:{number}")

    call_command("send_pending_emails", "--limit", "2")

    assert len(mail.outbox) == 2
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING).count() == 1
