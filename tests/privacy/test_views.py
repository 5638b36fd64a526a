import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chemin.accounts.enums import Role
from chemin.participants.models import Participant
from chemin.privacy.enums import AnonymisationReason, ConsentPurpose
from chemin.privacy.models import AnonymisationRecord
from chemin.privacy.services import consent_record
from tests.accounts.factories import UserFactory
from tests.participants.factories import PathwayFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def urls(participant) -> dict[str, str]:
    kwargs = {"participant_pk": participant.pk}
    return {
        name: reverse(f"participant_privacy:{name}", kwargs=kwargs) for name in ["detail", "export", "erase"]
    }


@pytest.fixture
def closed_pathway(territory, counsellor):
    """Nadia's pathway, closed last week."""
    from tests.participants.factories import ParticipantFactory

    participant = ParticipantFactory(first_name="Nadia", last_name="Benamar", email="nadia@example.org")
    return PathwayFactory(
        participant=participant,
        territory=territory,
        referent=counsellor,
        closed=True,
        entry_date=timezone.localdate() - datetime.timedelta(days=200),
        closed_on=timezone.localdate() - datetime.timedelta(days=7),
    )


@pytest.mark.django_db
class TestPermissions:
    @pytest.mark.parametrize("name", ["detail", "export", "erase"])
    def test_another_territory_gets_a_404(self, name, participant, other_counsellor, other_territory):
        manager_elsewhere = UserFactory(memberships=[(other_territory, Role.MANAGER)])
        for user in [other_counsellor, manager_elsewhere]:
            client = client_for(user)
            response = (
                client.post(urls(participant)[name])
                if name == "export"
                else client.get(urls(participant)[name])
            )
            assert response.status_code == 404

    @pytest.mark.parametrize("name", ["detail", "export", "erase"])
    def test_a_business_developer_gets_a_403(self, name, participant, business_developer_client):
        url = urls(participant)[name]
        response = (
            business_developer_client.post(url) if name == "export" else business_developer_client.get(url)
        )
        assert response.status_code == 403

    def test_a_counsellor_reads_the_consents_but_neither_exports_nor_erases(
        self, participant, counsellor_client
    ):
        assert counsellor_client.get(urls(participant)["detail"]).status_code == 200
        assert counsellor_client.post(urls(participant)["export"]).status_code == 403
        assert counsellor_client.get(urls(participant)["erase"]).status_code == 403
        assert counsellor_client.post(urls(participant)["erase"], {}).status_code == 403

    def test_managers_and_admins_export_and_erase(self, participant, manager_client, admin_user):
        for client in [manager_client, client_for(admin_user)]:
            assert client.get(urls(participant)["erase"]).status_code == 200
            assert client.post(urls(participant)["export"]).status_code == 200

    def test_the_export_is_a_post(self, participant, manager_client):
        assert manager_client.get(urls(participant)["export"]).status_code == 405


@pytest.mark.django_db
class TestPersonalDataPage:
    def test_shows_the_current_consents_and_their_history(
        self, participant, counsellor, manager, counsellor_client
    ):
        consent_record(
            participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=counsellor
        )
        consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=True,
            recorded_by=manager,
        )
        consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=False,
            recorded_by=manager,
        )
        page = counsellor_client.get(urls(participant)["detail"]).content.decode()
        assert "Historique des consentements" in page
        assert page.count("Partage avec son prescripteur") == 3  # current state, then two records
        assert "Refusé ou retiré" in page and "par Bob Lefebvre" in page
        assert "Jalons" in page  # what the first sharing consent shared
        assert "Télécharger toutes ses données" not in page  # a counsellor does not export

    def test_the_query_count_does_not_grow_with_the_history(
        self, participant, counsellor, manager_client, django_assert_num_queries
    ):
        def record(n):
            for _ in range(n):
                consent_record(
                    participant=participant,
                    purpose=ConsentPurpose.PROCESSING,
                    granted=True,
                    recorded_by=counsellor,
                )

        record(2)
        manager_client.get(urls(participant)["detail"])
        # Session, user, participant, current pathway, role, consent history (with who recorded
        # each), the territory switcher's memberships, the audit trail's read, session save (3).
        with django_assert_num_queries(11):
            response = manager_client.get(urls(participant)["detail"])
        assert response.status_code == 200
        record(5)
        with django_assert_num_queries(11):
            manager_client.get(urls(participant)["detail"])

    def test_the_summary_links_to_it(self, participant, counsellor_client):
        page = counsellor_client.get(
            reverse("participants:detail", kwargs={"pk": participant.pk})
        ).content.decode()
        assert urls(participant)["detail"] in page


@pytest.mark.django_db
class TestErasureOnRequest:
    def test_a_manager_erases_with_the_reason_and_the_day_of_the_request(
        self, closed_pathway, manager, manager_client
    ):
        participant = closed_pathway.participant
        asked = timezone.localdate() - datetime.timedelta(days=3)
        response = manager_client.post(
            urls(participant)["erase"],
            {
                "reason": AnonymisationReason.ERASURE_REQUEST,
                "requested_on": asked.isoformat(),
                "confirmed": "on",
            },
        )
        assert response.status_code == 302
        assert response["Location"] == urls(participant)["detail"]
        participant.refresh_from_db()
        assert participant.full_name == f"Personne anonymisée n°{participant.pk}"
        assert participant.email == "" and participant.anonymised_at is not None
        record = AnonymisationRecord.objects.get(participant=participant)
        assert (record.reason, record.requested_on, record.performed_by) == (
            AnonymisationReason.ERASURE_REQUEST,
            asked,
            manager,
        )
        page = manager_client.get(urls(participant)["detail"]).content.decode()
        assert "Ce dossier a été anonymisé le" in page
        assert "Effacer ses données à sa demande" not in page
        header = manager_client.get(
            reverse("participants:detail", kwargs={"pk": participant.pk})
        ).content.decode()
        assert "Anonymisé le" in header and "Nadia" not in header

    def test_bad_input_gets_a_french_message_on_each_field_and_changes_nothing(
        self, closed_pathway, manager_client
    ):
        participant = closed_pathway.participant
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = manager_client.post(urls(participant)["erase"], {"requested_on": tomorrow.isoformat()})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Choisissez pourquoi les données sont effacées." in page
        assert "Le jour de la demande ne peut pas être dans le futur." in page
        assert "Cochez la case pour confirmer l’effacement." in page
        assert Participant.objects.get(pk=participant.pk).first_name == "Nadia"

    def test_an_open_pathway_must_be_closed_first(self, participant, manager_client):
        page = manager_client.get(urls(participant)["erase"]).content.decode()
        assert "Le parcours est encore ouvert" in page and 'name="reason"' not in page
        response = manager_client.post(
            urls(participant)["erase"],
            {
                "reason": AnonymisationReason.OBJECTION,
                "requested_on": timezone.localdate().isoformat(),
                "confirmed": "on",
            },
        )
        assert "Le parcours est encore ouvert" in response.content.decode()
        participant.refresh_from_db()
        assert participant.anonymised_at is None

    def test_an_anonymised_file_is_not_erased_twice(self, closed_pathway, manager_client):
        participant = closed_pathway.participant
        data = {
            "reason": AnonymisationReason.ERASURE_REQUEST,
            "requested_on": timezone.localdate().isoformat(),
            "confirmed": "on",
        }
        manager_client.post(urls(participant)["erase"], data)
        response = manager_client.post(urls(participant)["erase"], data)
        assert response.status_code == 302
        assert AnonymisationRecord.objects.filter(participant=participant).count() == 1
