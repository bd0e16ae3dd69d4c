"""The candidates list's filters: what the URL's query string may say, checked."""

from django import forms
from django.http import QueryDict

from ats.forms.base import Form
from ats.forms.fields import DATE_BOUNDS, SearchField
from ats.models import Tag, User, normalise_source
from ats.search import QUERY_MAX_LENGTH
from ats.selectors.candidates import SORTS, candidate_sources, default_sort
from ats.selectors.jobs import jobs_of_company
from ats.workflow import BOARD_ORDER

# The fields that narrow the list (the sort and the page only order and cut it).
FILTER_FIELDS = ("q", "job", "stage", "source", "tag", "applied_from", "applied_to", "interview")


class CandidateFilterForm(Form):
    """Bound to the list's query string. Every field is optional; a field with a bad
    value says what to fix and is left out of the filters, the others still apply."""

    q = SearchField(
        label="Search",
        required=False,
        max_length=QUERY_MAX_LENGTH,
        help_text="Names, emails, cover letters and resumes. Every word must match.",
        error_messages={"max_length": f"Search for at most {QUERY_MAX_LENGTH} characters (this has %(show_value)d)."},
    )
    job = forms.TypedChoiceField(label="Job", required=False, coerce=int, empty_value=None)
    stage = forms.ChoiceField(label="Stage", required=False)
    # Any source may be asked for (the list of choices is cached, so may lag behind a new one).
    source = forms.CharField(label="Source", required=False, max_length=200, widget=forms.Select)
    tag = forms.TypedChoiceField(label="Tag", required=False, coerce=int, empty_value=None)
    applied_from = forms.DateField(
        label="Applied from",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_BOUNDS,
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2026-11-01."},
    )
    applied_to = forms.DateField(
        label="Applied until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=DATE_BOUNDS,
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2026-11-30."},
    )
    interview = forms.BooleanField(label="Has an upcoming interview", required=False)
    sort = forms.ChoiceField(required=False)

    def __init__(self, data: QueryDict, *, viewer: User) -> None:
        asked = normalise_source(data.get("source")) if data.get("source") else None
        if asked:
            # Shown as kept ("LinkedIn" is selected as "linkedin").
            data = data.copy()
            data["source"] = asked
        super().__init__(data)
        self.viewer = viewer
        choices: dict[str, list[tuple[object, str]]] = {
            "job": [("", "Any job"), *jobs_of_company(viewer).values_list("pk", "title")],
            "stage": [("", "Any stage"), *((stage, stage) for stage in BOARD_ORDER)],
            "tag": [("", "Any tag"), *((tag.pk, tag.name) for tag in Tag.objects.filter(company__members=viewer))],
            "sort": [(key, key) for key in SORTS],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options
        sources = candidate_sources(viewer)
        if asked and asked not in sources:
            sources = sorted([*sources, asked])
        source_widget = self.fields["source"].widget
        assert isinstance(source_widget, forms.Select)
        source_widget.choices = [("", "Any source"), *((source, source) for source in sources)]

    def clean_source(self) -> str:
        source = self.cleaned_data["source"]
        return normalise_source(source) if source else ""

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("applied_from"), cleaned.get("applied_to")
        if start and end and start > end:
            self.add_error("applied_to", "The end of the date range comes before its start: swap the dates.")
        return cleaned

    def filters(self) -> dict:
        """The valid filters and the sort, for `candidates_matching`."""
        self.is_valid()
        cleaned = self.cleaned_data
        chosen = {name: cleaned[name] for name in FILTER_FIELDS if cleaned.get(name) not in (None, "", False)}
        chosen["sort"] = cleaned.get("sort") or default_sort(searching=bool(chosen.get("q")))
        return chosen

    @property
    def is_filtered(self) -> bool:
        return any(name in self.filters() for name in FILTER_FIELDS)

    @property
    def filters_set(self) -> int:
        """How many filters besides the search are set (the folded filters' summary says so)."""
        return sum(1 for name in FILTER_FIELDS if name != "q" and name in self.filters())
