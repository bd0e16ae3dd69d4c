"""Fields that several forms share."""

from datetime import date

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from ats.text import drop_control_characters

# Far enough from date's limits that a period's bounds, a day after its end, its weeks
# and months, and its start in any time zone never overflow.
DATE_RANGE = "Choose a date between the years 1900 and 9998."
DATE_BOUNDS = [MinValueValidator(date(1900, 1, 1), DATE_RANGE), MaxValueValidator(date(9998, 12, 31), DATE_RANGE)]


class SearchField(forms.CharField):
    """A search box's text. It is read, never stored: a control character in it
    (a NUL byte, a pasted line break) is dropped rather than refused."""

    def to_python(self, value) -> str:
        return drop_control_characters(super().to_python(value) or "")
