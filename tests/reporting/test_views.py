"""The dashboard and the drill-down: who may see them, what they show, and their query counts."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from chemin.accounts.enums import Role
from tests.accounts.factories import UserFactory
from tests.participants.factories import ParticipantFactory, PathwayFactory
from tests.reporting.factories import AgreementFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reporting:dashboard")
PEOPLE = reverse("reporting:people")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def agreement_query(dataset, **extra):
    return {
        "perimetre": f"convention-{dataset.agreement.pk}",
        "du": "2025-01-01",
        "au": "2025-09-30",
        **extra,
    }


class TestDashboard:
    def test_a_manager_sees_the_agreement_figures_against_their_targets(self, dataset):
        response = client_for(dataset.manager).get(DASHBOARD, agreement_query(dataset))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Convention CD62-2025-014 — Département du Pas-de-Calais" in html
        assert "Sorties en emploi durable" in html
        assert "33,3 %" in html and "(1 sur 3)" in html  # durable employment, target 30 %
        assert "+3,3 pts" in html and "objectif atteint" in html
        assert "50 %" in html and "−10 pts" not in html and "-10 pts" in html  # retention M+6 vs 60 %
        # Each figure's definition as its help text, linked to the figure.
        assert (
            '&amp;indicateur=durable_employment_rate" aria-describedby="definition-durable_employment_rate"'
            in html
        )
        assert "Parmi les sorties de la période, la part en emploi durable" in html
        # Charts with their data tables.
        assert html.count('role="img"') == 3
        assert "Entrées et sorties par mois" in html and "Données du graphique" in html

    def test_defaults_to_the_current_territory_and_the_current_year(self, dataset):
        response = client_for(dataset.manager).get(DASHBOARD)
        form = response.context["form"]
        year = datetime.date.today().year
        assert form.cleaned_data["perimetre"] == f"territoire-{dataset.territory.pk}"
        assert (form.start, form.end) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def test_an_agreement_without_dates_defaults_to_its_period(self, dataset):
        response = client_for(dataset.manager).get(
            DASHBOARD, {"perimetre": f"convention-{dataset.agreement.pk}"}
        )
        form = response.context["form"]
        assert (form.start, form.end) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))

    def test_an_end_before_the_start_is_a_french_field_error(self, dataset):
        response = client_for(dataset.manager).get(
            DASHBOARD, agreement_query(dataset, du="2025-06-30", au="2025-01-01")
        )
        assert response.status_code == 200
        assert response.context["form"].errors["au"] == [
            "La fin de la période (01/01/2025) est avant son début (30/06/2025)."
        ]
        assert "report" not in response.context

    def test_a_date_that_is_not_one_is_a_field_error(self, dataset):
        response = client_for(dataset.manager).get(DASHBOARD, agreement_query(dataset, du="2025-02-30"))
        assert response.context["form"].errors["du"] == ["Saisissez une date valide."]

    @pytest.mark.parametrize("persona", ["counsellor", "business_developer"])
    def test_counsellors_and_business_developers_are_refused(self, dataset, persona, request):
        user = request.getfixturevalue(persona)
        assert client_for(user).get(DASHBOARD).status_code == 403
        assert client_for(user).get(PEOPLE, agreement_query(dataset, indicateur="entries")).status_code == 403

    def test_another_territory_s_manager_gets_neither_its_agreement_nor_its_territory(
        self, dataset, other_manager
    ):
        client = client_for(other_manager)
        response = client.get(DASHBOARD, agreement_query(dataset))
        assert "perimetre" in response.context["form"].errors
        assert "report" not in response.context
        response = client.get(DASHBOARD, {"perimetre": f"territoire-{dataset.territory.pk}"})
        assert "perimetre" in response.context["form"].errors
        # Their own territory: Paul, never Lens-Liévin's people.
        response = client.get(
            DASHBOARD,
            {"perimetre": f"territoire-{dataset.other_territory.pk}", "du": "2025-01-01", "au": "2025-09-30"},
        )
        assert response.context["report"]["entries"].value == 1
        choices = [value for value, _label in response.context["form"].fields["perimetre"].choices]
        assert choices == [
            f"convention-{dataset.arras_agreement.pk}",
            f"territoire-{dataset.other_territory.pk}",
        ]

    def test_a_manager_of_one_of_an_agreement_s_territories_sees_only_their_part(
        self, dataset, other_manager
    ):
        dataset.agreement.territories.add(dataset.other_territory)
        dataset.p7.agreement = dataset.agreement
        dataset.p7.save()
        lens = client_for(dataset.manager).get(DASHBOARD, agreement_query(dataset)).context["report"]
        arras = client_for(other_manager).get(DASHBOARD, agreement_query(dataset)).context["report"]
        assert (lens["entries"].value, arras["entries"].value) == (4, 1)

    def test_the_organisation_is_offered_to_superusers(self, dataset, admin_user):
        response = client_for(admin_user).get(
            DASHBOARD, {"perimetre": "organisation", "du": "2025-01-01", "au": "2025-09-30"}
        )
        assert response.context["report"]["entries"].value == 6

    def test_the_query_count_does_not_grow_with_the_number_of_people(
        self, territory, manager, counsellor, django_assert_max_num_queries
    ):
        agreement = AgreementFactory(territories=[territory], reference="CD62-X")
        query = {"perimetre": f"convention-{agreement.pk}", "du": "2025-01-01", "au": "2025-12-31"}
        client = client_for(manager)

        def add(count):
            for _ in range(count):
                PathwayFactory(territory=territory, referent=UserFactory(memberships=[(territory, Role.COUNSELLOR)]),
                               agreement=agreement, entry_date=datetime.date(2025, 3, 1))  # fmt: skip

        add(3)
        client.get(DASHBOARD, query)  # warm the session
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as three:
            assert client.get(DASHBOARD, query).context["report"]["entries"].value == 3
        add(12)
        with CaptureQueriesContext(connection) as fifteen:
            assert client.get(DASHBOARD, query).context["report"]["entries"].value == 15
        assert len(three) == len(fifteen) <= 26


class TestPeople:
    def test_drills_from_exits_to_durable_employment_to_the_people(self, dataset):
        response = client_for(dataset.manager).get(
            PEOPLE, agreement_query(dataset, indicateur="durable_employment_rate")
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Benamar Nadia" in html and "31/05/2025" in html and "Emploi durable" in html
        assert "Haddad" not in html
        assert [p.pk for p in response.context["page"].object_list] == [dataset.p1.pk]

    def test_a_breakdown_line_lists_its_people(self, dataset):
        response = client_for(dataset.manager).get(
            PEOPLE, agreement_query(dataset, indicateur="barriers_raised", cle="25")
        )
        assert [p.participant.first_name for p in response.context["page"].object_list] == ["Yanis"]
        assert "Freins identifiés — Santé" in response.content.decode()

    def test_a_counsellor_s_caseload(self, dataset):
        response = client_for(dataset.manager).get(
            PEOPLE, agreement_query(dataset, indicateur="active_caseload", cle=str(dataset.frank.pk))
        )
        assert [p.participant.first_name for p in response.context["page"].object_list] == ["Yanis"]

    @pytest.mark.parametrize(
        "extra",
        [
            {"indicateur": "company_interactions"},
            {"indicateur": "nope"},
            {"indicateur": "exits", "cle": "nope"},
            {"indicateur": "active_caseload", "cle": "x"},
            {"indicateur": "entries", "au": "2024-01-01"},
        ],
    )
    def test_what_is_not_a_list_of_people_is_a_404(self, dataset, extra):
        assert client_for(dataset.manager).get(PEOPLE, agreement_query(dataset, **extra)).status_code == 404

    def test_another_territory_s_manager_gets_a_404_and_never_its_people(self, dataset, other_manager):
        client = client_for(other_manager)
        assert client.get(PEOPLE, agreement_query(dataset, indicateur="entries")).status_code == 404
        query = {
            "perimetre": f"territoire-{dataset.territory.pk}",
            "du": "2025-01-01",
            "au": "2025-09-30",
            "indicateur": "entries",
        }
        assert client.get(PEOPLE, query).status_code == 404

    def test_the_query_count_does_not_grow_with_the_number_of_people(self, territory, manager, counsellor):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        agreement = AgreementFactory(territories=[territory])
        query = {
            "perimetre": f"convention-{agreement.pk}",
            "du": "2025-01-01",
            "au": "2025-12-31",
            "indicateur": "entries",
        }
        client = client_for(manager)

        def add(count):
            for _ in range(count):
                PathwayFactory(territory=territory, referent=counsellor, agreement=agreement,
                               participant=ParticipantFactory(), entry_date=datetime.date(2025, 3, 1))  # fmt: skip

        add(3)
        client.get(PEOPLE, query)
        with CaptureQueriesContext(connection) as three:
            assert len(client.get(PEOPLE, query).context["page"].object_list) == 3
        add(12)
        with CaptureQueriesContext(connection) as fifteen:
            assert len(client.get(PEOPLE, query).context["page"].object_list) == 15
        assert len(three) == len(fifteen) <= 13
