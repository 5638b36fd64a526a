"""The checks on an uploaded file's content (chemin/documents/validators.py)."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from chemin.documents.validators import DOCX, JPEG, ODT, PDF, PNG, detect_type, validate_upload
from tests.documents import samples
from tests.documents.samples import upload

SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"PK\x03\x04")


def refusal(file, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(file, **kwargs)
    return caught.value


class TestAcceptedFiles:
    @pytest.mark.parametrize(
        ("name", "data", "expected"),
        [
            ("cv.pdf", samples.PDF, PDF),
            ("photo.png", samples.PNG, PNG),
            ("scan.jpg", samples.JPEG, JPEG),
            ("scan.jpeg", samples.JPEG, JPEG),
            ("lettre.odt", samples.ODT, ODT),
            ("convention.docx", samples.DOCX, DOCX),
        ],
    )
    def test_recognises_each_accepted_type_by_its_content(self, name, data, expected):
        assert validate_upload(upload(name, data)) == expected

    def test_trusts_the_content_not_the_type_the_browser_announces(self):
        assert validate_upload(upload("cv.pdf", samples.PDF, content_type="text/html")) == PDF

    def test_reads_the_extension_whatever_its_case(self):
        assert validate_upload(upload("CV NADIA.PDF", samples.PDF)) == PDF

    def test_leaves_the_file_at_its_start_for_saving(self):
        file = upload("convention.docx", samples.DOCX)
        validate_upload(file)
        assert file.read() == samples.DOCX

    def test_accepts_a_file_of_exactly_the_size_limit(self, settings):
        settings.DOCUMENT_MAX_BYTES = 2048
        data = samples.PDF + b"%" * (2048 - len(samples.PDF))
        assert validate_upload(upload("cv.pdf", data)) == PDF


class TestRefusedFiles:
    def test_refuses_an_empty_file(self):
        error = refusal(upload("cv.pdf", b""))
        assert error.code == "empty"
        assert error.messages == ["Ce fichier est vide."]

    def test_refuses_a_file_over_ten_megabytes(self):
        error = refusal(upload("cv.pdf", samples.PDF + b"%" * (10 * 1024 * 1024)))
        assert error.code == "too_large"
        assert error.messages == ["Ce fichier dépasse 10 Mo."]

    def test_names_the_limit_set_for_the_server(self, settings):
        settings.DOCUMENT_MAX_BYTES = 5 * 1024 * 1024 + 512 * 1024
        error = refusal(upload("cv.pdf", samples.PDF + b"%" * settings.DOCUMENT_MAX_BYTES))
        assert error.messages == ["Ce fichier dépasse 5,5 Mo."]

    def test_a_caller_may_set_a_lower_limit(self):
        error = refusal(upload("cv.pdf", samples.PDF), max_bytes=100)
        assert error.code == "too_large"

    @pytest.mark.parametrize(
        ("name", "data"),
        [
            ("cv.pdf", samples.EXE),
            ("cv.pdf", samples.HTML),
            ("cv.docx", samples.XLSX),
            ("cv.docx", samples.DOCM),
            ("cv.odt", samples.ODS),
            ("cv.docx", samples.PLAIN_ZIP),
            ("cv.docx", b"PK\x03\x04 not really a zip archive"),
            ("cv.txt", b"Nadia Benamar, 12 rue des Mineurs"),
        ],
        ids=["exe-renamed-pdf", "html", "xlsx", "docm", "ods", "zip", "broken-zip", "text"],
    )
    def test_refuses_a_file_whose_content_is_not_an_accepted_type(self, name, data):
        error = refusal(upload(name, data, content_type="application/pdf"))
        assert error.code == "unsupported_type"
        assert error.messages == [
            "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG, ni un document ODT ou DOCX : "
            "enregistrez-le dans l’un de ces formats, puis ajoutez-le à nouveau."
        ]

    def test_refuses_a_pdf_renamed_as_an_image(self):
        error = refusal(upload("photo.png", samples.PDF, content_type="image/png"))
        assert error.code == "extension_mismatch"
        assert error.messages == [
            "Le nom de ce fichier ne correspond pas à son contenu (PDF) : il devrait se terminer "
            "par .pdf. Renommez-le, puis ajoutez-le à nouveau."
        ]

    def test_refuses_an_image_renamed_as_a_pdf(self):
        error = refusal(upload("cv.pdf", samples.PNG))
        assert error.code == "extension_mismatch"
        assert "(image PNG)" in error.messages[0]

    def test_refuses_a_file_without_an_extension(self):
        assert refusal(upload("cv", samples.PDF)).code == "extension_mismatch"

    @given(data=st.binary(min_size=1, max_size=64).filter(lambda data: not data.startswith(SIGNATURES)))
    def test_recognises_nothing_in_bytes_without_a_known_signature(self, data):
        assert detect_type(upload("file.pdf", data)) is None
