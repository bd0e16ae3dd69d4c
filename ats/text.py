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
import unicodedata

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


# Names that look the same ---------------------------------------------------------------
#
# A name (a company's, a username) is stored normalised: NFKC (full-width letters,
# ligatures and the like become their plain form) without the invisible characters
# (format characters: zero-width spaces and joiners, the soft hyphen, bidi controls
# such as a right-to-left override). Two names look the same when their skeletons
# are equal: a small `skeleton()` in the spirit of Unicode TR39 (section 4), written
# here rather than taken from a library (confusable_homoglyphs detects mixed scripts
# but computes no skeleton; `confusables` is unmaintained since 2021). Its mapping is
# limited to the Cyrillic and Greek letters that look like Latin ones; full-width
# letters are NFKC's, and accents (combining marks) are dropped, so "Acmé" looks like
# "Acme". Letter case is ignored, as names are unique whatever their case.

_INVISIBLE_EXTRA = "\u115f\u1160\u3164\uffa0\u034f"  # Hangul fillers and the combining grapheme joiner: blank, not Cf.

# Each letter of the first string looks like the Latin letter at the same place in the second
# (written as escapes: the letters themselves can't be told apart in the source either).
_LOOKALIKE_FROM, _LOOKALIKE_TO = (
    (
        "\u0410\u0412\u0415\u0417\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423"  # ABE3KMHOPCTY
        "\u0425\u0405\u0406\u0408\u051a\u051c\u04ae\u04c0\u0430\u0432\u0435\u043a"  # XSIJQWYlabek
        "\u043c\u043d\u043e\u0440\u0441\u0442\u0443\u0445\u0455\u0456\u0458\u0501"  # mhopctyxsijd
        "\u04bb\u051b\u051d\u04cf\u04af\u044c\u0261\u0391\u0392\u0395\u0396\u0397"  # hqwlybgABEZH
        "\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03b1\u03b2\u03b3"  # IKMNOPTYXaby
        "\u03b5\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\u03f2\u03f3"  # eikvoptuxcj
    ),
    ("ABE3KMHOPCTYXSIJQWYlabekmhopctyxsijdhqwlybgABEZHIKMNOPTYXabyeikvoptuxcj"),
)
_LATIN_LOOKALIKES = str.maketrans(_LOOKALIKE_FROM, _LOOKALIKE_TO)


def normalize_name(text: str) -> str:
    """`text` as a name is stored: NFKC, without invisible characters, its spaces single, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf" and char not in _INVISIBLE_EXTRA)
    return " ".join(text.split())


def skeleton(text: str) -> str:
    """What `text` looks like: equal for two names a reader can't tell apart (see above)."""
    decomposed = unicodedata.normalize("NFD", normalize_name(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(_LATIN_LOOKALIKES).casefold())
