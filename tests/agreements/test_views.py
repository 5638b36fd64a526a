import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.agreements.models import Agreement, Funder
from tests.accounts.factories import UserFactory
from tests.agreements.factories import AgreementFactory, FunderFactory
from tests.participants.factories import PathwayFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(name: str, agreement=None) -> str:
    return reverse(f"agreements:{name}", kwargs={"pk": agreement.pk} if agreement else None)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(territories, **overrides) -> dict:
    return {
        "funder": "",
        "new_funder_name": "Département du Pas-de-Calais",
        "new_funder_kind": "departement",
        "reference": "CD62-RSA-2026",
        "title": "Accompagnement renforcé des allocataires du RSA",
        "territories": [territory.pk for territory in territories],
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "target_public": ["rsa"],
        "planned_entries": "120",
        "target_exit_to_employment_rate": "40",
        "target_durable_employment_rate": "25",
        "target_retention_m6_rate": "60",
        "target_days_to_first_proposal": "30",
        "follow_up_milestones": ["d7", "m3"],
        **overrides,
    }


@pytest.fixture
def agreement(territory):
    return AgreementFactory(
        territories=[territory],
        reference="CD62-RSA-2026",
        title="Accompagnement renforcé des allocataires du RSA",
        funder=FunderFactory(name="Département du Pas-de-Calais"),
        target_public=["rsa", "qpv"],
        planned_entries=120,
        target_exit_to_employment_rate=40,
        target_retention_m6_rate=60,
        follow_up_milestones=["d7", "m6"],
    )


class TestAgreementList:
    def test_current_first_then_coming_then_ended_with_pathways_against_planned_entries(
        self, manager_client, territory, counsellor
    ):
        ended = AgreementFactory(territories=[territory], ended=True, title="Convention 2024")
        coming = AgreementFactory(territories=[territory], coming=True, title="Convention à venir")
        running = AgreementFactory(territories=[territory], title="Convention en cours", planned_entries=80)
        PathwayFactory.create_batch(2, territory=territory, referent=counsellor, agreement=running)
        response = manager_client.get(url("list"))
        assert response.status_code == 200
        assert response.context["current"] == [running]
        assert response.context["coming"] == [coming]
        assert response.context["ended"] == [ended]
        page = response.content.decode()
        assert (
            page.index("Convention en cours")
            < page.index("Convention à venir")
            < page.index("Convention 2024")
        )
        assert "2 accompagnements rattachés sur 80 entrées prévues" in page
        assert "Lens-Liévin" in page
        assert "Ajouter une convention" in page

    def test_shows_only_agreements_of_the_users_territories(self, manager_client, territory, other_territory):
        AgreementFactory(territories=[territory], title="Convention de Lens")
        AgreementFactory(territories=[other_territory], title="Convention d’Arras")
        page = manager_client.get(url("list")).content.decode()
        assert "Convention de Lens" in page and "Convention d’Arras" not in page

    def test_a_counsellor_reads_the_list_but_cannot_add(self, counsellor_client, agreement):
        response = counsellor_client.get(url("list"))
        assert response.status_code == 200
        assert response.context["current"] == [agreement]
        assert "Ajouter une convention" not in response.content.decode()

    def test_business_developers_are_refused(self, business_developer_client, agreement):
        assert business_developer_client.get(url("list")).status_code == 403

    def test_the_query_count_does_not_grow_with_agreements(
        self, manager_client, territory, other_territory, counsellor, django_assert_num_queries
    ):
        for index in range(4):
            agreement = AgreementFactory(territories=[territory, other_territory], planned_entries=10 + index)
            PathwayFactory.create_batch(index, territory=territory, referent=counsellor, agreement=agreement)
        AgreementFactory(territories=[territory], ended=True)
        # Session, user, managed territories, agreements with their funder and counts, their
        # territories, the territory switcher's memberships, session save (3).
        with django_assert_num_queries(9):
            response = manager_client.get(url("list"))
        assert len(response.context["current"]) == 4


class TestAgreementDetail:
    def test_shows_targets_target_public_territories_and_calendar(
        self, manager_client, agreement, counsellor, territory
    ):
        PathwayFactory(territory=territory, referent=counsellor, agreement=agreement)
        response = manager_client.get(url("detail", agreement))
        page = response.content.decode()
        assert response.status_code == 200
        for text in (
            "Accompagnement renforcé des allocataires du RSA",
            "Département du Pas-de-Calais",
            "CD62-RSA-2026",
            "Allocataires du RSA",
            "Habitants d’un QPV",
            "Lens-Liévin",
            "40 %",
            "60 %",
            "<li>J+7</li>",
            "<li>M+6</li>",
            "Modifier la convention",
        ):
            assert text in page, text
        assert response.context["agreement"].pathway_count == 1

    def test_a_counsellor_reads_it_without_the_edit_link(self, counsellor_client, agreement):
        response = counsellor_client.get(url("detail", agreement))
        assert response.status_code == 200
        assert "Modifier la convention" not in response.content.decode()

    def test_without_a_calendar_the_territorys_one_applies(self, counsellor_client, territory):
        agreement = AgreementFactory(territories=[territory])
        assert (
            "suivent le calendrier de leur territoire"
            in counsellor_client.get(url("detail", agreement)).content.decode()
        )

    def test_someone_of_another_territory_gets_404(self, other_counsellor_client, agreement):
        assert other_counsellor_client.get(url("detail", agreement)).status_code == 404

    def test_a_business_developer_of_the_territory_gets_404(self, business_developer_client, agreement):
        assert business_developer_client.get(url("detail", agreement)).status_code == 404

    def test_the_query_count_is_pinned(
        self, manager_client, agreement, territory, other_territory, counsellor, django_assert_num_queries
    ):
        agreement.territories.add(other_territory)
        PathwayFactory.create_batch(3, territory=territory, referent=counsellor, agreement=agreement)
        # Session, user, the agreement with its funder and count, its territories, may edit, the
        # territory switcher's memberships, session save (3).
        with django_assert_num_queries(9):
            assert manager_client.get(url("detail", agreement)).status_code == 200


class TestAgreementCreate:
    def test_a_manager_creates_an_agreement_with_a_new_funder(self, manager_client, territory):
        response = manager_client.post(url("create"), form_data([territory]))
        agreement = Agreement.objects.get()
        assert response.status_code == 302
        assert response.url == url("detail", agreement)
        assert agreement.funder.name == "Département du Pas-de-Calais"
        assert list(agreement.territories.all()) == [territory]
        assert agreement.target_public == ["rsa"]
        assert agreement.follow_up_milestones == ["d7", "m3"]
        assert (agreement.planned_entries, agreement.target_exit_to_employment_rate) == (120, 40)
        assert agreement.target_days_to_first_proposal == 30

    def test_or_with_a_funder_chosen_in_the_list(self, manager_client, territory):
        funder = FunderFactory(name="France Travail")
        manager_client.post(
            url("create"), form_data([territory], funder=funder.pk, new_funder_name="", new_funder_kind="")
        )
        assert Agreement.objects.get().funder == funder

    def test_an_end_before_the_start_is_refused_on_the_end_and_nothing_is_lost(
        self, manager_client, territory
    ):
        response = manager_client.post(url("create"), form_data([territory], ends_on="2025-12-31"))
        assert response.status_code == 200
        assert response.context["form"].errors == {
            "ends_on": ["La convention ne peut pas finir avant de commencer."]
        }
        page = response.content.decode()
        assert 'aria-describedby="id_ends_on_error"' in page
        assert 'value="Accompagnement renforcé des allocataires du RSA"' in page
        assert not Agreement.objects.exists() and not Funder.objects.exists()

    def test_the_same_reference_over_an_overlapping_period_is_refused_on_the_reference(
        self, manager_client, territory, agreement
    ):
        agreement.starts_on, agreement.ends_on = datetime.date(2025, 7, 1), datetime.date(2026, 3, 31)
        agreement.save()
        response = manager_client.post(
            url("create"),
            form_data([territory], funder=agreement.funder_id, new_funder_name="", new_funder_kind=""),
        )
        [message] = response.context["form"].errors["reference"]
        assert "« CD62-RSA-2026 — Accompagnement renforcé des allocataires du RSA »" in message
        assert "du 01/07/2025 au 31/03/2026" in message
        assert Agreement.objects.count() == 1

    @pytest.mark.parametrize("value", ["101", "-1"])
    def test_targets_outside_0_to_100_are_refused_on_their_field(self, manager_client, territory, value):
        response = manager_client.post(
            url("create"),
            form_data([territory], target_retention_m6_rate=value, target_exit_to_employment_rate="100"),
        )
        assert response.context["form"].errors == {
            "target_retention_m6_rate": ["Saisissez un pourcentage entre 0 et 100."]
        }

    def test_offers_only_the_territories_the_manager_manages(
        self, manager_client, territory, other_territory
    ):
        page = manager_client.get(url("create")).content.decode()
        assert "Lens-Liévin" in page and "Arras" not in page
        response = manager_client.post(url("create"), form_data([other_territory]))
        assert "territories" in response.context["form"].errors
        assert not Agreement.objects.exists()

    def test_a_superuser_may_choose_every_territory(self, admin_user, territory, other_territory):
        response = client_for(admin_user).post(url("create"), form_data([territory, other_territory]))
        assert response.status_code == 302
        assert set(Agreement.objects.get().territories.all()) == {territory, other_territory}

    def test_the_funder_is_needed_and_a_known_one_is_not_created_twice(self, manager_client, territory):
        response = manager_client.post(
            url("create"), form_data([territory], new_funder_name="", new_funder_kind="")
        )
        assert response.context["form"].errors == {
            "funder": ["Choisissez le financeur, ou nommez-en un nouveau."]
        }
        FunderFactory(name="Département du Pas-de-Calais")
        response = manager_client.post(
            url("create"), form_data([territory], new_funder_name="département du pas-de-calais")
        )
        assert list(response.context["form"].errors) == ["new_funder_name"]

    def test_counsellors_and_business_developers_cannot_create(
        self, counsellor_client, business_developer_client, other_counsellor_client, territory
    ):
        for client in (counsellor_client, business_developer_client, other_counsellor_client):
            assert client.get(url("create")).status_code == 403
            assert client.post(url("create"), form_data([territory])).status_code == 403
        assert not Agreement.objects.exists()


class TestAgreementEdit:
    def test_the_form_starts_from_the_agreement_and_saves_changes(self, manager_client, agreement, territory):
        page = manager_client.get(url("edit", agreement)).content.decode()
        assert 'value="CD62-RSA-2026"' in page
        data = form_data(
            [territory],
            funder=agreement.funder_id,
            new_funder_name="",
            new_funder_kind="",
            title="Nouveau titre",
        )
        assert manager_client.post(url("edit", agreement), data).status_code == 302
        agreement.refresh_from_db()
        assert agreement.title == "Nouveau titre"

    def test_territories_the_manager_does_not_manage_stay_on_it(
        self, manager_client, agreement, territory, other_territory
    ):
        agreement.territories.add(other_territory)
        data = form_data([territory], funder=agreement.funder_id, new_funder_name="", new_funder_kind="")
        manager_client.post(url("edit", agreement), data)
        assert set(agreement.territories.all()) == {territory, other_territory}

    def test_a_counsellor_who_reads_it_gets_403_someone_elsewhere_404(
        self, counsellor_client, other_counsellor_client, agreement
    ):
        assert counsellor_client.get(url("edit", agreement)).status_code == 403
        assert other_counsellor_client.get(url("edit", agreement)).status_code == 404

    def test_a_manager_of_another_territory_gets_404(self, agreement, other_territory):
        other_manager = UserFactory(memberships=[(other_territory, Role.MANAGER)])
        assert client_for(other_manager).get(url("edit", agreement)).status_code == 404
        assert client_for(other_manager).get(url("detail", agreement)).status_code == 404
