"""allauth's forms in our words: sentence-case labels, no placeholders that
repeat the label. Only wording changes here, and our rules for text fields
(ats.forms.base) apply; allauth keeps every check.

Wired up through ACCOUNT_FORMS (and MFA_FORMS for two-factor). allauth's sign-up form is built on
ACCOUNT_SIGNUP_FORM_CLASS, so a custom sign-up class still applies under ours.
"""

from allauth.account import forms as allauth
from allauth.mfa.base import forms as mfa
from allauth.mfa.totp import forms as totp

from ats.forms.base import TextRules


class _OurWording(TextRules):
    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        for name, field in fields.items():
            # A placeholder that repeats the label disappears as you type and
            # reads as a filled-in value; the label and help say it all.
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]


class LoginForm(_OurWording, allauth.LoginForm):
    labels = {"login": "Username or email", "remember": "Keep me logged in on this device"}
    # The page offers "Forgot your password?" beside the button.
    help_texts = {"password": ""}


class SignupForm(_OurWording, allauth.SignupForm):
    labels = {"email": "Email", "username": "Username", "password1": "Password", "password2": "Confirm password"}
    help_texts = {
        "email": "We send a link to confirm it.",
        "username": "You log in with it. Letters, digits and @ . + - _ only.",
    }


class AddEmailForm(_OurWording, allauth.AddEmailForm):
    labels = {"email": "New email address"}


class ChangePasswordForm(_OurWording, allauth.ChangePasswordForm):
    labels = {"oldpassword": "Current password", "password1": "New password", "password2": "Confirm new password"}
    # The page's introduction links to the reset.
    help_texts = {"oldpassword": ""}


class SetPasswordForm(_OurWording, allauth.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Confirm password"}


class ResetPasswordForm(_OurWording, allauth.ResetPasswordForm):
    labels = {"email": "Email"}
    help_texts = {"email": "The address of your account. We send a link to choose a new password."}


class ResetPasswordKeyForm(_OurWording, allauth.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm new password"}


class ReauthenticateForm(_OurWording, allauth.ReauthenticateForm):
    labels = {"password": "Password"}


_CODE_HELP = "The 6-digit code your authenticator app shows now, or one of your recovery codes."


class _CodeForm(_OurWording):
    """A code typed from a phone: digits, filled in by the browser or the phone when it can."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(inputmode="numeric", autocomplete="one-time-code")


class MFAAuthenticateForm(_CodeForm, mfa.AuthenticateForm):
    labels = {"code": "Code"}
    help_texts = {"code": _CODE_HELP}


class MFAReauthenticateForm(_CodeForm, mfa.ReauthenticateForm):
    labels = {"code": "Code"}
    help_texts = {"code": _CODE_HELP}


class ActivateTOTPForm(_CodeForm, totp.ActivateTOTPForm):
    labels = {"code": "Code from the app"}
    help_texts = {"code": "The 6 digits the app shows for this site once you have added it."}
