"""allauth's hooks: who a public sign-up creates, where people land after logging
in, who must confirm their email first, how allauth's emails travel, and what a
completed password reset lifts.

allauth's emails (address verification, password reset, …) go through the
same outbox as ours: rendered in the request, sent by the worker.
"""

import re
import uuid
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.html import strip_tags

from ats import tasks
from ats.models import Company, User
from ats.services.accounts import username_lookalike
from ats.text import normalize_name


def user_display(user: User) -> str:
    """How allauth names a person in its messages and emails (ACCOUNT_USER_DISPLAY):
    by their name, the username only while they have none."""
    return user.display_name


def landing_url(user: User) -> str:
    """Where a person lands after logging in when they asked for no page: the hiring
    team on its dashboard, operators in the admin, candidates on their applications
    (on the job board while they have none)."""
    if user.is_staff:
        return reverse("admin:index")
    if user.role in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return reverse("dashboard")
    if user.applications.exists():
        return reverse("my_applications")
    return reverse("home")


def must_confirm_email(user: User) -> bool:
    """Whether logging in (the form, or the API's token) waits for a confirmed
    address: for everyone but superusers (see OperatorEmailVerificationStage)."""
    return not user.is_superuser


class OperatorEmailVerificationStage(EmailVerificationStage):
    """Mandatory email verification for everyone but superusers.

    A superuser is made by `createsuperuser` (or by another superuser in the
    admin), never by a sign-up, so no stranger can claim someone else's
    address that way; and `createsuperuser` records no EmailAddress, so the
    stock stage would lock operators out with a link no one can receive.
    """

    def handle(self):
        if self.login.user is not None and not must_confirm_email(self.login.user):
            return None, True
        return super().handle()


_STOCK_EMAIL_STAGE = f"{EmailVerificationStage.__module__}.{EmailVerificationStage.__qualname__}"


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        # Sign-up is public: it never grants a company role, whatever fields a
        # crafted request adds. Recruiters join through their own flows.
        user.role = User.Role.CANDIDATE
        user.company = None
        user.is_staff = False
        user.is_superuser = False
        # allauth stores the names itself; the time zone is ours (CandidateSignupForm).
        time_zone = form.cleaned_data.get("time_zone")
        if time_zone:
            user.time_zone = time_zone
        return super().save_user(request, user, form, commit=commit)

    def clean_username(self, username: str, shallow: bool = False) -> str:
        """allauth's checks on the username normalised (NFKC, no invisible or bidi
        characters), and none that looks the same as a taken one (ats.text.skeleton)."""
        username = super().clean_username(normalize_name(username), shallow=shallow)
        if not shallow:
            lookalike = username_lookalike(username)
            if lookalike is not None:
                raise ValidationError(
                    f"A user with a name that looks the same already exists: “{lookalike.username}”. Choose another."
                )
        return username

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # Only asked when the login carries no safe `next` of its own.
        assert isinstance(request.user, User)
        return landing_url(request.user)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # A new candidate has applied to nothing yet: the job board. The employer
        # sign-up and invitations pass the dashboard explicitly.
        return resolve_url("home")

    def post_login(self, request: HttpRequest, user, **kwargs) -> HttpResponse:
        """Log in as allauth does; someone we don't know the name of yet (an
        account older than the question, a superuser) first goes to their
        profile to give it, then on to where they were going."""
        response = super().post_login(request, user, **kwargs)
        location = response.get("Location")
        if location and not user.has_name:
            messages.info(request, "Please tell us your name: it is how people see you here.")
            response["Location"] = f"{reverse('profile')}?{urlencode({'next': location})}"
        return response

    def get_login_stages(self) -> list[str]:
        return [
            f"{__name__}.{OperatorEmailVerificationStage.__qualname__}" if stage == _STOCK_EMAIL_STAGE else stage
            for stage in super().get_login_stages()
        ]

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        if message.content_subtype == "html":
            text, html = strip_tags(message.body), message.body
        else:
            alternatives = getattr(message, "alternatives", [])
            text, html = message.body, next((body for body, kind in alternatives if kind == "text/html"), "")
        tasks.email_queue(
            to=email,
            subject=message.subject,
            text=text,
            html=html,
            # Each call is a new message (a second reset link is a new email).
            dedupe_key=f"allauth:{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
        )


def lift_login_lockout(*, request: HttpRequest, user: User, **kwargs) -> None:
    """Receiver of allauth's `password_reset` signal: after a completed reset, the account's
    failed-login lock (ACCOUNT_RATE_LIMITS' login_failed per key) no longer refuses its owner.

    allauth keys the lock by what was typed in "login" (or the API's username), and on a
    reset clears it only for the addresses of EmailAddress rows: a lock on the username,
    or on an address without such a row, stayed for its window. Here every name the account
    signs in with is cleared. The reset is itself rate-limited and needs the mailbox."""
    adapter = get_adapter(request)
    logins = {user.username, user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    for login in filter(None, logins):
        # The key allauth's pre_authenticate counts failures under for this login.
        key = adapter._get_login_attempts_cache_key(request, username=login)
        ratelimit.clear(request, action="login_failed", key=key)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code is not right. Enter the 6 digits your app shows now (they change every "
        "30 seconds), or an unused recovery code.",
        "cannot_delete_authenticator": "Your company requires two-factor authentication of its team, so yours "
        "stays on. To move it to a new phone, ask one of your company's recruiters to stop requiring it while you do.",
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """A team member of a company that requires two-factor keeps their authenticator
        app: turning it off would only send them back to set one up."""
        if authenticator.type != Authenticator.Type.TOTP:
            return True
        user = authenticator.user
        if user.role not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER) or user.company_id is None:
            return True
        return not Company.objects.filter(pk=user.company_id, require_two_factor=True).exists()

    def generate_authenticator_name(self, user, type: Authenticator.Type) -> str:
        """The name a new security key is offered ("Security key 2"), instead of allauth's "Master key"."""
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return f"Security key {count + 1}"

    def build_totp_svg(self, url: str) -> str:
        """The setup's QR code as markup to put in the page (a data: image would need the
        Content-Security-Policy to allow data:), without its XML declaration and with
        no size of its own (the stylesheet sets it)."""
        svg = super().build_totp_svg(url)
        svg = svg[svg.index("<svg") :]
        return re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
