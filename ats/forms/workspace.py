"""Forms of the hiring team's workspace: they check the shape of the input; the services decide."""

from collections.abc import Iterable

from django import forms
from django.contrib.auth.password_validation import validate_password

from ats.forms.accounts import PersonForm
from ats.forms.base import Form, ModelForm
from ats.forms.scorecards import notes_field, rating_field
from ats.models import TEAM_NOTE_MAX_LENGTH, Invitation, Job, RejectionReason, User
from ats.workflow import NOTE_MAX_LENGTH, Stage


class JobForm(ModelForm):
    class Meta:
        model = Job
        fields = ["title", "description", "location", "employment_type"]
        help_texts = {"location": "A city, or “Remote”. Leave empty for anywhere."}


class _NewAccountForm(PersonForm):
    """A new account on the hiring side: the person (name, time zone), then how they log in."""

    username = forms.CharField(
        max_length=150, validators=[User.username_validator], help_text="Letters, digits and @ . + - _ only."
    )
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label="Confirm password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def account_fields(self) -> dict[str, str]:
        """The new account's fields, as the sign-up services take them."""
        data = self.cleaned_data
        return self.person_fields() | {"username": data["username"], "password": data["password1"]}

    def _user_for_password_check(self) -> User:
        return User(username=self.cleaned_data.get("username", ""), email=self.cleaned_data.get("email", ""))

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", "The two passwords differ. Type the same password twice.")
            else:
                try:
                    validate_password(password1, self._user_for_password_check())
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class CompanySignupForm(_NewAccountForm):
    company_name = forms.CharField(max_length=200, label="Company name")
    email = forms.EmailField(label="Work email", help_text="We send a link to confirm it.")
    field_order = [
        "company_name",
        "first_name",
        "last_name",
        "email",
        "username",
        "password1",
        "password2",
        "time_zone",
    ]


class InvitationAcceptForm(_NewAccountForm):
    field_order = ["first_name", "last_name", "username", "password1", "password2", "time_zone"]


class InvitationForm(Form):
    email = forms.EmailField(label="Email")
    role = forms.ChoiceField(label="Role", choices=[(role.value, role.label) for role in Invitation.TEAM_ROLES])


class TeammateRoleForm(Form):
    role = forms.ChoiceField(label="Role", choices=[(role.value, role.label) for role in Invitation.TEAM_ROLES])


class TwoFactorRequirementForm(Form):
    require_two_factor = forms.BooleanField(
        label="Require two-factor authentication of recruiters and hiring managers",
        required=False,
        help_text="Each of them then logs in with a code from an authenticator app; "
        "those without one are asked to set it up before they can do anything else. Candidates are not affected.",
    )


class AssignHiringManagerForm(Form):
    hiring_manager = forms.ModelChoiceField(queryset=User.objects.none(), label="Hiring manager")

    def __init__(self, *args, hiring_managers, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["hiring_manager"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hiring_managers


class MoveForm(Form):
    """A move from the board or the application page. A rejection also sends `reason`
    (a code from the company's list: the service checks it), an optional `note`,
    and `notify_candidate`, which is on unless sent as "false" (a form with a
    checkbox sends a hidden "false" before it, so an unticked box says no and a
    drag, which sends nothing, keeps the courteous email)."""

    from_stage = forms.ChoiceField(choices=Stage.choices, required=False)
    to_stage = forms.ChoiceField(
        choices=Stage.choices, error_messages={"invalid_choice": "“%(value)s” is not a stage."}
    )
    reason = forms.CharField(required=False, max_length=50)
    # Kept in the history; typed in the board's rejection dialog (a textarea).
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea)
    notify_candidate = forms.NullBooleanField(required=False)

    def clean_notify_candidate(self) -> bool:
        return self.cleaned_data["notify_candidate"] is not False


class RejectForm(Form):
    """The application page's rejection: one of the company's active reasons, an
    optional note for the team, and the courteous email, on unless unticked."""

    from_stage = forms.ChoiceField(choices=Stage.choices, required=False)
    reason = forms.ChoiceField(
        label="Reason",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a reason for the rejection."},
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
        help_text="Kept in the application's history for the team; the candidate never sees it.",
    )
    notify_candidate = forms.BooleanField(label="Send the candidate the courteous email", required=False, initial=True)

    def __init__(self, *args, reasons: Iterable[RejectionReason], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(reason.code, reason.label) for reason in reasons]


class RejectionReasonForm(Form):
    """A reason's name, when adding or renaming one (the service checks it is free)."""

    label = forms.CharField(label="Name", max_length=100, error_messages={"required": "Give the reason a name."})


class NoteForm(Form):
    body = forms.CharField(
        label="Add a note", widget=forms.Textarea(attrs={"rows": 3}), max_length=TEAM_NOTE_MAX_LENGTH, strip=True
    )


class GeneralReviewForm(Form):
    """A scorecard without an interview: the overall recommendation and notes."""

    # On the same scale, in the same order, as an interview's scorecard.
    recommendation = rating_field(
        "Your recommendation", required_message="Choose your recommendation, from strong no to strong yes."
    )
    notes = notes_field("Notes")


class RejectionReasonChangeForm(Form):
    """One change to one reason of the list; `label` goes with `rename`."""

    ACTIONS = ("rename", "up", "down", "deactivate", "reactivate", "remove")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    label = forms.CharField(required=False, max_length=100)
