"""A counsellor plans an immersion (a 45-day period is refused first), assesses it as completed
with a job offer and confirms the person's wish; then creates a job dating, invites the person
and records that they came. Every page is scanned with axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.events.models import EventParticipant
from chemin.immersions.enums import ImmersionStatus
from chemin.immersions.models import Immersion
from chemin.jobwishes.enums import JobWishStatus
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.immersions.factories import CompanyContactFactory, CompanyFactory
from tests.jobwishes.factories import JobWishFactory

pytestmark = pytest.mark.django_db(transaction=True)


class TestImmersionsAndEvents:
    def test_counsellor_plans_assesses_an_immersion_then_runs_a_job_dating(
        self, page: Page, live_server, reference_data, counsellor, pathway
    ):
        today = timezone.localdate()
        participant = pathway.participant
        wish = JobWishFactory(
            pathway=pathway, title_in_own_words="préparatrice de commandes", rome_codes=["N1103"]
        )
        company = CompanyFactory(territory=pathway.territory, name="Entrepôts du Bassin minier")
        CompanyContactFactory(company=company, first_name="Sandrine", last_name="Lemaire")
        log_in_as(page, live_server, counsellor)

        page.goto(f"/personnes/{participant.pk}/immersions/")
        expect(page.get_by_role("heading", level=2, name="Immersions (PMSMP)")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("link", name="Prévoir une immersion").click()
        page.get_by_label("Entreprise d’accueil").select_option(label="Entrepôts du Bassin minier")
        page.get_by_label("Confirmer un projet professionnel").check()
        page.get_by_label("Le poste, tel que l’entreprise le nomme").fill("Préparatrice de commandes")
        page.locator("#id_rome_job").fill("N1103")
        page.get_by_label("Premier jour").fill(today.isoformat())
        page.get_by_label("Dernier jour").fill((today + datetime.timedelta(days=44)).isoformat())
        page.get_by_label("Tuteur ou tutrice dans l’entreprise (facultatif)").select_option(
            label="Sandrine Lemaire — Entrepôts du Bassin minier"
        )
        page.get_by_label("Piste de projet concernée (facultatif)").select_option(
            label="préparatrice de commandes"
        )
        assert_accessible(page)
        page.get_by_role("button", name="Prévoir l’immersion").click()

        # Refused on its field, in French, nothing saved and nothing lost.
        expect(page.locator("#id_end_date_error")).to_have_text(
            "Une immersion (PMSMP) dure au plus 30 jours calendaires ; celle-ci dure 45 jours."
        )
        expect(page.get_by_label("Le poste, tel que l’entreprise le nomme")).to_have_value(
            "Préparatrice de commandes"
        )
        assert not Immersion.objects.exists()
        assert_accessible(page)

        page.get_by_label("Dernier jour").fill((today + datetime.timedelta(days=4)).isoformat())
        page.get_by_role("button", name="Prévoir l’immersion").click()
        expect(
            page.get_by_text("Immersion prévue : Préparatrice de commandes chez Entrepôts du Bassin minier.")
        ).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        # The assessment: completed, a job offer, the person confirms the job.
        page.get_by_role("link", name="Faire le bilan de l’immersion « Préparatrice de commandes »").click()
        page.get_by_label("Réalisée en entier").check()
        page.get_by_label("L’entreprise a proposé un emploi").check()
        page.get_by_label("Contrat proposé (facultatif)").select_option(label="CDD")
        page.get_by_label("Commentaires de la personne").fill("J’ai aimé le travail en équipe.")
        page.get_by_label("La personne confirme ce métier").check()
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer le bilan").click()
        expect(
            page.get_by_text("La piste « préparatrice de commandes » est maintenant confirmée.")
        ).to_be_visible()
        assert_accessible(page)
        immersion = Immersion.objects.get()
        assert immersion.status == ImmersionStatus.ASSESSED and immersion.job_offer
        wish.refresh_from_db()
        assert wish.status == JobWishStatus.CONFIRMED
        assert wish.versions.count() == 2

        # A job dating today: invite the person, then record that she came.
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Événements"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Événements")
        assert_accessible(page)
        page.get_by_role("link", name="Créer un événement").click()
        page.get_by_label("Job dating").check()
        page.get_by_label("Titre").fill("Job dating logistique")
        page.get_by_label("Date").fill(today.isoformat())
        page.get_by_label("Heure de début").fill("09:30")
        assert_accessible(page)
        page.get_by_role("button", name="Créer l’événement").click()
        expect(page.get_by_role("heading", level=1, name="Job dating logistique")).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Nom de la personne").fill("benamar")
        page.get_by_role("button", name="Chercher des personnes").click()
        page.get_by_role("checkbox", name="Nadia Benamar").check()
        assert_accessible(page)
        page.get_by_role("button", name="Inviter les personnes cochées").click()
        expect(page.get_by_text("1 personne invitée.")).to_be_visible()

        page.get_by_role("group", name="Personnes présentes").get_by_role(
            "checkbox", name="Nadia Benamar"
        ).check()
        page.get_by_role("button", name="Enregistrer les présences").click()
        expect(page.get_by_text("Présences enregistrées.")).to_be_visible()
        assert_accessible(page)
        assert EventParticipant.objects.get().present

        page.goto("/evenements/")
        assert_accessible(page)
        assert_fits_a_phone(page)
