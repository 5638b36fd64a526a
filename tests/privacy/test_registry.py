"""The declarations of chemin/privacy/registry.py cover every model holding a person's data and
sort every text column of those models: a model or a column added later cannot be forgotten by the
subject access export or by the anonymisation."""

import pytest
from django.apps import apps
from django.db import models

from chemin.core.encryption import EncryptedTextField
from chemin.participants.models import Participant
from chemin.privacy.registry import ERASED_TEXT, NOT_DECLARED, PERSONAL_DATA

TEXT_COLUMNS = (models.CharField, models.TextField, models.JSONField)


def models_reaching_participant() -> set[type[models.Model]]:
    """Every model with a chain of foreign keys (or one-to-one keys) ending at Participant."""
    reaching = {Participant}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in reaching:
                continue
            targets = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and (f.many_to_one or f.one_to_one)
            }
            if targets & reaching:
                reaching.add(model)
                grew = True
    return reaching


def declared() -> dict[type[models.Model], object]:
    return {declaration.model: declaration for declaration in PERSONAL_DATA}


class TestCoverage:
    def test_every_model_reaching_a_participant_is_declared_or_said_why_not(self):
        reaching = models_reaching_participant()
        forgotten = reaching - set(declared()) - set(NOT_DECLARED)
        assert not forgotten, (
            "Declare these models in chemin/privacy/registry.py (PERSONAL_DATA), or say in "
            f"NOT_DECLARED why not: {sorted(m._meta.label for m in forgotten)}"
        )

    def test_the_walk_finds_models_a_few_keys_away(self):
        labels = {model._meta.label for model in models_reaching_participant()}
        # Side → check-in → contract → pathway → participant.
        assert {"employments.CheckInSide", "appointments.ReminderDelivery", "notes.Note"} <= labels
        assert "companies.Company" not in labels

    def test_models_left_undeclared_say_why(self):
        for model, reason in NOT_DECLARED.items():
            assert model in models_reaching_participant(), model
            assert len(reason) > 20, model

    def test_each_model_is_declared_once_under_its_own_key(self):
        assert len(declared()) == len(PERSONAL_DATA)
        keys = [declaration.key for declaration in PERSONAL_DATA]
        assert len(set(keys)) == len(keys)


class TestColumns:
    @pytest.mark.parametrize("declaration", PERSONAL_DATA, ids=lambda d: d.model._meta.label)
    def test_every_text_column_is_erased_replaced_or_kept_on_purpose(self, declaration):
        text_columns = {
            f.name
            for f in declaration.model._meta.concrete_fields
            if isinstance(f, TEXT_COLUMNS) and not f.choices
        }
        erase = set(declaration.erase) | set(declaration.erase_unique)
        replace, keep = set(declaration.replace), set(declaration.keep)
        assert not (erase & replace or erase & keep or replace & keep), "a column in two lists"
        unsorted = text_columns - erase - replace - keep
        assert not unsorted, f"sort these columns of {declaration.model._meta.label}: {sorted(unsorted)}"

    @pytest.mark.parametrize("declaration", PERSONAL_DATA, ids=lambda d: d.model._meta.label)
    def test_declared_columns_exist_and_erased_ones_can_hold_the_erased_text(self, declaration):
        erased = [*declaration.erase, *declaration.erase_unique]
        for name in [*erased, *declaration.replace, *declaration.keep, *declaration.related]:
            declaration.model._meta.get_field(name.split("__")[0])
        for name in erased:
            column = declaration.model._meta.get_field(name)
            assert isinstance(column, models.CharField | models.TextField), name
            assert column.max_length is None or column.max_length >= len("[effacé]"), name
        for name in declaration.erase_unique:
            # Numbered by an SQL expression, which an encrypted column could not take.
            assert not isinstance(declaration.model._meta.get_field(name), EncryptedTextField), name
        assert len(str(ERASED_TEXT)) <= len("[effacé]")

    @pytest.mark.parametrize("declaration", PERSONAL_DATA, ids=lambda d: d.model._meta.label)
    def test_the_lookup_leads_to_the_participant(self, declaration):
        # Building the query resolves the lookup (a typo raises FieldError); no database needed.
        query = str(
            declaration.rows(1).select_related(*declaration.related).order_by(*declaration.order_by).query
        )
        assert (
            "participants_participant" in query
            or declaration.model is Participant
            or "participant_id" in query
        )
