"""Issue 3's acceptance, end to end in one browser: from a prescriber's referral to the CV.

A counsellor records a referral, accepts it, opens the pathway, writes two job wishes with ROME
codes from the picker, adds three steps, marks one done and sees it celebrated on the timeline,
adds a restricted note that a colleague of the same territory cannot see, and prints the CV.
Every page visited passes axe-core with no violation.
"""

import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from chemin.participants.models import Participant
from chemin.prescribers.enums import OrganisationKind
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

RESTRICTED_TEXT = "Mme Haddouche évoque des soucis de santé : à reprendre en entretien individuel."


@pytest.fixture
def prescriber(reference_data):
    organisation = PrescriberOrganisationFactory(
        name="France Travail Lens", kind=OrganisationKind.FRANCE_TRAVAIL
    )
    return PrescriberFactory(organisation=organisation, first_name="Grégoire", last_name="Vasseur")


def open_section(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role("link", name=name).click()
    expect(page.get_by_role("link", name=name, exact=True)).to_have_attribute("aria-current", "page")
    assert_accessible(page)


def record_and_accept_referral(page: Page) -> Participant:
    page.goto("/")
    page.get_by_role("link", name="Orientations").first.click()
    page.get_by_role("link", name="Enregistrer une orientation").click()
    assert_accessible(page)
    search = page.get_by_label("Référent·e qui oriente la personne")
    search.fill("vasseur")
    expect(page.get_by_role("button", name="Grégoire Vasseur")).to_be_visible()
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("[data-picker-chosen]")).to_have_text("Grégoire Vasseur (France Travail Lens)")
    page.get_by_label("Motif").fill("Mère isolée au RSA depuis 2022, souhaite travailler dans le commerce.")
    page.get_by_label("Prénom de la personne").fill("Samira")
    page.get_by_role("textbox", name="Nom de la personne", exact=True).fill("Haddouche")
    page.get_by_label("Date de naissance de la personne").fill("1989-04-12")
    page.get_by_label("Téléphone de la personne").fill("06 11 22 33 44")
    page.get_by_role("button", name="Enregistrer l’orientation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Orientation de Samira Haddouche")
    assert_accessible(page)

    page.get_by_label("Date du premier rendez-vous").fill(timezone.localdate().isoformat())
    page.get_by_label("La personne a donné son accord").check()
    page.get_by_role("button", name="Accepter et ouvrir l’accompagnement").click()
    participant = Participant.objects.get(last_name="Haddouche")
    expect(page).to_have_url(f"/personnes/{participant.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samira Haddouche")
    assert_accessible(page)
    return participant


def add_job_wish(page: Page, own_words: str, rome_search: str, rome_code: str, rome_label: str) -> None:
    page.get_by_role("link", name="Ajouter une piste").click()
    page.get_by_label("Le métier, avec les mots de la personne").fill(own_words)
    search = page.locator("#id_rome_job_1_search")
    search.press_sequentially(rome_search)
    expect(page.locator(f'#id_rome_job_1_results [data-picker-value="{rome_code}"]')).to_be_visible()
    page.locator(f'#id_rome_job_1_results [data-picker-value="{rome_code}"]').click()
    expect(page.locator("#id_rome_job_1")).to_have_value(rome_code)
    assert_accessible(page)
    page.get_by_role("button", name="Ajouter la piste").click()
    expect(page.get_by_text(f"Piste ajoutée : « {own_words} »")).to_be_visible()
    expect(page.get_by_text(rome_label).first).to_be_visible()


def add_step(page: Page, title: str) -> None:
    page.get_by_role("link", name="Ajouter une étape").click()
    page.get_by_role("textbox", name="Étape", exact=True).fill(title)
    page.get_by_label("La personne").check()
    page.get_by_role("button", name="Ajouter l’étape").click()
    expect(page.get_by_text(f"Étape ajoutée : {title}")).to_be_visible()


class TestFromReferralToCv:
    def test_a_counsellor_opens_a_pathway_the_person_writes(
        self, page: Page, browser, live_server, counsellor, colleague, prescriber
    ):
        log_in_as(page, live_server, counsellor)
        participant = record_and_accept_referral(page)

        open_section(page, "Projet professionnel")
        add_job_wish(page, "caissière au supermarché", "caissiere", "D1505", "Hôte / Hôtesse de caisse")
        add_job_wish(
            page,
            "préparer des commandes",
            "preparateur commandes",
            "N1103",
            "Préparateur / Préparatrice de commandes",
        )
        assert_accessible(page)

        open_section(page, "Étapes")
        for title in ["Mettre à jour le CV", "Ouvrir un compte France Travail", "Visiter le drive de Liévin"]:
            add_step(page, title)
        assert_accessible(page)
        page.get_by_role("button", name="Marquer comme franchie : Mettre à jour le CV").click()
        expect(page.locator("#step-announcer")).to_have_text("Bravo ! Étape franchie : Mettre à jour le CV")
        assert_accessible(page)

        open_section(page, "Fil du parcours")
        milestone = page.locator(
            ".timeline__event--milestone", has_text="Étape franchie : Mettre à jour le CV"
        )
        expect(milestone).to_have_count(1)
        expect(milestone).to_contain_text("Bravo ! Un pas de plus")
        # The steps still to take are on the timeline too, but not celebrated.
        expect(page.locator(".timeline__event--milestone", has_text="Ouvrir un compte")).to_have_count(0)
        expect(page.get_by_text("Orienté·e par Grégoire Vasseur", exact=False)).to_be_visible()

        open_section(page, "Notes")
        page.get_by_text("Ajouter une note").click()
        page.get_by_role("combobox", name="Visibilité", exact=True).select_option(
            label="Restreinte : référent·e et responsables"
        )
        page.get_by_label("Texte").fill(RESTRICTED_TEXT)
        page.get_by_role("button", name="Enregistrer la note").click()
        expect(page.get_by_text("Note ajoutée.")).to_be_visible()
        expect(page.get_by_text(RESTRICTED_TEXT)).to_be_visible()
        assert_accessible(page)

        # A colleague of the same territory opens the same file: the note is nowhere for them.
        other = browser.new_context(base_url=live_server.url, locale="fr-FR")
        colleague_page = log_in_as(other.new_page(), live_server, colleague)
        for section in ["notes/", "parcours/", ""]:
            colleague_page.goto(f"/personnes/{participant.pk}/{section}")
            expect(colleague_page.get_by_role("heading", level=1)).to_have_text("Samira Haddouche")
            expect(colleague_page.get_by_text(RESTRICTED_TEXT)).to_have_count(0)
        assert_accessible(colleague_page)
        other.close()

        open_section(page, "Compétences")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Télécharger le CV (PDF)").click()
        with open(download_info.value.path(), "rb") as pdf:
            text = PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
        assert "Samira Haddouche" in text
        assert "caissière au supermarché" in text
