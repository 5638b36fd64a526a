"""A counsellor writes the person's job wishes with the ROME picker, changes one (its history
shows), then adds a step and marks it done from the list (htmx), where it is celebrated."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from chemin.jobwishes.models import JobWish
from chemin.referentials.models import RomeJob
from chemin.steps.models import Step
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.browser.axe import assert_accessible
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def reference_data(db):
    # Live-server tests flush the database after each test, reference data included: reload it.
    if not RomeJob.objects.exists():
        call_command("load_referentials", verbosity=0)


def log_in(page: Page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


class TestJobWishesAndSteps:
    def test_counsellor_writes_wishes_and_celebrates_a_step(
        self, page: Page, reference_data, counsellor, pathway
    ):
        participant = pathway.participant
        log_in(page, counsellor.email)

        page.goto(f"/personnes/{participant.pk}/projet/")
        expect(page.get_by_role("heading", level=2, name="Projet professionnel")).to_be_visible()
        assert_accessible(page)

        # A first wish, its main job chosen with the keyboard in the picker.
        page.get_by_role("link", name="Ajouter une piste").click()
        page.get_by_label("Le métier, avec les mots de la personne").fill("caissière au supermarché")
        search = page.locator("#id_rome_job_1_search")
        search.press_sequentially("caissiere")
        first_option = page.locator("#id_rome_job_1_results [data-picker-value]").first
        expect(first_option).to_have_attribute("data-picker-value", "D1505")
        search.press("ArrowDown")
        page.keyboard.press("Enter")
        expect(page.locator("#id_rome_job_1")).to_have_value("D1505")
        # A second code, typed by hand in the optional part.
        page.get_by_text("Ajouter d’autres métiers ROME (deux au plus)").click()
        page.locator("#id_rome_job_2").fill("D1507")
        page.get_by_label("CDD", exact=True).check()
        page.get_by_label("Temps partiel", exact=True).check()
        page.get_by_label("Trajet maximum accepté, en km (facultatif)").fill("10")
        assert_accessible(page)
        page.get_by_role("button", name="Ajouter la piste").click()

        expect(page.get_by_role("status").first).to_contain_text(
            "Piste ajoutée : « caissière au supermarché »"
        )
        expect(page.get_by_text("Hôte / Hôtesse de caisse")).to_be_visible()
        expect(page.get_by_text("Employé / Employée de rayon libre-service")).to_be_visible()
        assert_accessible(page)

        # A bad code is refused on its field, nothing is lost.
        page.get_by_role("link", name="Ajouter une piste").click()
        page.get_by_label("Le métier, avec les mots de la personne").fill("préparation de commandes")
        page.locator("#id_rome_job_1").fill("ZZ999")
        page.get_by_role("button", name="Ajouter la piste").click()
        expect(page.locator(".field__errors")).to_contain_text("ZZ999")
        expect(page.get_by_label("Le métier, avec les mots de la personne")).to_have_value(
            "préparation de commandes"
        )
        assert_accessible(page)
        page.locator("#id_rome_job_1").fill("N1103")
        page.get_by_role("button", name="Ajouter la piste").click()
        expect(page.get_by_text("Préparateur / Préparatrice de commandes")).to_be_visible()
        assert JobWish.objects.count() == 2

        # The person changes their mind: the wish keeps what they wanted before.
        page.get_by_role("link", name="Modifier « caissière au supermarché »").click()
        page.get_by_label("Le métier, avec les mots de la personne").fill("caissière en drive, le matin")
        page.get_by_role("button", name="Enregistrer les modifications").click()
        expect(page.get_by_text("Piste enregistrée.")).to_be_visible()
        history = page.get_by_text("Auparavant : 1 version précédente")
        history.click()
        expect(page.get_by_text("« caissière au supermarché » — D1505")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        # Steps: add one, then mark it done from the list.
        page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role(
            "link", name="Étapes"
        ).click()
        page.get_by_role("link", name="Ajouter une étape").click()
        page.get_by_role("textbox", name="Étape", exact=True).fill("Mettre à jour le CV")
        page.get_by_label("La personne").check()
        assert_accessible(page)
        page.get_by_role("button", name="Ajouter l’étape").click()
        expect(page.get_by_text("Étape ajoutée : Mettre à jour le CV")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("button", name="Marquer comme franchie : Mettre à jour le CV").click()
        expect(page.locator("#step-announcer")).to_have_text("Bravo ! Étape franchie : Mettre à jour le CV")
        row = page.locator("[data-step-row]", has_text="Mettre à jour le CV")
        expect(row).to_have_class(re.compile(r"step--done"))
        expect(row).to_be_focused()
        expect(row).to_contain_text("Étape franchie le")
        assert Step.objects.get().status == "done"
        assert_accessible(page)
        assert_fits_a_phone(page)
