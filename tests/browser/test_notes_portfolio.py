"""A counsellor keeps notes, builds a skills portfolio with the person and prints the CV."""

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.jobwishes.factories import JobWishFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db(transaction=True)

RESTRICTED_TEXT = "Suivi psychologique en cours, ne pas évoquer en atelier."


class TestNotes:
    def test_a_restricted_note_is_kept_from_a_colleague(
        self, page: Page, browser, live_server, reference_data, pathway, counsellor, colleague
    ):
        NoteFactory(pathway=pathway, text="Entretien mensuel : Nadia a relancé deux employeurs.")
        log_in_as(page, live_server, counsellor)
        page.goto(f"/personnes/{pathway.participant_id}/notes/")
        expect(page.get_by_role("heading", level=2, name="Notes")).to_be_visible()
        assert_accessible(page)

        page.get_by_text("Ajouter une note").click()
        page.get_by_role("combobox", name="Visibilité", exact=True).select_option(
            label="Restreinte : référent·e et responsables"
        )
        page.get_by_label("Texte").fill(RESTRICTED_TEXT)
        page.get_by_role("button", name="Enregistrer la note").click()
        expect(page.get_by_text("Note ajoutée.")).to_be_visible()
        expect(page.get_by_text(RESTRICTED_TEXT)).to_be_visible()
        expect(page.locator("#note-count")).to_contain_text("2 notes")
        assert_accessible(page)

        page.get_by_label("Rechercher dans les notes").fill("psycho")
        expect(page.locator("#note-count")).to_contain_text("1 note correspond aux filtres")
        expect(page.get_by_text("Nadia a relancé deux employeurs")).to_have_count(0)
        assert_fits_a_phone(page)

        other = browser.new_context(base_url=live_server.url, locale="fr-FR")
        colleague_page = other.new_page()
        log_in_as(colleague_page, live_server, colleague)
        colleague_page.goto(f"/personnes/{pathway.participant_id}/notes/")
        expect(colleague_page.get_by_text("Nadia a relancé deux employeurs")).to_be_visible()
        expect(colleague_page.get_by_text(RESTRICTED_TEXT)).to_have_count(0)
        expect(colleague_page.locator("#note-count")).to_contain_text("1 note")
        colleague_page.get_by_label("Rechercher dans les notes").fill("psychologique")
        expect(colleague_page.locator("#note-count")).to_contain_text("0 note correspond aux filtres")
        other.close()


class TestPortfolio:
    def test_builds_the_portfolio_and_prints_the_cv(
        self, page: Page, live_server, reference_data, pathway, counsellor
    ):
        JobWishFactory(pathway=pathway, title_in_own_words="Caissière en supermarché", rome_codes=["D1505"])
        log_in_as(page, live_server, counsellor)
        page.goto(f"/personnes/{pathway.participant_id}/competences/")
        expect(page.get_by_role("heading", level=2, name="Expériences")).to_be_visible()
        assert_accessible(page)

        page.get_by_text("Ajouter une expérience").click()
        page.get_by_label("Type d’expérience").select_option(label="Vie familiale et quotidienne")
        page.get_by_label("Intitulé").fill("Mère au foyer pendant 6 ans")
        page.get_by_label("Date de début").fill("2018-09-01")
        page.get_by_label("Date de fin").fill("2017-09-01")
        page.get_by_role("button", name="Ajouter l’expérience").click()
        expect(
            page.get_by_text("La date de fin ne peut pas être antérieure à la date de début.")
        ).to_be_visible()
        expect(page.get_by_label("Intitulé")).to_have_value("Mère au foyer pendant 6 ans")
        assert_accessible(page)
        page.get_by_label("Date de fin").fill("2024-06-30")
        page.get_by_label("Description, avec les mots de la personne").fill(
            "Gestion du budget familial, organisation des rendez-vous des enfants."
        )
        page.get_by_role("button", name="Ajouter l’expérience").click()
        expect(page.get_by_text("Expérience ajoutée.")).to_be_visible()

        page.get_by_role("button", name="Ajouter Gestion d’un budget").click()
        expect(page.get_by_text("Compétence « Gestion d’un budget » ajoutée.")).to_be_visible()
        page.get_by_role("button", name="Valider Gestion d’un budget").click()
        expect(page.get_by_text("Compétence « Gestion d’un budget » validée.")).to_be_visible()
        expect(page.get_by_text("Validée par Alice Martin")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Télécharger le CV (PDF)").click()
        download = download_info.value
        assert download.suggested_filename == "CV-Nadia-Benamar.pdf"
        with open(download.path(), "rb") as pdf:
            reader = PdfReader(io.BytesIO(pdf.read()))
        text = reader.pages[0].extract_text()
        assert len(reader.pages) == 1
        for expected in [
            "Nadia Benamar",
            "Caissière en supermarché",
            "Mère au foyer pendant 6 ans",
            "Gestion d’un budget",
        ]:
            assert expected in text
