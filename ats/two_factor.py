"""Two-factor authentication: who must have it, and what they may reach until they do.

Every account may turn on an authenticator app (TOTP, allauth.mfa) with recovery
codes; logging in then asks for a code, in the browser and at /api/token/. A
company that requires it (Company.require_two_factor) sends its recruiters and
hiring managers without an authenticator app to set one up: until they have, the
pages answer with a redirect there (ats.middleware.TwoFactorRequiredMiddleware)
and the API with a 403 (ats.api.authentication). Candidates are never affected.

Security keys and passkeys (WebAuthn) may be added beside the app and then answer the
login's second step instead of its code; a company's requirement asks for the app all
the same, since /api/token/ takes a code, never a key.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from ats.models import User

SET_UP_MESSAGE = (
    "Your company requires two-factor authentication. Set up an authenticator app to continue: "
    "until you have, only this page, your recovery codes and logging out are available."
)
API_SET_UP_MESSAGE = (
    "Your company requires two-factor authentication and your account has none yet. "
    "Log in to the site in a browser and set up an authenticator app, then ask for a token again."
)

# What a team member who must still set up two-factor may reach (URL names): its
# setup and recovery codes, the confirmation of their password that setup asks for,
# and logging out. Static files never reach the middleware (WhiteNoise serves them).
SET_UP_URL_NAMES = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_reauthenticate",
        "account_reauthenticate",
        "account_logout",
        "favicon",
        # What anyone may read: the privacy notice.
        "privacy",
    }
)


def has_authenticator_app(user: User) -> bool:
    """Whether the account logs in with a code from an authenticator app."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def must_set_up_two_factor(user) -> bool:
    """Whether `user` (anyone, anonymous too) belongs to a company's team that requires
    two-factor and has no authenticator app yet. Operators and candidates never must."""
    if not isinstance(user, User) or not user.is_authenticated or user.is_staff or user.company_id is None:
        return False
    if user.role not in (User.Role.RECRUITER, User.Role.HIRING_MANAGER):
        return False
    # The user's company, cached on it: the navigation of every page shows its name anyway.
    company = user.company
    if company is None or not company.require_two_factor:
        return False
    return not has_authenticator_app(user)
