"""The bulk bar's form (templates/ats/bulk/_bar.html): it checks the shape of the
input; the bulk service checks the rest with the single action's rules."""

from django import forms

from ats.forms.base import Form
from ats.services.bulk import NOTHING_SELECTED, bulk_kinds

EXPORT = "export"
# Django's own limit on fields in one POST is far above a page of the list; this one
# keeps a crafted form from carrying more ids than an action takes.
MAX_SELECTED_IDS = 1000


class ApplicationIdsField(forms.Field):
    """The row checkboxes' values (`applications`, one per ticked row): application ids."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": "The selection was not understood. Reload the page and select the applications again.",
        "too_many": f"Select at most {MAX_SELECTED_IDS} applications one by one, or all the matching ones.",
    }

    def to_python(self, value) -> list[int]:
        values = list(value or [])
        if len(values) > MAX_SELECTED_IDS:
            raise forms.ValidationError(self.error_messages["too_many"], code="too_many")
        try:
            ids = [int(item) for item in values]
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if any(item < 1 for item in ids):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return ids


def action_choices() -> list[tuple[str, str]]:
    """What the bar offers, in its order: the kinds that can run in bulk, then the export."""
    return [(str(kind.value), str(kind.label)) for kind in bulk_kinds()] + [(EXPORT, "Export as CSV")]


class BulkActionForm(Form):
    """One submit of the bulk bar: the action, the rows (ticked, or all that match
    the list's filters in `matching`), the rejection's fields, and the form's token."""

    action = forms.ChoiceField(
        error_messages={
            "required": "Choose what to do with the selected applications.",
            "invalid_choice": "“%(value)s” is not an action the list can take. Choose one from the menu.",
        }
    )
    applications = ApplicationIdsField(required=False)
    select_all = forms.BooleanField(required=False)
    # The list's query string (its filters), resolved again when the action starts.
    matching = forms.CharField(required=False, max_length=2000, strip=False)
    # The service checks the reason against the company's list and the note's length.
    reason = forms.CharField(required=False, max_length=100)
    note = forms.CharField(required=False, widget=forms.Textarea)
    notify_candidate = forms.BooleanField(required=False)
    # A tag action's tag: an id, which the view looks up among the user's company's tags.
    tag = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, error_messages={"invalid": "Choose a tag from the list."}
    )
    token = forms.UUIDField(
        error_messages={
            "required": "This form is out of date. Reload the page and try again.",
            "invalid": "This form is out of date. Reload the page and try again.",
        }
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = action_choices()

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("select_all") and not cleaned.get("applications") and "applications" not in self.errors:
            raise forms.ValidationError(NOTHING_SELECTED, code="nothing_selected")
        return cleaned

    @property
    def is_export(self) -> bool:
        return self.cleaned_data["action"] == EXPORT
