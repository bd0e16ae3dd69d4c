"""What the product accepts as a resume, decided by the file's content, and the
words search reads in it.

The browser's content type and the file name are the sender's claims; the
bytes are the truth. A PDF starts with `%PDF-`; a DOCX is a zip archive that
holds `word/document.xml`. A Word file with macros (a `word/vbaProject.bin`
part, or a content type declared `macroEnabled`, as .docm and .dotm are) is
refused: a macro is a program, and a recruiter opens the file in Word.

A resume is a stranger's file, so reading its text is bounded: at most
RESUME_TEXT_MAX_PAGES pages (the first ones are read, the rest ignored), at most
RESUME_TEXT_MAX_CHARS characters kept (the rest cut), and a time budget checked
between pages and paragraphs (what was read when it runs out is kept). A DOCX's
zip is judged by the sizes it declares before anything is unpacked: Python's
zipfile never returns more than an entry declares, so a zip bomb is refused
without being read.
"""

import io
import re
import time
import zipfile
import zlib
from collections.abc import Iterator

import docx
import pypdf
from django.conf import settings
from django.core.files.base import ContentFile, File
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell

from ats.exceptions import ATSError


class InvalidResume(ATSError):
    pass


class ResumeTextUnavailable(ATSError):
    """The resume's text can't be read: not a readable PDF or DOCX, over a limit,
    protected, or without text (a scanned image). The message says why, plainly."""


PDF = "pdf"
DOCX = "docx"


def resume_kind(upload: File) -> str | None:
    """Return "pdf" or "docx" by sniffing the content, or None for anything else."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return PDF
    if head[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX
    return None


MACROS_MESSAGE = "Word files with macros are not accepted: save it as a plain .docx or a PDF."
# [Content_Types].xml lists a few dozen parts; one larger than this is not a Word file's.
_CONTENT_TYPES_MAX_BYTES = 1_048_576


def docx_has_macros(upload: File) -> bool:
    """Whether the DOCX `upload` carries macros: a `vbaProject.bin` part anywhere, or a
    macro-enabled content type in its `[Content_Types].xml` (read only when it declares
    a plausible size; an oversized one counts as macros, the safe side)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if any(name.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for name in archive.namelist()):
                return True
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                return True
            content_types = archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return True
    finally:
        upload.seek(0)
    return b"macroenabled" in content_types.lower()


def resume_too_large_message() -> str:
    """What the sender of a resume past the limit is told when it was stopped while
    being sent (ats.middleware): the rest was never read, so its size is unknown."""
    return (
        f"The resume is larger than {settings.ATS_RESUME_MAX_BYTES // 1_048_576} MB, the limit. "
        "Please upload a smaller file."
    )


def validate_resume(upload: File) -> str:
    """Raise InvalidResume unless `upload` is a PDF or a DOCX without macros within the size
    limit; return its kind."""
    limit = settings.ATS_RESUME_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise InvalidResume(
            f"Your resume is {upload.size / 1_048_576:.1f} MB; the limit is {limit // 1_048_576} MB. "
            "Please upload a smaller file."
        )
    if upload.size == 0:
        raise InvalidResume("Your resume file is empty. Please choose the file again.")
    kind = resume_kind(upload)
    if kind is None:
        raise InvalidResume("Your resume must be a PDF or a Word (.docx) document.")
    if kind == DOCX and docx_has_macros(upload):
        raise InvalidResume(MACROS_MESSAGE)
    return kind


RESUME_TEXT_MAX_PAGES = 50
RESUME_TEXT_MAX_CHARS = 100_000
RESUME_TEXT_TIME_BUDGET_SECONDS = 10.0
# A DOCX is judged by what its zip declares, before python-docx unpacks it. A real
# resume is a few dozen entries and well under a megabyte once unpacked.
DOCX_MAX_ENTRIES = 1000
DOCX_MAX_UNPACKED_BYTES = 20 * 1024 * 1024
DOCX_MAX_DOCUMENT_XML_BYTES = 10 * 1024 * 1024
# pypdf's own bound on a decompressed stream is 75 MB; a page's content is a few
# kilobytes. pypdf reads its limits from a context variable, set while a resume is read.
PDF_MAX_STREAM_BYTES = 10 * 1024 * 1024

_PDF_LIMITS = pypdf.Configuration().with_overwrites(
    zlib_maximum_output_length=PDF_MAX_STREAM_BYTES,
    lzw_maximum_output_length=PDF_MAX_STREAM_BYTES,
    run_length_maximum_output_length=PDF_MAX_STREAM_BYTES,
    brotli_maximum_output_length=PDF_MAX_STREAM_BYTES,
    array_based_stream_maximum_output_length=PDF_MAX_STREAM_BYTES,
    stream_decoding_work_maximum_length=PDF_MAX_STREAM_BYTES * 4,
)

_KIND_NAMES = {PDF: "PDF", DOCX: "Word document"}
_LINE_BREAKS = re.compile(r"\r\n?|[\v\f\x85\u2028\u2029]")
# Control characters other than newline (tab is whitespace, below), and lone
# surrogates, which neither PostgreSQL nor UTF-8 can store. search.py uses \x02 and
# \x03 as its highlight markers, so no stored text may keep them.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_SPACES_AROUND_BREAKS = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{3,}")
_LAST_WORD = re.compile(r"\S+$")


def resume_text_extract(file: File) -> str:
    """The words of a PDF or DOCX resume, as plain text: control characters dropped,
    runs of spaces made one, paragraphs apart by a blank line, within the limits above.

    Raises ResumeTextUnavailable, with the reason, for anything it can't read: another
    kind of file, a damaged or hostile one, a zip that declares too much, a
    password, or no text at all (a scanned image). Nothing else escapes for the
    file's content, whatever the parsers raise.
    """
    limit = settings.ATS_RESUME_MAX_BYTES
    file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise ResumeTextUnavailable(f"the file is larger than {limit // 1_048_576} MB")
    kind = resume_kind(ContentFile(data))
    if kind is None:
        raise ResumeTextUnavailable("the file is neither a PDF nor a Word (.docx) document")
    name = _KIND_NAMES[kind]
    try:
        with pypdf.apply_configuration(_PDF_LIMITS):
            return _collect(_pdf_chunks(data) if kind == PDF else _docx_chunks(data), name=name)
    except ResumeTextUnavailable:
        raise
    except Exception as error:  # parsers fed hostile bytes raise anything: IndexError, KeyError, RecursionError...
        raise ResumeTextUnavailable(f"the {name} could not be read ({type(error).__name__})") from error


def resume_text_clean(text: str) -> str:
    """`text` without control characters, one space for each run of spaces, no space
    at either end of a line, and at most one blank line in a row."""
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
    text = _SPACES_AROUND_BREAKS.sub("\n", _SPACES.sub(" ", text))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _collect(chunks: Iterator[str], *, name: str) -> str:
    """The chunks (pages, paragraphs: each is read when asked for) cleaned and joined
    as paragraphs. Reading stops when RESUME_TEXT_MAX_CHARS are kept (the text is cut
    there, between words) or when the time budget is spent (what was read is kept)."""
    deadline = time.monotonic() + RESUME_TEXT_TIME_BUDGET_SECONDS
    kept: list[str] = []
    length = 0
    for chunk in chunks:
        cleaned = resume_text_clean(chunk)
        if cleaned:
            kept.append(cleaned)
            length += len(cleaned) + 2
        if length > RESUME_TEXT_MAX_CHARS:
            break
        if time.monotonic() > deadline:
            if not kept:
                raise ResumeTextUnavailable(
                    f"reading the {name} took longer than {RESUME_TEXT_TIME_BUDGET_SECONDS:.0f} seconds"
                )
            break
    text = "\n\n".join(kept)
    if not text:
        raise ResumeTextUnavailable(f"the {name} holds no text (a scanned image?)")
    if len(text) <= RESUME_TEXT_MAX_CHARS:
        return text
    cut = text[:RESUME_TEXT_MAX_CHARS]
    if not text[RESUME_TEXT_MAX_CHARS].isspace():
        # Half a word would match searches that the whole word doesn't.
        cut = _LAST_WORD.sub("", cut)
    return cut.rstrip()


def _pdf_chunks(data: bytes) -> Iterator[str]:
    """The text of each of the first RESUME_TEXT_MAX_PAGES pages."""
    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    # Many PDFs are "encrypted" with an empty password, only to stop editing.
    if reader.is_encrypted and not reader.decrypt(""):
        raise ResumeTextUnavailable("the PDF is protected by a password")
    for number, page in enumerate(reader.pages):
        if number >= RESUME_TEXT_MAX_PAGES:
            return
        yield page.extract_text()


def _docx_chunks(data: bytes) -> Iterator[str]:
    """The text of each paragraph, table cells included, in the document's order.
    The zip's declared sizes are checked before python-docx opens it."""
    _docx_check_declared_sizes(data)
    yield from _docx_texts(docx.Document(io.BytesIO(data)))


def _docx_texts(container: DocxDocument | _Cell) -> Iterator[str]:
    """The paragraphs of a document or a table cell, tables (nested ones too) read row by row."""
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            # A merged cell comes once for each grid cell it spans (across and down):
            # read its XML element once. python-docx offers no public identity for it.
            seen: set[object] = set()
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_texts(cell)
        else:
            yield block.text


def _docx_check_declared_sizes(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    if len(entries) > DOCX_MAX_ENTRIES:
        raise ResumeTextUnavailable(f"the Word document holds {len(entries)} parts; the limit is {DOCX_MAX_ENTRIES}")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > DOCX_MAX_UNPACKED_BYTES:
        raise ResumeTextUnavailable(
            f"the Word document would unpack to {_megabytes(unpacked)}; "
            f"the limit is {_megabytes(DOCX_MAX_UNPACKED_BYTES)}"
        )
    body = next((entry for entry in entries if entry.filename == "word/document.xml"), None)
    if body is not None and body.file_size > DOCX_MAX_DOCUMENT_XML_BYTES:
        raise ResumeTextUnavailable(
            f"the Word document's text would unpack to {_megabytes(body.file_size)}; "
            f"the limit is {_megabytes(DOCX_MAX_DOCUMENT_XML_BYTES)}"
        )


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"
