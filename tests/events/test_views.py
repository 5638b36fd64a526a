import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from chemin.core import timeline
from chemin.events.enums import EventKind
from chemin.events.models import Event, EventCompany, EventParticipant
from chemin.events.services import attendees
from tests.events.factories import EventCompanyFactory, EventFactory, EventParticipantFactory
from tests.immersions.factories import CompanyFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory

TODAY = timezone.localdate()


def url(name: str, event=None) -> str:
    return reverse(f"events:{name}", kwargs={"pk": event.pk} if event else None)


@pytest.fixture
def event(territory, counsellor):
    return EventFactory(territory=territory, created_by=counsellor, title="Job dating logistique")


@pytest.fixture
def todays_event(territory, counsellor):
    return EventFactory(territory=territory, created_by=counsellor, date=TODAY, title="Job dating du jour")


class TestEventCreate:
    def test_counsellor_creates_a_job_dating(self, counsellor_client, territory):
        response = counsellor_client.post(
            url("create"),
            {
                "kind": "job_dating",
                "title": "Job dating grande distribution",
                "date": (TODAY + datetime.timedelta(days=3)).isoformat(),
                "start_time": "09:30",
                "address": "Maison de l'emploi",
                "commune": "62510",
            },
        )
        event = Event.objects.get()
        assert response.status_code == 302
        assert response.url == url("detail", event)
        assert event.territory == territory
        assert event.commune_id == "62510"

    def test_refuses_a_bad_date_keeping_the_title(self, counsellor_client):
        response = counsellor_client.post(
            url("create"),
            {"kind": "forum", "title": "Forum de l'emploi", "date": "31/02/2026", "start_time": "9h"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["date"] == [
            "Saisissez une date valide, par exemple 15/03/2026."
        ]
        assert 'value="Forum de l&#x27;emploi"' in response.content.decode()
        assert not Event.objects.exists()

    def test_business_developer_edits_an_event(self, business_developer_client, event):
        response = business_developer_client.post(
            url("edit", event),
            {"kind": "company_visit", "title": "Visite", "date": TODAY.isoformat(), "start_time": "14:00"},
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.kind == EventKind.COMPANY_VISIT


class TestInvitations:
    def test_search_finds_open_pathways_of_the_territory_only(
        self, counsellor_client, event, territory, other_territory
    ):
        mine = PathwayFactory(territory=territory, participant=ParticipantFactory(last_name="Dufour"))
        PathwayFactory(territory=territory, closed=True, participant=ParticipantFactory(last_name="Dufour"))
        PathwayFactory(territory=other_territory, participant=ParticipantFactory(last_name="Dufour"))
        response = counsellor_client.get(url("detail", event), {"personne": "dufour"})
        assert response.context["people_found"] == [mine]

    def test_invites_people_and_companies(self, counsellor_client, event, territory, counsellor):
        pathways = [PathwayFactory(territory=territory) for _ in range(2)]
        companies = [CompanyFactory(territory=territory) for _ in range(2)]
        counsellor_client.post(url("invite_participants", event), {"pathway": [p.pk for p in pathways]})
        counsellor_client.post(url("invite_participants", event), {"pathway": [pathways[0].pk]})
        counsellor_client.post(url("invite_companies", event), {"company": [c.pk for c in companies]})
        assert EventParticipant.objects.filter(event=event).count() == 2
        assert EventParticipant.objects.filter(invited_by=counsellor).count() == 2
        assert EventCompany.objects.filter(event=event).count() == 2

    def test_ignores_people_and_companies_of_another_territory(
        self, counsellor_client, event, other_territory
    ):
        stranger = PathwayFactory(territory=other_territory)
        company = CompanyFactory(territory=other_territory)
        counsellor_client.post(url("invite_participants", event), {"pathway": [stranger.pk, "x"]})
        counsellor_client.post(url("invite_companies", event), {"company": [company.pk]})
        assert not EventParticipant.objects.exists()
        assert not EventCompany.objects.exists()


class TestAttendance:
    def test_records_who_came_in_one_post(self, counsellor_client, todays_event):
        came, stayed_home = (EventParticipantFactory(event=todays_event) for _ in range(2))
        company_came, company_absent = (EventCompanyFactory(event=todays_event) for _ in range(2))
        response = counsellor_client.post(
            url("attendance", todays_event),
            {"present_pathway": [came.pathway_id], "present_company": [company_came.company_id]},
        )
        assert response.status_code == 302
        assert set(EventParticipant.objects.filter(present=True).values_list("pk", flat=True)) == {came.pk}
        assert set(EventCompany.objects.filter(present=True).values_list("pk", flat=True)) == {
            company_came.pk
        }
        result = attendees(todays_event)
        assert result.pathways == [came.pathway]
        assert result.companies == [company_came.company]
        assert stayed_home.pathway not in result.pathways
        assert company_absent.company not in result.companies

    def test_unticking_marks_absent(self, counsellor_client, todays_event):
        link = EventParticipantFactory(event=todays_event, present=True)
        counsellor_client.post(url("attendance", todays_event), {})
        link.refresh_from_db()
        assert not link.present

    def test_refuses_attendance_before_the_day(self, counsellor_client, event):
        link = EventParticipantFactory(event=event)
        response = counsellor_client.post(url("attendance", event), {"present_pathway": [link.pathway_id]})
        assert response.status_code == 302
        link.refresh_from_db()
        assert not link.present


class TestPermissions:
    @pytest.mark.parametrize("name", ["detail", "edit"])
    def test_another_territory_gets_404(self, other_counsellor_client, event, name):
        assert other_counsellor_client.get(url(name, event)).status_code == 404

    @pytest.mark.parametrize("name", ["invite_participants", "invite_companies", "attendance"])
    def test_another_territory_cannot_write(self, other_counsellor_client, todays_event, name):
        assert other_counsellor_client.post(url(name, todays_event), {}).status_code == 404

    def test_another_territory_does_not_list_it(self, other_counsellor_client, event):
        assert "Job dating logistique" not in other_counsellor_client.get(url("list")).content.decode()

    def test_anonymous_is_sent_to_login(self, client, event):
        for target in (url("list"), url("detail", event)):
            response = client.get(target)
            assert response.status_code == 302
            assert "/compte/connexion/" in response.url

    def test_changes_are_post_only(self, counsellor_client, todays_event):
        assert counsellor_client.get(url("attendance", todays_event)).status_code == 405


class TestLists:
    def test_lists_upcoming_first_then_past(self, counsellor_client, territory, counsellor):
        EventFactory(territory=territory, title="Passé récent", date=TODAY - datetime.timedelta(days=2))
        EventFactory(territory=territory, title="Passé ancien", date=TODAY - datetime.timedelta(days=30))
        EventFactory(territory=territory, title="Bientôt", date=TODAY + datetime.timedelta(days=1))
        EventFactory(territory=territory, title="Plus tard", date=TODAY + datetime.timedelta(days=9))
        context = counsellor_client.get(url("list")).context
        assert [e.title for e in context["upcoming"]] == ["Bientôt", "Plus tard"]
        assert [e.title for e in context["past"]] == ["Passé récent", "Passé ancien"]

    @pytest.mark.parametrize("rows", [2, 6])
    def test_list_query_count_is_flat(self, counsellor_client, territory, django_assert_num_queries, rows):
        for index in range(rows):
            event = EventFactory(territory=territory, date=TODAY + datetime.timedelta(days=index - rows // 2))
            EventParticipantFactory(event=event, present=True)
            EventCompanyFactory(event=event)
        with django_assert_num_queries(9):
            response = counsellor_client.get(url("list"))
        assert response.content.decode().count('class="card event-row"') == rows

    @pytest.mark.parametrize("rows", [2, 6])
    def test_detail_query_count_is_flat(
        self, counsellor_client, todays_event, django_assert_num_queries, rows
    ):
        for _ in range(rows):
            EventParticipantFactory(event=todays_event)
            EventCompanyFactory(event=todays_event)
            PathwayFactory(
                territory=todays_event.territory, participant=ParticipantFactory(last_name="Martin")
            )
        with django_assert_num_queries(12):
            response = counsellor_client.get(url("detail", todays_event), {"personne": "martin"})
        assert response.content.decode().count('name="present_pathway"') == rows
        assert len(response.context["people_found"]) == rows


class TestTimeline:
    def test_invitation_then_attendance_as_a_milestone(self, counsellor, todays_event, pathway):
        EventParticipantFactory(event=todays_event, pathway=pathway, present=True)
        with translation.override("fr"):
            events = [e for e in timeline.events_for(pathway.participant, counsellor) if e.kind == "event"]
        titles = {e.title: e.is_milestone for e in events}
        assert titles == {
            "Invité·e au job dating « Job dating du jour »": False,
            "Présent·e au job dating « Job dating du jour »": True,
        }

    def test_another_territory_sees_nothing(self, other_counsellor, event, pathway):
        EventParticipantFactory(event=event, pathway=pathway)
        assert [
            e for e in timeline.events_for(pathway.participant, other_counsellor) if e.kind == "event"
        ] == []


class TestPages:
    def test_edit_page_shows_the_event(self, counsellor_client, event):
        response = counsellor_client.get(url("edit", event))
        assert 'value="Job dating logistique"' in response.content.decode()
