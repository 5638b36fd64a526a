"""Issue 6's exit, end to end: a pathway with an 8-month CDD is closed as *emploi durable* (the
suggested category, confirmed), then its review is read with the person and sent to the referring
prescriber. Every page visited passes axe-core with no violation; the close page fits a phone."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.employments.enums import ContractType
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory
from chemin.exits.models import ExitReview
from chemin.pathways.models import Pathway
from chemin.prescribers.enums import OrganisationKind
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_no_horizontal_overflow
from tests.companies.factories import make_company
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def eight_month_cdd(reference_data, pathway, counsellor, territory):
    organisation = PrescriberOrganisationFactory(
        name="Maison du Département Solidarité de l’Artois", kind=OrganisationKind.DEPARTEMENT
    )
    prescriber = PrescriberFactory(
        organisation=organisation,
        first_name="Sabrina",
        last_name="Mortier",
        email="mortier.sabrina@pasdecalais.example.org",
    )
    ReferralFactory(
        accepted=True,
        territory=territory,
        prescriber=prescriber,
        recorded_by=counsellor,
        first_name="Nadia",
        last_name="Benamar",
        pathway=pathway,
        participant=pathway.participant,
    )
    start = timezone.localdate() - datetime.timedelta(days=14)
    return Employment.objects.create(
        pathway=pathway,
        company=make_company(territory, name="Logistique des Flandres"),
        job_title="Préparatrice de commandes",
        contract_type=ContractType.CDD,
        hours_per_week=Decimal("35"),
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=243),
        created_by=counsellor,
    )


class TestPathwayExit:
    def test_close_as_sustainable_employment_then_send_the_review(
        self, page: Page, live_server, counsellor, participant, pathway, eight_month_cdd
    ):
        log_in_as(page, live_server, counsellor)
        page.goto(reverse("participants:detail", kwargs={"pk": participant.pk}))
        page.get_by_role("link", name="Clôturer l’accompagnement").click()
        expect(page.get_by_role("heading", level=2)).to_have_text("Clôturer l’accompagnement")
        expect(page.locator("#suggestion")).to_contain_text("Emploi durable")
        expect(page.locator("#suggestion")).to_contain_text("Logistique des Flandres")
        expect(page.get_by_role("radio", name="Emploi durable", exact=False)).to_be_checked()
        assert_accessible(page)

        page.set_viewport_size({"width": 360, "height": 740})
        assert_no_horizontal_overflow(page)
        page.set_viewport_size({"width": 1280, "height": 800})

        page.get_by_role("button", name="Clôturer l’accompagnement").click()
        expect(page.get_by_role("heading", level=2)).to_have_text("Bilan de fin d’accompagnement")
        expect(page.get_by_text("L’accompagnement est clôturé.")).to_be_visible()
        assert_accessible(page)
        closed = Pathway.objects.get(pk=pathway.pk)
        assert closed.exit_category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert closed.closed_on == timezone.localdate()

        page.get_by_label("Ce qui a été réalisé").fill(
            "Embauche en CDD de 8 mois comme préparatrice de commandes."
        )
        page.get_by_label("Suites à donner").fill("Suivi dans l’emploi à 1, 3 et 6 mois.")
        # Not read with the person yet: sending is refused.
        page.get_by_role("button", name="Envoyer au prescripteur").click()
        expect(page.get_by_text("Relisez le bilan avec la personne avant de l’envoyer.")).to_be_visible()
        assert_accessible(page)
        assert mail.outbox == []

        page.get_by_label("Relu avec la personne").check()
        page.get_by_role("button", name="Envoyer au prescripteur").click()
        expect(page.get_by_role("status")).to_contain_text("Bilan envoyé à Sabrina Mortier")
        expect(page.get_by_text("Envoyé à Sabrina Mortier (")).to_be_visible()
        assert_accessible(page)

        (email,) = mail.outbox
        assert email.to == ["mortier.sabrina@pasdecalais.example.org"]
        assert "Sortie : Emploi durable" in email.body
        assert "Embauche en CDD de 8 mois" in email.body
        assert ExitReview.objects.get().is_sent

        page.goto(reverse("participants:timeline", kwargs={"pk": participant.pk}))
        expect(
            page.get_by_text("Bilan de fin d’accompagnement envoyé à Sabrina Mortier", exact=False)
        ).to_be_visible()
        expect(page.get_by_text("Sortie : Emploi durable")).to_be_visible()
        assert_accessible(page)
