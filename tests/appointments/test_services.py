import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from chemin.accounts.enums import Role
from chemin.appointments.enums import AppointmentKind, AppointmentStatus
from chemin.appointments.models import Appointment, CalendarFeed
from chemin.appointments.reminders import reminder_moment
from chemin.appointments.services import (
    AppointmentClashes,
    AppointmentData,
    PathwayNotOpen,
    appointment_book,
    appointment_set_status,
    appointment_update,
    calendar_feed_create,
    calendar_feed_revoke,
)
from tests.accounts.factories import UserFactory
from tests.appointments.factories import AppointmentFactory, at
from tests.participants.factories import ParticipantFactory, PathwayFactory

PARIS = datetime.timezone(datetime.timedelta(hours=1))


def data(staff, starts_at=None, **extra) -> AppointmentData:
    return AppointmentData(
        staff=staff,
        starts_at=starts_at or at(3),
        duration_minutes=extra.pop("duration_minutes", 60),
        kind=extra.pop("kind", AppointmentKind.MONTHLY_FOLLOW_UP),
        **extra,
    )


class TestBook:
    def test_books_and_queues_the_reminder_for_the_day_before_at_ten(self, pathway, counsellor):
        appointment = appointment_book(
            pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 14))
        )
        assert appointment.status == AppointmentStatus.PLANNED
        task = DBTaskResult.objects.get()
        assert task.task_path == "chemin.appointments.tasks.send_appointment_reminder"
        assert task.args_kwargs["args"] == [appointment.pk, appointment.starts_at.isoformat()]
        assert timezone.localtime(task.run_after) == at(2, 10)

    def test_no_reminder_for_an_appointment_less_than_two_hours_ahead(self, pathway, counsellor):
        soon = timezone.now() + datetime.timedelta(minutes=90)
        appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, soon))
        assert Appointment.objects.count() == 1
        assert not DBTaskResult.objects.exists()

    def test_refuses_a_closed_pathway(self, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        with pytest.raises(PathwayNotOpen):
            appointment_book(pathway=closed, booked_by=counsellor, data=data(counsellor))

    @pytest.mark.parametrize("minutes", [0, -30, 4, 481])
    def test_refuses_a_duration_out_of_range(self, pathway, counsellor, minutes):
        with translation.override("fr"), pytest.raises(ValidationError) as error:
            appointment_book(
                pathway=pathway, booked_by=counsellor, data=data(counsellor, duration_minutes=minutes)
            )
        assert error.value.message_dict["duration_minutes"] == ["Un rendez-vous dure entre 5 et 480 minutes."]
        assert not Appointment.objects.exists()

    def test_the_database_refuses_a_zero_duration_too(self, pathway, counsellor):
        with pytest.raises(IntegrityError), transaction.atomic():
            AppointmentFactory(pathway=pathway, duration_minutes=0)

    def test_refuses_a_day_before_the_pathway_started(self, pathway, counsellor):
        before = timezone.make_aware(datetime.datetime.combine(pathway.entry_date, datetime.time(10)))
        with pytest.raises(ValidationError) as error:
            appointment_book(
                pathway=pathway,
                booked_by=counsellor,
                data=data(counsellor, before - datetime.timedelta(days=1)),
            )
        assert "date" in error.value.message_dict

    def test_refuses_a_staff_member_of_another_territory(self, pathway, counsellor, other_counsellor):
        with pytest.raises(ValidationError) as error:
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(other_counsellor))
        assert "staff" in error.value.message_dict

    def test_refuses_a_business_developer_as_the_staff_member(self, pathway, counsellor, business_developer):
        with pytest.raises(ValidationError) as error:
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(business_developer))
        assert "staff" in error.value.message_dict


class TestClashes:
    def test_an_overlap_with_the_same_counsellor_is_reported_naming_who_and_when(
        self, pathway, counsellor, territory
    ):
        other = PathwayFactory(
            territory=territory,
            referent=counsellor,
            participant=ParticipantFactory(first_name="Karim", last_name="Haddad"),
        )
        AppointmentFactory(pathway=other, starts_at=at(3, 10))
        with translation.override("fr"), pytest.raises(AppointmentClashes) as error:
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 10, 30)))
        with translation.override("fr"):
            [message] = [str(clash) for clash in error.value.clashes]
        day = at(3, 10)
        assert message.startswith("Alice Martin a déjà rendez-vous avec Karim H. le ")
        assert message.endswith(f"{day.day} {_month(day)} de 10 h 00 à 11 h 00.")
        assert Appointment.objects.count() == 1

    def test_an_overlap_of_the_same_person_with_a_colleague_is_reported(self, pathway, counsellor, colleague):
        AppointmentFactory(pathway=pathway, staff=colleague, starts_at=at(3, 9, 30))
        with pytest.raises(AppointmentClashes):
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 10)))

    def test_book_anyway_books_it(self, pathway, counsellor):
        AppointmentFactory(pathway=pathway, starts_at=at(3, 10))
        appointment_book(
            pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 10)), allow_overlap=True
        )
        assert Appointment.objects.count() == 2

    def test_back_to_back_and_cancelled_appointments_do_not_clash(self, pathway, counsellor):
        AppointmentFactory(pathway=pathway, starts_at=at(3, 9))  # 9:00–10:00
        AppointmentFactory(pathway=pathway, starts_at=at(3, 10), status=AppointmentStatus.CANCELLED)
        appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 10)))
        assert Appointment.objects.count() == 3

    def test_a_long_appointment_earlier_the_same_day_clashes(self, pathway, counsellor):
        AppointmentFactory(pathway=pathway, starts_at=at(3, 8), duration_minutes=240)  # 8:00–12:00
        with pytest.raises(AppointmentClashes):
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3, 11, 30)))

    def test_moving_onto_another_appointment_is_reported(self, pathway, counsellor):
        AppointmentFactory(pathway=pathway, starts_at=at(3, 10))
        moving = AppointmentFactory(pathway=pathway, starts_at=at(4, 10))
        with pytest.raises(AppointmentClashes):
            appointment_update(
                appointment=moving, changed_by=counsellor, data=data(counsellor, at(3, 10, 15))
            )
        moving.refresh_from_db()
        assert moving.starts_at == at(4, 10)


def _month(moment: datetime.datetime) -> str:
    from django.utils import formats

    with translation.override("fr"):
        return formats.date_format(moment, "F")


class TestUpdate:
    def test_moving_queues_a_new_reminder(self, pathway, counsellor):
        appointment = appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3)))
        appointment_update(appointment=appointment, changed_by=counsellor, data=data(counsellor, at(5)))
        tasks = DBTaskResult.objects.order_by("enqueued_at")
        assert [task.args_kwargs["args"][1] for task in tasks] == [at(3).isoformat(), at(5).isoformat()]

    def test_changing_only_the_place_queues_nothing(self, pathway, counsellor):
        appointment = appointment_book(pathway=pathway, booked_by=counsellor, data=data(counsellor, at(3)))
        appointment_update(
            appointment=appointment, changed_by=counsellor, data=data(counsellor, at(3), place="Salle 4")
        )
        assert DBTaskResult.objects.count() == 1
        assert Appointment.objects.get().place == "Salle 4"

    def test_refuses_to_move_a_held_appointment_but_keeps_notes_editable(self, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-1), status=AppointmentStatus.HELD)
        with translation.override("fr"), pytest.raises(ValidationError) as error:
            appointment_update(appointment=appointment, changed_by=counsellor, data=data(counsellor, at(2)))
        assert error.value.message_dict["date"] == [
            "Ce rendez-vous est déjà marqué « honoré » : sa date et son heure sont conservées. "
            "Prenez plutôt un nouveau rendez-vous."
        ]
        appointment_update(
            appointment=appointment, changed_by=counsellor, data=data(counsellor, at(-1), notes="CV repris")
        )
        appointment.refresh_from_db()
        assert appointment.starts_at == at(-1) and appointment.notes == "CV repris"


class TestSetStatus:
    def test_held_records_the_contact_on_its_day(self, pathway, counsellor):
        pathway.last_contact_on = timezone.localdate() - datetime.timedelta(days=20)
        pathway.save()
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-2, 14))
        appointment_set_status(appointment=appointment, status=AppointmentStatus.HELD, changed_by=counsellor)
        pathway.refresh_from_db()
        assert pathway.last_contact_on == at(-2).date()
        appointment.refresh_from_db()
        assert appointment.status == AppointmentStatus.HELD and appointment.status_changed_at is not None

    @pytest.mark.parametrize("status", [AppointmentStatus.EXCUSED, AppointmentStatus.NO_SHOW])
    def test_other_outcomes_do_not_count_as_a_contact(self, pathway, counsellor, status):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-2))
        appointment_set_status(appointment=appointment, status=status, changed_by=counsellor)
        pathway.refresh_from_db()
        assert pathway.last_contact_on is None

    @pytest.mark.parametrize("status", [AppointmentStatus.HELD, AppointmentStatus.NO_SHOW])
    def test_a_future_appointment_cannot_be_held_or_missed_yet(self, pathway, counsellor, status):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(2))
        with pytest.raises(ValidationError):
            appointment_set_status(appointment=appointment, status=status, changed_by=counsellor)
        assert Appointment.objects.get().status == AppointmentStatus.PLANNED

    def test_a_future_appointment_can_be_cancelled_or_excused(self, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(2))
        appointment_set_status(
            appointment=appointment, status=AppointmentStatus.CANCELLED, changed_by=counsellor
        )
        assert Appointment.objects.get().status == AppointmentStatus.CANCELLED

    def test_refuses_back_to_planned(self, pathway, counsellor):
        appointment = AppointmentFactory(pathway=pathway, starts_at=at(-2), status=AppointmentStatus.NO_SHOW)
        with pytest.raises(ValidationError):
            appointment_set_status(
                appointment=appointment, status=AppointmentStatus.PLANNED, changed_by=counsellor
            )


class TestReminderMoment:
    NOW = datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.UTC)  # 16:00 in Paris

    def test_the_day_before_at_ten_paris_time(self):
        starts_at = datetime.datetime(2026, 11, 26, 14, 0, tzinfo=PARIS)
        assert reminder_moment(starts_at, now=self.NOW) == datetime.datetime(
            2026, 11, 25, 10, 0, tzinfo=PARIS
        )

    def test_right_away_when_ten_the_day_before_has_passed(self):
        tomorrow_morning = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
        assert reminder_moment(tomorrow_morning, now=self.NOW) == self.NOW

    def test_right_away_for_later_today_more_than_two_hours_ahead(self):
        tonight = self.NOW + datetime.timedelta(hours=2, minutes=1)
        assert reminder_moment(tonight, now=self.NOW) == self.NOW

    def test_none_within_two_hours(self):
        assert reminder_moment(self.NOW + datetime.timedelta(hours=2), now=self.NOW) is None
        assert reminder_moment(self.NOW - datetime.timedelta(days=1), now=self.NOW) is None

    def test_ten_oclock_stays_ten_oclock_across_the_change_to_summer_time(self):
        # Clocks go forward on Sunday 29 March 2026: the reminder is at 10:00 summer time (08:00 UTC).
        monday = datetime.datetime(2026, 3, 30, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
        moment = reminder_moment(monday, now=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
        assert moment == datetime.datetime(2026, 3, 29, 8, 0, tzinfo=datetime.UTC)


class TestCalendarFeed:
    def test_regenerating_revokes_the_old_address(self, counsellor):
        first = calendar_feed_create(user=counsellor)
        second = calendar_feed_create(user=counsellor)
        first.refresh_from_db()
        assert first.revoked_at is not None and second.revoked_at is None
        assert first.token != second.token and len(second.token) >= 43

    def test_revoke(self, counsellor):
        calendar_feed_create(user=counsellor)
        assert calendar_feed_revoke(user=counsellor) == 1
        assert not CalendarFeed.objects.active().exists()

    def test_one_active_address_per_person_in_the_database(self, counsellor):
        CalendarFeed.objects.create(user=counsellor, token="a")
        with pytest.raises(IntegrityError), transaction.atomic():
            CalendarFeed.objects.create(user=counsellor, token="b")


class TestStaffChoices:
    def test_a_manager_books_for_a_counsellor(self, pathway, manager, counsellor):
        appointment = appointment_book(pathway=pathway, booked_by=manager, data=data(counsellor))
        assert appointment.staff == counsellor and appointment.created_by == manager

    def test_an_inactive_staff_member_is_refused(self, pathway, counsellor, territory):
        gone = UserFactory(is_active=False, memberships=[(territory, Role.COUNSELLOR)])
        with pytest.raises(ValidationError):
            appointment_book(pathway=pathway, booked_by=counsellor, data=data(gone))
