"""A counsellor opens the partners suggested for a childcare barrier, nearest first, refers the
person to the nearest, then records the outcome; every page passes axe and fits a phone."""

import pytest
from playwright.sync_api import Page, expect

from chemin.partners.enums import ReferralStatus
from chemin.partners.models import PartnerReferral
from chemin.referentials.models import Commune
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.partners.factories import AVION, BRUAY, LIEVIN, make_barrier, make_partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_counsellor_refers_to_the_nearest_childcare_partner(
    page: Page, live_server, reference_data, counsellor, pathway
):
    participant = pathway.participant
    participant.commune = Commune.objects.get(pk=LIEVIN)
    participant.save()
    barrier = make_barrier(pathway)
    territory = pathway.territory
    make_partner(territories=[territory], name="Relais petite enfance de Bruay", insee=BRUAY)
    make_partner(
        territories=[territory], name="Halte-garderie d'Avion", insee=AVION, services=["Accueil occasionnel"]
    )
    make_partner(territories=[territory], name="Crèche de Liévin", insee=LIEVIN)
    log_in_as(page, live_server, counsellor)

    page.goto(f"/personnes/{participant.pk}/partenaires/freins/{barrier.pk}/suggestions/")
    expect(page.get_by_role("heading", level=2, name="Partenaires suggérés")).to_be_visible()
    names = page.locator(".partner-card__name").all_inner_texts()
    assert names == ["Crèche de Liévin", "Halte-garderie d'Avion", "Relais petite enfance de Bruay"]
    assert_accessible(page)
    assert_fits_a_phone(page)

    page.get_by_role("button", name="Orienter vers Crèche de Liévin").click()
    expect(page.get_by_text("est orientée vers Crèche de Liévin")).to_be_visible()
    expect(page.get_by_text("Déjà orientée : en attente du résultat")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Orientations vers des partenaires").first.click()
    expect(page.get_by_role("cell", name="Crèche de Liévin", exact=True)).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)

    page.get_by_role("link", name="Enregistrer la réponse — Crèche de Liévin").click()
    page.get_by_label("Réalisée").check()
    page.get_by_label("Résultat").fill("Place en crèche obtenue à partir du 1er du mois.")
    assert_accessible(page)
    assert_fits_a_phone(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L’orientation est à jour.")).to_be_visible()
    expect(page.get_by_text("Place en crèche obtenue")).to_be_visible()
    assert_accessible(page)

    referral = PartnerReferral.objects.get()
    assert referral.status == ReferralStatus.DONE
    assert referral.outcome.startswith("Place en crèche")
