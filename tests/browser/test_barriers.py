"""A counsellor records a childcare barrier with a school-hours constraint, then lifts it: the
constraint ends with it. Every page passes axe-core and fits a phone."""

import pytest
from playwright.sync_api import Page, expect

from chemin.barriers.enums import BarrierStatus
from chemin.barriers.models import Barrier, JobConstraint
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


class TestBarriers:
    def test_counsellor_records_a_childcare_barrier_and_lifts_it(
        self, page: Page, live_server, reference_data, counsellor, pathway
    ):
        log_in_as(page, live_server, counsellor)
        page.goto(f"/personnes/{pathway.participant.pk}/freins/")
        expect(page.get_by_role("heading", level=2, name="Freins et contraintes")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        page.get_by_role("link", name="Repérer un frein").click()
        expect(page.get_by_role("heading", level=2, name="Repérer un frein")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)
        page.get_by_label("Catégorie").select_option(label="Contraintes familiales")
        # htmx brings the situations of that category only, without the consent date.
        situation = page.get_by_label("Situation type")
        expect(situation.locator("optgroup")).to_have_count(0)
        expect(page.get_by_label("Consentement de la personne recueilli le")).to_have_count(0)
        situation.select_option(label="Enfant(s) de moins de 3 ans sans solution de garde")
        page.get_by_label("Avec les mots de la personne").fill(
            "Ma fille a 18 mois, la crèche n’a pas de place."
        )
        page.get_by_label("Seulement dans une plage horaire", exact=True).check()
        page.get_by_label("Pas avant").fill("09:00")
        page.get_by_label("Pas après").fill("16:30")
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer le frein").click()

        expect(page.get_by_role("status").first).to_contain_text("Frein repéré : Contraintes familiales")
        constraints = page.locator("#contraintes")
        expect(constraints).to_contain_text("Seulement dans une plage horaire : de 09:00 à 16:30")
        expect(page.get_by_text("« Ma fille a 18 mois, la crèche n’a pas de place. »")).to_be_visible()
        page.get_by_text("Historique").first.click()
        assert_accessible(page)
        assert_fits_a_phone(page)

        page.get_by_role("link", name="Faire évoluer").click()
        expect(page.get_by_role("heading", level=2, name="Faire évoluer le frein")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)
        page.get_by_label("Levé", exact=True).check()
        page.get_by_label("Commentaire (facultatif)").fill("Place en crèche à vocation d’insertion obtenue.")
        page.get_by_role("button", name="Enregistrer le statut").click()

        expect(page.get_by_role("status").first).to_contain_text(
            "Bravo ! Frein levé : Contraintes familiales"
        )
        expect(constraints).to_contain_text("Aucune contrainte pour l’emploi.")
        expect(page.get_by_role("heading", level=3, name="Freins levés ou abandonnés")).to_be_visible()
        assert_accessible(page)
        barrier = Barrier.objects.get()
        assert barrier.status == BarrierStatus.LIFTED
        assert JobConstraint.objects.get().ended_on == barrier.status_changed_on
