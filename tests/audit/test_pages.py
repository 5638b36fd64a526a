"""The participant file's access log (managers, admins) and the admins' audit search."""

import datetime

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone

from chemin.audit.enums import ReadKind
from chemin.audit.models import ReadEntry
from chemin.participants.services import participant_update
from tests.audit.conftest import client_for
from tests.participants.factories import ParticipantFactory, PathwayFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("audit:search")
PHONE = "07 11 22 33 44"


def log_url(participant) -> str:
    return reverse("audit:file_log", kwargs={"participant_pk": participant.pk})


def detail_url(participant) -> str:
    return reverse("participants:detail", kwargs={"pk": participant.pk})


def record_reads(user, participant, count: int, kind=ReadKind.PARTICIPANT_FILE) -> None:
    for _ in range(count):
        ReadEntry.objects.create(
            user=user, participant=participant, kind=kind, url_name="participants:detail"
        )


@pytest.fixture
def other_file(other_territory, other_counsellor):
    """Someone followed in Arras, read there by Charlie."""
    pathway = PathwayFactory(
        participant=ParticipantFactory(last_name="Kowalski"),
        territory=other_territory,
        referent=other_counsellor,
    )
    record_reads(other_counsellor, pathway.participant, 1)
    return pathway.participant


class TestFileLog:
    def test_a_manager_sees_their_own_read_and_the_fields_someone_changed_not_the_values(
        self, manager_client, counsellor, participant
    ):
        with set_actor(counsellor):
            participant_update(participant=participant, data={"phone": PHONE}, updated_by=counsellor)
        manager_client.get(detail_url(participant))
        response = manager_client.get(log_url(participant))
        assert response.status_code == 200
        html = response.content.decode()
        rows = response.context["rows"]
        assert [(row.is_read, row.user and row.user.first_name) for row in rows[:2]] == [
            (True, "Bob"),
            (False, "Alice"),
        ]
        assert "Consultation : Dossier de la personne" in html
        assert "Modification : personne accompagnée" in html
        assert "Champs : téléphone" in html
        assert PHONE not in html

    def test_reading_the_access_log_is_not_itself_a_read_of_the_file(self, manager_client, participant):
        manager_client.get(log_url(participant))
        assert not ReadEntry.objects.exists()

    @pytest.mark.parametrize("who", ["admin_user", "territory_admin", "manager"])
    def test_managers_and_admins_of_the_territory_may_read_it(self, request, who, participant):
        assert client_for(request.getfixturevalue(who)).get(log_url(participant)).status_code == 200

    @pytest.mark.parametrize("who", ["counsellor", "business_developer"])
    def test_counsellors_and_business_developers_get_a_403(self, request, who, participant):
        assert client_for(request.getfixturevalue(who)).get(log_url(participant)).status_code == 403

    @pytest.mark.parametrize("who", ["other_counsellor", "other_manager"])
    def test_someone_of_another_territory_gets_a_404(self, request, who, participant):
        assert client_for(request.getfixturevalue(who)).get(log_url(participant)).status_code == 404

    def test_the_file_links_to_it_for_managers_only(self, manager_client, counsellor_client, participant):
        assert log_url(participant) in manager_client.get(detail_url(participant)).content.decode()
        assert log_url(participant) not in counsellor_client.get(detail_url(participant)).content.decode()

    def test_is_paginated(self, manager_client, counsellor, participant):
        record_reads(counsellor, participant, 60)  # and the creation of the file and its pathway
        first = manager_client.get(log_url(participant))
        assert len(first.context["rows"]) == 50
        assert "Page 1 sur 2" in first.content.decode()
        assert len(manager_client.get(log_url(participant), {"page": 2}).context["rows"]) == 12

    def test_runs_the_same_number_of_queries_whatever_the_number_of_rows(
        self, manager_client, counsellor, colleague, participant, django_assert_num_queries
    ):
        def add_rows():
            record_reads(counsellor, participant, 3)
            record_reads(colleague, participant, 3, kind=ReadKind.RESTRICTED_NOTES)
            with set_actor(colleague):
                participant_update(
                    participant=participant,
                    data={"languages": f"arabe {timezone.now()}"},
                    updated_by=colleague,
                )

        add_rows()
        with django_assert_num_queries(13):
            manager_client.get(log_url(participant))
        add_rows()
        add_rows()
        with django_assert_num_queries(13):
            response = manager_client.get(log_url(participant))
        assert len(response.context["rows"]) >= 21


class TestSearchAccess:
    @pytest.mark.parametrize("who", ["manager", "counsellor", "business_developer", "other_counsellor"])
    def test_anyone_but_an_admin_gets_a_403(self, request, who):
        assert client_for(request.getfixturevalue(who)).get(SEARCH).status_code == 403

    def test_a_superuser_searches_every_territory(self, admin_user_client, manager, participant, other_file):
        record_reads(manager, participant, 1)
        rows = admin_user_client.get(SEARCH, {"kind": ReadKind.PARTICIPANT_FILE}).context["rows"]
        assert {row.participant_id for row in rows} == {participant.pk, other_file.pk}

    def test_a_territory_admin_searches_their_territory_only(
        self, territory_admin_client, manager, participant, other_file
    ):
        record_reads(manager, participant, 1)
        response = territory_admin_client.get(SEARCH)
        assert response.status_code == 200
        participants = {row.participant_id for row in response.context["rows"]}
        assert participant.pk in participants
        assert other_file.pk not in participants
        users = list(response.context["form"].fields["user"].queryset)
        assert manager in users and all(user.first_name != "Charlie" for user in users)


class TestSearchFilters:
    @pytest.fixture
    def reads(self, manager, counsellor, participant, other_file):
        record_reads(manager, participant, 2)
        record_reads(counsellor, participant, 1, kind=ReadKind.RESTRICTED_NOTES)
        ReadEntry.objects.create(
            user=manager,
            kind=ReadKind.EXPORT,
            url_name="reporting:people_export",
            filters={"indicateur": "exits"},
        )

    def test_by_staff_member(self, admin_user_client, reads, counsellor):
        rows = admin_user_client.get(SEARCH, {"user": counsellor.pk}).context["rows"]
        assert [row.label for row in rows] == ["Notes restreintes"]

    def test_by_file(self, admin_user_client, reads, other_file):
        rows = admin_user_client.get(SEARCH, {"participant": other_file.pk}).context["rows"]
        # Charlie's read, and the creation of the file and of its pathway.
        assert [(row.participant_id, row.is_read) for row in rows] == [
            (other_file.pk, True),
            (other_file.pk, False),
            (other_file.pk, False),
        ]

    def test_by_kind_an_export_shows_its_filters(self, admin_user_client, reads):
        response = admin_user_client.get(SEARCH, {"kind": ReadKind.EXPORT})
        assert [row.label for row in response.context["rows"]] == ["Export"]
        assert "Filtres : indicateur=exits" in response.content.decode()

    def test_by_kind_changes_only(self, admin_user_client, reads, participant, counsellor):
        with set_actor(counsellor):
            participant_update(participant=participant, data={"phone": PHONE}, updated_by=counsellor)
        rows = admin_user_client.get(SEARCH, {"kind": "changes", "user": counsellor.pk}).context["rows"]
        assert [(row.is_read, row.fields) for row in rows] == [(False, ["téléphone"])]

    def test_by_period(self, admin_user_client, reads, manager, participant):
        old = ReadEntry.objects.create(
            user=manager,
            participant=participant,
            kind=ReadKind.PARTICIPANT_FILE,
            url_name="participants:detail",
            created_at=timezone.now() - datetime.timedelta(days=40),
        )
        day = timezone.localtime(old.created_at).date()
        rows = admin_user_client.get(SEARCH, {"start": day.isoformat(), "end": day.isoformat()}).context[
            "rows"
        ]
        assert [row.at for row in rows] == [old.created_at]

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            (
                {"participant": "douze"},
                "participant",
                "Saisissez le numéro du dossier en chiffres, par exemple 1234.",
            ),
            (
                {"participant": "0"},
                "participant",
                "Saisissez le numéro du dossier en chiffres, par exemple 1234.",
            ),
            (
                {"participant": "9" * 30},
                "participant",
                "Saisissez le numéro du dossier en chiffres, par exemple 1234.",
            ),
            ({"user": "9" * 30}, "user", "Choisissez un membre de l’équipe dans la liste."),
            ({"user": "Bob"}, "user", "Choisissez un membre de l’équipe dans la liste."),
            ({"end": "9999-12-31"}, "end", "Saisissez une date entre 2000 et 2999."),
            ({"start": "0001-01-01"}, "start", "Saisissez une date entre 2000 et 2999."),
            ({"start": "31/02/2026"}, "start", "Saisissez une date valide, par exemple 15/03/2026."),
            ({"kind": "gossip"}, "kind", "Choisissez un type dans la liste."),
            ({"user": "999999"}, "user", "Choisissez un membre de l’équipe dans la liste."),
            (
                {"start": "2026-03-10", "end": "2026-03-01"},
                "end",
                "La date de fin doit être le jour de début ou après.",
            ),
        ],
    )
    def test_bad_input_gets_a_clear_french_message_on_its_field(
        self, admin_user_client, query, field, message
    ):
        response = admin_user_client.get(SEARCH, query)
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
        assert response.context["rows"] is None
        assert (
            message.replace("’", "&#x27;") in response.content.decode()
            or message in response.content.decode()
        )

    def test_runs_the_same_number_of_queries_whatever_the_number_of_rows(
        self, territory_admin_client, manager, counsellor, participant, django_assert_num_queries
    ):
        def add_rows():
            record_reads(manager, participant, 3)
            record_reads(counsellor, participant, 3, kind=ReadKind.RESTRICTED_NOTES)
            with set_actor(counsellor):
                participant_update(
                    participant=participant,
                    data={"languages": f"polonais {timezone.now()}"},
                    updated_by=counsellor,
                )

        add_rows()
        with django_assert_num_queries(12):
            territory_admin_client.get(SEARCH)
        add_rows()
        add_rows()
        with django_assert_num_queries(12):
            response = territory_admin_client.get(SEARCH)
        assert len(response.context["rows"]) >= 21
