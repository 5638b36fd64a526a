"""Reads of the audit trail: reads and changes merged into one history, newest first.

The two tables are merged in the database (a UNION of their keys, ordered by time) so the
history paginates like one list; a page then loads its reads and its changes with one query
each, whatever the number of rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField, F, QuerySet, Value
from django.utils.translation import gettext as _

from chemin.audit.models import ChangeEntry, ReadEntry

if TYPE_CHECKING:
    from chemin.accounts.models import User

READ = "read"
CHANGE = "change"


def _action_labels() -> dict[int, str]:
    return {
        ChangeEntry.Action.CREATE: _("Created"),
        ChangeEntry.Action.UPDATE: _("Changed"),
        ChangeEntry.Action.DELETE: _("Deleted"),
        ChangeEntry.Action.ACCESS: _("Read"),
    }


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    user: User | None
    is_read: bool
    # What happened: the kind of read, or the action and the kind of row changed.
    label: str
    participant_id: int | None
    # For a change: which fields (their names, never their values).
    fields: list[str] = field(default_factory=list)
    # For a read of several people: the filters of the list or export.
    filters: dict[str, str] = field(default_factory=dict)


def history(reads: QuerySet[ReadEntry], changes: QuerySet[ChangeEntry]) -> QuerySet:
    """(source, pk, at) of every read and change, newest first: what a page paginates."""
    read_keys = reads.annotate(source=Value(READ, output_field=CharField()), at=F("created_at")).values_list(
        "source", "id", "at"
    )
    change_keys = changes.annotate(
        source=Value(CHANGE, output_field=CharField()), at=F("timestamp")
    ).values_list("source", "id", "at")
    return read_keys.order_by().union(change_keys.order_by(), all=True).order_by("-at", "-id")


def _field_names(model: type | None, changes: object) -> list[str]:
    if not isinstance(changes, dict):
        return []
    names = []
    for name in changes:
        try:
            names.append(str(model._meta.get_field(name).verbose_name) if model else name)
        except FieldDoesNotExist:
            names.append(name)
    return sorted(names)


def _change_row(entry: ChangeEntry, labels: dict[int, str]) -> HistoryRow:
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    kind = str(model._meta.verbose_name) if model else _("row")
    return HistoryRow(
        at=entry.timestamp,
        user=entry.actor,
        is_read=False,
        label=_("%(action)s: %(kind)s") % {"action": labels.get(entry.action, ""), "kind": kind},
        participant_id=entry.participant_id,
        fields=_field_names(model, entry.changes) if entry.action == ChangeEntry.Action.UPDATE else [],
    )


def history_rows(keys: Iterable[tuple[str, int, datetime.datetime]]) -> list[HistoryRow]:
    """The rows of one page of ``history``: one query for its reads, one for its changes."""
    keys = list(keys)
    read_ids = [pk for source, pk, _at in keys if source == READ]
    change_ids = [pk for source, pk, _at in keys if source == CHANGE]
    reads = ReadEntry.objects.select_related("user").in_bulk(read_ids) if read_ids else {}
    changes = (
        ChangeEntry.objects.select_related("actor")
        .defer("serialized_data", "changes_text", "object_repr", "additional_data")
        .in_bulk(change_ids)
        if change_ids
        else {}
    )
    labels = _action_labels()
    rows = []
    for source, pk, _at in keys:
        if source == READ:
            read = reads[pk]
            rows.append(
                HistoryRow(
                    at=read.created_at,
                    user=read.user,
                    is_read=True,
                    label=read.get_kind_display(),
                    participant_id=read.participant_id,
                    filters=read.filters,
                )
            )
        else:
            rows.append(_change_row(changes[pk], labels))
    return rows
