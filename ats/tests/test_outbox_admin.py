"""Operators find failed emails in the admin, read their error, and send them again."""

import pytest
from django.core import mail

from ats.models import OutboxEmail

CHANGELIST = "/admin/ats/outboxemail/"


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def stored_email(key: str, **fields) -> OutboxEmail:
    return OutboxEmail.objects.create(
        to=f"{key.replace(':', '-')}@example.com", subject=f"About {key}", text_body="Hi", dedupe_key=key, **fields
    )


@pytest.mark.django_db
def test_it_lists_failed_emails_with_their_error(admin_client):
    failed = stored_email(
        "failed:1", status=OutboxEmail.Status.FAILED, attempts=5, last_error="SMTPAuthenticationError: bad login"
    )
    stored_email("sent:1", status=OutboxEmail.Status.SENT)

    response = admin_client.get(CHANGELIST, {"status__exact": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "About failed:1" in page
    assert "SMTPAuthenticationError: bad login" in page
    assert "About sent:1" not in page
    detail = admin_client.get(f"{CHANGELIST}{failed.pk}/change/").content.decode()
    assert "SMTPAuthenticationError: bad login" in detail


@pytest.mark.django_db
def test_it_searches_emails_by_recipient_and_error(admin_client):
    stored_email("a:1", last_error="TimeoutError: timed out")
    stored_email("b:1")

    by_error = admin_client.get(CHANGELIST, {"q": "timed out"}).content.decode()
    by_recipient = admin_client.get(CHANGELIST, {"q": "b-1@example.com"}).content.decode()

    assert "About a:1" in by_error
    assert "About b:1" not in by_error
    assert "About b:1" in by_recipient
    assert "About a:1" not in by_recipient


@pytest.mark.django_db
def test_emails_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_the_retry_action_sends_failed_emails_again_and_leaves_the_others(admin_client, task_queue):
    failed = stored_email("failed:1", status=OutboxEmail.Status.FAILED, attempts=5, last_error="TimeoutError")
    sent = stored_email("sent:1", status=OutboxEmail.Status.SENT, attempts=1)

    response = admin_client.post(
        CHANGELIST, {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    task_queue.drain()

    page = response.content.decode()
    assert "1 failed email(s) queued again." in page
    assert "1 email(s) were not failed and were left alone." in page
    assert [message.to for message in mail.outbox] == [[failed.to]]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxEmail.Status.SENT, 1)
    sent.refresh_from_db()
    assert sent.attempts == 1
