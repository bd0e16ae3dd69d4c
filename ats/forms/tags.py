"""Forms of the tags: the company's list, and tagging an application. They check the
shape of the input; the services decide (a name's length, case and duplicates)."""

from django import forms
from django.db.models import QuerySet

from ats.forms.base import Form
from ats.models import Tag
from ats.services.tags import TAG_NAME_MAX_LENGTH

NOT_ON_THE_LIST = "That tag is no longer on your company's list: reload the page to see the tags it has."


class TagForm(Form):
    """A tag's name, when adding one. The browser stops at the longest name; the
    service says what is wrong with one that got through."""

    name = forms.CharField(
        label="Name",
        help_text=f"At most {TAG_NAME_MAX_LENGTH} characters; letter case doesn't make two tags different.",
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": TAG_NAME_MAX_LENGTH, "autocomplete": "off"}),
        error_messages={"required": "Give the tag a name."},
    )


class TagChangeForm(Form):
    """One change to one tag of the list; `name` goes with `rename`."""

    ACTIONS = ("rename", "delete")

    action = forms.ChoiceField(choices=[(action, action) for action in ACTIONS])
    name = forms.CharField(required=False, strip=False)


class ApplicationTagForm(Form):
    """Put one of the company's tags on an application (`add`) or take one off (`remove`):
    one of the two, as a select's choice or a button's value."""

    add = forms.ModelChoiceField(
        queryset=Tag.objects.none(), required=False, error_messages={"invalid_choice": NOT_ON_THE_LIST}
    )
    remove = forms.ModelChoiceField(
        queryset=Tag.objects.none(), required=False, error_messages={"invalid_choice": NOT_ON_THE_LIST}
    )

    def __init__(self, *args, tags: QuerySet[Tag], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("add", "remove"):
            self.fields[name].queryset = tags  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        if self.errors:
            return data
        if bool(data.get("add")) == bool(data.get("remove")):
            raise forms.ValidationError("Choose one tag to add or remove.")
        return data
