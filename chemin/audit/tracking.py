"""The models django-auditlog watches (listed in chemin/audit/apps.py) and, for each, the way from
one of its rows to the participant it is about, so every change entry names its participant."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from chemin.core.encryption import encrypted_field_names

MASK_CALLABLE = "chemin.core.encryption.audit_mask"
# Never in a change entry, whatever the model.
ALWAYS_LEFT_OUT = ["created_at", "updated_at"]

_participant_paths: dict[type[models.Model], str] = {}


def register(entries: Iterable[tuple[str, str, list[str]]]) -> None:
    """Register each model with django-auditlog. Encrypted columns (special-category data, see
    chemin/core/encryption.py) are masked: the entry says the field changed, never to what."""
    for label, participant_path, left_out in entries:
        model = apps.get_model(label)
        _participant_paths[model] = participant_path
        auditlog.register(
            model,
            exclude_fields=[*left_out, *ALWAYS_LEFT_OUT],
            mask_fields=encrypted_field_names(model),
            mask_callable=MASK_CALLABLE,
        )


def participant_id_of(instance: models.Model) -> int | None:
    """The id of the participant a row is about: no query when the path is one foreign key or
    its first step is already loaded, else one query whatever the path's length."""
    path = _participant_paths.get(type(instance))
    if path is None:
        return None
    if path == "pk":
        return instance.pk
    first, _sep, rest = path.partition("__")
    field = instance._meta.get_field(first)
    related_id = getattr(instance, field.attname)
    if not rest or related_id is None:
        return related_id
    if "__" not in rest and field.is_cached(instance):
        related = field.get_cached_value(instance)
        return getattr(related, related._meta.get_field(rest).attname)
    try:
        return field.related_model._base_manager.filter(pk=related_id).values_list(rest, flat=True).get()
    except ObjectDoesNotExist:
        return None


def about_participants(participant_ids: Collection[int]) -> models.Q:
    """Change entries about these people: those naming them, and those of their rows logged
    before the row was tied to them (a referral before its acceptance)."""
    query = models.Q(participant_id__in=participant_ids)
    content_types = ContentType.objects.get_for_models(*_participant_paths)
    for model, path in _participant_paths.items():
        lookup = "pk__in" if path == "pk" else f"{path}__in"
        rows = model._base_manager.filter(**{lookup: participant_ids}).values("pk")
        query |= models.Q(content_type=content_types[model], object_id__in=rows)
    return query
