"""Forms of the hiring team's interview pages. They check the input's shape (a date, a
time, a duration from the list, interviewers from the company's team); the services
decide the rest (a time that has passed, a busy interviewer, the application's stage).

Dates and times are typed in the scheduler's own time zone (the one active for the
request, from their profile) and leave the form as aware datetimes."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django import forms
from django.db.models import QuerySet
from django.forms.utils import from_current_timezone
from django.utils import timezone

from ats import workflow
from ats.forms.base import Form
from ats.models import Interview, User
from ats.services.interviews import DEFAULT_TITLE, LOCATION_MAX_LENGTH, TITLE_MAX_LENGTH, VIDEO_LINK_MAX_LENGTH

# How many times the offer page shows at first; the rest, up to SLOTS_MAX, sit behind "More times".
OFFER_ROWS_SHOWN = 5


def duration_label(minutes: int) -> str:
    """A duration as people say it: "45 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} minutes"
    spoken = f"{hours} hour{'s' if hours > 1 else ''}"
    return f"{spoken} {rest} minutes" if rest else spoken


def _date_field(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter a date, such as 2026-03-03.", **kwargs.pop("error_messages", {})},
        **kwargs,
    )


def _time_field(**kwargs) -> forms.TimeField:
    return forms.TimeField(
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time, such as 14:30.", **kwargs.pop("error_messages", {})},
        **kwargs,
    )


def _moment(day: date, at: time) -> datetime:
    """A day and a time on the clock of the active time zone, as an aware datetime
    (a ValidationError for a time the zone skips or repeats at a clock change)."""
    return from_current_timezone(datetime.combine(day, at))


class InterviewerField(forms.ModelMultipleChoiceField):
    """The company's team as checkboxes, by name (never the username), the user marked "(you)"."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, me: User | None = None, **kwargs) -> None:
        self.me = me
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: User) -> str:
        you = " (you)" if self.me is not None and obj.pk == self.me.pk else ""
        return f"{obj.display_name}{you} · {obj.get_role_display()}"


class _InterviewForm(Form):
    """What every interview has: a title, a length, its interviewers, a place or a link."""

    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        initial=DEFAULT_TITLE,
        error_messages={"required": "Give the interview a title, such as “Technical interview”."},
    )
    duration = forms.TypedChoiceField(
        label="Duration",
        coerce=int,
        initial=workflow.INTERVIEW_DEFAULT_MINUTES,
        error_messages={"invalid_choice": "Choose a duration from the list."},
    )
    interviewers = InterviewerField(
        label="Interviewers",
        queryset=User.objects.none(),
        error_messages={
            "required": "Choose at least one interviewer.",
            "invalid_choice": "Choose interviewers from your company's team.",
            "invalid_pk_value": "Choose interviewers from your company's team.",
        },
    )
    location = forms.CharField(
        label="Place",
        required=False,
        max_length=LOCATION_MAX_LENGTH,
        help_text="A room or an address, for an interview in person.",
    )
    video_link = forms.URLField(
        label="Video link",
        required=False,
        max_length=VIDEO_LINK_MAX_LENGTH,
        assume_scheme="https",
        help_text="For a call: the meeting's web address, such as https://meet.example.com/abc-defg.",
        error_messages={"invalid": "Enter the video link as a full web address, such as https://meet.example.com/abc."},
    )

    def __init__(self, *args, interviewers: QuerySet[User], me: User, durations: Iterable[int] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        team = self.fields["interviewers"]
        assert isinstance(team, InterviewerField)
        team.queryset, team.me = interviewers, me
        # An interview planned elsewhere (the API) may last a length the list doesn't have: keep it on offer.
        minutes = sorted({*workflow.INTERVIEW_DURATION_CHOICES, *durations})
        duration = self.fields["duration"]
        assert isinstance(duration, forms.TypedChoiceField)
        duration.choices = [(value, duration_label(value)) for value in minutes]
        for name in self.fields:
            if name.endswith("date"):
                self.fields[name].widget.attrs["min"] = timezone.localdate().isoformat()

    def details(self) -> dict:
        """The cleaned input as the services take it (besides the time or times)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "duration": data["duration"],
            "interviewers": list(data["interviewers"]),
            "location": data["location"],
            "video_link": data["video_link"],
        }


class InterviewScheduleForm(_InterviewForm):
    """One time: a date and a start time in the scheduler's time zone."""

    date = _date_field(label="Date", error_messages={"required": "Choose the interview's date."})
    start_time = _time_field(label="Start time", error_messages={"required": "Choose the interview's start time."})
    field_order = ["title", "date", "start_time", "duration", "interviewers", "location", "video_link"]

    @classmethod
    def initial_for(cls, interview: Interview) -> dict:
        """A scheduled interview's values, its time on the clock of the active time zone."""
        assert interview.starts_at is not None
        starts = timezone.localtime(interview.starts_at)
        return {
            "title": interview.title,
            "date": starts.date(),
            "start_time": starts.time().replace(second=0, microsecond=0),
            "duration": interview.duration,
            "interviewers": [user.pk for user in interview.interviewers.all()],
            "location": interview.location,
            "video_link": interview.video_link,
        }

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        day, at = cleaned.get("date"), cleaned.get("start_time")
        if day and at:
            try:
                cleaned["starts_at"] = _moment(day, at)
            except forms.ValidationError as error:
                self.add_error("start_time", error)
        return cleaned


class InterviewOfferForm(_InterviewForm):
    """Several times for the candidate to pick from: rows of a date and a start time,
    of which the empty ones are left out (the service wants 2 to 10)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate().isoformat()
        for number in range(1, workflow.SLOTS_MAX + 1):
            self.fields[f"slot_{number}_date"] = _date_field(
                label=f"Option {number}: date",
                required=False,
                error_messages={"invalid": f"Enter option {number}'s date, such as 2026-03-03."},
            )
            self.fields[f"slot_{number}_date"].widget.attrs["min"] = today
            self.fields[f"slot_{number}_time"] = _time_field(
                label=f"Option {number}: start time",
                required=False,
                error_messages={"invalid": f"Enter option {number}'s start time, such as 14:30."},
            )

    def _rows(self, numbers: range) -> list[dict]:
        return [
            {"number": number, "date": self[f"slot_{number}_date"], "time": self[f"slot_{number}_time"]}
            for number in numbers
        ]

    def rows_shown(self) -> list[dict]:
        """The rows of times the page shows at first."""
        return self._rows(range(1, OFFER_ROWS_SHOWN + 1))

    def rows_more(self) -> list[dict]:
        """The other rows, up to SLOTS_MAX, behind "More times"."""
        return self._rows(range(OFFER_ROWS_SHOWN + 1, workflow.SLOTS_MAX + 1))

    def more_rows_used(self) -> bool:
        """Whether a row behind "More times" was filled in (its disclosure then opens by itself)."""
        return self.is_bound and any(
            self.data.get(f"slot_{number}_{part}")
            for number in range(OFFER_ROWS_SHOWN + 1, workflow.SLOTS_MAX + 1)
            for part in ("date", "time")
        )

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        slots = []
        for number in range(1, workflow.SLOTS_MAX + 1):
            day_name, time_name = f"slot_{number}_date", f"slot_{number}_time"
            if day_name in self.errors or time_name in self.errors:
                continue
            day, at = cleaned.get(day_name), cleaned.get(time_name)
            if day and at:
                try:
                    slots.append(_moment(day, at))
                except forms.ValidationError as error:
                    self.add_error(time_name, error)
            elif day:
                self.add_error(time_name, f"Give option {number} a start time too, or clear its date.")
            elif at:
                self.add_error(day_name, f"Give option {number} a date too, or clear its start time.")
        cleaned["slots"] = slots
        return cleaned
