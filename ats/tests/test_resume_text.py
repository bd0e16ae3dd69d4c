"""Reading a resume's text (ats.resumes.resume_text_extract), storing it
(services.resume_text) and searching it (ats.search), with hostile files: a zip
bomb, garbage, a truncated file, too many pages, too much text, control characters.

Runs on both databases: on PostgreSQL the search reads the vector the service refreshed."""

import io
import logging
import time
import zipfile

import docx
import pypdf
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from ats import resumes, search
from ats.demo import resume_pdf
from ats.models import Application
from ats.resumes import ResumeTextUnavailable, resume_text_clean, resume_text_extract
from ats.services.applications import application_create
from ats.services.resume_text import application_resume_text_extract
from ats.tests import factories

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Far beyond resumes.DOCX_MAX_DOCUMENT_XML_BYTES and DOCX_MAX_UNPACKED_BYTES, yet a few hundred kilobytes packed.
BOMB_UNPACKED_BYTES = 128 * 1024 * 1024


def docx_bytes(*paragraphs: str, cells: tuple[str, ...] = ()) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cells:
        table = document.add_table(rows=1, cols=len(cells))
        for cell, text in zip(table.rows[0].cells, cells, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "resume.pdf") -> SimpleUploadedFile:
    content_type = DOCX_TYPE if name.endswith(".docx") else "application/pdf"
    return SimpleUploadedFile(name, content, content_type=content_type)


def applied_with(job, content: bytes, *, name: str = "resume.pdf", username: str = "applicant") -> Application:
    """An application made through the service, its resume waiting to be read."""
    candidate = factories.CandidateFactory(username=username, first_name="Pat", last_name="Doe")
    return application_create(candidate=candidate, job=job, resume=upload(content, name), cover_letter="Hello.")


def found(text: str) -> list[int]:
    return sorted(search.search_filter(Application.objects.all(), text).values_list("pk", flat=True))


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A real Word document whose word/document.xml is replaced by valid XML that
    unpacks to BOMB_UNPACKED_BYTES: millions of paragraphs for python-docx to load."""
    paragraphs = b"<w:p><w:r><w:t>bomb</w:t></w:r></w:p>" * 32 * 1024
    with zipfile.ZipFile(io.BytesIO(docx_bytes("Figma"))) as template:
        parts = {name: template.read(name) for name in template.namelist() if name != "word/document.xml"}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(BOMB_UNPACKED_BYTES // len(paragraphs)):
                body.write(paragraphs)
            body.write(b"</w:body></w:document>")
    assert len(out.getvalue()) < 1024 * 1024
    return out.getvalue()


# Search ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_a_word_only_inside_a_pdf_and_one_only_inside_a_docx(job):
    from_pdf = applied_with(job, resume_pdf([["Pat Doe", "Skills: Kubernetes, Terraform"]]), username="pdf")
    from_docx = applied_with(
        job, docx_bytes("Pat Doe", "Designer", cells=("Tools", "Figma")), name="resume.docx", username="docx"
    )
    # Nothing is searchable before the text is read: the words are only inside the files.
    assert found("Kubernetes") == found("Figma") == []

    assert application_resume_text_extract(application_id=from_pdf.pk) == "extracted"
    assert application_resume_text_extract(application_id=from_docx.pk) == "extracted"

    assert found("Kubernetes") == [from_pdf.pk]
    assert found("figma") == [from_docx.pk]
    assert found("Kubernetes Figma") == []
    snippets = search.snippets([from_pdf.pk, from_docx.pk], "kubernetes")
    assert list(snippets) == [from_pdf.pk]
    assert "<mark>Kubernetes</mark>" in snippets[from_pdf.pk]


@pytest.mark.django_db
def test_the_text_keeps_paragraphs_and_table_cells_in_the_document_s_order(job):
    application = applied_with(
        job,
        docx_bytes("Pat   Doe", "", "Backend\tengineer", cells=("Skills", "Python, Django")),
        name="resume.docx",
    )

    application_resume_text_extract(application_id=application.pk)

    application.refresh_from_db()
    assert application.resume_text == "Pat Doe\n\nBackend engineer\n\nSkills\n\nPython, Django"
    assert application.resume_text_status == Application.ResumeText.EXTRACTED


def test_a_merged_table_cell_is_read_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "Kubernetes"
    table.cell(0, 2).text = "Figma"
    out = io.BytesIO()
    document.save(out)

    assert resume_text_extract(ContentFile(out.getvalue())) == "Kubernetes\n\nFigma"


# Hostile and damaged files --------------------------------------------------------


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_in_well_under_a_second_and_the_application_is_kept(job, zip_bomb, caplog):
    application = applied_with(job, zip_bomb, name="resume.docx")

    started = time.monotonic()
    status = application_resume_text_extract(application_id=application.pk)
    elapsed = time.monotonic() - started

    assert elapsed < 1.0
    assert status == Application.ResumeText.UNAVAILABLE
    application.refresh_from_db()
    assert (application.resume_text_status, application.resume_text) == ("unavailable", "")
    assert application.resume.name.endswith(".docx")
    assert f"the resume text of application {application.pk} is not available" in caplog.text
    assert "the Word document would unpack to 128." in caplog.text


def test_a_docx_declaring_too_many_parts_is_refused_before_python_docx_opens_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(resumes.DOCX_MAX_ENTRIES):
            archive.writestr(f"word/media/{number}.xml", "")

    with pytest.raises(ResumeTextUnavailable, match=r"holds 1002 parts; the limit is 1000"):
        resume_text_extract(ContentFile(out.getvalue()))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.7\n" + bytes(range(256)) * 40, "the PDF could not be read"),
        (resume_pdf([["Kubernetes"]])[:120], "the PDF could not be read"),
        (b"%PDF-", "the PDF could not be read"),
        (docx_bytes("Figma")[:2000], "neither a PDF nor a Word"),
        (b"PK\x03\x04" + b"\0" * 100, "neither a PDF nor a Word"),
        (b"plain text that says Kubernetes", "neither a PDF nor a Word"),
    ],
    ids=["pdf-header-then-junk", "truncated-pdf", "header-only", "truncated-docx", "broken-zip", "not-a-resume"],
)
def test_garbage_raises_resume_text_unavailable_with_a_reason(content, reason):
    with pytest.raises(ResumeTextUnavailable, match=reason):
        resume_text_extract(ContentFile(content))


@pytest.mark.django_db
def test_a_garbage_pdf_is_kept_and_marked_unavailable_and_the_log_says_why_without_text(job, caplog):
    application = applied_with(job, b"%PDF-1.4\n" + b"Kubernetes (unbalanced << /junk [ " * 50)

    with caplog.at_level(logging.WARNING, logger="ats.services.resume_text"):
        assert application_resume_text_extract(application_id=application.pk) == "unavailable"

    application.refresh_from_db()
    assert application.resume_text_status == "unavailable"
    [record] = [record for record in caplog.records if record.name == "ats.services.resume_text"]
    assert record.getMessage().startswith(f"the resume text of application {application.pk} is not available: ")
    assert "Kubernetes" not in record.getMessage()
    assert found("Kubernetes") == []


def test_an_image_only_pdf_has_no_text_to_read():
    with pytest.raises(ResumeTextUnavailable, match=r"the PDF holds no text \(a scanned image\?\)"):
        resume_text_extract(ContentFile(resume_pdf([[], []])))


def test_only_the_first_50_pages_are_read():
    pages = [[f"Page{number}marker"] for number in range(1, resumes.RESUME_TEXT_MAX_PAGES + 6)]

    text = resume_text_extract(ContentFile(resume_pdf(pages)))

    assert "Page1marker" in text and "Page50marker" in text
    assert "Page51marker" not in text
    assert len(pypdf.PdfReader(io.BytesIO(resume_pdf(pages))).pages) == 55


def test_text_over_the_character_limit_is_cut_between_words():
    words = [f"word{number:05}" for number in range(12_000)]  # 10 characters each, 131,999 with spaces
    paragraphs = [" ".join(words[start : start + 20]) for start in range(0, len(words), 20)]

    text = resume_text_extract(ContentFile(docx_bytes(*paragraphs)))

    assert resumes.RESUME_TEXT_MAX_CHARS - 12 <= len(text) <= resumes.RESUME_TEXT_MAX_CHARS
    assert text.startswith("word00000 word00001")
    assert text.split()[-1] in words
    assert "word11999" not in text


def test_control_characters_are_dropped():
    pdf = resume_pdf([["Kube\x02rne\x00tes\x03 and\x1b Go\x7f"]])
    # The PDF's own text holds them: the extraction is what drops them.
    assert "\x02" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()

    assert resume_text_extract(ContentFile(pdf)) == "Kubernetes and Go"


def test_cleaning_keeps_paragraphs_and_makes_each_run_of_spaces_one():
    raw = "  Pat\u00a0\u00a0Doe \r\nBackend\tengineer\x0c\n\n\n\nPython\u2028Django\ud800\x85\x02Go  "

    assert resume_text_clean(raw) == "Pat Doe\nBackend engineer\n\nPython\nDjango\nGo"


def test_reading_stops_when_the_time_budget_is_spent_and_keeps_what_was_read(monkeypatch):
    monkeypatch.setattr(resumes, "RESUME_TEXT_TIME_BUDGET_SECONDS", -1.0)
    pages = [["First page"], ["Second page"], ["Third page"]]

    assert resume_text_extract(ContentFile(resume_pdf(pages))) == "First page"


def test_a_resume_too_large_for_the_upload_limit_is_not_read(settings):
    settings.ATS_RESUME_MAX_BYTES = 100

    with pytest.raises(ResumeTextUnavailable, match="larger than"):
        resume_text_extract(ContentFile(resume_pdf([["Kubernetes"] * 20])))


# The service ----------------------------------------------------------------------


@pytest.mark.django_db
def test_reading_twice_stores_the_same_text(job):
    application = applied_with(job, resume_pdf([["Kubernetes"]]))

    assert application_resume_text_extract(application_id=application.pk) == "extracted"
    assert application_resume_text_extract(application_id=application.pk) == "extracted"

    application.refresh_from_db()
    assert application.resume_text == "Kubernetes"
    assert found("kubernetes") == [application.pk]


@pytest.mark.django_db
def test_a_resume_missing_from_storage_is_unavailable(job):
    application = applied_with(job, resume_pdf([["Kubernetes"]]))
    application.resume.storage.delete(application.resume.name)

    assert application_resume_text_extract(application_id=application.pk) == "unavailable"

    application.refresh_from_db()
    assert (application.resume_text_status, application.resume_text) == ("unavailable", "")


@pytest.mark.django_db
def test_an_application_without_a_resume_is_none(application):
    Application.objects.filter(pk=application.pk).update(resume_text_status="pending")

    assert application_resume_text_extract(application_id=application.pk) == "none"

    application.refresh_from_db()
    assert application.resume_text_status == "none"


@pytest.mark.django_db
def test_an_application_that_no_longer_exists_changes_nothing(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert application_resume_text_extract(application_id=987654) == "none"


@pytest.mark.django_db
def test_a_resume_erased_while_it_was_read_does_not_get_its_text_back(job, monkeypatch):
    application = applied_with(job, resume_pdf([["Kubernetes"]]))

    def read_while_erased(file):
        Application.objects.filter(pk=application.pk).update(resume="", resume_text_status="none")
        return "Kubernetes"

    monkeypatch.setattr("ats.services.resume_text.resume_text_extract", read_while_erased)

    assert application_resume_text_extract(application_id=application.pk) == "none"

    application.refresh_from_db()
    assert (application.resume_text_status, application.resume_text) == ("none", "")


# What the team sees ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "shown", "hidden"),
    [
        ("unavailable", "Text not available: search can't look inside this resume", "Reading the text…"),
        ("pending", "Reading the text…", "Text not available"),
        ("extracted", None, "Text not available"),
    ],
)
def test_the_application_page_says_when_search_cannot_look_inside_the_resume(
    client, recruiter, job, status, shown, hidden
):
    application = applied_with(job, resume_pdf([["Kubernetes"]]))
    Application.objects.filter(pk=application.pk).update(resume_text_status=status)
    client.force_login(recruiter)

    html = client.get(f"/workspace/applications/{application.pk}/").content.decode()

    assert "Download resume" in html
    if shown:
        assert shown in html
    assert hidden not in html


@pytest.mark.django_db
def test_the_admin_shows_the_resume_text_status_without_letting_it_be_edited(client, superuser, job):
    application = applied_with(job, b"%PDF-1.4 junk")
    application_resume_text_extract(application_id=application.pk)
    client.force_login(superuser)

    html = client.get(f"/admin/ats/application/{application.pk}/change/").content.decode()

    assert "Text not available" in html
    assert 'name="resume_text_status"' not in html
