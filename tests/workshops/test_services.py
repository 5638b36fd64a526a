import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from chemin.workshops import services
from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus, WorkshopTheme
from chemin.workshops.models import Registration, Workshop
from chemin.workshops.services import WorkshopData
from tests.participants.factories import PathwayFactory
from tests.partners.factories import make_partner
from tests.workshops.factories import RegistrationFactory, WorkshopFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def data(**overrides) -> WorkshopData:
    values = {
        "theme": WorkshopTheme.REMOBILISATION,
        "title": "  Se remettre en route  ",
        "place": "Maison de l'emploi",
        "starts_at": at(3, 9),
        "ends_at": at(3, 12),
        "capacity": 10,
    }
    return WorkshopData(**{**values, **overrides})


@pytest.fixture
def workshop(territory, counsellor):
    return WorkshopFactory(territory=territory, created_by=counsellor, capacity=2)


def register(workshop, pathway, user):
    return services.registration_create(workshop=workshop, pathway=pathway, registered_by=user)


class TestWorkshopCreate:
    def test_a_counsellor_facilitates_it(self, territory, counsellor):
        workshop = services.workshop_create(
            territory=territory, created_by=counsellor, data=data(facilitator_user=counsellor)
        )
        assert workshop.title == "Se remettre en route"
        assert workshop.status == WorkshopStatus.PLANNED
        assert workshop.facilitator_name == "Alice Martin"

    def test_a_partner_facilitates_it(self, territory, counsellor):
        partner = make_partner(territories=[territory], name="Association Rebond")
        workshop = services.workshop_create(
            territory=territory, created_by=counsellor, data=data(facilitator_partner=partner)
        )
        assert workshop.facilitator_name == "Association Rebond"

    @pytest.mark.parametrize("both", [True, False])
    def test_refuses_none_or_two_facilitators(self, territory, counsellor, both):
        partner = make_partner(territories=[territory]) if both else None
        with pytest.raises(ValidationError) as error:
            services.workshop_create(
                territory=territory,
                created_by=counsellor,
                data=data(facilitator_user=counsellor if both else None, facilitator_partner=partner),
            )
        assert "facilitator" in error.value.message_dict
        assert not Workshop.objects.exists()

    def test_refuses_an_end_before_the_start(self, territory, counsellor):
        with pytest.raises(ValidationError) as error:
            services.workshop_create(
                territory=territory,
                created_by=counsellor,
                data=data(facilitator_user=counsellor, ends_at=at(3, 8)),
            )
        assert error.value.message_dict == {"end_time": ["L’atelier doit finir après avoir commencé."]}


class TestDatabaseConstraints:
    def test_one_facilitator_exactly(self, territory, counsellor):
        partner = make_partner(territories=[territory])
        with pytest.raises(IntegrityError), transaction.atomic():
            WorkshopFactory(territory=territory, created_by=counsellor, facilitator_partner=partner)
        with pytest.raises(IntegrityError), transaction.atomic():
            WorkshopFactory(territory=territory, created_by=counsellor, facilitator_user=None)

    def test_ends_after_it_starts(self, territory, counsellor):
        with pytest.raises(IntegrityError), transaction.atomic():
            WorkshopFactory(territory=territory, created_by=counsellor, ends_at=at(7, 9, 30))

    def test_at_least_one_seat(self, territory, counsellor):
        with pytest.raises(IntegrityError), transaction.atomic():
            WorkshopFactory(territory=territory, created_by=counsellor, capacity=0)

    def test_a_person_once_per_workshop(self, workshop, pathway):
        RegistrationFactory(workshop=workshop, pathway=pathway)
        with pytest.raises(IntegrityError), transaction.atomic():
            RegistrationFactory(workshop=workshop, pathway=pathway, waiting=True)

    def test_no_attendance_on_the_waiting_list(self, workshop):
        with pytest.raises(IntegrityError), transaction.atomic():
            RegistrationFactory(workshop=workshop, waiting=True, attendance=Attendance.PRESENT)


class TestRegistration:
    def test_seats_first_then_the_waiting_list_in_order(self, workshop, territory, counsellor):
        first, second, third, fourth = (PathwayFactory(territory=territory) for _ in range(4))
        statuses = [
            register(workshop, pathway, counsellor).status for pathway in (first, second, third, fourth)
        ]
        assert statuses == ["registered", "registered", "waiting_list", "waiting_list"]
        waiting = list(workshop.registrations.waiting())
        assert [r.pathway for r in waiting] == [third, fourth]
        assert [r.waiting_position() for r in waiting] == [1, 2]

    @pytest.mark.parametrize("status", ["registered", "waiting_list"])
    def test_refuses_someone_already_registered_or_waiting(self, workshop, pathway, counsellor, status):
        RegistrationFactory(workshop=workshop, pathway=pathway, status=status)
        with pytest.raises(ValidationError) as error:
            register(workshop, pathway, counsellor)
        assert "Nadia Benamar" in error.value.messages[0]
        assert "déjà" in error.value.messages[0]
        assert Registration.objects.count() == 1

    def test_refuses_a_cancelled_workshop(self, territory, counsellor, pathway):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, cancelled=True)
        with pytest.raises(ValidationError, match="annulé"):
            register(workshop, pathway, counsellor)
        assert not Registration.objects.exists()

    def test_refuses_a_workshop_that_is_over(self, territory, counsellor, pathway):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, past=True)
        with pytest.raises(ValidationError, match="terminé"):
            register(workshop, pathway, counsellor)

    def test_accepts_someone_joining_a_session_under_way(self, territory, counsellor, pathway):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, under_way=True)
        assert register(workshop, pathway, counsellor).status == RegistrationStatus.REGISTERED

    def test_refuses_someone_of_another_territory_or_with_a_closed_pathway(
        self, workshop, other_territory, territory, counsellor
    ):
        for pathway in (
            PathwayFactory(territory=other_territory),
            PathwayFactory(territory=territory, closed=True),
        ):
            with pytest.raises(ValidationError, match="parcours ouvert"):
                register(workshop, pathway, counsellor)
        assert not Registration.objects.exists()

    def test_registering_again_after_cancelling_goes_to_the_end(self, workshop, territory, counsellor):
        comeback = RegistrationFactory(
            workshop=workshop, status=RegistrationStatus.CANCELLED, registered_at=at(-5, 9)
        )
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        waiting = RegistrationFactory(workshop=workshop, waiting=True)
        again = register(workshop, comeback.pathway, counsellor)
        assert again.pk == comeback.pk
        assert again.status == RegistrationStatus.WAITING_LIST
        assert [r.pk for r in workshop.registrations.waiting()] == [waiting.pk, comeback.pk]


class TestRegistrationCancel:
    def test_the_first_person_waiting_gets_the_seat(self, workshop, counsellor):
        leaving = RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        first = RegistrationFactory(workshop=workshop, waiting=True)
        second = RegistrationFactory(workshop=workshop, waiting=True)
        promoted = services.registration_cancel(registration=leaving, cancelled_by=counsellor)
        assert promoted == first
        statuses = dict(Registration.objects.values_list("pk", "status"))
        assert statuses == {
            leaving.pk: "cancelled",
            promoted.pk: "registered",
            second.pk: "waiting_list",
            Registration.objects.exclude(pk__in=[leaving.pk, first.pk, second.pk]).get().pk: "registered",
        }

    def test_leaving_the_waiting_list_promotes_nobody(self, workshop, counsellor):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        leaving = RegistrationFactory(workshop=workshop, waiting=True)
        still = RegistrationFactory(workshop=workshop, waiting=True)
        assert services.registration_cancel(registration=leaving, cancelled_by=counsellor) is None
        still.refresh_from_db()
        assert still.status == RegistrationStatus.WAITING_LIST

    def test_refuses_once_the_session_has_started(self, territory, counsellor):
        registration = RegistrationFactory(workshop=WorkshopFactory(territory=territory, under_way=True))
        with pytest.raises(ValidationError, match="excusée"):
            services.registration_cancel(registration=registration, cancelled_by=counsellor)

    def test_refuses_twice(self, workshop, counsellor):
        registration = RegistrationFactory(workshop=workshop, status=RegistrationStatus.CANCELLED)
        with pytest.raises(ValidationError, match="déjà annulée"):
            services.registration_cancel(registration=registration, cancelled_by=counsellor)


class TestWorkshopUpdate:
    def _change(self, workshop, counsellor, **overrides):
        values = {
            "theme": workshop.theme,
            "title": workshop.title,
            "place": workshop.place,
            "starts_at": workshop.starts_at,
            "ends_at": workshop.ends_at,
            "capacity": workshop.capacity,
            "facilitator_user": workshop.facilitator_user,
        }
        return services.workshop_update(
            workshop=workshop, changed_by=counsellor, data=WorkshopData(**{**values, **overrides})
        )

    def test_refuses_fewer_seats_than_people_registered(self, workshop, counsellor):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        with pytest.raises(ValidationError) as error:
            self._change(workshop, counsellor, capacity=1)
        assert error.value.message_dict == {
            "capacity": ["2 personnes sont inscrites : l’atelier doit avoir au moins 2 places."]
        }
        assert Workshop.objects.get().capacity == 2

    def test_more_seats_promote_as_many_people_as_fit(self, workshop, counsellor):
        RegistrationFactory(workshop=workshop)
        RegistrationFactory(workshop=workshop)
        waiting = [RegistrationFactory(workshop=workshop, waiting=True) for _ in range(3)]
        promoted = self._change(workshop, counsellor, capacity=4)
        assert promoted == waiting[:2]
        assert list(workshop.registrations.waiting()) == waiting[2:]
        assert workshop.capacity == 4

    def test_refuses_a_cancelled_workshop(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, created_by=counsellor, cancelled=True)
        with pytest.raises(ValidationError, match="annulé"):
            self._change(workshop, counsellor, title="Autre")


class TestAttendance:
    def test_records_everyone_in_one_go_and_marks_the_workshop_held(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, under_way=True)
        came, missed, warned, unrecorded = (RegistrationFactory(workshop=workshop) for _ in range(4))
        waiting = RegistrationFactory(workshop=workshop, waiting=True)
        count = services.workshop_record_attendance(
            workshop=workshop,
            attendance={came.pk: "present", missed.pk: "absent", warned.pk: "excused", waiting.pk: "present"},
            recorded_by=counsellor,
        )
        assert count == 3
        assert dict(Registration.objects.values_list("pk", "attendance")) == {
            came.pk: "present",
            missed.pk: "absent",
            warned.pk: "excused",
            unrecorded.pk: "unknown",
            waiting.pk: "unknown",
        }
        assert Workshop.objects.get().status == WorkshopStatus.HELD

    def test_refuses_before_the_session(self, workshop, counsellor):
        registration = RegistrationFactory(workshop=workshop)
        with pytest.raises(ValidationError, match="commencé"):
            services.workshop_record_attendance(
                workshop=workshop, attendance={registration.pk: "present"}, recorded_by=counsellor
            )
        registration.refresh_from_db()
        assert registration.attendance == Attendance.UNKNOWN

    def test_refuses_an_unknown_value(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, under_way=True)
        registration = RegistrationFactory(workshop=workshop)
        with pytest.raises(ValidationError):
            services.workshop_record_attendance(
                workshop=workshop, attendance={registration.pk: "unknown"}, recorded_by=counsellor
            )

    def test_ignores_registrations_of_another_workshop(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, under_way=True)
        elsewhere = RegistrationFactory(workshop=WorkshopFactory(territory=territory, under_way=True))
        services.workshop_record_attendance(
            workshop=workshop, attendance={elsewhere.pk: "absent"}, recorded_by=counsellor
        )
        elsewhere.refresh_from_db()
        assert elsewhere.attendance == Attendance.UNKNOWN


class TestWorkshopCancel:
    def test_cancels_a_planned_workshop_keeping_its_registrations(self, workshop, counsellor):
        RegistrationFactory(workshop=workshop)
        services.workshop_cancel(workshop=workshop, cancelled_by=counsellor)
        assert Workshop.objects.get().status == WorkshopStatus.CANCELLED
        assert Registration.objects.get().status == RegistrationStatus.REGISTERED

    def test_refuses_a_workshop_that_took_place(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, past=True)
        with pytest.raises(ValidationError, match="a eu lieu"):
            services.workshop_cancel(workshop=workshop, cancelled_by=counsellor)
        assert Workshop.objects.get().status == WorkshopStatus.HELD

    def test_refuses_twice(self, territory, counsellor):
        workshop = WorkshopFactory(territory=territory, cancelled=True)
        with pytest.raises(ValidationError, match="déjà annulé"):
            services.workshop_cancel(workshop=workshop, cancelled_by=counsellor)


def test_times_are_aware(territory, counsellor):
    workshop = services.workshop_create(
        territory=territory, created_by=counsellor, data=data(facilitator_user=counsellor)
    )
    workshop.refresh_from_db()
    assert timezone.is_aware(workshop.starts_at)
    assert workshop.ends_at - workshop.starts_at == datetime.timedelta(hours=3)
