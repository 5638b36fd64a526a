"""A manager opens the agreement's dashboard, drills from "exits to durable employment" to the
people, downloads that list as XLSX (read back with openpyxl), then asks for the PDF report, which
the background worker prepares, and downloads it (its text read back with pypdf). Every page is
scanned with axe-core and checked at phone width."""

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.reporting.conftest import build_dataset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dataset(reference_data, territory, other_territory, counsellor, colleague, other_counsellor, manager):
    """tests/reporting/conftest.py's hand-built dataset, once the reference data is back."""
    return build_dataset(territory, other_territory, counsellor, colleague, other_counsellor, manager)


class TestReporting:
    def test_manager_drills_down_and_downloads_the_xlsx_and_the_pdf(
        self, page: Page, live_server, reference_data, dataset
    ):
        log_in_as(page, live_server, dataset.manager)
        page.goto("/")
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Indicateurs"
        ).click()
        expect(page.get_by_role("heading", level=1, name="Indicateurs")).to_be_visible()
        assert_accessible(page)

        # An end before the start is refused, in French, next to the field.
        page.get_by_label("Périmètre").select_option(
            label="Convention CD62-2025-014 — Département du Pas-de-Calais"
        )
        page.get_by_label("Du").fill("2025-09-30")
        page.get_by_label("Au").fill("2025-01-01")
        page.get_by_role("button", name="Afficher les chiffres").click()
        expect(
            page.get_by_text("La fin de la période (01/01/2025) est avant son début (30/09/2025).")
        ).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Du").fill("2025-01-01")
        page.get_by_label("Au").fill("2025-09-30")
        page.get_by_role("button", name="Afficher les chiffres").click()
        durable = page.get_by_role("row").filter(
            has=page.get_by_role("link", name="Sorties en emploi durable")
        )
        expect(durable).to_contain_text("33,3 %")
        expect(durable).to_contain_text("objectif atteint")
        expect(page.get_by_role("img", name="Sorties par catégorie")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        page.get_by_role("link", name="Sorties en emploi durable").click()
        expect(page.get_by_role("heading", level=1, name="Sorties en emploi durable")).to_be_visible()
        people = page.get_by_role("table", name="1 personne")
        expect(people).to_contain_text("Benamar Nadia")
        expect(people).not_to_contain_text("Haddad")
        assert_accessible(page)
        assert_fits_a_phone(page)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Cette liste (XLSX)").click()
        workbook = load_workbook(io.BytesIO(download_info.value.path().read_bytes()))
        rows = list(workbook.active.iter_rows(values_only=True))
        assert rows[0][:2] == ("Nom", "Prénom")
        assert [row[:2] for row in rows[1:]] == [("Benamar", "Nadia")]

        page.get_by_role("link", name="Retour aux indicateurs").click()
        page.get_by_role("button", name="Préparer le rapport PDF").click()
        expect(page.get_by_role("heading", level=1, name="Rapport PDF")).to_be_visible()
        expect(page.locator("#export-job")).to_contain_text("En attente de traitement")
        assert_accessible(page)

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        link = page.get_by_role("link", name="Télécharger rapport-CD62-2025-014-20250101-20250930.pdf")
        expect(link).to_be_visible(timeout=10_000)  # htmx polls the job every 2 seconds
        assert_accessible(page)
        assert_fits_a_phone(page)
        with page.expect_download() as download_info:
            link.click()
        reader = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert "CD62-2025-014" in text and "Département du Pas-de-Calais" in text
        assert "Sorties en emploi durable" in text and "33,3 %" in text
        assert "Entrées" in text and "66,7 %" in text
