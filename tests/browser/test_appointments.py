"""Issue 7's acceptance: a counsellor sees that a person has not been seen for 30 days, books a
monthly follow-up for tomorrow from the person's file, with the keyboard; the background worker
sends the reminder into the outbox; the meeting takes place and she marks it held; the person
leaves the "no recent contact" alert; her week calendar shows the meeting, and so does the
territory's. Every page is scanned with axe-core, and the week view is checked at phone width."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import Page, expect

from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.core import sms
from tests.browser.axe import assert_accessible
from tests.browser.conftest import log_in_as
from tests.browser.layout import assert_fits_a_phone

pytestmark = pytest.mark.django_db(transaction=True)


class TestAppointments:
    def test_counsellor_books_a_follow_up_the_worker_reminds_she_marks_it_held(
        self, page: Page, live_server, reference_data, counsellor, pathway
    ):
        sms.outbox.clear()
        participant = pathway.participant
        participant.email = "nadia.benamar@example.org"
        participant.save()
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        log_in_as(page, live_server, counsellor)

        # Entered 40 days ago and never met since: her alerts say so.
        page.goto("/alertes/?type=not_seen")
        not_seen = page.get_by_role("link", name=f"{participant.full_name} :")
        expect(not_seen).to_be_visible()
        assert_accessible(page)

        page.goto(f"/personnes/{participant.pk}/")
        page.get_by_role("navigation", name="Rubriques de la fiche").get_by_role(
            "link", name="Rendez-vous"
        ).click()
        expect(page.get_by_role("heading", level=2, name="Rendez-vous")).to_be_visible()
        expect(page.get_by_text("Aucun rendez-vous à venir.")).to_be_visible()
        assert_accessible(page)

        page.get_by_role("link", name="Prendre un rendez-vous").click()
        expect(page.get_by_role("heading", level=2, name="Prendre un rendez-vous")).to_be_visible()
        assert_accessible(page)
        # Keyboard-usable: the radio is chosen with Space, the form sent with Enter on its button.
        page.get_by_label("Suivi mensuel").focus()
        page.keyboard.press("Space")
        expect(page.get_by_label("Suivi mensuel")).to_be_checked()
        page.get_by_label("Date").fill(tomorrow.isoformat())
        page.get_by_label("Heure").fill("10:00")
        page.get_by_label("Durée (en minutes)").fill("45")
        expect(page.get_by_label("Avec")).to_have_value(str(counsellor.pk))
        page.get_by_label("Lieu (facultatif)").fill("Antenne de Lens, bureau 2")
        page.get_by_role("button", name="Prendre le rendez-vous").focus()
        page.keyboard.press("Enter")

        expect(page.get_by_text(f"Rendez-vous pris le {tomorrow:%d/%m/%Y} à 10 h 00.")).to_be_visible()
        appointment = Appointment.objects.get()
        card = page.locator(f"#appointment-{appointment.pk}")
        expect(card.get_by_text("Prévu", exact=True)).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        # The reminder is queued for 10:00 the day before (or right away if that has passed): make
        # it due, then run the real worker.
        assert (
            DBTaskResult.objects.filter(status="READY").update(
                run_after=timezone.now() - datetime.timedelta(seconds=1)
            )
            == 1
        )
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        [email] = mail.outbox
        assert email.to == ["nadia.benamar@example.org"]
        assert email.subject.startswith("Rappel : votre rendez-vous demain, ")
        assert "Bonjour Nadia,\n\nNous vous attendons demain, " in email.body
        assert "à 10 h 00 pour votre rendez-vous avec Alice Martin (Suivi mensuel)." in email.body
        assert len(sms.outbox) == 1
        page.reload()
        expect(card.get_by_text("Rappel envoyé (e-mail, SMS)")).to_be_visible()

        # The next day: the meeting took place this morning. (The live server cannot travel in
        # time: the appointment is moved to an hour ago, as if the day had come.)
        met_at = timezone.now() - datetime.timedelta(hours=1)
        Appointment.objects.update(starts_at=met_at)
        page.reload()
        expect(card.get_by_role("button", name="Honoré")).to_be_visible()
        assert_accessible(page)
        card.get_by_role("button", name="Honoré").click()
        expect(page.get_by_text("Rendez-vous marqué « Honoré ».")).to_be_visible()
        expect(card.get_by_text("Honoré", exact=True)).to_be_visible()
        assert_accessible(page)
        appointment.refresh_from_db()
        pathway.refresh_from_db()
        assert appointment.status == AppointmentStatus.HELD
        assert pathway.last_contact_on == timezone.localtime(met_at).date()

        # Met today: the person leaves the "no recent contact" alert.
        page.goto("/alertes/?type=not_seen")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(not_seen).to_have_count(0)
        assert_accessible(page)

        # Her week calendar.
        page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "link", name="Agenda"
        ).click()
        expect(page.get_by_role("heading", level=1, name="Mon agenda")).to_be_visible()
        page.goto(f"/agenda/?du={timezone.localtime(met_at).date().isoformat()}")
        entry = page.get_by_role("link", name="Nadia B.")
        expect(entry).to_be_visible()
        expect(page.locator(".calendar-entry").filter(has=entry)).to_contain_text("Suivi mensuel")
        expect(page.locator(".calendar-entry").filter(has=entry)).to_contain_text("Antenne de Lens, bureau 2")
        assert_accessible(page)
        # Plain links, reachable with Tab, with a visible focus ring.
        entry.focus()
        assert page.evaluate("document.activeElement.textContent.trim()") == "Nadia B."
        assert entry.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
        page.set_viewport_size({"width": 375, "height": 740})
        expect(entry).to_be_visible()
        assert_fits_a_phone(page)

        page.get_by_role("link", name="Semaine suivante").click()
        expect(page.get_by_role("link", name="Nadia B.")).to_have_count(0)
        page.get_by_role("link", name="Cette semaine").click()
        assert_accessible(page)

        page.get_by_role("link", name="Agenda du territoire").click()
        expect(page.get_by_role("heading", level=1, name="Agenda de Lens-Liévin")).to_be_visible()
        assert_accessible(page)
        assert_fits_a_phone(page)

        page.get_by_role("link", name="S’abonner depuis une application d’agenda").click()
        page.get_by_role("button", name="Créer l’adresse de mon agenda").click()
        expect(page.get_by_label("L’adresse de votre agenda")).to_have_value(
            f"{live_server.url}/agenda/ical/{counsellor.calendar_feeds.get().token}.ics"
        )
        assert_accessible(page)
        assert_fits_a_phone(page)
