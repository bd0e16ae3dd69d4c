"""The API's JSON parser: DRF's, with limits on what a body may hold.

Python's decoder recurses once per nested array or object, so a body of a few
thousand `[` ran out of stack (a RecursionError, a 500); and a number beyond a
double's range (`1e400`) became infinity, which no field expects. Both are a
400 here, before any view sees the data."""

import codecs
import math
import re
from itertools import accumulate

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import get_encoding  # type: ignore[attr-defined]  # not in the stubs
from rest_framework.utils import json

# Deeper than any request of ours (three levels at most) by far.
JSON_MAX_DEPTH = 64
TOO_DEEP = f"The JSON is nested too deeply: send at most {JSON_MAX_DEPTH} levels of arrays and objects."

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of the JSON `text` nest (0 for a bare value).

    Counted over the brackets outside strings, as the decoder meets them: exact for
    valid JSON, and never less than the depth the decoder reaches before an error."""
    brackets = _NOT_BRACKETS.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"The number {text} is too large.")
    return number


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # DRF's own charset check: text codecs only.
        encoding = get_encoding(parser_context or {})
        try:
            text = codecs.getreader(encoding)(stream).read()
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        if nesting_depth(text) > JSON_MAX_DEPTH:
            raise ParseError(TOO_DEEP)
        try:
            return json.loads(text, parse_float=_finite_float)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
