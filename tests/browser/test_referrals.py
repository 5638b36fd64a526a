"""A counsellor records referrals (prescriber picked, then typed in), accepts one and declines one."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.accounts.enums import Role
from chemin.participants.models import Participant
from chemin.prescribers.enums import OrganisationKind
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral
from tests.accounts.factories import DEFAULT_PASSWORD, UserFactory
from tests.browser.axe import assert_accessible
from tests.prescribers.factories import PrescriberFactory, PrescriberOrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sophie(territory):
    return UserFactory(
        first_name="Sophie",
        last_name="Martin",
        email="sophie@example.org",
        memberships=[(territory, Role.COUNSELLOR)],
    )


@pytest.fixture
def gregoire(db):
    organisation = PrescriberOrganisationFactory(
        name="France Travail Lens", kind=OrganisationKind.FRANCE_TRAVAIL
    )
    return PrescriberFactory(organisation=organisation, first_name="Grégoire", last_name="Vasseur")


def log_in(page: Page, email: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")


def fill_person(page: Page, first_name: str, last_name: str) -> None:
    page.get_by_label("Motif").fill(
        "Mme Haddouche, 37 ans, mère isolée, RSA depuis 2022 ; aide à domicile ; pas de permis."
    )
    page.get_by_label("Prénom de la personne").fill(first_name)
    page.get_by_role("textbox", name="Nom de la personne", exact=True).fill(last_name)
    page.get_by_label("Date de naissance de la personne").fill("1989-04-12")
    page.get_by_label("Téléphone de la personne").fill("06 11 22 33 44")


class TestReferralFlow:
    def test_records_a_referral_picking_the_prescriber_with_the_keyboard_then_accepts_it(
        self, page: Page, sophie, gregoire
    ):
        log_in(page, sophie.email)
        page.get_by_role("link", name="Orientations").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Orientations — Lens-Liévin")
        assert_accessible(page)

        page.get_by_role("link", name="Enregistrer une orientation").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Enregistrer une orientation")
        assert_accessible(page)

        search = page.get_by_label("Référent·e qui oriente la personne")
        search.fill("vasseur")
        option = page.get_by_role("button", name="Grégoire Vasseur")
        expect(option).to_be_visible()
        search.press("ArrowDown")
        expect(option).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("[data-picker-chosen]")).to_have_text("Grégoire Vasseur (France Travail Lens)")
        fill_person(page, "Samira", "Haddouche")
        # The hidden "new prescriber" fields stay out of the way.
        expect(page.get_by_label("Type d’organisme")).to_be_hidden()
        assert_accessible(page)
        page.get_by_role("button", name="Enregistrer l’orientation").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Orientation de Samira Haddouche")
        expect(page.get_by_role("status")).to_contain_text(
            "L’orientation de Samira Haddouche est enregistrée"
        )
        assert_accessible(page)

        # Accepting without the person's agreement is refused, with the reason on the checkbox.
        meeting = page.get_by_label("Date du premier rendez-vous")
        meeting.fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
        page.get_by_role("button", name="Accepter et ouvrir l’accompagnement").click()
        expect(page.get_by_text("Le premier rendez-vous ne peut pas être dans le futur")).to_be_visible()
        expect(
            page.get_by_text("L’accord de la personne est nécessaire pour ouvrir sa fiche.")
        ).to_be_visible()
        assert_accessible(page)

        page.get_by_label("Date du premier rendez-vous").fill(timezone.localdate().isoformat())
        page.get_by_label("La personne a donné son accord").check()
        page.get_by_role("button", name="Accepter et ouvrir l’accompagnement").click()
        participant = Participant.objects.get()
        expect(page).to_have_url(f"/personnes/{participant.pk}/")
        referral = Referral.objects.get()
        assert referral.status == ReferralStatus.ACCEPTED
        assert referral.pathway.referent == sophie

    def test_records_a_referral_with_a_new_prescriber_then_declines_it(self, page: Page, sophie):
        page.set_viewport_size({"width": 360, "height": 740})
        log_in(page, sophie.email)
        page.goto("/orientations/nouvelle/")
        page.get_by_label("Pas encore dans l’annuaire").check()
        expect(page.get_by_label("Référent·e qui oriente la personne")).to_be_hidden()
        page.get_by_role("combobox", name="Organisme", exact=True).fill("CCAS de Liévin")
        page.get_by_label("Type d’organisme").select_option(label="CCAS")
        page.get_by_label("Prénom du ou de la référent·e").fill("Martine")
        # The last name is forgotten: nothing is recorded, everything typed is kept.
        fill_person(page, "Valérie", "Lecomte")
        page.get_by_role("button", name="Enregistrer l’orientation").click()
        expect(page.get_by_role("alert")).to_contain_text("L’orientation n’est pas encore enregistrée")
        expect(page.get_by_role("combobox", name="Organisme", exact=True)).to_have_value("CCAS de Liévin")
        assert_accessible(page)
        assert not Referral.objects.exists()

        page.get_by_role("textbox", name="Nom du ou de la référent·e", exact=True).fill("Dhainaut")
        page.get_by_label("Téléphone du ou de la référent·e").fill("03 21 44 55 66")
        page.get_by_role("button", name="Enregistrer l’orientation").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Orientation de Valérie Lecomte")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0

        page.get_by_text("L’orientation ne convient pas : la refuser").click()
        page.get_by_role("button", name="Refuser l’orientation").click()
        expect(page.get_by_text("Indiquez pourquoi l’orientation est refusée.")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Pourquoi l’orientation est-elle refusée ?").fill(
            "Déjà accompagnée par Cap emploi."
        )
        page.get_by_role("button", name="Refuser l’orientation").click()
        expect(page.get_by_role("status")).to_contain_text("Orientation refusée")
        expect(page.get_by_role("heading", level=2, name="Refusée")).to_be_visible()
        assert_accessible(page)

    def test_the_prescribers_directory_searches_as_one_types(self, page: Page, sophie, gregoire):
        log_in(page, sophie.email)
        page.goto("/prescripteurs/")
        assert_accessible(page)
        page.get_by_label("Organisme ou référent·e").fill("gregoire")
        expect(page.locator("#directory-count")).to_have_text("1 organisme")
        expect(page.get_by_role("link", name="France Travail Lens")).to_be_visible()
        page.get_by_label("Organisme ou référent·e").fill("personne")
        expect(page.locator("#directory-count")).to_have_text("0 organisme")
        page.get_by_label("Organisme ou référent·e").fill("")
        page.get_by_role("link", name="France Travail Lens").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("France Travail Lens")
        assert_accessible(page)
