"""Write many rows fast: buffered per model, with ids given up front, then written in batches.

``seed_demo --scale`` creates about two million rows; building a model instance per row and
letting ``bulk_create`` return the ids would cost minutes. Here rows are plain dicts of attribute
values whose ids are handed out by the writer, so children can point at their parents before
anything is written. ``flush()`` writes the buffers in the order models were first met (parents
first): ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany`` per batch elsewhere. Every
database constraint still applies to every row.

``created_at``/``updated_at`` (auto_now_add/auto_now) take the value given, so history can be
dated in the past; missing values take the field's default.
"""

from __future__ import annotations

import datetime
import enum
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

from chemin.core.encryption import EncryptedTextField

BATCH = 5000

_MISSING = object()


class _Column:
    __slots__ = ("attname", "column", "default", "field", "is_json")

    def __init__(self, field: models.Field) -> None:
        self.field = field
        self.attname = field.attname
        self.column = field.column
        self.is_json = isinstance(field, models.JSONField)
        self.default: Callable[[dict], Any] = self._default_for(field)

    @staticmethod
    def _default_for(field: models.Field) -> Callable[[dict], Any]:
        auto_now = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if auto_now:
            # updated_at follows created_at when only the creation is dated.
            return lambda row: row.get("created_at") or row["__now__"]
        if field.has_default() and callable(field.default):
            return lambda row: field.default()
        value = field.get_default()
        if value is None and not field.null:

            def missing(row: dict, field: models.Field = field) -> Any:
                raise ValueError(f"{field.model.__name__}.{field.attname} needs a value")

            return missing
        return lambda row: value


class RowWriter:
    """Buffers rows per model and writes them in batches; ``counts`` says how many per model."""

    def __init__(self, *, now: datetime.datetime, order: tuple[type[models.Model], ...] = ()) -> None:
        self.now = now
        self.counts: Counter[type[models.Model]] = Counter()
        self._buffers: dict[type[models.Model], list[dict]] = {}
        self._next_ids: dict[type[models.Model], int] = {}
        self._columns: dict[type[models.Model], list[_Column]] = {}
        # Written in this order (parents first), then the models met later in the order met.
        for model in order:
            self._buffers[model] = []

    def add(self, model: type[models.Model], **values: Any) -> int:
        """Queue one row; returns its id."""
        return self.row(model, **values)[model._meta.pk.attname]

    def row(self, model: type[models.Model], **values: Any) -> dict[str, Any]:
        """Queue one row and return it (with its id): it may be completed until the next flush."""
        pk = self._next_ids.get(model)
        if pk is None:
            pk = (model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1
        self._next_ids[model] = pk + 1
        values[model._meta.pk.attname] = pk
        self._buffers.setdefault(model, []).append(values)
        return values

    def flush(self) -> None:
        for model, rows in self._buffers.items():
            if rows:
                self._write(model, rows)
                self.counts[model] += len(rows)
                rows.clear()

    def finish(self) -> None:
        """Write what is left, then move the id sequences past the ids handed out."""
        self.flush()
        statements = connection.ops.sequence_reset_sql(no_style(), list(self._next_ids))
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    def _write(self, model: type[models.Model], rows: list[dict]) -> None:
        columns = self._columns.get(model)
        if columns is None:
            columns = [_Column(field) for field in model._meta.concrete_fields]
            self._columns[model] = columns
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(column.column) for column in columns)
        if connection.vendor == "postgresql":
            self._copy(table, names, columns, rows)
        else:
            self._insert(table, names, columns, rows)

    def _values(self, columns: list[_Column], row: dict) -> list[Any]:
        row["__now__"] = self.now
        values = []
        for column in columns:
            value = row.get(column.attname, _MISSING)
            if value is _MISSING:
                value = column.default(row)
            elif isinstance(value, enum.Enum):
                # Choices members are written as their value, whatever the driver makes of enums.
                value = value.value
            values.append(value)
        return values

    def _copy(self, table: str, names: str, columns: list[_Column], rows: list[dict]) -> None:
        json_positions = [index for index, column in enumerate(columns) if column.is_json]
        # COPY bypasses the fields: encrypted ones (chemin/core/encryption.py) are encrypted here.
        encrypted_positions = [
            index for index, column in enumerate(columns) if isinstance(column.field, EncryptedTextField)
        ]
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                values = self._values(columns, row)
                for index in json_positions:
                    values[index] = json.dumps(values[index])
                for index in encrypted_positions:
                    values[index] = columns[index].field.get_prep_value(values[index])
                copy.write_row(values)

    def _insert(self, table: str, names: str, columns: list[_Column], rows: list[dict]) -> None:
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    sql,
                    [
                        [
                            column.field.get_db_prep_save(value, connection)
                            for column, value in zip(columns, self._values(columns, row), strict=True)
                        ]
                        for row in rows[start : start + BATCH]
                    ],
                )
