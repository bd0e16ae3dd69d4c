"""What the product accepts as a resume, decided by the file's content.

The browser's content type and the file name are the sender's claims; the
bytes are the truth. A PDF starts with `%PDF-`; a DOCX is a zip archive that
holds `word/document.xml`.
"""

import zipfile

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from ats.exceptions import ATSError


class InvalidResume(ATSError):
    pass


PDF = "pdf"
DOCX = "docx"


def resume_kind(upload: UploadedFile) -> str | None:
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


def validate_resume(upload: UploadedFile) -> str:
    """Raise InvalidResume unless `upload` is a PDF or DOCX within the size limit; return its kind."""
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
    return kind
