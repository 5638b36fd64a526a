"""Small files of each kind, built in memory, for the upload tests."""

import io
import struct
import zipfile
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from chemin.documents.demo import minimal_pdf

PDF = minimal_pdf(["Nadia Benamar", "Curriculum vitae"])
# A Windows program: what an .exe renamed "cv.pdf" looks like inside.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
# The start of a JPEG (JFIF) file: what the checks read.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 32 + b"\xff\xd9"


def png() -> bytes:
    """A one-pixel white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = png()


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


def odt(mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    return _zip([("mimetype", mimetype), ("content.xml", b"<office:document-content/>")], stored_first=True)


def ooxml(main_part: str, document_path: str = "word/document.xml") -> bytes:
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{document_path}" ContentType="{main_part}"/></Types>'
    ).encode()
    return _zip([("[Content_Types].xml", content_types), (document_path, b"<w:document/>")])


DOCX = ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
# Word with macros (.docm) and an Excel workbook: ZIP files too, but not accepted.
DOCM = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml")
XLSX = ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "xl/workbook.xml")
ODT = odt()
ODS = odt(b"application/vnd.oasis.opendocument.spreadsheet")
PLAIN_ZIP = _zip([("notes.txt", b"hello")])


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """A file as the browser sends it; ``content_type`` is the browser's claim, never trusted."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def files_on_disk(root: Path) -> list[str]:
    """The files under ``root``, as paths relative to it."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())
