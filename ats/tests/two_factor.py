"""Two-factor for tests: turn an authenticator app on for a user, and compute its codes
as the app would (RFC 6238, with allauth's own HOTP)."""

import time

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The 6 digits an authenticator app with `secret` shows at `at` (now by default)."""
    return format_hotp_value(hotp_value(secret, int(at if at is not None else time.time()) // 30))


def wrong_code(secret: str) -> str:
    """Six digits that are not the app's code now."""
    return "000000" if totp_code(secret) != "000000" else "111111"


def enable_totp(user) -> tuple[str, list[str]]:
    """Turn two-factor on for `user` as the setup page does: an authenticator app and
    recovery codes. Returns the app's secret and the recovery codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret, RecoveryCodes.activate(user).get_unused_codes()


def verify_email(user) -> None:
    """Mandatory verification would stop the login before the code is asked."""
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
