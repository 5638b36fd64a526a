"""Issue 4's acceptance, in one browser: a barrier lifted along the way with a local partner.

A counsellor records a childcare barrier with a "school hours only" constraint, sees the suggested
childcare partners nearest first, refers the person, records the outcome, lifts the barrier, and
the constraint ends with it. Every page visited passes axe-core with no violation.
"""

import pytest
from playwright.sync_api import Page, expect

from chemin.barriers.enums import BarrierStatus
from chemin.barriers.models import Barrier, JobConstraint
from chemin.partners.enums import PartnerKind, ReferralStatus
from chemin.partners.models import PartnerReferral
from chemin.referentials.models import Commune
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.partners.factories import AVION, BRUAY, LIEVIN, make_partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_childcare_barrier_is_lifted_with_the_nearest_partner(
    page: Page, live_server, reference_data, counsellor, pathway
):
    participant = pathway.participant
    participant.commune = Commune.objects.get(pk=LIEVIN)
    participant.save()
    territory = pathway.territory
    make_partner(territories=[territory], name="Relais petite enfance de Bruay", insee=BRUAY)
    make_partner(territories=[territory], name="Crèche Les Lucioles", insee=LIEVIN)
    make_partner(territories=[territory], name="Halte-garderie d’Avion", insee=AVION)
    # A partner for another barrier is not suggested for childcare.
    make_partner(
        territories=[territory],
        name="Auto-école sociale",
        kind=PartnerKind.MOBILITY_DRIVING_SCHOOL,
        categories=["23"],
    )
    log_in_as(page, live_server, counsellor)

    page.goto(f"/personnes/{participant.pk}/")
    page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role("link", name="Freins").click()
    page.get_by_role("link", name="Repérer un frein").click()
    page.get_by_label("Catégorie").select_option(label="Contraintes familiales")
    page.get_by_label("Situation type").select_option(
        label="Enfant(s) de moins de 3 ans sans solution de garde"
    )
    page.get_by_label("Avec les mots de la personne").fill("Je ne peux travailler que pendant l’école.")
    page.get_by_label("Seulement dans une plage horaire", exact=True).check()
    page.get_by_label("Pas avant").fill("09:00")
    page.get_by_label("Pas après").fill("16:30")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le frein").click()
    expect(page.locator("#contraintes")).to_contain_text(
        "Seulement dans une plage horaire : de 09:00 à 16:30"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Trouver un partenaire").click()
    expect(page.get_by_role("heading", level=2, name="Partenaires suggérés")).to_be_visible()
    names = page.locator(".partner-card__name").all_inner_texts()
    assert names == ["Crèche Les Lucioles", "Halte-garderie d’Avion", "Relais petite enfance de Bruay"]
    assert_accessible(page)

    page.get_by_role("button", name="Orienter vers Crèche Les Lucioles").click()
    expect(page.get_by_text("est orientée vers Crèche Les Lucioles")).to_be_visible()
    page.get_by_role("link", name="Orientations vers des partenaires").first.click()
    page.get_by_role("link", name="Enregistrer la réponse — Crèche Les Lucioles").click()
    page.get_by_label("Réalisée").check()
    page.get_by_label("Résultat").fill("Place en crèche à vocation d’insertion à partir du 1er du mois.")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L’orientation est à jour.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role("link", name="Freins").click()
    page.get_by_role("link", name="Faire évoluer").click()
    page.get_by_label("Levé", exact=True).check()
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.get_by_role("status").first).to_contain_text("Frein levé : Contraintes familiales")
    expect(page.locator("#contraintes")).to_contain_text("Aucune contrainte pour l’emploi.")
    assert_accessible(page)

    barrier = Barrier.objects.get()
    assert barrier.status == BarrierStatus.LIFTED
    assert PartnerReferral.objects.get().status == ReferralStatus.DONE
    assert JobConstraint.objects.get().ended_on == barrier.status_changed_on
