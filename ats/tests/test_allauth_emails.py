"""allauth's emails speak like ours: sentence-case subjects without a
"[site]" prefix, our HTML layout, the plain-text tone of templates/emails/."""

import pytest
from allauth.account.models import EmailAddress
from allauth.core.context import request_context

from ats.models import OutboxEmail

pytestmark = pytest.mark.usefixtures("fresh_cache")

LAYOUT = "max-width:560px"  # templates/emails/base.html's card
FOOTER = "Sent by the applicant tracking system about your account."


@pytest.mark.django_db
def test_the_confirmation_email_has_our_subject_and_layout(rf, candidate):
    candidate.first_name = "Casey"
    candidate.save()
    address = EmailAddress.objects.create(user=candidate, email=candidate.email, verified=False, primary=True)
    request = rf.get("/accounts/signup/")
    request.user = candidate
    with request_context(request):
        address.send_confirmation(request, signup=True)

    email = OutboxEmail.objects.get()
    assert email.subject == "Confirm your email address"
    assert LAYOUT in email.html_body and FOOTER in email.html_body
    assert "<p>Hello Casey,</p>" in email.html_body
    assert ">Confirm my email</a>" in email.html_body
    assert 'href="http://testserver/accounts/confirm-email/' in email.html_body
    assert email.text_body.startswith("Hello Casey,\n\nThanks for signing up.")
    assert email.text_body.endswith(f"-- \n{FOOTER}")
    assert "http://testserver/accounts/confirm-email/" in email.text_body


@pytest.mark.django_db
def test_the_password_reset_email_has_our_subject_and_layout(client, candidate):
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    client.post("/accounts/password/reset/", {"email": candidate.email})

    email = OutboxEmail.objects.get()
    assert email.subject == "Reset your password"
    assert LAYOUT in email.html_body and ">Choose a new password</a>" in email.html_body
    assert "/accounts/password/reset/key/" in email.text_body


@pytest.mark.django_db
def test_an_unknown_address_gets_our_wording(client, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    email = OutboxEmail.objects.get()
    assert email.subject == "No account uses this address"
    assert email.text_body.startswith("Hello,\n\n")
    assert ">Sign up</a>" in email.html_body


@pytest.mark.django_db
def test_a_password_change_notification_uses_our_layout_without_a_button(client, candidate, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    EmailAddress.objects.create(user=candidate, email=candidate.email, verified=True, primary=True)
    client.force_login(candidate)
    data = {"oldpassword": "pw-for-tests-1234", "password1": "a-new-Passphrase-42", "password2": "a-new-Passphrase-42"}
    client.post("/accounts/password/change/", data)

    email = OutboxEmail.objects.get()
    assert email.subject == "Your password was changed"
    assert LAYOUT in email.html_body and FOOTER in email.html_body
    assert "Or open this link" not in email.html_body
    assert "If this wasn't you" in email.text_body
