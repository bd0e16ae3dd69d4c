"""CSV downloads, streamed: the candidates' export and the analytics tables."""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection):
# such a cell gets a leading apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a spreadsheet should read it: nothing for None, and text that it would
    run as a formula (a name or a source is anyone's to choose) quoted."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A file that hands back what is written to it, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _lines(header: Sequence[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte order mark: spreadsheet programs then read the names' accents as UTF-8.
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(header: Sequence[str], rows: Iterable[Iterable[object]], *, filename: str) -> StreamingHttpResponse:
    """A CSV download of `rows` under `header`, written as it is read."""
    response = StreamingHttpResponse(_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: no cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
