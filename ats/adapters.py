"""allauth's hooks: who a public sign-up creates, and how allauth's emails travel.

allauth's emails (address verification, password reset, …) go through the
same outbox as ours: rendered in the request, sent by the worker.
"""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils.html import strip_tags

from ats import tasks
from ats.models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        # Sign-up is public: it never grants a company role, whatever fields a
        # crafted request adds. Recruiters join through their own flows.
        user.role = User.Role.CANDIDATE
        user.company = None
        user.is_staff = False
        user.is_superuser = False
        return super().save_user(request, user, form, commit=commit)

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
