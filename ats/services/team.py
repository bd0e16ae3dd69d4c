"""Inviting teammates and accepting invitations; teammates' roles and access; the team's
two-factor requirement."""

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ats import audit
from ats.exceptions import (
    InvalidInvitation,
    TeamChangeRefused,
    TwoFactorNotSetUp,
)
from ats.models import (
    Company,
    Invitation,
    User,
)
from ats.notifications import absolute_url, queue_email
from ats.services.accounts import account_of_address, api_tokens_end, check_new_account, person_fields, sessions_end
from ats.two_factor import has_authenticator_app

INVITATION_LIFETIME = timedelta(days=7)


def _invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _wait_text(wait: timedelta) -> str:
    """A wait as people say it: "in 12 minutes", "in 3 hours"."""
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    if minutes < 120:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    return f"in {math.ceil(minutes / 60)} hours"


def _check_invitation_limits(*, company: Company, invited_by: User, email: str, now: datetime) -> None:
    """Refuse an invitation past one of the limits (settings ATS_INVITATIONS_PER_*),
    counting the Invitation rows of each window: the database is the truth across
    web processes. Revoked invitations count too: each sent an email."""
    limits = (
        (
            Invitation.objects.filter(invited_by=invited_by),
            settings.ATS_INVITATIONS_PER_RECRUITER_PER_HOUR,
            timedelta(hours=1),
            "You have sent {limit} invitations in the last hour, as many as one person may.",
        ),
        (
            Invitation.objects.filter(company=company),
            settings.ATS_INVITATIONS_PER_COMPANY_PER_DAY,
            timedelta(days=1),
            "Your company has sent {limit} invitations in the last 24 hours, as many as one company may.",
        ),
        (
            Invitation.objects.filter(email__iexact=email),
            settings.ATS_INVITATIONS_PER_ADDRESS_PER_DAY,
            timedelta(days=1),
            f"{email} has received {{limit}} invitations in the last 24 hours, as many as we send one address.",
        ),
    )
    for invitations, limit, window, refusal in limits:
        recent = (
            invitations.filter(created_at__gt=now - window)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:limit]
        )
        times = list(recent)
        if len(times) >= limit:
            # The oldest of the last `limit` leaves the window first.
            wait = times[-1] + window - now
            raise InvalidInvitation(f"{refusal.format(limit=limit)} You can invite again {_wait_text(wait)}.")


def invitation_create(*, company: Company, invited_by: User, email: str, role: str) -> tuple[Invitation, str]:
    """Invite `email` to join `company` as `role` and email them the link.

    Returns the invitation and its token (the only copy; it is not stored).
    Raises InvalidInvitation for a role outside the team, a member of this
    company, an address with a pending invitation of the company, or past a
    limit (per recruiter, company and address: see the ATS_INVITATIONS_PER_*
    settings, and the message says when to try again).

    An address whose account is elsewhere (another company, a candidate, an
    operator) is not refused, which would tell the recruiter that it has an
    account: the invitation is made and counted as any other, but its owner
    gets an email saying so instead of the link, so it can never be accepted.
    """
    email = email.strip().lower()
    if role not in Invitation.TEAM_ROLES:
        raise InvalidInvitation("Invite someone as a recruiter or a hiring manager.")
    owner = account_of_address(email)
    if owner is not None and owner.company_id == company.pk and not owner.is_staff:
        # The team page lists them already: nothing is revealed.
        raise InvalidInvitation(f"{email} is already on your team.")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # One invitation of the company at a time, so that two requests can't
        # both pass the limits on the same count.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        now = timezone.now()
        pending = Invitation.objects.filter(
            company=company, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        )
        if pending.exists():
            raise InvalidInvitation(f"{email} already has a pending invitation. Revoke it to send a new one.")
        _check_invitation_limits(company=company, invited_by=invited_by, email=email, now=now)
        invitation = Invitation.objects.create(
            company=company,
            email=email,
            role=role,
            token_hash=_invitation_token_hash(token),
            invited_by=invited_by,
            expires_at=now + INVITATION_LIFETIME,
        )
        context = {
            "invitation": invitation,
            "company": company,
            "invited_by": invited_by,
            "role": invitation.get_role_display().lower(),
        }
        if owner is None:
            context["accept_url"] = absolute_url(reverse("invitation_accept", args=[token]))
        else:
            # If it was meant for them: log in, or reset the password.
            context.update(
                recipient=owner,
                email=email,
                login_url=absolute_url(reverse("account_login")),
                reset_url=absolute_url(reverse("account_reset_password")),
            )
        queue_email(
            to=email,
            template="invitation" if owner is None else "invitation_account_exists",
            context=context,
            dedupe_key=f"invitation:{invitation.pk}",
        )
    return invitation, token


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Make a pending invitation unusable. Raises InvalidInvitation once it has been accepted."""
    with transaction.atomic():
        revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        invitation.refresh_from_db()
        if not revoked and invitation.accepted_at:
            raise InvalidInvitation(f"{invitation.email} has already joined; the invitation can't be revoked.")
    return invitation


def invitation_for_token(*, token: str) -> Invitation:
    """The invitation a link names, if it can still be used.

    Raises InvalidInvitation saying why it can't (unknown, revoked, used, expired).
    """
    invitation = Invitation.objects.select_related("company").filter(token_hash=_invitation_token_hash(token)).first()
    if invitation is None:
        raise InvalidInvitation("This invitation link is not valid. Check that you copied the whole link.")
    status = invitation.status
    if status == "revoked":
        raise InvalidInvitation("This invitation was withdrawn. Ask the recruiter who invited you for a new one.")
    if status == "accepted":
        raise InvalidInvitation("This invitation has already been used. Log in with the account it created.")
    if status == "expired":
        raise InvalidInvitation("This invitation has expired. Ask the recruiter who invited you for a new one.")
    return invitation


def invitation_accept(
    *,
    token: str,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    time_zone: str | None = None,
) -> User:
    """Create the invitee's account in the invitation's company, with its role, and use the invitation up.

    The company, role and email come from the invitation only. The email is
    recorded as verified: the invitee proved it by opening the link.
    `time_zone` defaults to the site's. Raises InvalidInvitation (unusable
    link, taken username or email, a missing name or unknown time zone, or a
    second use racing this one); nothing is stored then.
    """
    invitation = invitation_for_token(token=token)
    person = person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidInvitation)
    username = check_new_account(username=username, email=invitation.email, error=InvalidInvitation)
    try:
        with transaction.atomic():
            user = User(
                username=username,
                email=invitation.email,
                role=invitation.role,
                company_id=invitation.company_id,
                **person,
            )
            user.set_password(password)
            user.save()
            used = Invitation.objects.filter(
                pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
            ).update(accepted_at=timezone.now(), accepted_by=user)
            if not used:
                raise InvalidInvitation("This invitation was used or withdrawn a moment ago.")
            EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    except IntegrityError:
        raise InvalidInvitation("That username or email was registered a moment ago. Try another.") from None
    return user


def _locked_teammate(member: User, actor: User) -> User:
    """`member`, locked for the change, once they are someone else of `actor`'s company."""
    if member.pk == actor.pk:
        raise TeamChangeRefused("You can't change your own role or access; another recruiter can.")
    locked = User.objects.select_for_update().filter(pk=member.pk, company=actor.company).first()
    if locked is None or locked.role not in Invitation.TEAM_ROLES or locked.erased_at is not None:
        raise TeamChangeRefused("That person is not on your team.")
    return locked


def _check_a_recruiter_stays(leaving: User) -> None:
    # Locked with the rows they read (PostgreSQL): two recruiters demoting each other at once can't both succeed.
    others = User.objects.select_for_update().filter(
        company=leaving.company, role=User.Role.RECRUITER, is_active=True, erased_at__isnull=True
    )
    if not others.exclude(pk=leaving.pk).exists():
        raise TeamChangeRefused("The company needs an active recruiter: make someone else a recruiter first.")


def teammate_set_role(*, member: User, role: str, actor: User) -> User:
    """Make `member` (a teammate of `actor`) a recruiter or a hiring manager. A hiring
    manager who becomes a recruiter leaves the jobs' hiring-manager lists (a recruiter
    reaches every job). Refuses one's own role and the last active recruiter's; on the record."""
    if role not in Invitation.TEAM_ROLES:
        raise TeamChangeRefused("Choose recruiter or hiring manager.", field="role")
    with transaction.atomic():
        locked = _locked_teammate(member, actor)
        before = locked.role
        if before == role:
            return locked
        if before == User.Role.RECRUITER and locked.is_active:
            _check_a_recruiter_stays(leaving=locked)
        locked.role = role
        locked.save(update_fields=["role"])
        if role == User.Role.RECRUITER:
            locked.assigned_jobs.clear()
        audit.record(audit.Event.ROLE_CHANGED, locked, actor=actor, changes={"role": (before, role)})
    return locked


def teammate_set_active(*, member: User, active: bool, actor: User) -> User:
    """Deactivate `member` (a teammate of `actor`): they can no longer log in, their sessions
    and API tokens end, and emails stop; what they did stays. Or reactivate them (a new
    login gets new tokens). Refuses oneself and the last active recruiter; on the record."""
    with transaction.atomic():
        locked = _locked_teammate(member, actor)
        if locked.is_active == active:
            return locked
        if not active and locked.role == User.Role.RECRUITER:
            _check_a_recruiter_stays(leaving=locked)
        locked.is_active = active
        locked.save(update_fields=["is_active"])
        if not active:
            api_tokens_end(user=locked)
            sessions_end(user=locked)
        event = audit.Event.REACTIVATED if active else audit.Event.DEACTIVATED
        audit.record(event, locked, actor=actor)
    return locked


def company_set_two_factor_requirement(*, company: Company, actor: User, required: bool) -> Company:
    """Require two-factor authentication of the company's recruiters and hiring managers, or stop.

    Once required, a team member without an authenticator app reaches only its setup
    (ats.two_factor). Raises TwoFactorNotSetUp when `actor` turns it on without an
    authenticator app of their own: they would be the first one sent away, so they
    set theirs up first. Turning it off needs nothing.
    """
    if required and not has_authenticator_app(actor):
        raise TwoFactorNotSetUp(
            "Set up two-factor for yourself first (you would be asked to at once), then require it of your team.",
            field="require_two_factor",
        )
    company.require_two_factor = required
    company.save(update_fields=["require_two_factor"])
    return company
