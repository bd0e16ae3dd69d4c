"""Deleting one's own account, and the company's retention period."""

from django import forms

from ats.forms.base import Form
from ats.models import RETENTION_DAYS_MAX


class AccountDeleteForm(Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account."},
        help_text="The one you log in with: it shows that it is you asking.",
    )


class RetentionForm(Form):
    retention_days = forms.IntegerField(
        label="Keep the data for (days)",
        min_value=0,
        max_value=RETENTION_DAYS_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter a number of days, or 0 to keep the data.",
            "invalid": "Enter a whole number of days, such as 365.",
            "min_value": "Enter 0 or more days (0 keeps the data).",
            "max_value": f"Enter at most {RETENTION_DAYS_MAX} days (ten years).",
        },
        help_text=(
            "Days after an application is hired or rejected; then the candidate's name, contact details, resume, "
            "cover letter and your team's notes on it are erased, and the application stays in your statistics "
            "as “Deleted candidate”. 0 keeps them."
        ),
    )
