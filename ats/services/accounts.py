"""Employer sign-up and everyone's own profile."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from ats import search
from ats.exceptions import (
    ATSError,
    InvalidProfile,
    InvalidSignup,
)
from ats.models import (
    LINK_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    Company,
    User,
    default_time_zone,
    validate_phone,
    validate_time_zone,
)
from ats.services.reasons import rejection_reasons_ensure_defaults
from ats.text import normalize_name, skeleton

COMPANY_NAME_MAX_LENGTH = Company._meta.get_field("name").max_length or 200


def company_signup(
    *,
    company_name: str,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    time_zone: str | None = None,
) -> User | None:
    """Create a company and its first recruiter ("I'm hiring").

    The recruiter's email address is recorded unverified: the caller sends the
    confirmation (allauth), as for any sign-up. `time_zone` defaults to the
    site's. Raises InvalidSignup when the company name or username is taken, or
    the name or time zone is missing or wrong; nothing is stored then. The
    company's name is stored normalised (ats.text.normalize_name), and one that
    looks the same as an existing company's (ats.text.skeleton: Cyrillic or
    Greek letters, full-width ones, accents, invisible characters) is refused.

    An address that already has an account is not refused (that would tell
    anyone which addresses have accounts): nothing is created and None is
    returned; the caller answers exactly as to a sign-up that worked, and
    allauth's flow for that (ACCOUNT_PREVENT_ENUMERATION, as for candidates)
    emails the owner "You already have an account" with a password reset link.
    """
    company_name, email = normalize_name(company_name), email.strip().lower()
    if not company_name:
        raise InvalidSignup("Enter your company's name.", field="company_name")
    if len(company_name) > COMPANY_NAME_MAX_LENGTH:
        raise InvalidSignup(
            f"A company's name can be at most {COMPANY_NAME_MAX_LENGTH} characters.", field="company_name"
        )
    person = person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidSignup)
    if Company.objects.filter(name__iexact=company_name).exists():
        raise InvalidSignup(
            f"A company called “{company_name}” already uses the ATS. Ask one of its recruiters to invite you.",
            field="company_name",
        )
    lookalike = Company.objects.filter(name_skeleton=skeleton(company_name)).order_by("pk").first()
    if lookalike is not None:
        raise InvalidSignup(
            f"A company with a name that looks the same already exists: “{lookalike.name}”. "
            "Ask one of its recruiters to invite you, or choose a name that reads differently.",
            field="company_name",
        )
    username = check_username_free(username=username, error=InvalidSignup)
    if account_of_address(email) is not None:
        # As long as a real sign-up takes: the password is hashed either way.
        make_password(password)
        return None
    try:
        with transaction.atomic():
            company = Company.objects.create(name=company_name)
            rejection_reasons_ensure_defaults(company=company)
            user = User(username=username, email=email, role=User.Role.RECRUITER, company=company, **person)
            user.set_password(password)
            user.save()
            EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    except IntegrityError:
        raise InvalidSignup("That company, username or email was registered a moment ago. Try another.") from None
    return user


def account_of_address(email: str) -> User | None:
    """The account that uses `email` (its own address or one of its allauth addresses), if any."""
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        address = EmailAddress.objects.select_related("user").filter(email__iexact=email).order_by("pk").first()
        user = address.user if address else None
    return user


def person_fields(*, first_name: str, last_name: str, time_zone: str | None, error: type[ATSError]) -> dict[str, str]:
    """A person's trimmed first and last name and their time zone (the site's
    when None), checked; raises `error` saying what to fix."""
    fields = {"first_name": first_name.strip(), "last_name": last_name.strip()}
    for field, what in (("first_name", "first name"), ("last_name", "last name")):
        if not fields[field]:
            raise error(f"Enter your {what}.")
        if len(fields[field]) > NAME_MAX_LENGTH:
            raise error(f"Your {what} can be at most {NAME_MAX_LENGTH} characters; this one has {len(fields[field])}.")
    fields["time_zone"] = default_time_zone() if time_zone is None else time_zone.strip()
    _check(validate_time_zone, fields["time_zone"], error=error)
    return fields


def _check(validator, value: str, *, error: type[ATSError]) -> None:
    """Run a Django validator and raise its message as the project's `error`."""
    try:
        validator(value)
    except ValidationError as refusal:
        raise error(" ".join(refusal.messages)) from None


def profile_update(
    *,
    user: User,
    first_name: str,
    last_name: str,
    time_zone: str,
    phone: str | None = None,
    link: str | None = None,
) -> User:
    """Save `user`'s name and time zone, and a candidate's phone and link (None
    leaves them as they are; "" clears them).

    Raises InvalidProfile for a missing or too long name, an unknown time zone,
    a phone number or link that isn't one, or a phone or link given for someone
    who isn't a candidate (the hiring team, operators); nothing is stored then.
    """
    fields = person_fields(first_name=first_name, last_name=last_name, time_zone=time_zone, error=InvalidProfile)
    contact = {name: value.strip() for name, value in (("phone", phone), ("link", link)) if value is not None}
    if any(contact.values()) and (user.role != User.Role.CANDIDATE or user.is_staff):
        raise InvalidProfile("Only candidates keep a phone number and a link on their profile.")
    if contact.get("phone"):
        if len(contact["phone"]) > PHONE_MAX_LENGTH:
            raise InvalidProfile(f"A phone number can be at most {PHONE_MAX_LENGTH} characters.")
        _check(validate_phone, contact["phone"], error=InvalidProfile)
    if contact.get("link"):
        if len(contact["link"]) > LINK_MAX_LENGTH:
            raise InvalidProfile(f"A link can be at most {LINK_MAX_LENGTH} characters.")
        try:
            URLValidator(schemes=["http", "https"])(contact["link"])
        except ValidationError:
            raise InvalidProfile(
                "Enter a full web address for the link, such as https://www.linkedin.com/in/you."
            ) from None
    changed = {**fields, **contact}
    for name, value in changed.items():
        setattr(user, name, value)
    with transaction.atomic():
        user.save(update_fields=list(changed))
        # The name is part of each application's search document.
        search.vectors_refresh(candidate=user)
    return user


def username_lookalike(username: str) -> User | None:
    """An account whose username looks the same as `username` (ats.text.skeleton), if any."""
    return User.objects.filter(username_skeleton=skeleton(username)).order_by("pk").first()


def check_username_free(*, username: str, error: type[ATSError]) -> str:
    """`username` normalised (ats.text.normalize_name), once it is neither taken
    nor looks the same as a taken one; raises `error` otherwise."""
    username = normalize_name(username)
    if User.objects.filter(username__iexact=username).exists():
        raise error(f"The username “{username}” is taken. Choose another.", field="username")
    lookalike = username_lookalike(username)
    if lookalike is not None:
        raise error(
            f"A user with a name that looks the same already exists: “{lookalike.username}”. Choose another.",
            field="username",
        )
    return username


def check_new_account(*, username: str, email: str, error: type[ATSError]) -> str:
    """For a new account whose address is already known to its holder (an
    invitation's): the username (returned normalised) and the address must both be free."""
    username = check_username_free(username=username, error=error)
    if account_of_address(email) is not None:
        raise error(f"An account already uses {email}. Log in with it, or use another address.")
    return username


def api_tokens_end(*, user: User) -> int:
    """End every API refresh token `user` holds (blacklisted, so none returns a new pair even if
    the account is made active again); return how many were ended. An access token of an
    inactive account is refused at once, and lives 15 minutes anyway. Safe to run twice."""
    outstanding = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    ended = BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    return len(ended)


def sessions_end(*, user: User) -> int:
    """Delete every unexpired session logged in as `user`; returns how many. The session
    table has no user column, so each session is read: fine for what is rare (an erasure, a deactivation)."""
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
