"""The base of every form of ours, and its mixin (TextRules), which allauth's forms take in
ats.forms.allauth_forms: the rules of ats.text on every text field, whatever the form and
however its fields came to be (declared, from a model, or added in `__init__`).

A field shown as a textarea takes several lines; a password is a secret, never shown
or stored as typed, and keeps Django's own check (no NUL); every other text field
(an input, a select, a hidden field) takes one line."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from ats.text import validate_multi_line, validate_single_line


def apply_text_rules(fields: dict[str, forms.Field]) -> None:
    """Give each text field of `fields` (a form instance's own copies) its control-character check."""
    for field in fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        validator = validate_multi_line if isinstance(field.widget, forms.Textarea) else validate_single_line
        if validator not in field.validators:
            # Ours covers NUL too, and says what to fix: one message, not two.
            kept = [check for check in field.validators if not isinstance(check, ProhibitNullCharactersValidator)]
            field.validators = [*kept, validator]


class TextRules:
    """Mixed into a form: its text fields are checked by `apply_text_rules` when it is cleaned."""

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        apply_text_rules(self.fields)
        super().full_clean()  # type: ignore[misc]


class Form(TextRules, forms.Form):
    pass


class ModelForm(TextRules, forms.ModelForm):
    pass
