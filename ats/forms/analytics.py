"""The analytics pages' filters: a period, a job (on the company's page) and a source,
read from the query string. A field with a bad value says what to fix and falls
back to its default; the others still apply."""

from datetime import date, timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone

from ats.forms.base import Form
from ats.forms.fields import DATE_BOUNDS
from ats.models import normalise_source
from ats.selectors.analytics import DEFAULT_PERIOD_DAYS, PERIOD_MAX_DAYS, Period

# The periods offered as one-click choices: (label, days back from today).
PRESETS = (("Last 30 days", 30), ("Last 90 days", 90), ("Last 12 months", 365))
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AnalyticsFilterForm(Form):
    start = forms.DateField(
        label="From",
        required=False,
        widget=DATE_INPUT,
        validators=DATE_BOUNDS,
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2026-09-01."},
    )
    end = forms.DateField(
        label="Until",
        required=False,
        widget=DATE_INPUT,
        validators=DATE_BOUNDS,
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2026-11-30."},
    )
    job = forms.TypedChoiceField(label="Job", required=False, coerce=int, empty_value=None)
    # Any source may be asked for, as on the candidates list.
    source = forms.CharField(label="Source", required=False, max_length=200, widget=forms.Select)

    def __init__(self, data: QueryDict, *, jobs: list[tuple[int, str]] | None, sources: list[str]) -> None:
        """`jobs` are the job filter's choices; None leaves the filter out (a job's own page)."""
        self.default_period = Period.last_days(DEFAULT_PERIOD_DAYS)
        data = data.copy()
        asked = normalise_source(data.get("source")) if data.get("source") else ""
        if asked:
            data["source"] = asked
        if not data.get("start") and not data.get("end"):
            # The fields show the period on screen.
            data["start"], data["end"] = self.default_period.start.isoformat(), self.default_period.end.isoformat()
        super().__init__(data)
        if jobs is None:
            del self.fields["job"]
        else:
            job_field = self.fields["job"]
            assert isinstance(job_field, forms.TypedChoiceField)
            job_field.choices = [("", "All jobs"), *jobs]
        if asked and asked not in sources:
            sources = sorted([*sources, asked])
        source_widget = self.fields["source"].widget
        assert isinstance(source_widget, forms.Select)
        source_widget.choices = [("", "All sources"), *((source, source) for source in sources)]

    def clean_source(self) -> str:
        source = self.cleaned_data["source"]
        return normalise_source(source) if source else ""

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        # A missing end is today; a missing start, 90 days before the end.
        end = cleaned.get("end") or self.default_period.end
        start = cleaned.get("start") or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        if start > end:
            if cleaned.get("end"):
                self.add_error("end", "The period ends before it starts: swap the dates.")
            else:
                self.add_error("start", "This is after today: choose an earlier start, or an end date too.")
        elif (end - start).days >= PERIOD_MAX_DAYS:
            self.add_error("start", "Choose a period of at most three years.")
        else:
            cleaned["period"] = Period(start=start, end=end)
        return cleaned

    def period(self) -> Period:
        """The period asked for; the last 90 days when a date is refused."""
        self.is_valid()
        return self.cleaned_data.get("period") or self.default_period

    def narrowing(self) -> tuple[int | None, str]:
        """The job (None: all) and the source ("": all) asked for; a refused one is left out."""
        self.is_valid()
        job = self.cleaned_data.get("job") if "job" not in self.errors else None
        source = self.cleaned_data.get("source", "") if "source" not in self.errors else ""
        return job, source

    def presets(self, today: date | None = None) -> list[dict]:
        """The one-click periods, each with its dates and whether it is the one shown."""
        shown = self.period()
        today = today or timezone.localdate()
        choices = []
        for label, days in PRESETS:
            period = Period.last_days(days, today=today)
            choices.append({"label": label, "start": period.start, "end": period.end, "current": period == shown})
        return choices
