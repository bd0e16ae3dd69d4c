"""What free text typed into the product may hold, in one place for the forms
(ats.forms.base) and the API (ats.api.serializers).

A control character has no place in anything a person types: in a single-line
field (a name, a title, a place) not even a line break or a tab, which would
break an email's subject or a CSV row; in a multi-line field (a cover letter,
a note, a description) only line breaks and tabs. NUL is never stored
(PostgreSQL can't). A search box is not stored: its control characters are
dropped rather than refused.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Unicode's control characters (C0, DEL and C1) and its line and paragraph separators...
_SINGLE_LINE_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# ...of which text over several lines keeps the tab, the line feed, the carriage return and the separators.
_MULTI_LINE_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

SINGLE_LINE_MESSAGE = (
    "Remove the line breaks, tabs and other control characters from this field: it takes one line of text."
)
MULTI_LINE_MESSAGE = (
    "Remove the control characters (such as a NUL byte, often left by a copy from another program) "
    "from this text; line breaks and tabs are fine."
)


def has_control_characters(text: str) -> bool:
    """Whether `text` holds a control character, a line break included."""
    return bool(_SINGLE_LINE_REFUSED.search(text))


def drop_control_characters(text: str) -> str:
    """`text` with each control character (a line break included) turned into a space, trimmed:
    for search input, which is read, never stored."""
    return _SINGLE_LINE_REFUSED.sub(" ", text).strip()


@deconstructible
class ControlCharacterValidator:
    """Refuses text with a control character: any at all when `multi_line` is off,
    any but line breaks and tabs when it is on."""

    def __init__(self, *, multi_line: bool) -> None:
        self.multi_line = multi_line
        self.pattern = _MULTI_LINE_REFUSED if multi_line else _SINGLE_LINE_REFUSED
        self.message = MULTI_LINE_MESSAGE if multi_line else SINGLE_LINE_MESSAGE

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and self.pattern.search(value):
            raise ValidationError(self.message, code="control_characters")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multi_line == self.multi_line

    def __hash__(self) -> int:
        return hash((ControlCharacterValidator, self.multi_line))


validate_single_line = ControlCharacterValidator(multi_line=False)
validate_multi_line = ControlCharacterValidator(multi_line=True)
