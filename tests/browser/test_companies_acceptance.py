"""Issue 5's acceptance, in one browser, from the daily call to the first job proposal.

A business developer logs a call with a company, creates a job offer from it in one step, sees the
candidates ranked without any barrier detail, and puts one forward; the referent counsellor then
finds the proposal on the person's timeline with the days from entry to the first proposal.
Every page visited passes axe-core with no violation.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.companies.models import CompanyContact
from chemin.opportunities.models import Placement
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.opportunities.factories import make_company, school_hours_cashier

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_daily_call_becomes_a_first_job_proposal(
    page: Page, live_server, reference_data, business_developer, counsellor, pathway
):
    participant = school_hours_cashier(pathway)
    company = make_company(pathway.territory, name="Drive Leclerc Lens")
    CompanyContact.objects.create(
        company=company, first_name="Karine", last_name="Delcourt", job_title="Gérante"
    )

    # The daily call, logged from the company's page.
    log_in_as(page, live_server, business_developer)
    page.goto(f"/entreprises/{company.pk}/")
    page.get_by_role("link", name="Noter un échange").first.click()
    page.get_by_label("Appel").check()
    page.get_by_label("Contact dans l’entreprise").select_option(label="Karine Delcourt")
    page.get_by_label("Résumé").fill(
        "Deux postes de caisse au drive, en journée, à pourvoir le mois prochain."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l’échange").click()
    expect(page.locator(".company-logged")).to_contain_text("Échange enregistré")
    assert_accessible(page)

    # The job offer, from that call in one step.
    page.get_by_role("link", name="Créer une offre à partir de cet échange", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle offre chez Drive Leclerc Lens")
    expect(page.get_by_text("Contact : Karine Delcourt.")).to_be_visible()
    page.get_by_label("Code ROME").fill("D1505")
    page.get_by_label("Intitulé de l’offre").fill("Hôte de caisse en drive")
    page.locator("#id_contract_type").select_option(label="CDD")
    page.get_by_label("Heures par semaine").fill("24")
    page.get_by_label("Journée").check()
    page.get_by_label("Début à").fill("09:00")
    page.get_by_label("Fin à").fill("16:00")
    page.get_by_label("Desservi par les transports en commun").check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l’offre").click()

    # Ranked candidates, job-facing only: the constraint shows, never the barrier behind it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidats pour « Hôte de caisse en drive »")
    candidate = page.locator(".match", has_text="Nadia Benamar")
    expect(candidate).to_contain_text("Compatible")
    expect(candidate).to_contain_text("Seulement dans une plage horaire : de 09:00 à 16:30")
    content = page.content()
    for hidden in ["Contraintes familiales", "Mes enfants", "Crèche Les Petits Pas"]:
        assert hidden not in content
    assert_accessible(page)
    page.get_by_role("button", name="Proposer Nadia Benamar").click()
    expect(candidate).to_contain_text("Proposée à la personne")
    assert_accessible(page)
    assert Placement.objects.get().opportunity.from_interaction.company == company

    # The referent counsellor sees it on the timeline, with the days to the first proposal.
    log_in_as(page, live_server, counsellor)
    page.goto(f"/personnes/{participant.pk}/parcours/")
    expect(
        page.get_by_text("Proposition d’emploi : Hôte de caisse en drive chez Drive Leclerc Lens").first
    ).to_be_visible()
    days = (timezone.localdate() - pathway.entry_date).days
    expect(page.get_by_text(f"Première proposition, J+{days} après l’entrée").first).to_be_visible()
    assert_accessible(page)
