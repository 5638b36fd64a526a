import datetime
import io

import pytest
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from chemin.appointments.demo import seed_appointments
from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import Appointment
from chemin.appointments.selectors import appointments_of_day, no_show_counts
from chemin.appointments.services import appointment_set_status
from chemin.core import sms, timeline
from tests.appointments.factories import AppointmentFactory, at
from tests.participants.factories import PathwayFactory


class TestAppointmentsOfDay:
    def test_my_appointments_of_the_day_in_time_order(
        self, counsellor, colleague, pathway, territory, django_assert_num_queries
    ):
        other = PathwayFactory(territory=territory, referent=counsellor)
        AppointmentFactory(pathway=other, starts_at=at(0, 14))
        AppointmentFactory(pathway=pathway, starts_at=at(0, 9))
        AppointmentFactory(pathway=pathway, starts_at=at(0, 11), status=AppointmentStatus.CANCELLED)
        AppointmentFactory(pathway=pathway, staff=colleague, starts_at=at(0, 10))
        AppointmentFactory(pathway=pathway, starts_at=at(1, 9))
        with django_assert_num_queries(1):
            appointments = appointments_of_day(counsellor, timezone.localdate())
            names = [a.pathway.participant.first_name for a in appointments]
        assert [timezone.localtime(a.starts_at).hour for a in appointments] == [9, 14]
        assert names[0] == "Nadia"
        assert len(appointments_of_day(counsellor, timezone.localdate(), include_cancelled=True)) == 3

    def test_the_day_is_the_paris_day(self, counsellor, pathway):
        late = AppointmentFactory(pathway=pathway, starts_at=at(0, 23, 30))
        assert appointments_of_day(counsellor, timezone.localdate()) == [late]
        assert appointments_of_day(counsellor, timezone.localdate() + datetime.timedelta(days=1)) == []


class TestNoShowCounts:
    def test_counts_missed_appointments_since_a_date_per_pathway(
        self, pathway, territory, counsellor, django_assert_num_queries
    ):
        other = PathwayFactory(territory=territory, referent=counsellor)
        quiet = PathwayFactory(territory=territory, referent=counsellor)
        for days in (-3, -10, -40):
            AppointmentFactory(pathway=pathway, starts_at=at(days), status=AppointmentStatus.NO_SHOW)
        AppointmentFactory(pathway=other, starts_at=at(-5), status=AppointmentStatus.NO_SHOW)
        AppointmentFactory(pathway=other, starts_at=at(-5, 15), status=AppointmentStatus.EXCUSED)
        AppointmentFactory(pathway=quiet, starts_at=at(-5), status=AppointmentStatus.HELD)
        since = timezone.localdate() - datetime.timedelta(days=30)
        with django_assert_num_queries(1):
            counts = no_show_counts([pathway.pk, other.pk, quiet.pk], since)
        assert counts == {pathway.pk: 2, other.pk: 1}
        assert no_show_counts([pathway.pk], timezone.now() - datetime.timedelta(days=60)) == {pathway.pk: 3}


class TestTimeline:
    def test_booked_held_and_missed_appointments(self, counsellor, pathway):
        held = AppointmentFactory(pathway=pathway, starts_at=at(-7, 9, 30))
        appointment_set_status(appointment=held, status=AppointmentStatus.HELD, changed_by=counsellor)
        AppointmentFactory(pathway=pathway, starts_at=at(-2), status=AppointmentStatus.NO_SHOW)
        with translation.override("fr"):
            titles = [
                e.title
                for e in timeline.events_for(pathway.participant, counsellor)
                if e.kind == "appointment"
            ]
        assert sorted(titles) == sorted(
            [
                "Rendez-vous pris : Suivi mensuel avec Alice Martin",
                "Rendez-vous pris : Suivi mensuel avec Alice Martin",
                "Rendez-vous honoré : Suivi mensuel avec Alice Martin",
                "Rendez-vous manqué : Suivi mensuel avec Alice Martin",
            ]
        )

    def test_one_query_whatever_the_number(self, counsellor, pathway, django_assert_num_queries):
        for days in range(5):
            AppointmentFactory(pathway=pathway, starts_at=at(days + 1))
        from chemin.appointments.timeline import appointment_events

        with django_assert_num_queries(1):
            assert len(appointment_events(pathway.participant, counsellor)) == 5

    def test_business_developers_and_other_territories_see_none(
        self, business_developer, other_counsellor, pathway
    ):
        AppointmentFactory(pathway=pathway)
        for user in (business_developer, other_counsellor):
            assert not [e for e in timeline.events_for(pathway.participant, user) if e.kind == "appointment"]


class TestDemo:
    def test_seeds_a_month_once_without_reminders_for_the_past(self, territory, counsellor, other_territory):
        from chemin.accounts.enums import Role
        from tests.accounts.factories import UserFactory

        arras = UserFactory(memberships=[(other_territory, Role.COUNSELLOR)])
        pathways = [PathwayFactory(territory=territory, referent=counsellor) for _ in range(4)]
        pathways += [PathwayFactory(territory=other_territory, referent=arras) for _ in range(3)]
        pathways.append(PathwayFactory(territory=territory, referent=counsellor, closed=True))
        for index, pathway in enumerate(pathways):
            pathway.last_contact_on = timezone.localdate() - datetime.timedelta(days=60 if index == 0 else 3)
            pathway.save()

        created = seed_appointments(pathways=pathways)
        assert seed_appointments(pathways=pathways) == 0

        assert created == Appointment.objects.count() == 7 * 4
        now = timezone.now()
        past = Appointment.objects.filter(starts_at__lt=now)
        future = Appointment.objects.filter(starts_at__gt=now)
        assert past.count() == future.count() == 14
        assert not past.filter(status=AppointmentStatus.PLANNED).exists()
        assert set(past.values_list("status", flat=True)) == {
            AppointmentStatus.HELD,
            AppointmentStatus.NO_SHOW,
            AppointmentStatus.EXCUSED,
        }
        assert not future.exclude(status=AppointmentStatus.PLANNED).exists()
        assert all(timezone.localtime(a.starts_at).weekday() < 5 for a in Appointment.objects.all())
        assert not Appointment.objects.filter(pathway=pathways[-1]).exists()
        # Drifting away (60 days without contact): two missed appointments, none held.
        missed = Appointment.objects.filter(pathway=pathways[0], starts_at__lt=now)
        assert list(missed.values_list("status", flat=True)) == [AppointmentStatus.NO_SHOW] * 2
        scheduled = {task.args_kwargs["args"][0] for task in DBTaskResult.objects.all()}
        assert scheduled == set(future.values_list("pk", flat=True))
        # Each counsellor's week has no two appointments at the same time.
        for appointment in Appointment.objects.all():
            assert (
                not Appointment.objects.filter(staff=appointment.staff, starts_at=appointment.starts_at)
                .exclude(pk=appointment.pk)
                .exists()
            )


class TestSmsBackends:
    def test_console_masks_the_number(self):
        stream = io.StringIO()
        sms.ConsoleBackend(stream=stream).send_messages([sms.SmsMessage(to="06 12 34 56 78", body="Bonjour")])
        assert "SMS to ••••••••78\nBonjour" in stream.getvalue()
        assert "06 12" not in stream.getvalue()

    def test_file_appends_with_the_number_masked(self, tmp_path):
        path = tmp_path / "sms" / "sms.log"
        backend = sms.FileBackend(file_path=path)
        backend.send_messages([sms.SmsMessage(to="0612345678", body="Un")])
        backend.send_messages([sms.SmsMessage(to="0612345678", body="Deux")])
        text = path.read_text(encoding="utf-8")
        assert text.count("SMS to ••••••••78") == 2 and "Un\n" in text and "Deux\n" in text
        assert "0612345678" not in text

    def test_the_file_path_comes_from_the_settings(self, tmp_path, settings):
        settings.SMS_BACKEND = "chemin.core.sms.FileBackend"
        settings.SMS_FILE_PATH = str(tmp_path / "out.log")
        assert sms.send_sms("0700000001", "Salut") == 1
        assert "Salut" in (tmp_path / "out.log").read_text(encoding="utf-8")

    def test_the_test_settings_use_the_locmem_outbox(self):
        assert sms.send_sms("0700000001", "Test") == 1
        assert sms.outbox == [sms.SmsMessage(to="0700000001", body="Test")]

    def test_the_base_class_must_be_subclassed(self):
        with pytest.raises(NotImplementedError):
            sms.BaseSmsBackend().send_messages([])
