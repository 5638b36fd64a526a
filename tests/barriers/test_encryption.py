"""A barrier's situation, words and status comments are encrypted at rest (chemin/core/encryption.py)."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.services import barrier_change_status, barrier_create

pytestmark = pytest.mark.django_db

WORDS = "Je sors d'une cure, je vais au CSAPA tous les mardis."
COMMENT = "Suivi addictologie stabilisé, accord du médecin."


@pytest.fixture
def addiction_barrier(pathway, counsellor):
    barrier = barrier_create(
        pathway=pathway,
        identified_by=counsellor,
        category=BarrierCategory.HEALTH,
        situation="x-addiction",
        own_words=WORDS,
        consent_given_on=timezone.localdate(),
    )
    return barrier_change_status(
        barrier=barrier, status=BarrierStatus.BEING_ADDRESSED, changed_by=counsellor, comment=COMMENT
    )


def stored(sql: str, pk: int) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return [value for row in cursor.fetchall() for value in row]


class TestBarrierEncryption:
    def test_the_database_holds_neither_the_situation_nor_the_words_nor_the_comment(self, addiction_barrier):
        values = stored(
            "SELECT situation, own_words FROM barriers_barrier WHERE id = %s", addiction_barrier.pk
        )
        values += stored(
            "SELECT comment FROM barriers_barriertransition WHERE barrier_id = %s", addiction_barrier.pk
        )
        assert values and all(value == "" or value.startswith("fernet1:") for value in values)
        joined = " ".join(values)
        assert "addiction" not in joined
        assert "CSAPA" not in joined
        assert "addictologie" not in joined

    def test_the_referent_reads_them_on_the_file(self, counsellor_client, addiction_barrier):
        url = reverse("barriers:list", kwargs={"participant_pk": addiction_barrier.pathway.participant_id})
        content = counsellor_client.get(url).content.decode()
        assert "Addiction en cours de soin" in content
        assert "je vais au CSAPA tous les mardis" in content
