import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.pathways.enums import Phase
from tests.accounts.factories import UserFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory

CASELOAD_URL = reverse("participants:caseload")


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def names(response) -> list[str]:
    return [pathway.participant.full_name for pathway in response.context["page"].object_list]


@pytest.mark.django_db
class TestCaseloadAccess:
    def test_anonymous_visitor_is_sent_to_login(self, client):
        response = client.get(CASELOAD_URL)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))

    def test_shows_only_open_pathways_of_the_current_territory(
        self, counsellor_client, counsellor, territory, other_territory, pathway
    ):
        PathwayFactory(territory=other_territory, participant__first_name="Lucas", referent=counsellor)
        PathwayFactory(territory=territory, referent=counsellor, participant__first_name="Inès", closed=True)
        response = counsellor_client.get(CASELOAD_URL)
        assert response.status_code == 200
        assert names(response) == ["Nadia Benamar"]

    def test_counsellor_of_another_territory_does_not_see_them(self, other_counsellor_client, pathway):
        response = other_counsellor_client.get(CASELOAD_URL + "?referent=")
        assert response.status_code == 200
        assert names(response) == []
        assert "BENAMAR" not in response.content.decode()

    def test_staff_without_territory_is_told_so(self, client):
        client.force_login(UserFactory())
        response = client.get(CASELOAD_URL)
        assert response.status_code == 200
        assert "rattaché·e à aucun territoire" in response.content.decode()


@pytest.mark.django_db
class TestCaseloadDefaults:
    def test_counsellor_starts_with_the_people_they_follow(
        self, counsellor_client, territory, colleague, pathway
    ):
        PathwayFactory(territory=territory, referent=colleague, participant__last_name="Lefort")
        response = counsellor_client.get(CASELOAD_URL)
        assert names(response) == ["Nadia Benamar"]
        assert "dont vous êtes référent·e" in response.content.decode()

    def test_counsellor_can_choose_the_whole_territory(
        self, counsellor_client, territory, colleague, pathway
    ):
        PathwayFactory(territory=territory, referent=colleague, participant__last_name="Lefort")
        response = counsellor_client.get(CASELOAD_URL + "?referent=")
        assert len(names(response)) == 2

    def test_manager_starts_with_the_whole_territory(self, manager_client, territory, colleague, pathway):
        PathwayFactory(territory=territory, referent=colleague, participant__last_name="Lefort")
        response = manager_client.get(CASELOAD_URL)
        assert len(names(response)) == 2

    def test_business_developer_sees_the_territory_without_the_create_button(
        self, business_developer_client, pathway
    ):
        response = business_developer_client.get(CASELOAD_URL)
        content = response.content.decode()
        assert names(response) == ["Nadia Benamar"]
        assert reverse("participants:create") not in content

    def test_counsellor_sees_the_create_button(self, counsellor_client, pathway):
        assert reverse("participants:create") in counsellor_client.get(CASELOAD_URL).content.decode()


@pytest.mark.django_db
class TestCaseloadFilters:
    @pytest.fixture
    def people(self, territory, counsellor, colleague):
        return {
            "nadia": PathwayFactory(
                territory=territory,
                referent=counsellor,
                participant=ParticipantFactory(first_name="Nadia", last_name="Benamar"),
                phase=Phase.WELCOME,
                entry_date=days_ago(100),
                last_contact_on=days_ago(3),
            ),
            "jerome": PathwayFactory(
                territory=territory,
                referent=counsellor,
                participant=ParticipantFactory(first_name="Jérôme", last_name="Lefèvre"),
                phase=Phase.TOWARDS_EMPLOYMENT,
                entry_date=days_ago(10),
                last_contact_on=None,
            ),
            "celine": PathwayFactory(
                territory=territory,
                referent=colleague,
                participant=ParticipantFactory(first_name="Céline", last_name="Dupont"),
                phase=Phase.TOWARDS_EMPLOYMENT,
                entry_date=days_ago(200),
                last_contact_on=days_ago(45),
            ),
            "amandine": PathwayFactory(
                territory=territory,
                referent=colleague,
                participant=ParticipantFactory(first_name="Amandine", last_name="Zimmer"),
                phase=Phase.IN_EMPLOYMENT,
                entry_date=days_ago(90),
                last_contact_on=None,
            ),
        }

    def test_search_ignores_accents_and_case(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"search": "jerome LEFEVRE"})
        assert names(response) == ["Jérôme Lefèvre"]

    def test_filters_by_referent(self, manager_client, people, colleague):
        response = manager_client.get(CASELOAD_URL, {"referent": colleague.pk})
        assert names(response) == ["Céline Dupont", "Amandine Zimmer"]

    def test_filters_by_phase(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"phase": Phase.TOWARDS_EMPLOYMENT})
        assert names(response) == ["Céline Dupont", "Jérôme Lefèvre"]

    def test_not_seen_for_30_days_falls_back_on_the_entry_date(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"last_contact": "30"})
        # Céline was last seen 45 days ago; Amandine was never seen and entered 90 days ago.
        assert names(response) == ["Céline Dupont", "Amandine Zimmer"]

    def test_never_contacted(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"last_contact": "never"})
        assert names(response) == ["Jérôme Lefèvre", "Amandine Zimmer"]

    def test_sorts_by_last_contact_oldest_first(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"sort": "contact"})
        # Amandine was never seen and entered 90 days ago; Céline was seen 45 days ago.
        assert names(response) == ["Amandine Zimmer", "Céline Dupont", "Jérôme Lefèvre", "Nadia Benamar"]

    def test_sorts_by_entry_date_newest_first(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"sort": "entry"})
        assert names(response) == ["Jérôme Lefèvre", "Amandine Zimmer", "Nadia Benamar", "Céline Dupont"]

    def test_sorts_by_name_by_default(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL)
        assert names(response) == ["Nadia Benamar", "Céline Dupont", "Jérôme Lefèvre", "Amandine Zimmer"]

    def test_referent_choices_are_the_territory_staff_who_accompany(
        self, manager_client, people, counsellor, colleague, manager, business_developer, other_counsellor
    ):
        response = manager_client.get(CASELOAD_URL)
        choices = dict(response.context["form"].fields["referent"].choices)
        assert set(choices) == {"", counsellor.pk, colleague.pk, manager.pk}

    def test_an_invalid_filter_value_is_ignored_with_a_message(self, manager_client, people):
        response = manager_client.get(CASELOAD_URL, {"phase": "flying", "sort": "nonsense"})
        assert response.status_code == 200
        assert len(names(response)) == 4
        assert response.context["form"].errors["phase"]

    def test_shows_days_since_last_contact_with_the_date_and_never(self, manager_client, people):
        content = manager_client.get(CASELOAD_URL).content.decode()
        assert "il y a 3 jours" in content
        assert days_ago(3).strftime("%d/%m/%Y") in content
        assert "Jamais" in content
        assert "entrée il y a 10 jours" in content
        assert "à contacter" in content

    def test_htmx_request_gets_only_the_table(self, manager_client, people):
        response = manager_client.get(
            CASELOAD_URL,
            {"phase": Phase.WELCOME},
            headers={"HX-Request": "true", "HX-Target": "caseload-results"},
        )
        content = response.content.decode()
        assert "<h1" not in content
        assert "BENAMAR Nadia" in content
        assert "LEFÈVRE" not in content
        # The count goes into the page's live region, which stays in place.
        assert '<p id="caseload-count" hx-swap-oob="innerHTML">1 personne' in content


@pytest.mark.django_db
class TestCaseloadPagination:
    def test_pages_hold_25_people_and_keep_the_filters(self, manager_client, territory, counsellor):
        PathwayFactory.create_batch(30, territory=territory, referent=counsellor, phase=Phase.WELCOME)
        first = manager_client.get(CASELOAD_URL, {"phase": Phase.WELCOME})
        assert len(first.context["page"].object_list) == 25
        assert "phase=welcome&amp;page=2" in first.content.decode()
        second = manager_client.get(CASELOAD_URL, {"phase": Phase.WELCOME, "page": 2})
        assert len(second.context["page"].object_list) == 5


@pytest.mark.django_db
class TestCaseloadQueryCount:
    def _queries(self, client) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CASELOAD_URL, {"sort": "contact"})
        assert response.status_code == 200
        return len(queries)

    def test_same_number_of_queries_with_5_and_50_participants(
        self, manager_client, territory, counsellor, colleague
    ):
        for index in range(5):
            PathwayFactory(territory=territory, referent=counsellor if index % 2 else colleague)
        with_5 = self._queries(manager_client)
        for index in range(45):
            PathwayFactory(territory=territory, referent=counsellor if index % 2 else colleague)
        with_50 = self._queries(manager_client)
        assert with_5 == with_50

    def test_query_count_is_pinned(self, manager_client, territory, counsellor, django_assert_num_queries):
        PathwayFactory.create_batch(8, territory=territory, referent=counsellor)
        # Session, user, memberships (territory context), referent choices, count, rows, then the
        # session save (savepoint, UPDATE, release).
        with django_assert_num_queries(9):
            response = manager_client.get(CASELOAD_URL)
        assert len(response.context["page"].object_list) == 8

    def test_business_developer_query_count_matches(
        self, territory, counsellor, client, django_assert_num_queries
    ):
        PathwayFactory.create_batch(8, territory=territory, referent=counsellor)
        client.force_login(UserFactory(memberships=[(territory, Role.BUSINESS_DEVELOPER)]))
        with django_assert_num_queries(9):
            client.get(CASELOAD_URL)
