"""Issue 5's acceptance for opportunities, in one browser: a business developer turns a call into a
job offer, sees the ranked candidates without barrier details, puts one forward; the referent
counsellor then sees the proposal on the person's timeline with the days to the first proposal.
Every page visited passes axe-core with no violation; the candidate list fits a 360 px phone.
"""

import pytest
from playwright.sync_api import Page, expect

from chemin.opportunities.models import Opportunity, Placement
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_no_horizontal_overflow
from tests.opportunities.factories import make_company, make_interaction, school_hours_cashier

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_call_becomes_an_offer_and_a_first_job_proposal(
    page: Page, live_server, reference_data, business_developer, counsellor, pathway
):
    participant = school_hours_cashier(pathway)
    company = make_company(pathway.territory, name="Drive Leclerc Lens")
    interaction = make_interaction(company, business_developer)

    log_in_as(page, live_server, business_developer)
    page.goto(f"/offres/echanges/{interaction.pk}/nouvelle/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle offre chez Drive Leclerc Lens")
    expect(page.get_by_text("Contact : Karine Delcourt.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code ROME").fill("D1505")
    page.get_by_label("Intitulé de l’offre").fill("Hôte de caisse en drive")
    page.locator("#id_contract_type").select_option(label="CDD")
    page.get_by_label("Heures par semaine").fill("24")
    page.get_by_label("Journée").check()
    page.get_by_label("Début à").fill("09:00")
    page.get_by_label("Fin à").fill("16:00")
    page.get_by_label("Desservi par les transports en commun").check()
    page.get_by_role("button", name="Enregistrer l’offre").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats pour « Hôte de caisse en drive »")
    candidate = page.locator(".match", has_text="Nadia Benamar")
    expect(candidate).to_contain_text("Compatible")
    expect(candidate).to_contain_text("Seulement dans une plage horaire : de 09:00 à 16:30")
    content = page.content()
    for hidden in ["Contraintes familiales", "Mes enfants", "Crèche Les Petits Pas"]:
        assert hidden not in content
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    page.get_by_role("button", name="Proposer Nadia Benamar").click()
    expect(page.get_by_text("Nadia Benamar est positionné·e sur « Hôte de caisse en drive »")).to_be_visible()
    expect(candidate).to_contain_text("Proposée à la personne")
    assert_no_horizontal_overflow(page)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    opportunity = Opportunity.objects.get()
    assert opportunity.from_interaction_id == interaction.pk
    assert Placement.objects.get().pathway_id == pathway.pk

    log_in_as(page, live_server, counsellor)
    page.goto(f"/personnes/{participant.pk}/")
    expect(page.get_by_text("40 jours (proposition le")).to_be_visible()
    page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role("link", name="Parcours").click()
    proposal = page.get_by_text("Proposition d’emploi : Hôte de caisse en drive chez Drive Leclerc Lens")
    expect(proposal.first).to_be_visible()
    expect(page.get_by_text("Première proposition, J+40 après l’entrée").first).to_be_visible()
    assert_accessible(page)
