"""A counsellor turns a hired placement into an 8-month CDD, sees the follow-up calendar, records
the employee side of D+7 with a transport difficulty and turns it into a mobility barrier. Every
page is scanned with axe-core; the section fits a 360px phone."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.core.dates import add_months
from chemin.employments.models import CheckInSide, Employment
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.services import placement_change_status, placement_create
from chemin.pathways.enums import Phase
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.companies.factories import make_company, make_contact
from tests.opportunities.factories import make_opportunity

pytestmark = pytest.mark.django_db(transaction=True)


class TestEmploymentFollowUp:
    def test_a_hired_placement_becomes_a_followed_contract(
        self, page: Page, live_server, reference_data, counsellor, pathway
    ):
        today = timezone.localdate()
        participant = pathway.participant
        company = make_company(pathway.territory, name="Propreté de l’Artois")
        contact = make_contact(company, first_name="Karine", last_name="Delcourt")
        offer = make_opportunity(
            company, counsellor, title="Agente de propreté", rome="K2204", contact=contact, hours_per_week=30
        )
        placement = placement_create(pathway=pathway, opportunity=offer, created_by=counsellor)
        for status in (
            PlacementStatus.ACCEPTED_BY_PERSON,
            PlacementStatus.SENT_TO_EMPLOYER,
            PlacementStatus.HIRED,
        ):
            placement = placement_change_status(placement=placement, status=status, changed_by=counsellor)
        log_in_as(page, live_server, counsellor)

        page.goto(f"/personnes/{participant.pk}/offres/")
        assert_accessible(page)
        page.get_by_role("link", name="Enregistrer le contrat — Agente de propreté").click()

        # Pre-filled from the offer: company, contact, job, hours.
        expect(page.locator("#id_company")).to_have_value(str(company.pk))
        expect(page.get_by_label("Contact chez l’employeur (facultatif)")).to_have_value(str(contact.pk))
        expect(page.get_by_label("Poste, tel que le contrat le nomme")).to_have_value("Agente de propreté")
        start = today - datetime.timedelta(days=10)
        page.locator("#id_contract_type").select_option("cdd")
        page.get_by_label("Date de début").fill(start.isoformat())
        page.get_by_label("Fin prévue (facultatif)").fill(
            (add_months(start, 8) - datetime.timedelta(days=1)).isoformat()
        )
        page.get_by_label("Fin de la période d’essai (facultatif)").fill(
            (start - datetime.timedelta(days=1)).isoformat()
        )
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer le contrat").click()

        # A trial period ending before the start: refused on its field, nothing saved, nothing lost.
        expect(page.locator("#id_trial_end_date_error")).to_have_text(
            "La période d’essai ne peut pas se terminer avant le début."
        )
        expect(page.get_by_label("Date de début")).to_have_value(start.isoformat())
        assert not Employment.objects.exists()
        assert_accessible(page)
        page.get_by_label("Fin de la période d’essai (facultatif)").fill(
            (start + datetime.timedelta(days=30)).isoformat()
        )
        page.get_by_role("button", name="Enregistrer le contrat").click()

        expect(
            page.get_by_text("Contrat enregistré : Agente de propreté chez Propreté de l’Artois.")
        ).to_be_visible()
        expect(page.get_by_role("heading", level=4, name="Calendrier de suivi")).to_be_visible()
        for milestone in ("J+7", "Fin de la période d’essai", "M+1", "M+3", "M+6"):
            expect(page.locator(".check-in__title", has_text=milestone).first).to_be_visible()
        expect(page.locator(".side-state--overdue").first).to_have_text("En retard")
        assert_accessible(page)
        assert_fits_a_phone(page)
        employment = Employment.objects.get()
        assert employment.placement == placement
        pathway.refresh_from_db()
        assert pathway.phase == Phase.IN_EMPLOYMENT

        # The employee side of D+7, by phone: rather well, but transport is hard.
        page.get_by_role("link", name="Enregistrer le côté salarié·e de J+7").click()
        page.get_by_label("Date de l’échange").fill((today - datetime.timedelta(days=2)).isoformat())
        page.get_by_label("Appel").check()
        page.get_by_label("Plutôt bien").check()
        page.get_by_label("Transport").check()
        page.get_by_label("Actions convenues (facultatif)").fill("Chercher un covoiturage")
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer ce volet").click()
        expect(page.get_by_text("J+7, côté salarié·e : enregistré.")).to_be_visible()
        expect(page.locator(".side-state--done").first).to_contain_text("Fait le")
        assert_accessible(page)
        assert_fits_a_phone(page)
        side = CheckInSide.objects.get()
        assert side.difficulties == ["transport"]

        # One click: a mobility barrier whose words name the check-in.
        page.get_by_role("button", name="Ouvrir un frein : Transport").click()
        expect(page.get_by_text("Frein ouvert : Mobilité.")).to_be_visible()
        assert_accessible(page)
        barrier = Barrier.objects.get()
        assert barrier.category == BarrierCategory.MOBILITY
        assert "J+7" in barrier.own_words
