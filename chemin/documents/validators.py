"""Checks on an uploaded file, made on its content: reused by every form that accepts a document
(participant files here, prescribers' online referrals next).

Neither the file's name nor the content type the browser sends say what a file is: both are
typed by whoever uploads it. The first bytes do. A file is accepted when

- it is not empty and not larger than ``settings.DOCUMENT_MAX_BYTES`` (the size counted by Django
  while receiving it, not the one the browser announced);
- its content is a PDF, a PNG or JPEG image, or an ODT or DOCX text document, recognised by its
  signature ("magic bytes") — read here, without libmagic;
- its name ends with an extension of that type, so a file opens with the right program once
  downloaded (a PDF named ``photo.png`` is refused; so is ``setup.exe`` renamed ``cv.pdf``).

ODT and DOCX files are ZIP archives: an ODT has a first entry ``mimetype`` naming the OpenDocument
text type; a DOCX has a ``[Content_Types].xml`` declaring a Word document's main part (a
macro-enabled .docm declares another type and is refused). Only those small entries are read,
never the whole archive, so a "ZIP bomb" costs nothing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# The ZIP entries read to recognise ODT and DOCX are a few hundred bytes; refuse to inflate more.
ZIP_ENTRY_MAX_BYTES = 64 * 1024


class UploadedContent(Protocol):
    """What the checks need of a file: Django's UploadedFile, File and ContentFile all fit."""

    name: str | None
    size: int

    def read(self, size: int = -1) -> bytes: ...

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def tell(self) -> int: ...


@dataclass(frozen=True)
class FileType:
    content_type: str
    # The first is the one given to the file when it is downloaded.
    extensions: tuple[str, ...]
    label: str | Promise


PDF = FileType("application/pdf", (".pdf",), _("PDF"))
PNG = FileType("image/png", (".png",), _("PNG image"))
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"), _("JPEG image"))
ODT = FileType("application/vnd.oasis.opendocument.text", (".odt",), _("ODT document"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), _("DOCX document")
)
ALLOWED_TYPES: tuple[FileType, ...] = (PDF, PNG, JPEG, ODT, DOCX)
TYPES_BY_CONTENT_TYPE: dict[str, FileType] = {
    file_type.content_type: file_type for file_type in ALLOWED_TYPES
}
# For the file input's accept attribute: the browser's file picker shows these first.
ACCEPT = ",".join(extension for file_type in ALLOWED_TYPES for extension in file_type.extensions)


def _zip_entry(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > ZIP_ENTRY_MAX_BYTES:
        return None
    # ZipFile never inflates more than the size the entry declares.
    return archive.read(info)


def _office_document_type(file: UploadedContent) -> FileType | None:
    try:
        with zipfile.ZipFile(file) as archive:  # type: ignore[arg-type]
            mimetype = _zip_entry(archive, "mimetype")
            if mimetype is not None and mimetype.strip() == ODT_MIMETYPE:
                return ODT
            content_types = _zip_entry(archive, "[Content_Types].xml")
            if content_types is not None and DOCX_MAIN_PART in content_types:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError):
        # A damaged archive, or an entry encrypted or compressed in a way Python does not read.
        return None
    return None


def detect_type(file: UploadedContent) -> FileType | None:
    """The type of the file's content, or None when it is none of the accepted ones. Leaves the
    file at its start."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _office_document_type(file)
        return None
    finally:
        file.seek(0)


def size_in_megabytes(size: int) -> str:
    """10485760 → "10", 5767168 → "5.5" (as the user's language writes it)."""
    megabytes = size / (1024 * 1024)
    return number_format(megabytes, decimal_pos=0 if megabytes == int(megabytes) else 1)


def validate_upload(file: UploadedContent, *, max_bytes: int | None = None) -> FileType:
    """Return the type of an acceptable file; raise ValidationError with a French message saying
    what is wrong otherwise (codes: empty, too_large, unsupported_type, extension_mismatch)."""
    limit = settings.DOCUMENT_MAX_BYTES if max_bytes is None else max_bytes
    if not file.size:
        raise ValidationError(gettext("This file is empty."), code="empty")
    if file.size > limit:
        raise ValidationError(
            gettext("This file is larger than %(size)s MB.") % {"size": size_in_megabytes(limit)},
            code="too_large",
        )
    file_type = detect_type(file)
    if file_type is None:
        raise ValidationError(
            gettext(
                "This file is neither a PDF, nor a JPEG or PNG image, nor an ODT or DOCX document: "
                "save it in one of these formats, then add it again."
            ),
            code="unsupported_type",
        )
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in file_type.extensions:
        raise ValidationError(
            gettext(
                "This file's name does not match its content (%(type)s): it should end with "
                "%(extension)s. Rename it, then add it again."
            )
            % {"type": file_type.label, "extension": file_type.extensions[0]},
            code="extension_mismatch",
        )
    return file_type
