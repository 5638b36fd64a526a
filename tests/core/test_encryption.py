"""Encryption at rest of special-category data (chemin/core/encryption.py)."""

import datetime
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.barriers.enums import BarrierCategory, BarrierStatus
from chemin.barriers.models import Barrier, BarrierTransition
from chemin.core.encryption import (
    AUDIT_MASK,
    ENCRYPTED_FIELDS,
    PREFIX,
    DecryptionError,
    EncryptedTextField,
    audit_mask,
    encrypted_field_names,
    encrypted_fields,
)
from chemin.notes.models import Note
from chemin.partners.enums import PartnerKind
from chemin.partners.models import PartnerReferral
from chemin.referentials.text import normalize
from config.env import env_fernet_keys
from tests.barriers.factories import BarrierFactory
from tests.notes.factories import NoteFactory
from tests.partners.factories import make_partner, make_referral
from tests.prescribers.factories import PrescriberFactory

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()

# One marker per encrypted column: none may be found in clear in the database.
SECRETS = {
    "barriers.Barrier.situation": "x-addiction",
    "barriers.Barrier.own_words": "Suivi au CSAPA pour l'alcool depuis mars.",
    "barriers.BarrierTransition.comment": "Cure terminée, rendez-vous mensuel au CMP.",
    "notes.Note.text": "Sortie de détention en janvier, contrôle judiciaire.",
    "partners.PartnerReferral.outcome": "Prise en charge addictologie confirmée.",
    "activations.PrescriberActivation.request_text": "Le SPIP peut-il aménager les horaires de pointage ?",
    "activations.PrescriberActivation.answer_text": "Impossible : obligation de soins le mardi.",
}


def raw_values(label: str) -> list[str]:
    """What the database holds in a column, read past the ORM."""
    app_label, model_name, field_name = label.split(".")
    model = apps.get_model(app_label, model_name)
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")
        return [value for (value,) in cursor.fetchall()]


def raw_update(model, pk: int, column: str, value: str) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s", [value, pk]
        )


@pytest.fixture
def special_records(pathway, counsellor, territory):
    """A health barrier with its words and a commented status change, a restricted note, a
    referral to an addiction care centre with its outcome, an activation of a probation officer
    with its answer: every encrypted column holds one secret."""
    barrier = BarrierFactory(
        pathway=pathway,
        health=True,
        situation=SECRETS["barriers.Barrier.situation"],
        own_words=SECRETS["barriers.Barrier.own_words"],
    )
    BarrierTransition.objects.create(
        barrier=barrier,
        from_status=BarrierStatus.IDENTIFIED,
        to_status=BarrierStatus.BEING_ADDRESSED,
        on=timezone.localdate(),
        by=counsellor,
        comment=SECRETS["barriers.BarrierTransition.comment"],
    )
    note = NoteFactory(pathway=pathway, restricted=True, text=SECRETS["notes.Note.text"])
    partner = make_partner(
        territories=[territory],
        name="CSAPA Lens",
        kind=PartnerKind.HEALTH,
        categories=[BarrierCategory.HEALTH],
    )
    referral = make_referral(barrier, partner)
    PartnerReferral.objects.filter(pk=referral.pk).update(outcome=SECRETS["partners.PartnerReferral.outcome"])
    sent_at = timezone.now()
    activation = PrescriberActivation.objects.create(
        pathway=pathway,
        barrier=barrier,
        prescriber=PrescriberFactory(),
        request_text=SECRETS["activations.PrescriberActivation.request_text"],
        sent_by=counsellor,
        sent_at=sent_at,
        expires_at=sent_at + datetime.timedelta(days=30),
        status=ActivationStatus.NOT_POSSIBLE,
        answered_at=sent_at,
        last_answered_at=sent_at,
        answer_count=1,
        answer_text=SECRETS["activations.PrescriberActivation.answer_text"],
    )
    return {"barrier": barrier, "note": note, "referral": referral, "activation": activation}


def assert_nothing_in_clear() -> None:
    for label in ENCRYPTED_FIELDS:
        values = [value for value in raw_values(label) if value]
        assert values, label
        assert all(value.startswith(PREFIX) for value in values), label
        for secret in SECRETS.values():
            assert not any(secret in value for value in values), (label, secret)


def decrypts_with(key: str, label: str) -> bool:
    """Whether every value of the column was encrypted with this very key."""
    tokens = [value.removeprefix(PREFIX).encode() for value in raw_values(label) if value]
    try:
        for token in tokens:
            Fernet(key).decrypt(token)
    except InvalidToken:
        return False
    return True


class TestEncryptedColumns:
    def test_the_database_holds_no_special_category_text_in_clear(self, special_records):
        assert_nothing_in_clear()

    def test_the_application_reads_every_text_back(self, special_records):
        barrier = Barrier.objects.get(pk=special_records["barrier"].pk)
        assert barrier.situation == "x-addiction"
        assert barrier.situation_label == "Addiction en cours de soin"
        assert barrier.own_words == SECRETS["barriers.Barrier.own_words"]
        assert SECRETS["barriers.BarrierTransition.comment"] in barrier.transitions.values_list(
            "comment", flat=True
        )
        assert Note.objects.get().text == SECRETS["notes.Note.text"]
        assert PartnerReferral.objects.get().outcome == SECRETS["partners.PartnerReferral.outcome"]
        activation = PrescriberActivation.objects.get()
        assert activation.request_text == SECRETS["activations.PrescriberActivation.request_text"]
        assert activation.answer_text == SECRETS["activations.PrescriberActivation.answer_text"]

    def test_the_same_text_is_stored_differently_each_time(self, pathway):
        NoteFactory.create_batch(2, pathway=pathway, text="Même texte")
        first, second = raw_values("notes.Note.text")
        assert first != second
        assert [note.text for note in Note.objects.all()] == ["Même texte", "Même texte"]

    def test_an_empty_value_stays_empty_and_the_constraints_still_see_it(self, pathway):
        barrier = BarrierFactory(pathway=pathway, own_words="")
        assert raw_values("barriers.Barrier.own_words") == [""]
        assert Barrier.objects.get().own_words == ""
        assert list(Barrier.objects.filter(own_words="")) == [barrier]
        assert not Barrier.objects.exclude(own_words="").exists()
        # barrier_says_what_it_is: a situation or words, checked by the database on encrypted columns.
        with pytest.raises(IntegrityError):
            Barrier.objects.filter(pk=barrier.pk).update(situation="")

    def test_refuses_a_query_it_cannot_answer_instead_of_finding_nothing(self, special_records):
        with pytest.raises(FieldError, match="own_words is encrypted"):
            Barrier.objects.filter(own_words=SECRETS["barriers.Barrier.own_words"])
        with pytest.raises(FieldError):
            Note.objects.filter(text__icontains="détention")

    def test_a_value_left_in_clear_is_refused_rather_than_shown(self, special_records):
        raw_update(Note, special_records["note"].pk, "text", "écrit en clair")
        with pytest.raises(DecryptionError, match="rotate_encryption_keys"):
            Note.objects.get()


class TestKeys:
    def test_a_value_cannot_be_read_without_the_key_that_wrote_it(self, pathway):
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
            NoteFactory(pathway=pathway, text="Rendez-vous au CMP")
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(DecryptionError) as error:
            Note.objects.get()
        assert "CMP" not in str(error.value)

    def test_after_a_new_key_is_put_first_old_values_are_read_and_new_ones_use_it(self, pathway):
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
            old = NoteFactory(pathway=pathway, text="Écrit avec l'ancienne clé")
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
            assert Note.objects.get(pk=old.pk).text == "Écrit avec l'ancienne clé"
            NoteFactory(pathway=pathway, text="Écrit avec la nouvelle clé")
        old_raw, new_raw = raw_values("notes.Note.text")
        assert (
            Fernet(OLD_KEY).decrypt(old_raw.removeprefix(PREFIX).encode()).decode()
            == "Écrit avec l'ancienne clé"
        )
        assert (
            Fernet(NEW_KEY).decrypt(new_raw.removeprefix(PREFIX).encode()).decode()
            == "Écrit avec la nouvelle clé"
        )

    def test_reads_comma_separated_fernet_keys(self, monkeypatch):
        monkeypatch.setenv("KEYS", f" {NEW_KEY} , {OLD_KEY}")
        assert env_fernet_keys("KEYS", required=True) == [NEW_KEY, OLD_KEY]

    def test_refuses_a_malformed_key_naming_its_position_not_its_value(self, monkeypatch):
        monkeypatch.setenv("KEYS", f"{NEW_KEY},pas-une-clé-secrète")
        with pytest.raises(ImproperlyConfigured, match="clé n° 2") as error:
            env_fernet_keys("KEYS", required=True)
        assert "pas-une-clé-secrète" not in str(error.value)

    def test_missing_keys_are_refused_only_when_required(self, monkeypatch):
        monkeypatch.delenv("KEYS", raising=False)
        assert env_fernet_keys("KEYS", required=False) == []
        with pytest.raises(ImproperlyConfigured, match="KEYS est obligatoire"):
            env_fernet_keys("KEYS", required=True)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    production = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x7!Kq2@pL9#vR4$wT8%yU1^zA6&bC3*dE5(fG0)hJ-mN+sQ=Zk4Lp8Wr2",
        "ALLOWED_HOSTS": "chemin.example.org",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**production, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestStartupCheck:
    def test_a_production_server_without_key_refuses_to_start_naming_the_variable(self):
        result = run_manage("check", "--deploy")
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "FIELD_ENCRYPTION_KEYS est obligatoire hors DEBUG" in result.stderr

    def test_check_deploy_refuses_the_public_development_key(self):
        result = run_manage(
            "check", "--deploy", FIELD_ENCRYPTION_KEYS=settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY
        )
        assert result.returncode != 0
        assert "core.E001" in result.stderr
        assert "clé de développement" in result.stderr

    def test_development_runs_with_the_fixed_development_key(self):
        result = run_manage(
            "shell",
            "--verbosity=0",
            "-c",
            "from django.conf import settings; print(settings.FIELD_ENCRYPTION_KEYS)",
            DEBUG="true",
        )
        assert result.stdout.strip() == str([settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY]), result.stderr


class TestRotateEncryptionKeys:
    def test_re_encrypts_every_column_with_the_first_key_once(self, special_records):
        records = [
            record
            for model in {field.model for field in encrypted_fields()}
            for record in model.objects.all()
        ]
        with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY, *settings.FIELD_ENCRYPTION_KEYS]):
            # Write every secret again, under the old key.
            for record in records:
                record.save()
        assert all(decrypts_with(OLD_KEY, label) for label in ENCRYPTED_FIELDS)

        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
            call_command("rotate_encryption_keys", stdout=(first_run := _Output()))
            call_command("rotate_encryption_keys", stdout=(second_run := _Output()))

        assert all(decrypts_with(NEW_KEY, label) for label in ENCRYPTED_FIELDS)
        assert "notes.Note.text : 1 valeur(s) rechiffrée(s)" in first_run.text
        # The two barrier transitions without a comment stay empty: one comment to rewrite.
        assert "barriers.BarrierTransition.comment : 1 valeur(s) rechiffrée(s)" in first_run.text
        assert second_run.text.count(": 0 valeur(s)") == len(ENCRYPTED_FIELDS)
        assert_nothing_in_clear()
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
            assert Note.objects.get().text == SECRETS["notes.Note.text"]
            assert Barrier.objects.get().own_words == SECRETS["barriers.Barrier.own_words"]

    def test_encrypts_a_value_left_in_clear(self, special_records):
        raw_update(Note, special_records["note"].pk, "text", SECRETS["notes.Note.text"])
        call_command("rotate_encryption_keys", stdout=_Output())
        assert_nothing_in_clear()
        assert Note.objects.get().text == SECRETS["notes.Note.text"]

    def test_stops_with_a_clear_error_when_the_key_that_wrote_a_value_is_gone(self, special_records):
        with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]), pytest.raises(CommandError, match="removed"):
            call_command("rotate_encryption_keys", stdout=_Output())


class _Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


class TestEncryptedFieldsList:
    def test_the_documented_list_is_every_encrypted_field_of_the_models(self):
        found = {f"{field.model._meta.label}.{field.name}" for field in encrypted_fields()}
        assert found == set(ENCRYPTED_FIELDS)

    def test_names_a_models_encrypted_fields_for_the_audit_registration(self):
        assert encrypted_field_names(Barrier) == ["situation", "own_words"]
        assert encrypted_field_names(Note) == ["text"]

    def test_the_audit_mask_says_a_field_changed_never_what_it_says(self):
        assert audit_mask("Suivi au CSAPA") == AUDIT_MASK
        assert "CSAPA" not in audit_mask("Suivi au CSAPA")
        assert audit_mask("") == ""

    def test_deconstructs_for_migrations_like_a_text_field(self):
        _name, path, args, kwargs = EncryptedTextField("words", blank=True).deconstruct()
        assert path == "chemin.core.encryption.EncryptedTextField"
        assert (args, kwargs) == ([], {"blank": True, "verbose_name": "words"})


@pytest.mark.django_db(transaction=True)
class TestMigrations:
    BEFORE = [
        ("barriers", "0001_create_barriers"),
        ("notes", "0001_create_note"),
        ("partners", "0001_create_partners"),
        ("activations", "0001_create_activations"),
    ]

    def test_existing_rows_are_encrypted_and_the_migrations_reverse(self, reference_data, special_records):
        MigrationExecutor(connection).migrate(self.BEFORE)
        # Before: the texts in clear, and the restricted note searchable.
        for label, secret in SECRETS.items():
            assert secret in raw_values(label), label
        assert raw_values("notes.Note.search_text") == [normalize(SECRETS["notes.Note.text"])]

        # Forward to the end of every app: going back also undid the migrations that depend on these.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        assert_nothing_in_clear()
        assert raw_values("notes.Note.search_text") == [""]
        assert Barrier.objects.get().own_words == SECRETS["barriers.Barrier.own_words"]
        assert Note.objects.get().text == SECRETS["notes.Note.text"]
