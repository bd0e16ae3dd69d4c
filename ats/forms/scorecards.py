"""Forms of scorecards: an interviewer's scorecard, built from the job's criteria, and
a job's list of criteria. They check the shape of the input; the services decide."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from ats import workflow
from ats.forms.base import Form
from ats.models import ScorecardCriterion
from ats.services.interviews import CRITERION_NAME_MAX_LENGTH


def rating_field(label: str, *, required_message: str) -> forms.TypedChoiceField:
    """A choice on the 4-point scale, from strong no (1) to strong yes (4)."""
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        choices=workflow.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": required_message,
            "invalid_choice": "Choose one of strong no, no, yes and strong yes.",
        },
    )


def notes_field(label: str, *, rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=workflow.SCORECARD_NOTES_MAX_LENGTH,
    )


class ScorecardForm(Form):
    """An interviewer's scorecard: one rating (`criterion_<id>`) and an optional note
    (`criterion_<id>_note`) per criterion of the job, in the job's order, then the
    overall recommendation and notes."""

    # The error summary prefixes each message with the field's label ("Communication: …").
    recommendation = rating_field(
        "Overall recommendation", required_message="Choose a recommendation, from strong no to strong yes."
    )
    notes = notes_field("Overall notes", rows=4)

    def __init__(self, *args, criteria: Sequence[ScorecardCriterion], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        per_criterion: dict[str, forms.Field] = {}
        for criterion in self.criteria:
            per_criterion[f"criterion_{criterion.pk}"] = rating_field(
                criterion.name, required_message="Choose a rating, from strong no to strong yes."
            )
            per_criterion[f"criterion_{criterion.pk}_note"] = notes_field(f"Notes on {criterion.name}", rows=2)
        self.fields = {**per_criterion, **self.fields}

    def criterion_rows(self) -> list[tuple[ScorecardCriterion, forms.BoundField, forms.BoundField]]:
        """Each criterion with its rating and note fields, for the template."""
        return [
            (criterion, self[f"criterion_{criterion.pk}"], self[f"criterion_{criterion.pk}_note"])
            for criterion in self.criteria
        ]

    def submission(self) -> dict[str, Any]:
        """The cleaned scorecard as `scorecard_submit` takes it."""
        data = self.cleaned_data
        return {
            "recommendation": data["recommendation"],
            "notes": data["notes"],
            "ratings": {criterion.pk: data[f"criterion_{criterion.pk}"] for criterion in self.criteria},
            "rating_notes": {criterion.pk: data[f"criterion_{criterion.pk}_note"] for criterion in self.criteria},
        }


_CRITERION_ROW = re.compile(r"name_\d+")


class CriteriaForm(Form):
    """A job's criteria as numbered rows (`name_1`, `name_2`, …): the filled ones first,
    then empty rows up to the most a job may have. Empty rows are left out; the
    service checks the rest (how many, how long, repeated). A form sent with more
    rows than that gets them all, so too many names are refused, never cut off."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, names: Sequence[str] = ()) -> None:
        super().__init__(data)
        sent = sum(1 for key in data or {} if _CRITERION_ROW.fullmatch(key))
        self.rows = max(workflow.CRITERIA_MAX, len(names), sent)
        for number in range(1, self.rows + 1):
            self.fields[f"name_{number}"] = forms.CharField(
                label=f"Criterion {number}",
                required=False,
                max_length=CRITERION_NAME_MAX_LENGTH,
                initial=names[number - 1] if number <= len(names) else "",
            )

    def names(self) -> list[str]:
        """The names in the rows' order, empty rows left out."""
        names = (self.cleaned_data[f"name_{number}"] for number in range(1, self.rows + 1))
        return [name for name in names if name]
