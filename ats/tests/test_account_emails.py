"""allauth's own emails take the outbox path: rendered in the request, stored,
sent by the worker."""

import pytest
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from django.core import mail

from ats.models import OutboxEmail


@pytest.mark.django_db(transaction=True)
def test_a_password_reset_email_is_stored_in_the_outbox_and_sent_by_the_worker(client, candidate, task_queue):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)

    response = client.post("/accounts/password/reset/", {"email": candidate.email})

    assert response.status_code == 302
    email = OutboxEmail.objects.get()
    assert email.to == candidate.email
    assert email.dedupe_key.startswith("allauth:password_reset_key:")
    assert email.subject == "Reset your password"
    assert "/accounts/password/reset/key/" in email.text_body
    task_queue.drain()
    [message] = mail.outbox
    assert (message.to, message.subject) == ([candidate.email], email.subject)
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.django_db(transaction=True)
def test_an_address_verification_email_goes_through_the_outbox(rf, candidate, task_queue):
    address = EmailAddress.objects.create(user=candidate, email=candidate.email, verified=False, primary=True)
    request = rf.get("/accounts/signup/")
    request.user = candidate

    with request_context(request):
        address.send_confirmation(request, signup=True)

    email = OutboxEmail.objects.get()
    assert email.to == candidate.email
    assert email.dedupe_key.startswith("allauth:email_confirmation_signup:")
    assert "/accounts/confirm-email/" in email.text_body
    if not task_queue.huey.immediate:
        assert mail.outbox == []  # rendered in the request, sent by the worker
    task_queue.drain()
    assert [message.to for message in mail.outbox] == [[candidate.email]]
