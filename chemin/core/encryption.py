"""Encryption at rest of special-category data (RGPD art. 9: health, addiction, justice).

The columns that hold such details are ``EncryptedTextField``: the database, its dumps and its
backups hold Fernet tokens (AES-128-CBC with an HMAC-SHA256, from the maintained ``cryptography``
library); the application reads and writes plain text. Which columns, and why, is
``ENCRYPTED_FIELDS`` below.

Keys come from the environment, ``FIELD_ENCRYPTION_KEYS`` (config/settings.py): comma-separated
Fernet keys, the first one encrypts, every one decrypts. To rotate: put a new key first and keep
the old ones after it, restart, run ``manage.py rotate_encryption_keys``, then drop the old keys.
A lost key is lost data: keep the keys out of the database backups, and safe.

Stored form: ``fernet1:<token>``. The prefix names the scheme, so another scheme can later live
next to this one while the columns are migrated. The empty string stays empty: the "is it filled"
check constraints keep working and blanking a field (RGPD erasure) stays a plain "" — emptiness is
all the column tells.

The price: an encrypted column cannot be filtered, ordered or searched in SQL (two tokens of the
same text differ). The field refuses every lookup but ``= ""`` and ``IS NULL`` instead of silently
matching nothing. Database functions (``Concat``, ``Length``…) see tokens, and an expression given
to ``QuerySet.update`` is written as it is, unencrypted: give ``update`` plain values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import migrations, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Exact, IsNull

PREFIX = "fernet1:"

# Every encrypted column, as "app_label.Model.field" (tests/core/test_encryption.py checks this list
# against the models). The audit trail must not copy them in clear: see ``audit_mask``.
# - barriers: the situation and the person's words (health, addiction, justice barriers), and the
#   comments of status changes (how a health barrier was lifted says what it was).
# - notes: the text of every note (restricted notes hold the confidential observations); a
#   restricted note keeps no searchable copy either (Note.search_text).
# - partners, activations: what is written about a barrier to a partner or a prescriber, and their
#   answer (an addiction care centre's outcome, a probation officer's answer).
ENCRYPTED_FIELDS: tuple[str, ...] = (
    "barriers.Barrier.situation",
    "barriers.Barrier.own_words",
    "barriers.BarrierTransition.comment",
    "notes.Note.text",
    "partners.PartnerReferral.outcome",
    "activations.PrescriberActivation.request_text",
    "activations.PrescriberActivation.answer_text",
)

# What the audit trail records instead of an encrypted field's value: that it changed, not to what.
AUDIT_MASK = "[chiffré]"


class DecryptionError(Exception):
    """A stored value cannot be read with the configured keys (never carries the value itself)."""


@functools.lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[Fernet, MultiFernet]:
    return Fernet(keys[0]), MultiFernet([Fernet(key) for key in keys])


def _keys() -> tuple[Fernet, MultiFernet]:
    keys = tuple(getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or ())
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS est vide : aucune clé pour chiffrer les données.")
    return _fernets(keys)


def encrypt(text: str) -> str:
    """``text`` encrypted with the first key, in its stored form; "" stays ""."""
    if text == "":
        return ""
    primary, _all = _keys()
    return PREFIX + primary.encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    """The plain text of a stored value, with whichever configured key encrypted it."""
    if stored == "":
        return ""
    if not stored.startswith(PREFIX):
        raise DecryptionError(
            "An encrypted column holds a value that is not encrypted: "
            "run `manage.py rotate_encryption_keys` to encrypt it."
        )
    _primary, every_key = _keys()
    try:
        return every_key.decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A value cannot be decrypted with FIELD_ENCRYPTION_KEYS: was the key that encrypted it removed?"
        ) from None


def reencrypt(stored: str) -> str | None:
    """``stored`` encrypted with the first key, or None when it already is (nothing to write).
    A value left in clear is encrypted."""
    if stored == "":
        return None
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    primary, every_key = _keys()
    token = stored.removeprefix(PREFIX).encode()
    try:
        primary.decrypt(token)
    except InvalidToken:
        try:
            return PREFIX + every_key.rotate(token).decode()
        except InvalidToken:
            raise DecryptionError(
                "A value cannot be decrypted with FIELD_ENCRYPTION_KEYS: was the key that encrypted it removed?"
            ) from None
    return None


class _EmptyOnlyExact(Exact):
    """``field=""`` is the one comparison an encrypted column can answer (empty stays empty)."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted: it can only be compared with an empty string."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """A text column stored encrypted (see the module docstring); reads and writes plain text."""

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(value)

    def from_db_value(
        self, value: str | None, expression: Any, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None:
            return None
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> type | None:
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name == "isnull":
            return IsNull
        return None  # Django then raises FieldError("Unsupported lookup …").

    def get_transform(self, lookup_name: str) -> None:
        return None


def encrypted_fields() -> Iterator[EncryptedTextField]:
    """Every encrypted field of the installed models."""
    for model in global_apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield field


def encrypted_field_names(model: type[models.Model]) -> list[str]:
    """The names of ``model``'s encrypted fields, for the audit registration (chemin/audit):

    auditlog.register(Note, mask_fields=encrypted_field_names(Note),
                      mask_callable="chemin.core.encryption.audit_mask")
    """
    return [field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


def audit_mask(value: str) -> str:
    """django-auditlog's ``mask_callable`` for encrypted fields: the log says the field changed
    (or was emptied), never what it said. (auditlog's default mask keeps half of the text.)"""
    return AUDIT_MASK if value else ""


def rewrite_column(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    field_name: str,
    transform: Callable[[str], str | None],
    *,
    batch_size: int = 1000,
) -> int:
    """Pass every non-empty stored value of a column through ``transform`` in raw SQL (no model
    code, no signals, no ``updated_at``) and write back what it returns (None: unchanged).
    Returns how many values were written."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    column = quote(model._meta.get_field(field_name).column)
    select = f"SELECT {pk}, {column} FROM {table} WHERE {pk} > %s AND {column} <> '' ORDER BY {pk}"
    update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"
    written, last = 0, 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(f"{select} LIMIT {int(batch_size)}", [last])
            rows = cursor.fetchall()
            if not rows:
                return written
            changes = [(new, row_pk) for row_pk, value in rows if (new := transform(value)) is not None]
            if changes:
                cursor.executemany(update, changes)
            written += len(changes)
            last = rows[-1][0]


def encrypt_existing_rows(app_label: str, model_name: str, *field_names: str) -> migrations.RunPython:
    """The data migration that goes with turning columns into ``EncryptedTextField`` (after the
    ``AlterField``): encrypts the plain text already there; backwards, decrypts it."""

    def forward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        for name in field_names:
            rewrite_column(schema_editor.connection, model, name, encrypt)

    def backward(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        for name in field_names:
            rewrite_column(schema_editor.connection, model, name, decrypt)

    return migrations.RunPython(forward, backward)
