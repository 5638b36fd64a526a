"""The workshops' sources in the participant timeline and in the calendars, and the reads other
apps use (selectors)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from chemin.core import calendar, timeline
from chemin.core.calendar import CalendarQuery
from chemin.workshops.calendar import workshop_entries
from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopTheme
from chemin.workshops.selectors import absences_since, upcoming_registrations_for
from chemin.workshops.timeline import workshop_events as timeline_source
from tests.participants.factories import PathwayFactory
from tests.partners.factories import make_partner
from tests.workshops.factories import RegistrationFactory, WorkshopFactory, at

pytestmark = pytest.mark.django_db


def workshop_events(participant, user):
    with translation.override("fr"):
        return [e for e in timeline.events_for(participant, user) if e.kind == "workshop"]


class TestTimeline:
    def test_registration_then_attendance_as_a_milestone(self, counsellor, territory, pathway):
        workshop = WorkshopFactory(territory=territory, past=True, title="Prendre confiance")
        RegistrationFactory(workshop=workshop, pathway=pathway, attendance=Attendance.PRESENT)
        events = workshop_events(pathway.participant, counsellor)
        assert {e.title: e.is_milestone for e in events} == {
            "Inscrit·e à l’atelier « Prendre confiance »": False,
            "A participé à l’atelier « Prendre confiance »": True,
        }
        assert {e.url for e in events} == {reverse("workshops:detail", kwargs={"pk": workshop.pk})}

    def test_waiting_list_absence_and_excuse_are_not_milestones(self, counsellor, territory, pathway):
        WorkshopFactory(territory=territory)  # not registered: not on the timeline
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, title="Numérique"), pathway=pathway, waiting=True
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, past=True, title="CV"),
            pathway=pathway,
            attendance=Attendance.ABSENT,
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, past=True, title="Confiance"),
            pathway=pathway,
            attendance=Attendance.EXCUSED,
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, title="Annulée"),
            pathway=pathway,
            status=RegistrationStatus.CANCELLED,
        )
        titles = {e.title: e.is_milestone for e in workshop_events(pathway.participant, counsellor)}
        assert titles == {
            "En liste d’attente de l’atelier « Numérique »": False,
            "Inscrit·e à l’atelier « CV »": False,
            "Absent·e à l’atelier « CV »": False,
            "Inscrit·e à l’atelier « Confiance »": False,
            "Excusé·e à l’atelier « Confiance »": False,
        }

    def test_a_cancelled_workshop_says_so(self, counsellor, territory, pathway):
        RegistrationFactory(workshop=WorkshopFactory(territory=territory, cancelled=True), pathway=pathway)
        (event,) = workshop_events(pathway.participant, counsellor)
        assert event.detail.endswith("— atelier annulé")
        assert event.detail.startswith("Confiance et estime de soi, le ")

    def test_query_count_is_flat(self, counsellor, territory, pathway, django_assert_num_queries):
        for _ in range(4):
            RegistrationFactory(
                workshop=WorkshopFactory(territory=territory, past=True),
                pathway=pathway,
                attendance="present",
            )
        with django_assert_num_queries(1):
            assert len(timeline_source(pathway.participant, counsellor)) == 8

    def test_another_territory_and_business_developers_see_nothing(
        self, other_counsellor, business_developer, territory, pathway
    ):
        RegistrationFactory(workshop=WorkshopFactory(territory=territory), pathway=pathway)
        assert workshop_events(pathway.participant, other_counsellor) == []
        assert workshop_events(pathway.participant, business_developer) == []


class TestCalendar:
    def window(self, **kwargs) -> CalendarQuery:
        return CalendarQuery(start=at(0, 0, 0), end=at(14, 0, 0), **kwargs)

    def test_the_territory_sees_its_workshops_in_the_window(self, territory, other_territory, counsellor):
        inside = WorkshopFactory(
            territory=territory,
            theme=WorkshopTheme.DIGITAL_SKILLS,
            title="Créer sa boîte mail",
            starts_at=at(3, 14),
        )
        cancelled = WorkshopFactory(territory=territory, starts_at=at(5, 9), cancelled=True)
        WorkshopFactory(territory=territory, starts_at=at(20))
        WorkshopFactory(territory=territory, starts_at=at(-3))
        WorkshopFactory(territory=other_territory, starts_at=at(3))
        with translation.override("fr"):
            entries = [
                e for e in calendar.entries_for(self.window(territory=territory)) if e.kind == "workshop"
            ]
        assert [e.uid for e in entries] == [f"workshop-{inside.pk}", f"workshop-{cancelled.pk}"]
        first = entries[0]
        assert first.title == "Compétences numériques : Créer sa boîte mail"
        assert first.kind_label == "Atelier"
        assert first.url == reverse("workshops:detail", kwargs={"pk": inside.pk})
        assert first.starts_at == inside.starts_at and first.ends_at == inside.ends_at
        assert first.place == inside.place
        assert not first.is_cancelled and entries[1].is_cancelled

    def test_a_session_overlapping_the_start_of_the_window_is_in_it(self, territory):
        start = at(0, 0, 0)
        WorkshopFactory(territory=territory, starts_at=start - datetime.timedelta(hours=1))
        assert len(workshop_entries(self.window(territory=territory))) == 1

    def test_a_staff_member_sees_the_workshops_they_facilitate(self, territory, counsellor, colleague):
        mine = WorkshopFactory(
            territory=territory, created_by=colleague, facilitator_user=counsellor, starts_at=at(2)
        )
        WorkshopFactory(
            territory=territory, created_by=counsellor, facilitator_user=colleague, starts_at=at(2)
        )
        WorkshopFactory(
            territory=territory,
            created_by=counsellor,
            facilitator_user=None,
            facilitator_partner=make_partner(territories=[territory]),
            starts_at=at(2),
        )
        assert [e.uid for e in workshop_entries(self.window(staff=counsellor))] == [f"workshop-{mine.pk}"]

    @pytest.mark.parametrize("rows", [1, 5])
    def test_one_query_whatever_the_number(self, territory, django_assert_num_queries, rows):
        for day in range(rows):
            WorkshopFactory(territory=territory, starts_at=at(day + 1))
        with django_assert_num_queries(1):
            assert len(workshop_entries(self.window(territory=territory))) == rows

    def test_nothing_without_staff_or_territory(self, territory, django_assert_num_queries):
        WorkshopFactory(territory=territory, starts_at=at(1))
        with django_assert_num_queries(0):
            assert workshop_entries(self.window()) == []


class TestUpcomingRegistrations:
    def test_seats_and_waiting_places_to_come_soonest_first(
        self, territory, pathway, django_assert_num_queries
    ):
        later = RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(9)), pathway=pathway
        )
        full = WorkshopFactory(territory=territory, starts_at=at(2), capacity=1)
        RegistrationFactory(workshop=full)
        RegistrationFactory(workshop=full, waiting=True, registered_at=at(-3))
        waiting = RegistrationFactory(workshop=full, waiting=True, pathway=pathway, registered_at=at(-2))
        RegistrationFactory(workshop=full, waiting=True, registered_at=at(-1))
        RegistrationFactory(workshop=WorkshopFactory(territory=territory, past=True), pathway=pathway)
        RegistrationFactory(workshop=WorkshopFactory(territory=territory, cancelled=True), pathway=pathway)
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory),
            pathway=pathway,
            status=RegistrationStatus.CANCELLED,
        )
        with django_assert_num_queries(1):
            result = upcoming_registrations_for(pathway)
            assert [(r.pk, r.waiting_position, r.workshop.starts_at) for r in result] == [
                (waiting.pk, 2, full.starts_at),
                (later.pk, None, later.workshop.starts_at),
            ]

    def test_a_session_under_way_is_still_upcoming(self, territory, pathway):
        registration = RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, under_way=True), pathway=pathway
        )
        assert upcoming_registrations_for(pathway) == [registration]


class TestAbsencesSince:
    def test_counts_absences_not_excuses_since_the_date(self, territory, django_assert_num_queries):
        often, once, never = (PathwayFactory(territory=territory) for _ in range(3))
        since = timezone.localdate() - datetime.timedelta(days=30)
        for days in (-20, -10, -1):
            RegistrationFactory(
                workshop=WorkshopFactory(territory=territory, starts_at=at(days)),
                pathway=often,
                attendance="absent",
            )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(-40)),
            pathway=often,
            attendance="absent",
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(-5)), pathway=once, attendance="absent"
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(-5)),
            pathway=once,
            attendance="excused",
        )
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(-5)),
            pathway=never,
            attendance="present",
        )
        with django_assert_num_queries(1):
            result = absences_since([often.pk, once.pk, never.pk], since)
        assert result == {often.pk: 3, once.pk: 1, never.pk: 0}

    def test_the_first_day_counts(self, territory, pathway):
        RegistrationFactory(
            workshop=WorkshopFactory(territory=territory, starts_at=at(-7, 8, 0)),
            pathway=pathway,
            attendance="absent",
        )
        since = timezone.localdate() - datetime.timedelta(days=7)
        assert absences_since({pathway.pk}, since) == {pathway.pk: 1}
        assert absences_since({pathway.pk}, since + datetime.timedelta(days=1)) == {pathway.pk: 0}
