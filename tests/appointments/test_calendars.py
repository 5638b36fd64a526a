import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from chemin.appointments.calendar import appointment_entries
from chemin.appointments.enums import AppointmentStatus
from chemin.appointments.models import CalendarFeed
from chemin.appointments.services import calendar_feed_create, calendar_feed_revoke
from chemin.core.calendar import CalendarQuery
from tests.appointments.factories import AppointmentFactory, at
from tests.participants.factories import ParticipantFactory, PathwayFactory

TODAY = timezone.localdate()
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday())


def monday_at(days: int, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(MONDAY + datetime.timedelta(days=days), datetime.time(hour))
    )


def week_param(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@pytest.fixture
def karim(territory, counsellor):
    participant = ParticipantFactory(first_name="Karim", last_name="Haddad")
    return PathwayFactory(participant=participant, territory=territory, referent=counsellor)


class TestMyWeek:
    def test_shows_my_appointments_of_the_week_by_day(self, counsellor_client, pathway, colleague):
        AppointmentFactory(pathway=pathway, starts_at=monday_at(1, 14), place="Bureau 2")
        AppointmentFactory(pathway=pathway, staff=colleague, starts_at=monday_at(2), place="Chez Frank")
        AppointmentFactory(pathway=pathway, starts_at=monday_at(8), place="Semaine suivante")
        response = counsellor_client.get(reverse("calendars:mine"))
        days = response.context["days"]
        assert [day.date for day in days] == [MONDAY + datetime.timedelta(days=n) for n in range(7)]
        assert [[entry.place for entry in day.entries] for day in days][1] == ["Bureau 2"]
        assert sum(len(day.entries) for day in days) == 1
        page = response.content.decode()
        assert "Nadia B." in page and "Benamar" not in page.split('class="calendar-days"')[1]
        assert "14:00 – 15:00" in page and "Suivi mensuel" in page
        assert "Chez Frank" not in page
        assert (
            f'href="{reverse("participant_appointments:list", kwargs={"participant_pk": pathway.participant.pk})}'
            in page
        )

    def test_navigates_by_week_number_and_by_date(self, counsellor_client, pathway):
        AppointmentFactory(pathway=pathway, starts_at=monday_at(9), place="Dans dix jours")
        next_week = MONDAY + datetime.timedelta(days=7)
        by_week = counsellor_client.get(reverse("calendars:mine"), {"semaine": week_param(next_week)})
        by_date = counsellor_client.get(
            reverse("calendars:mine"), {"du": (next_week + datetime.timedelta(days=3)).isoformat()}
        )
        for response in (by_week, by_date):
            assert response.context["monday"] == next_week
            assert "Dans dix jours" in response.content.decode()
            assert response.context["previous_week"] == week_param(MONDAY)
            assert f'href="?semaine={week_param(MONDAY)}">Cette semaine' in response.content.decode()

    @pytest.mark.parametrize("params", [{"semaine": "2026-W60"}, {"semaine": "demain"}, {"du": "2026-02-30"}])
    def test_a_bad_week_falls_back_to_this_week(self, counsellor_client, params):
        response = counsellor_client.get(reverse("calendars:mine"), params)
        assert response.status_code == 200 and response.context["monday"] == MONDAY

    def test_a_cancelled_appointment_is_struck_out(self, counsellor_client, pathway):
        AppointmentFactory(pathway=pathway, starts_at=monday_at(3), status=AppointmentStatus.CANCELLED)
        page = counsellor_client.get(reverse("calendars:mine")).content.decode()
        assert "calendar-entry--cancelled" in page and "(annulé)" in page

    @pytest.mark.parametrize("rows", [2, 8])
    def test_query_count_does_not_grow_with_the_entries(
        self, counsellor_client, territory, counsellor, django_assert_num_queries, rows
    ):
        for index in range(rows):
            AppointmentFactory(
                pathway=PathwayFactory(territory=territory, referent=counsellor),
                starts_at=monday_at(index % 7, 8 + index),
            )
        # Every calendar source (workshops too) adds its own fixed number: pinned to an empty week's.
        with django_assert_num_queries(_week_queries(counsellor_client, "calendars:mine")):
            response = counsellor_client.get(reverse("calendars:mine"))
        assert response.context["entry_count"] == rows


def _week_queries(client, name: str) -> int:
    """Queries of a week view with no entry at all, next week: the floor every count must equal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(reverse(name), {"semaine": week_param(MONDAY + datetime.timedelta(days=7 * 30))})
    return len(captured.captured_queries)


class TestTerritoryWeek:
    def test_shows_every_staff_member_of_the_territory(
        self, manager_client, pathway, karim, colleague, other_territory
    ):
        AppointmentFactory(pathway=pathway, starts_at=monday_at(1))
        AppointmentFactory(pathway=karim, staff=colleague, starts_at=monday_at(1, 11))
        elsewhere = PathwayFactory(territory=other_territory)
        AppointmentFactory(pathway=elsewhere, starts_at=monday_at(1, 12), place="Arras")
        response = manager_client.get(reverse("calendars:territory"))
        page = response.content.decode()
        assert "Nadia B. avec Alice Martin" in page
        assert "Karim H. avec Frank Wojcik" in page
        assert "Arras" not in page.split('class="calendar-days"')[1]
        assert response.context["entry_count"] == 2

    def test_counsellors_see_it_too(self, counsellor_client):
        assert counsellor_client.get(reverse("calendars:territory")).status_code == 200

    def test_business_developers_do_not(self, business_developer_client):
        assert business_developer_client.get(reverse("calendars:territory")).status_code == 403

    def test_another_territory_sees_only_its_own(self, other_counsellor_client, pathway):
        AppointmentFactory(pathway=pathway, starts_at=monday_at(2))
        response = other_counsellor_client.get(reverse("calendars:territory"))
        assert response.context["entry_count"] == 0
        assert "Nadia" not in response.content.decode()
        assert other_counsellor_client.get(reverse("calendars:mine")).context["entry_count"] == 0

    @pytest.mark.parametrize("rows", [2, 8])
    def test_query_count_does_not_grow_with_the_entries(
        self, manager_client, territory, counsellor, colleague, django_assert_num_queries, rows
    ):
        for index in range(rows):
            AppointmentFactory(
                pathway=PathwayFactory(territory=territory, referent=counsellor),
                staff=colleague if index % 2 else counsellor,
                starts_at=monday_at(index % 7, 8 + index),
            )
        with django_assert_num_queries(_week_queries(manager_client, "calendars:territory")):
            response = manager_client.get(reverse("calendars:territory"))
        assert response.context["entry_count"] == rows

    def test_anonymous_is_sent_to_login(self, client):
        for name in ("calendars:mine", "calendars:territory", "calendars:subscription"):
            response = client.get(reverse(name))
            assert response.status_code == 302 and "/compte/connexion/" in response.url


class TestSource:
    def test_one_query_whatever_the_number_of_appointments(
        self, counsellor, pathway, karim, django_assert_num_queries
    ):
        for days in range(6):
            AppointmentFactory(pathway=pathway if days % 2 else karim, starts_at=monday_at(days))
        query = CalendarQuery(start=monday_at(0, 0), end=monday_at(7, 0), staff=counsellor)
        with django_assert_num_queries(1):
            entries = appointment_entries(query)
        assert len(entries) == 6
        assert {entry.title for entry in entries} == {"Nadia B.", "Karim H."}

    def test_without_staff_nor_territory_it_returns_nothing(self, pathway):
        AppointmentFactory(pathway=pathway)
        assert appointment_entries(CalendarQuery(start=at(-5), end=at(5))) == []


class TestSubscription:
    def test_creates_shows_regenerates_and_revokes_the_address(self, counsellor_client, counsellor):
        url = reverse("calendars:subscription")
        assert "Créer l’adresse de mon agenda" in counsellor_client.get(url).content.decode()
        counsellor_client.post(url, {"action": "create"})
        feed = CalendarFeed.objects.get()
        page = counsellor_client.get(url).content.decode()
        assert f'value="http://testserver/agenda/ical/{feed.token}.ics"' in page
        counsellor_client.post(url, {"action": "create"})
        assert CalendarFeed.objects.active().get().token != feed.token
        counsellor_client.post(url, {"action": "revoke"})
        assert not CalendarFeed.objects.active().exists()

    def test_get_changes_nothing(self, counsellor_client):
        counsellor_client.get(reverse("calendars:subscription"), {"action": "create"})
        assert not CalendarFeed.objects.exists()


class TestFeed:
    def test_the_feed_needs_no_login_and_lists_my_appointments(
        self, client, counsellor, pathway, karim, colleague
    ):
        held = AppointmentFactory(
            pathway=pathway, starts_at=at(-3), status=AppointmentStatus.HELD, notes="RQTH, santé"
        )
        cancelled = AppointmentFactory(
            pathway=karim, starts_at=at(4, 15), status=AppointmentStatus.CANCELLED, place=""
        )
        AppointmentFactory(pathway=pathway, staff=colleague, starts_at=at(2))
        AppointmentFactory(pathway=pathway, starts_at=at(-40))
        AppointmentFactory(pathway=pathway, starts_at=at(200))
        feed = calendar_feed_create(user=counsellor)
        response = client.get(reverse("calendars:feed", kwargs={"token": feed.token}))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
        assert set(events) == {
            f"appointment-{held.pk}@chemin-faisant",
            f"appointment-{cancelled.pk}@chemin-faisant",
        }
        event = events[f"appointment-{held.pk}@chemin-faisant"]
        assert str(event["summary"]) == "Suivi mensuel — Nadia B."
        assert str(event["location"]) == "Antenne de Lens, bureau 2"
        assert event.decoded("dtstart") == held.starts_at
        assert event.decoded("dtend") == held.starts_at + datetime.timedelta(hours=1)
        assert str(event["status"]) == "CONFIRMED"
        assert str(events[f"appointment-{cancelled.pk}@chemin-faisant"]["status"]) == "CANCELLED"
        body = response.content.decode()
        for secret in ("Benamar", "Haddad", "RQTH", "santé"):
            assert secret not in body

    def test_a_revoked_or_unknown_address_is_404(self, client, counsellor):
        feed = calendar_feed_create(user=counsellor)
        url = reverse("calendars:feed", kwargs={"token": feed.token})
        assert client.get(url).status_code == 200
        calendar_feed_revoke(user=counsellor)
        assert client.get(url).status_code == 404
        assert client.get(reverse("calendars:feed", kwargs={"token": "pas-un-jeton"})).status_code == 404

    def test_a_regenerated_address_replaces_the_old_one(self, client, counsellor):
        old = calendar_feed_create(user=counsellor)
        new = calendar_feed_create(user=counsellor)
        assert client.get(reverse("calendars:feed", kwargs={"token": old.token})).status_code == 404
        assert client.get(reverse("calendars:feed", kwargs={"token": new.token})).status_code == 200

    def test_a_deactivated_staff_members_feed_is_404(self, client, counsellor):
        feed = calendar_feed_create(user=counsellor)
        counsellor.is_active = False
        counsellor.save()
        assert client.get(reverse("calendars:feed", kwargs={"token": feed.token})).status_code == 404
