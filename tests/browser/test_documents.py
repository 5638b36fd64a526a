"""A counsellor attaches documents to a participant file: a refused file says why, a PDF is listed
and downloads as it was sent."""

import pytest
from playwright.sync_api import Page, expect

from chemin.documents.models import Document
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone, assert_no_horizontal_overflow
from tests.documents.samples import EXE, PDF, files_on_disk

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_375 = {"width": 375, "height": 740}


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def choose_file(page: Page, name: str, data: bytes, mime_type: str) -> None:
    page.get_by_label("Fichier").set_input_files(
        files=[{"name": name, "mimeType": mime_type, "buffer": data}]
    )


class TestDocuments:
    def test_a_counsellor_adds_a_pdf_after_a_refused_file(
        self, page: Page, live_server, reference_data, pathway, counsellor, private_media
    ):
        log_in_as(page, live_server, counsellor)
        page.goto(f"/personnes/{pathway.participant_id}/")
        page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role(
            "link", name="Documents"
        ).click()
        expect(page.get_by_role("heading", level=2, name="Documents")).to_be_visible()
        expect(page.get_by_text("Aucun document pour l’instant.")).to_be_visible()
        assert_accessible(page)

        # A program renamed "cv.pdf", announced by the browser as a PDF.
        choose_file(page, "cv.pdf", EXE, "application/pdf")
        page.get_by_label("Type de document").select_option(label="CV")
        page.get_by_role("button", name="Ajouter le document").click()
        file_input = page.get_by_label("Fichier")
        expect(file_input).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#id_file_error")).to_have_text(
            "Ce fichier n’est ni un PDF, ni une image JPEG ou PNG, ni un document ODT ou DOCX : "
            "enregistrez-le dans l’un de ces formats, puis ajoutez-le à nouveau."
        )
        assert_accessible(page)
        assert not Document.objects.exists()
        assert files_on_disk(private_media) == []

        choose_file(page, "CV Nadia.pdf", PDF, "application/pdf")
        page.get_by_label("Type de document").select_option(label="CV")
        page.get_by_label("Titre").fill("CV 2026")
        page.get_by_role("button", name="Ajouter le document").click()
        expect(page.get_by_text("Document « CV 2026 » ajouté.")).to_be_visible()
        expect(page.get_by_role("heading", level=3, name="CV 2026")).to_be_visible()
        expect(page.get_by_text("CV Nadia.pdf (PDF, ")).to_be_visible()
        assert_accessible(page)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Télécharger CV 2026").click()
        download = download_info.value
        assert download.suggested_filename == "CV Nadia.pdf"
        with open(download.path(), "rb") as downloaded:
            assert downloaded.read() == PDF

        page.set_viewport_size(PHONE_375)
        assert_no_horizontal_overflow(page)
        assert_accessible(page)
        assert_fits_a_phone(page)
