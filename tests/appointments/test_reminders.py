"""Reminders: what the task sends, when it sends nothing, and how a failure is retried then given up.

The first classes call the task's body directly; ``TestWithTheWorker`` runs the real database
worker (`db_worker --batch`), in transactional tests because the worker manages its own
transactions and connections.
"""

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from chemin.accounts.enums import Role
from chemin.appointments.enums import AppointmentKind, AppointmentStatus, DeliveryStatus, ReminderChannel
from chemin.appointments.models import ReminderDelivery
from chemin.appointments.reminders import MAX_ATTEMPTS, deliver_reminders
from chemin.appointments.services import AppointmentData, appointment_book, appointment_update
from chemin.core import sms
from tests.accounts.factories import UserFactory
from tests.appointments.factories import AppointmentFactory, at
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.territories.factories import TerritoryFactory


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that is down: every send raises."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp.example.org refused nadia@example.org")


class FailingSmsBackend(sms.BaseSmsBackend):
    def send_messages(self, messages):
        raise TimeoutError("gateway timeout for 06 12 34 56 78")


FAILING_EMAIL = "tests.appointments.test_reminders.FailingEmailBackend"
FAILING_SMS = "tests.appointments.test_reminders.FailingSmsBackend"


@pytest.fixture
def nadia(pathway):
    participant = pathway.participant
    participant.email = "nadia.benamar@example.org"
    participant.phone = "06 12 34 56 78"
    participant.save()
    return participant


def deliver(appointment):
    return deliver_reminders(appointment_id=appointment.pk, starts_at=appointment.starts_at)


class TestDeliver:
    def test_sends_a_friendly_french_email_and_an_sms(self, nadia, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(1, 10), notes="Santé fragile, RQTH")
        outcome = deliver(appointment)
        assert outcome.sent == ["email", "sms"] and outcome.retry_in is None
        [email] = mail.outbox
        assert email.to == ["nadia.benamar@example.org"]
        assert email.reply_to == [counsellor.email]
        assert email.subject == "Rappel : votre rendez-vous demain, " + _date(appointment) + " à 10 h 00"
        assert email.body.startswith(
            "Bonjour Nadia,\n\nNous vous attendons demain, "
            + _date(appointment)
            + " à 10 h 00 pour votre rendez-vous avec Alice Martin (Suivi mensuel).\n"
        )
        assert "Lieu : Antenne de Lens, bureau 2" in email.body
        assert "Si vous ne pouvez pas venir, appelez-nous" in email.body
        assert "Santé" not in email.body
        [text] = sms.outbox
        assert text.to == "06 12 34 56 78"
        assert text.body == (
            "Bonjour Nadia, rappel : rendez-vous demain, "
            + _date(appointment)
            + " à 10 h 00 avec Alice Martin, Antenne de Lens, bureau 2. "
            "En cas d’empêchement, merci de nous appeler."
        )
        assert ReminderDelivery.objects.filter(status=DeliveryStatus.SENT, attempts=1).count() == 2

    def test_a_phone_appointment_says_who_will_call(self, nadia, pathway):
        appointment = AppointmentFactory(
            pathway=pathway, starts_at=at(3, 14, 30), kind=AppointmentKind.PHONE, place=""
        )
        deliver(appointment)
        assert "Alice Martin vous appellera le " + _date(appointment) + " à 14 h 30" in mail.outbox[0].body
        assert "Lieu" not in mail.outbox[0].body

    def test_is_idempotent_for_the_same_time(self, nadia, pathway):
        appointment = AppointmentFactory(pathway=pathway)
        deliver(appointment)
        outcome = deliver(appointment)
        assert outcome.sent == [] and outcome.failed == []
        assert len(mail.outbox) == 1 and len(sms.outbox) == 1

    def test_sends_nothing_for_a_cancelled_appointment(self, nadia, pathway):
        appointment = AppointmentFactory(pathway=pathway, status=AppointmentStatus.CANCELLED)
        assert deliver(appointment).skipped == "cancelled"
        assert mail.outbox == [] and sms.outbox == []
        assert not ReminderDelivery.objects.exists()

    def test_sends_nothing_for_the_old_time_of_a_moved_appointment(self, nadia, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(2))
        old_time = appointment.starts_at
        appointment_update(
            appointment=appointment,
            changed_by=counsellor,
            data=AppointmentData(
                staff=counsellor, starts_at=at(4), duration_minutes=60, kind=appointment.kind
            ),
        )
        assert deliver_reminders(appointment_id=appointment.pk, starts_at=old_time).skipped == "moved"
        assert mail.outbox == []
        appointment.refresh_from_db()
        deliver(appointment)
        assert len(mail.outbox) == 1

    def test_only_the_channels_the_person_has(self, pathway):
        assert pathway.participant.email == ""
        deliver(AppointmentFactory(pathway=pathway))
        assert mail.outbox == [] and len(sms.outbox) == 1

    def test_nothing_without_a_recorded_consent(self, territory, counsellor):
        unconsented = PathwayFactory(
            territory=territory,
            referent=counsellor,
            participant=ParticipantFactory(
                consent_given_at=None, consent_text_version="", email="a@example.org"
            ),
        )
        assert deliver(AppointmentFactory(pathway=unconsented)).skipped == "no consent"
        assert mail.outbox == [] and sms.outbox == []

    def test_nothing_without_contact_details(self, territory, counsellor):
        nobody = PathwayFactory(
            territory=territory, referent=counsellor, participant=ParticipantFactory(phone="")
        )
        assert deliver(AppointmentFactory(pathway=nobody)).skipped == "no contact details"


class TestFailures:
    def test_a_failing_email_is_recorded_with_its_class_only_and_retried_in_five_minutes(
        self, nadia, pathway, settings
    ):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        appointment = AppointmentFactory(pathway=pathway)
        outcome = deliver(appointment)
        assert outcome.sent == ["sms"] and outcome.failed == ["email"]
        assert outcome.retry_in == datetime.timedelta(minutes=5)
        delivery = ReminderDelivery.objects.get(channel=ReminderChannel.EMAIL)
        assert (delivery.status, delivery.attempts, delivery.last_error) == (
            DeliveryStatus.FAILED,
            1,
            "ConnectionRefusedError",
        )

    def test_backs_off_then_gives_up_after_four_attempts(self, nadia, pathway, settings):
        settings.SMS_BACKEND = FAILING_SMS
        appointment = AppointmentFactory(pathway=pathway)
        delays = [deliver(appointment).retry_in for _ in range(MAX_ATTEMPTS)]
        assert delays == [
            datetime.timedelta(minutes=5),
            datetime.timedelta(minutes=30),
            datetime.timedelta(hours=2),
            None,
        ]
        delivery = ReminderDelivery.objects.get(channel=ReminderChannel.SMS)
        assert (delivery.status, delivery.attempts, delivery.last_error) == (
            DeliveryStatus.GIVEN_UP,
            4,
            "TimeoutError",
        )
        assert len(mail.outbox) == 1  # the email went out at the first attempt, once
        assert deliver(appointment).failed == []

    def test_a_retry_after_the_appointment_has_begun_gives_up(self, nadia, pathway, settings):
        settings.SMS_BACKEND = FAILING_SMS
        appointment = AppointmentFactory(
            pathway=pathway, starts_at=timezone.now() + datetime.timedelta(hours=3)
        )
        deliver(appointment)
        appointment.starts_at = timezone.now() - datetime.timedelta(minutes=1)
        appointment.save()
        ReminderDelivery.objects.update(starts_at=appointment.starts_at)
        assert deliver(appointment).skipped == "too late"
        assert ReminderDelivery.objects.get(channel=ReminderChannel.SMS).status == DeliveryStatus.GIVEN_UP

    def test_logs_carry_ids_never_names_nor_addresses(self, nadia, pathway, settings, caplog):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        caplog.set_level("INFO", logger="chemin.appointments")
        deliver(AppointmentFactory(pathway=pathway))
        logged = caplog.text
        assert "failed (ConnectionRefusedError)" in logged
        for secret in ("Nadia", "Benamar", "nadia.benamar@example.org", "06 12 34 56 78", "example.org"):
            assert secret not in logged


def _date(appointment) -> str:
    from django.utils import formats, translation

    with translation.override("fr"):
        return formats.date_format(timezone.localtime(appointment.starts_at), "l j F")


def _make_due() -> int:
    """Time travel for the queue: the reminders waiting for their moment are due now."""
    return DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - datetime.timedelta(seconds=1)
    )


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
class TestWithTheWorker:
    @pytest.fixture
    def booked(self):
        territory = TerritoryFactory(name="Lens-Liévin", slug="lens-lievin")
        alice = UserFactory(
            first_name="Alice", last_name="Martin", memberships=[(territory, Role.COUNSELLOR)]
        )
        participant = ParticipantFactory(
            first_name="Nadia", last_name="Benamar", email="nadia@example.org", phone="06 12 34 56 78"
        )
        pathway = PathwayFactory(participant=participant, territory=territory, referent=alice)
        appointment = appointment_book(
            pathway=pathway,
            booked_by=alice,
            data=AppointmentData(
                staff=alice,
                starts_at=at(1, 10),
                duration_minutes=60,
                kind=AppointmentKind.MONTHLY_FOLLOW_UP,
                place="Antenne de Lens",
            ),
        )
        return appointment

    def test_booking_then_the_worker_sends_the_french_email_and_the_sms(self, booked):
        assert DBTaskResult.objects.count() == 1
        _make_due()
        _run_worker()
        [email] = mail.outbox
        assert email.to == ["nadia@example.org"]
        assert "Bonjour Nadia,\n\nNous vous attendons demain, " in email.body
        assert "à 10 h 00" in email.subject
        [text] = sms.outbox
        assert text.to == "06 12 34 56 78" and "demain" in text.body
        assert DBTaskResult.objects.get().status == "SUCCESSFUL"

    def test_a_failing_email_is_retried_by_the_worker_then_sent(self, booked, settings):
        settings.EMAIL_BACKEND = FAILING_EMAIL
        _make_due()
        _run_worker()
        delivery = ReminderDelivery.objects.get(channel=ReminderChannel.EMAIL)
        assert (delivery.status, delivery.attempts, delivery.last_error) == (
            DeliveryStatus.FAILED,
            1,
            "ConnectionRefusedError",
        )
        first_run = DBTaskResult.objects.get(status="SUCCESSFUL")
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.args_kwargs == first_run.args_kwargs
        expected = timezone.now() + datetime.timedelta(minutes=5)
        assert abs(retry.run_after - expected) < datetime.timedelta(seconds=30)
        assert mail.outbox == [] and len(sms.outbox) == 1

        # Not due yet: a worker run now leaves it waiting.
        _run_worker()
        assert DBTaskResult.objects.filter(status="READY").count() == 1

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert _make_due() == 1
        _run_worker()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 2, "")
        assert len(mail.outbox) == 1
        assert len(sms.outbox) == 1  # the SMS, sent the first time, is not sent again
        assert not DBTaskResult.objects.filter(status="READY").exists()

    def test_a_cancelled_appointment_gets_nothing_from_the_worker(self, booked):
        booked.status = AppointmentStatus.CANCELLED
        booked.save()
        _make_due()
        _run_worker()
        assert mail.outbox == [] and sms.outbox == []
        assert DBTaskResult.objects.get().return_value == "skipped: cancelled"
