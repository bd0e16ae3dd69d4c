"""Forms of the public job board and the candidate portal."""

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from ats.calendar import describe_time
from ats.forms.base import Form
from ats.forms.fields import SearchField
from ats.models import COVER_LETTER_MAX_LENGTH, InterviewSlot, Job
from ats.privacy import PRIVACY_NOTICE_VERSION
from ats.resumes import resume_too_large_message

# What the file picker offers first; the server still decides by content (ats/resumes.py).
RESUME_ACCEPT = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class JobSearchForm(Form):
    q = SearchField(
        label="Search jobs",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Title, skill, company or place", "autocomplete": "off"}
        ),
    )
    company = forms.TypedChoiceField(label="Company", required=False, coerce=int, empty_value=None)
    location = forms.ChoiceField(label="Location", required=False)
    type = forms.ChoiceField(
        label="Employment type", required=False, choices=[("", "Any type"), *Job.EmploymentType.choices]
    )

    def __init__(self, *args, companies: list[tuple[int, str]], locations: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        company, location = self.fields["company"], self.fields["location"]
        assert isinstance(company, forms.ChoiceField) and isinstance(location, forms.ChoiceField)
        company.choices = [("", "Any company"), *companies]
        location.choices = [("", "Anywhere"), *((place, place) for place in locations)]

    def filters(self) -> dict:
        """The search as keyword arguments for the selector. A value that isn't
        valid (an outdated shared link) is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "company_id": data.get("company"),
            "location": data.get("location") or "",
            "employment_type": data.get("type") or "",
        }


class ApplyForm(Form):
    resume = forms.FileField(
        label="Resume",
        widget=forms.FileInput(attrs={"accept": RESUME_ACCEPT}),
        error_messages={"required": "Choose your resume, a PDF or Word (.docx) file, to apply."},
    )
    cover_letter = forms.CharField(
        label="Cover letter",
        required=False,
        max_length=COVER_LETTER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    accept_privacy_notice = forms.BooleanField(
        label="I have read the privacy notice",
        error_messages={"required": "Tick the box to confirm you have read the privacy notice, then apply."},
    )

    def __init__(self, *args, resume_stopped: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit_mb = settings.ATS_RESUME_MAX_BYTES // 1_048_576
        self.fields["resume"].help_text = f"A PDF or Word (.docx) file, at most {limit_mb} MB."
        self.fields["accept_privacy_notice"].help_text = format_html(
            'The <a href="{}">privacy notice</a> (version {}) says what the company keeps, for how long, '
            "and how you can download or delete it.",
            reverse("privacy"),
            PRIVACY_NOTICE_VERSION,
        )
        if resume_stopped:
            # The resume was stopped past its limit while it was sent (ats.middleware),
            # so none arrived: the reason replaces "choose your resume".
            self.fields["resume"].error_messages["required"] = resume_too_large_message()


class SlotPickForm(Form):
    """The candidate picks one of the times offered for an interview, each shown
    in the candidate's own time zone. `slots` are the interview's: a slot of
    another interview is refused here, one that has passed or been taken by
    the service."""

    slot = forms.TypedChoiceField(
        label="Offered times",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose one of the offered times, then book it.",
            "invalid_choice": "That time isn't one of the times offered for this interview. "
            "Pick one of the times shown.",
        },
    )

    def __init__(self, *args, slots: Iterable[InterviewSlot], time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slots = {slot.pk: slot for slot in slots}
        field = self.fields["slot"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (slot.pk, describe_time(slot.starts_at, slot.ends_at, time_zone)) for slot in self.slots.values()
        ]

    def clean_slot(self) -> InterviewSlot:
        return self.slots[self.cleaned_data["slot"]]
