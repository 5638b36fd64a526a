import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chemin.employments.enums import ContractType
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.services import pathway_close
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from tests.companies.factories import make_company
from tests.exits.conftest import days_ago
from tests.participants.factories import ParticipantFactory, PathwayFactory


def close_url(participant) -> str:
    return reverse("exits:close", kwargs={"participant_pk": participant.pk})


def data(**fields) -> dict:
    return {
        "category": ExitCategory.SUSTAINABLE_EMPLOYMENT,
        "closed_on": timezone.localdate().isoformat(),
        **fields,
    }


@pytest.mark.django_db
class TestClosePage:
    def test_suggests_the_category_from_the_contracts(self, counsellor_client, participant, add_employment):
        add_employment(
            ContractType.CDD, start=days_ago(10), planned_end=days_ago(10) + datetime.timedelta(days=240)
        )
        response = counsellor_client.get(close_url(participant))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Catégorie de sortie suggérée" in content
        assert response.context["suggestion"].category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert response.context["form"].initial["category"] == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert "6 mois ou plus" in content
        assert "Propreté de l’Artois" in content

    def test_without_contract_suggests_an_other_exit(self, counsellor_client, participant):
        response = counsellor_client.get(close_url(participant))
        assert response.context["suggestion"].category == ExitCategory.OTHER

    def test_closes_with_the_confirmed_category(
        self, counsellor_client, participant, pathway, add_employment
    ):
        add_employment(ContractType.CDI, start=days_ago(5))
        response = counsellor_client.post(close_url(participant), data(closed_on=days_ago(1).isoformat()))
        assert response.status_code == 302
        assert response.url == reverse("exits:review", kwargs={"participant_pk": participant.pk})
        pathway.refresh_from_db()
        assert pathway.phase == Phase.CLOSED
        assert pathway.closed_on == days_ago(1)
        assert pathway.exit_category == ExitCategory.SUSTAINABLE_EMPLOYMENT
        assert pathway.exit_reason == ""

    def test_the_counsellor_can_correct_the_suggestion(
        self, counsellor_client, participant, pathway, add_employment
    ):
        add_employment(
            ContractType.CDD, start=days_ago(20), planned_end=days_ago(20) + datetime.timedelta(days=60)
        )
        counsellor_client.post(close_url(participant), data(category=ExitCategory.POSITIVE_EXIT))
        pathway.refresh_from_db()
        assert pathway.exit_category == ExitCategory.POSITIVE_EXIT

    def test_an_other_exit_keeps_its_reason_and_detail(self, counsellor_client, participant, pathway):
        counsellor_client.post(
            close_url(participant),
            data(category=ExitCategory.OTHER, reason=ExitReason.OTHER, detail="Incarcération"),
        )
        pathway.refresh_from_db()
        assert (pathway.exit_category, pathway.exit_reason, pathway.exit_detail) == (
            ExitCategory.OTHER,
            ExitReason.OTHER,
            "Incarcération",
        )

    @pytest.mark.parametrize(
        ("fields", "field", "message"),
        [
            ({"closed_on": "2000-01-01"}, "closed_on", "ne peut pas être antérieure à la date d’entrée"),
            ({"closed_on": "2999-01-01"}, "closed_on", "ne peut pas être dans le futur"),
            ({"closed_on": ""}, "closed_on", "Indiquez la date de sortie."),
            ({"category": ExitCategory.OTHER}, "reason", "Indiquez pourquoi l’accompagnement prend fin."),
            (
                {"category": ExitCategory.OTHER, "reason": ExitReason.OTHER},
                "detail",
                "Précisez en quelques mots l’autre motif.",
            ),
            ({"category": ""}, "category", "Choisissez la catégorie de sortie."),
        ],
    )
    def test_refuses_bad_input_in_french_and_saves_nothing(
        self, counsellor_client, participant, pathway, fields, field, message
    ):
        response = counsellor_client.post(close_url(participant), data(**fields))
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert "field--error" in response.content.decode()
        pathway.refresh_from_db()
        assert pathway.is_open
        assert pathway.exit_category == ""

    def test_a_closed_pathway_goes_to_its_review(self, counsellor_client, territory, counsellor):
        closed = PathwayFactory(territory=territory, referent=counsellor, closed=True)
        response = counsellor_client.get(close_url(closed.participant))
        assert response.status_code == 302
        assert response.url == reverse("exits:review", kwargs={"participant_pk": closed.participant_id})

    def test_query_count_does_not_grow_with_contracts(
        self, counsellor_client, participant, territory, add_employment
    ):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert counsellor_client.get(close_url(participant)).status_code == 200
            return len(queries)

        add_employment(ContractType.INTERIM, start=days_ago(30), planned_end=days_ago(25))
        few = count()
        for index in range(6):
            add_employment(
                ContractType.INTERIM,
                start=days_ago(24 - index * 3),
                planned_end=days_ago(23 - index * 3),
                company=make_company(territory),
            )
        assert count() == few


@pytest.mark.django_db
class TestClosePermissions:
    def test_a_manager_may_close(self, manager_client, participant, pathway):
        assert manager_client.get(close_url(participant)).status_code == 200
        manager_client.post(close_url(participant), data())
        pathway.refresh_from_db()
        assert not pathway.is_open

    def test_a_business_developer_gets_403(self, business_developer_client, participant, pathway):
        assert business_developer_client.get(close_url(participant)).status_code == 403
        assert business_developer_client.post(close_url(participant), data()).status_code == 403
        pathway.refresh_from_db()
        assert pathway.is_open

    def test_another_territory_gets_404(self, other_counsellor_client, participant, pathway):
        assert other_counsellor_client.get(close_url(participant)).status_code == 404
        assert other_counsellor_client.post(close_url(participant), data()).status_code == 404
        pathway.refresh_from_db()
        assert pathway.is_open

    def test_a_person_without_pathway_is_404(self, counsellor_client, territory):
        # Visible to nobody's territory without a pathway: the file itself is a 404.
        person = ParticipantFactory()
        assert counsellor_client.get(close_url(person)).status_code == 404


@pytest.mark.django_db
class TestPathwayCloseService:
    def test_refuses_to_close_twice(self, pathway, counsellor):
        pathway_close(
            pathway=pathway,
            category=ExitCategory.POSITIVE_EXIT,
            closed_on=timezone.localdate(),
            closed_by=counsellor,
        )
        with pytest.raises(Exception, match="déjà clôturé"):
            pathway_close(
                pathway=pathway,
                category=ExitCategory.POSITIVE_EXIT,
                closed_on=timezone.localdate(),
                closed_by=counsellor,
            )

    def test_the_reason_of_a_favourable_exit_is_dropped(self, pathway, counsellor):
        pathway = pathway_close(
            pathway=pathway,
            category=ExitCategory.POSITIVE_EXIT,
            reason=ExitReason.HEALTH,
            detail="x",
            closed_on=timezone.localdate(),
            closed_by=counsellor,
        )
        assert (pathway.exit_reason, pathway.exit_detail) == ("", "")

    def test_the_database_refuses_a_closed_pathway_without_exit(self, pathway):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            Pathway.objects.filter(pk=pathway.pk).update(phase=Phase.CLOSED, closed_on=timezone.localdate())
        with pytest.raises(IntegrityError), transaction.atomic():
            Pathway.objects.filter(pk=pathway.pk).update(
                phase=Phase.CLOSED, closed_on=timezone.localdate(), exit_category=ExitCategory.OTHER
            )

    def test_logs_ids_only(self, pathway, counsellor, caplog):
        caplog.set_level("INFO", logger="chemin.exits.services")
        pathway_close(
            pathway=pathway,
            category=ExitCategory.OTHER,
            reason=ExitReason.HEALTH,
            closed_on=timezone.localdate(),
            closed_by=counsellor,
        )
        assert "Nadia" not in caplog.text and "Benamar" not in caplog.text
        assert f"pathway {pathway.pk} closed" in caplog.text


@pytest.mark.django_db
class TestFileSummaryLink:
    def test_the_summary_offers_to_close_to_those_allowed(
        self, counsellor_client, business_developer_client, participant
    ):
        url = reverse("participants:detail", kwargs={"pk": participant.pk})
        assert close_url(participant) in counsellor_client.get(url).content.decode()
        assert "Clôturer l’accompagnement" in counsellor_client.get(url).content.decode()
        assert close_url(participant) not in business_developer_client.get(url).content.decode()
