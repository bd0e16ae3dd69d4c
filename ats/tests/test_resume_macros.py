"""Word files with macros are refused as resumes, on the form, in the API, and in the admin
(which shows the resume and never takes a new one)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from ats.models import Application
from ats.resumes import MACROS_MESSAGE, InvalidResume, validate_resume

PLAIN_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
MACRO_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
)


def docx_upload(*, content_types: str = PLAIN_TYPES, extra: dict[str, bytes] | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return SimpleUploadedFile("cv.docx", buffer.getvalue(), content_type="application/octet-stream")


MACRO_FILES = {
    "vba-project": lambda: docx_upload(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"}),
    "macro-content-type": lambda: docx_upload(content_types=MACRO_TYPES),
    "vba-project-elsewhere": lambda: docx_upload(extra={"customXml/VBAPROJECT.BIN": b"macros"}),
}


def test_a_plain_docx_is_accepted():
    assert validate_resume(docx_upload()) == "docx"


@pytest.mark.parametrize("make", MACRO_FILES.values(), ids=MACRO_FILES.keys())
def test_a_word_file_with_macros_is_refused(make):
    with pytest.raises(InvalidResume) as refused:
        validate_resume(make())
    assert str(refused.value) == "Word files with macros are not accepted: save it as a plain .docx or a PDF."


@pytest.mark.django_db
@pytest.mark.parametrize("make", MACRO_FILES.values(), ids=MACRO_FILES.keys())
def test_the_apply_form_refuses_a_word_file_with_macros(client, job, candidate, make):
    client.force_login(candidate)
    response = client.post(
        f"/jobs/{job.pk}/apply/", {"resume": make(), "cover_letter": "", "accept_privacy_notice": "on"}
    )
    assert MACROS_MESSAGE in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_api_refuses_a_word_file_with_macros(job, candidate):
    api = APIClient()
    api.force_authenticate(candidate)
    response = api.post(
        "/api/applications/apply/",
        {"job": job.pk, "resume": MACRO_FILES["vba-project"](), "accept_privacy_notice": True},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == MACROS_MESSAGE
    assert not Application.objects.exists()


@pytest.mark.django_db
def test_the_admin_shows_the_resume_and_takes_no_new_file(admin_client, application):
    url = reverse("admin:ats_application_change", args=[application.pk])
    page = admin_client.get(url).content.decode()
    assert 'type="file"' not in page
    assert 'name="resume"' not in page

    before = application.resume.name
    admin_client.post(
        url,
        {"resume": MACRO_FILES["vba-project"](), "history-TOTAL_FORMS": "0", "history-INITIAL_FORMS": "1"},
    )
    application.refresh_from_db()
    assert application.resume.name == before
