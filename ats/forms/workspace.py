"""Forms of the hiring team's workspace: they check the shape of the input; the services decide."""

from django import forms
from django.contrib.auth.password_validation import validate_password

from ats.models import Invitation, Job, User
from ats.services import TEAM_NOTE_MAX_LENGTH
from ats.workflow import NOTE_MAX_LENGTH, Stage


class JobForm(forms.ModelForm):
    class Meta:
        model = Job
        fields = ["title", "description", "location", "employment_type"]
        help_texts = {"location": "A city, or “Remote”. Leave empty for anywhere."}


class _NewAccountForm(forms.Form):
    first_name = forms.CharField(max_length=150, required=False, label="First name")
    last_name = forms.CharField(max_length=150, required=False, label="Last name")
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
        return {name: data[name] for name in ("username", "first_name", "last_name")} | {"password": data["password1"]}

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
    field_order = ["company_name", "first_name", "last_name", "email", "username", "password1", "password2"]


class InvitationAcceptForm(_NewAccountForm):
    pass


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email")
    role = forms.ChoiceField(label="Role", choices=[(role.value, role.label) for role in Invitation.TEAM_ROLES])


class AssignHiringManagerForm(forms.Form):
    hiring_manager = forms.ModelChoiceField(queryset=User.objects.none(), label="Hiring manager")

    def __init__(self, *args, hiring_managers, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["hiring_manager"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = hiring_managers


class MoveForm(forms.Form):
    from_stage = forms.ChoiceField(choices=Stage.choices, required=False)
    to_stage = forms.ChoiceField(
        choices=Stage.choices, error_messages={"invalid_choice": "“%(value)s” is not a stage."}
    )
    # Kept in the history; the stage service refuses a move that needs a reason without one.
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)


class RejectForm(forms.Form):
    from_stage = forms.ChoiceField(choices=Stage.choices, required=False)
    reason = forms.CharField(
        # The board's "Reject…" links to /workspace/applications/<pk>/#reject.
        widget=forms.Textarea(attrs={"rows": 3, "id": "reject"}),
        max_length=NOTE_MAX_LENGTH,
        help_text="Kept in the application's history for the team.",
        error_messages={"required": "Give a reason for the rejection."},
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label="Add a note", widget=forms.Textarea(attrs={"rows": 3}), max_length=TEAM_NOTE_MAX_LENGTH, strip=True
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        coerce=int,
        choices=[(5, "5 · excellent"), (4, "4 · good"), (3, "3 · mixed"), (2, "2 · weak"), (1, "1 · poor")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5."},
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=TEAM_NOTE_MAX_LENGTH)
