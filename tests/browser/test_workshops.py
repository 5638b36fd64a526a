"""A counsellor plans a one-seat workshop (an end before the start is refused first), registers
two people — the second lands on the waiting list — and, once the session has started, records
who came. Buttons are pressed from the keyboard; every page is scanned with axe-core and checked
at phone width."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus
from chemin.workshops.models import Registration, Workshop
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone
from tests.participants.factories import ParticipantFactory, PathwayFactory

pytestmark = pytest.mark.django_db(transaction=True)


def press(page: Page, role: str, name: str) -> None:
    """Reach a control and activate it from the keyboard, as someone without a mouse would."""
    control = page.get_by_role(role, name=name)
    control.focus()
    page.keyboard.press("Enter" if role in {"button", "link"} else "Space")


class TestWorkshops:
    def test_counsellor_plans_a_workshop_fills_it_and_records_attendance(
        self, page: Page, live_server, reference_data, counsellor, pathway
    ):
        second = PathwayFactory(
            territory=pathway.territory,
            referent=counsellor,
            participant=ParticipantFactory(first_name="Karim", last_name="Haddad"),
        )
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        log_in_as(page, live_server, counsellor)

        page.goto("/")
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Ateliers"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ateliers")
        assert_accessible(page)

        press(page, "link", "Prévoir un atelier")
        expect(page.get_by_role("heading", level=1, name="Prévoir un atelier")).to_be_visible()
        assert_accessible(page)
        press(page, "radio", "Confiance et estime de soi")
        page.get_by_label("Titre").fill("Prendre confiance en soi")
        page.get_by_label("Animé par").select_option(label="Alice Martin")
        page.get_by_label("Lieu").fill("Maison de l’emploi, salle 2")
        page.get_by_label("Date").fill(tomorrow.isoformat())
        page.get_by_label("Heure de début").fill("09:30")
        page.get_by_label("Heure de fin").fill("09:00")
        page.get_by_label("Nombre de places").fill("1")
        press(page, "button", "Prévoir l’atelier")

        # Refused on its field, in French, nothing saved and nothing lost.
        expect(page.locator("#id_end_time_error")).to_have_text("L’atelier doit finir après avoir commencé.")
        expect(page.get_by_label("Titre")).to_have_value("Prendre confiance en soi")
        assert not Workshop.objects.exists()
        assert_accessible(page)

        page.get_by_label("Heure de fin").fill("11:30")
        press(page, "button", "Prévoir l’atelier")
        expect(page.get_by_role("heading", level=1, name="Prendre confiance en soi")).to_be_visible()
        expect(page.get_by_text("Atelier prévu : Prendre confiance en soi")).to_be_visible()
        assert_accessible(page)
        workshop = Workshop.objects.get()
        assert (workshop.theme, workshop.capacity, workshop.facilitator_user) == ("confidence", 1, counsellor)

        # The only seat goes to Nadia; Karim waits.
        page.get_by_label("Personne à inscrire").select_option(label="Nadia Benamar")
        press(page, "button", "Inscrire")
        expect(page.get_by_text("Nadia Benamar est inscrit·e.")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Personne à inscrire").select_option(label="Karim Haddad")
        press(page, "button", "Ajouter à la liste d’attente")
        expect(
            page.get_by_text("L’atelier est complet : Karim Haddad est en liste d’attente, en position 1.")
        ).to_be_visible()
        waiting = page.get_by_role("region", name="Liste d’attente (1)")
        expect(waiting.get_by_role("listitem")).to_have_count(1)
        expect(waiting.get_by_role("link", name="Karim Haddad")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)
        assert dict(Registration.objects.values_list("pathway", "status")) == {
            pathway.pk: RegistrationStatus.REGISTERED,
            second.pk: RegistrationStatus.WAITING_LIST,
        }

        # The session starts: attendance can be recorded for the person who had the seat.
        Workshop.objects.update(
            starts_at=timezone.now() - datetime.timedelta(minutes=30),
            ends_at=timezone.now() + datetime.timedelta(hours=1),
        )
        page.reload()
        attendance = page.get_by_role("region", name="Présences")
        expect(attendance.get_by_role("group", name="Nadia Benamar")).to_be_visible()
        assert_accessible(page)
        attendance.get_by_role("group", name="Nadia Benamar").get_by_role("radio", name="Présent·e").focus()
        page.keyboard.press("Space")
        press(page, "button", "Enregistrer les présences")
        expect(page.get_by_text("Présences enregistrées.")).to_be_visible()
        expect(
            page.get_by_role("group", name="Nadia Benamar").get_by_role("radio", name="Présent·e")
        ).to_be_checked()
        assert_accessible(page)
        assert_fits_a_phone(page)
        registration = Registration.objects.get(pathway=pathway)
        assert registration.attendance == Attendance.PRESENT
        assert Workshop.objects.get().status == WorkshopStatus.HELD

        page.goto("/ateliers/")
        expect(page.get_by_text("1 / 1 inscrite")).to_be_visible()
        expect(page.get_by_text("1 en liste d’attente")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)
