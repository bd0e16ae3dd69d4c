"""A person's own account: the name and time zone every sign-up asks, and the profile page.

allauth builds its sign-up form on `CandidateSignupForm` (ACCOUNT_SIGNUP_FORM_CLASS),
so this module must not import `allauth.account.forms` (a circular import).
"""

from django import forms
from django.core.validators import URLValidator
from django.http import HttpRequest

from ats.forms.base import Form
from ats.models import (
    LINK_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    User,
    default_time_zone,
    time_zone_names,
    validate_phone,
)

# Offered first in the list: where most people using the product live.
COMMON_TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def _zone_label(name: str) -> str:
    return name.replace("_", " ")


def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The common zones, then every zone by name. A zone appears in both groups;
    the browser and Django select its first option."""
    names = time_zone_names()
    common = [(name, _zone_label(name)) for name in COMMON_TIME_ZONES if name in names]
    return [("Common", common), ("All time zones", [(name, _zone_label(name)) for name in sorted(names)])]


class TimeZoneField(forms.ChoiceField):
    """An IANA time zone from a list. Marked for static/ats/js/timezone.js, which
    puts the browser's zone in place of the default (see `fill_from_browser`)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Times in your emails and calendar invitations use this time zone.")
        kwargs.setdefault("initial", default_time_zone)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Choose your time zone.",
                "invalid_choice": "“%(value)s” is not a time zone we know. Choose one from the list.",
            },
        )
        super().__init__(choices=time_zone_choices, **kwargs)
        self.widget.attrs["autocomplete"] = "off"

    def fill_from_browser(self) -> None:
        """Let timezone.js replace the default zone with the browser's (the site's
        default says nothing about where this person is)."""
        self.widget.attrs.update({"data-browser-time-zone": "", "data-default-time-zone": default_time_zone()})


def _name_field(label: str, what: str, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete}),
        error_messages={
            "required": f"Enter your {what}.",
            "max_length": f"Your {what} can be at most %(limit_value)d characters; this one has %(show_value)d.",
        },
    )


class PersonForm(Form):
    """First name, last name and time zone: what every person tells us. A new
    person's zone is the browser's unless `time_zone_from_browser` is off."""

    first_name = _name_field("First name", "first name", "given-name")
    last_name = _name_field("Last name", "last name", "family-name")
    time_zone = TimeZoneField()

    def __init__(self, *args, time_zone_from_browser: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        time_zone = self.fields["time_zone"]
        assert isinstance(time_zone, TimeZoneField)
        if time_zone_from_browser:
            time_zone.fill_from_browser()

    def person_fields(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in ("first_name", "last_name", "time_zone")}


class CandidateSignupForm(PersonForm):
    """The fields allauth's candidate sign-up adds to its own (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["first_name", "last_name", "email", "username", "password1", "password2", "time_zone"]

    def signup(self, request: HttpRequest, user: User) -> None:
        """allauth's hook after the account is saved. Nothing is left to do: the
        account adapter's `save_user` stored the name and time zone with the account."""


class WebLinkField(forms.URLField):
    """A web page's address: http or https only (no ftp:, javascript: or data:)."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class ProfileForm(PersonForm):
    """A person's own profile; a candidate also keeps a phone number and a link."""

    phone = forms.CharField(
        label="Phone",
        required=False,
        max_length=PHONE_MAX_LENGTH,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text="Companies you apply to may call you on it.",
    )
    link = WebLinkField(
        label="Link",
        required=False,
        max_length=LINK_MAX_LENGTH,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "placeholder": "https://www.linkedin.com/in/you"}),
        help_text="One link to your LinkedIn profile, portfolio or GitHub.",
        error_messages={"invalid": "Enter a full web address, such as https://www.linkedin.com/in/you."},
    )

    def __init__(self, data=None, *, user: User) -> None:
        # Operators (staff) are candidates by role only: they keep no contact details.
        self.is_candidate = user.role == User.Role.CANDIDATE and not user.is_staff
        initial = {"first_name": user.first_name, "last_name": user.last_name, "time_zone": user.time_zone}
        if self.is_candidate:
            initial |= {"phone": user.phone, "link": user.link}
        # The zone a person has is theirs, unless they are giving their name for
        # the first time (an account older than the question): then it was never chosen.
        super().__init__(data, initial=initial, time_zone_from_browser=not user.has_name)
        if not self.is_candidate:
            del self.fields["phone"], self.fields["link"]

    def profile_fields(self) -> dict[str, str]:
        """The fields as `ats.services.accounts.profile_update` takes them."""
        return {name: self.cleaned_data[name] for name in self.fields}
