"""Reading the board's HTML as a browser would: the columns (`<section class="board-column"
data-stage="...">`) in page order, each with its own source and the ids of its cards.

Parsed with the standard library's HTML parser, so a column ends at its own
closing tag (nested sections included), whatever the attributes' order or the
markup's line breaks."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


def board_url(job) -> str:
    return f"/workspace/jobs/{job.pk}/board/"


def move_url(application) -> str:
    return f"/workspace/applications/{application.pk}/move/"


def menu_url(application, from_stage: str = "") -> str:
    """A card's menu, as board.js asks for it when the menu opens."""
    url = f"/workspace/applications/{application.pk}/menu/"
    return f"{url}?from_stage={from_stage}" if from_stage else url


@dataclass
class Column:
    html: str = ""
    card_ids: list[int] = field(default_factory=list)


class _BoardParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.line_starts = [0]
        for index, character in enumerate(source):
            if character == "\n":
                self.line_starts.append(index + 1)
        self.columns: dict[str, Column] = {}
        self.open_sections = 0
        # (stage, depth of its section, offset of its start tag) of the column being read
        self.current: tuple[str, int, int] | None = None

    def source_offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section":
            self.open_sections += 1
            classes = (attributes.get("class") or "").split()
            stage = attributes.get("data-stage")
            if self.current is None and "board-column" in classes and stage:
                assert stage not in self.columns, f"two {stage} columns"
                self.columns[stage] = Column()
                self.current = (stage, self.open_sections, self.source_offset())
        card_id = attributes.get("data-application-id")
        if self.current is not None and card_id:
            self.columns[self.current[0]].card_ids.append(int(card_id))

    def handle_endtag(self, tag: str) -> None:
        if tag != "section":
            return
        if self.current is not None and self.current[1] == self.open_sections:
            stage, _, start = self.current
            end = self.source.index(">", self.source_offset()) + 1
            self.columns[stage].html = self.source[start:end]
            self.current = None
        self.open_sections -= 1


def board_columns(html: str) -> dict[str, Column]:
    """The board's columns by stage, in the order the page shows them."""
    parser = _BoardParser(html)
    parser.feed(html)
    parser.close()
    assert parser.current is None, f"the {parser.current[0]} column is never closed"
    return parser.columns


def column_html(html: str, stage: str) -> str:
    columns = board_columns(html)
    assert stage in columns, f"no {stage} column"
    return columns[stage].html


def card_ids(html: str, stage: str) -> list[int]:
    columns = board_columns(html)
    assert stage in columns, f"no {stage} column"
    return columns[stage].card_ids
