"""The subject access export (RGPD art. 15): everything the organisation holds about a person, in
one ZIP file — ``donnees.json`` for a machine, ``donnees.pdf`` for the person to read.

What is collected is what chemin/privacy/registry.py declares, model by model (restricted notes
included: the person has a right to what is written about them), plus the timeline of their
pathways. One query per declared model and a fixed number for the timeline, whatever the number
of rows. The files and their names hold no name of the person: ``donnees-personne-<id>-<date>``.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from weasyprint import HTML

from chemin.core import timeline
from chemin.participants.models import CONSENT_TEXT_VERSION
from chemin.portfolio.cv import LocalOnlyURLFetcher
from chemin.privacy.registry import PERSONAL_DATA, PersonalData

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.participants.models import Participant

# Copies kept for searching (normalised text): the export gives the text itself once.
DERIVED_FIELDS = {"search_name", "search_text"}


@dataclass
class Section:
    key: str
    title: str
    # For donnees.json: each row's columns, values as stored (codes, ids, ISO dates).
    rows: list[dict[str, Any]] = field(default_factory=list)
    # For donnees.pdf: each row as (label, value as read on screen), empty values left out.
    readable_rows: list[list[tuple[str, str]]] = field(default_factory=list)


@dataclass
class SubjectAccess:
    participant_pk: int
    generated_at: datetime.datetime
    sections: list[Section]
    timeline: list[timeline.TimelineEvent]

    @property
    def filename_stem(self) -> str:
        return f"donnees-personne-{self.participant_pk}-{timezone.localtime(self.generated_at):%Y%m%d}"

    def as_json(self) -> bytes:
        data: dict[str, Any] = {
            "generated_at": self.generated_at,
            "participant_id": self.participant_pk,
            "current_notice_version": CONSENT_TEXT_VERSION,
        }
        for section in self.sections:
            data[section.key] = section.rows
        data["timeline"] = [
            {
                "at": event.at,
                "kind": event.kind,
                "kind_label": event.kind_label,
                "title": event.title,
                "detail": event.detail,
                "is_milestone": event.is_milestone,
                "by_participant": event.by_participant,
            }
            for event in self.timeline
        ]
        return json.dumps(data, cls=_Encoder, ensure_ascii=False, indent=2).encode()


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


def _exported_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        # A document's stored file name is a random one of the storage's, nothing of the person.
        if f.name not in DERIVED_FIELDS and not isinstance(f, models.FileField)
    ]


def _readable_json(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_readable_json(item) for item in value)
    if isinstance(value, dict):
        return " ".join(str(item) for item in value.values())
    return str(value)


def _readable(obj: models.Model, f: models.Field) -> str:
    value = getattr(obj, f.attname)
    if value is None or value in ("", [], {}):
        return ""
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    if f.is_relation:
        return str(getattr(obj, f.name)) if f.is_cached(obj) else _("no. %(id)s") % {"id": value}
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | dict):
        return _readable_json(value)
    return str(value)


def _section(declaration: PersonalData, participant_pk: int, *, for_the_person: bool = False) -> Section:
    model = declaration.model
    fields = _exported_fields(model)
    if for_the_person:
        fields = [f for f in fields if f.name not in declaration.hidden_from_the_person]
    rows = (
        declaration.rows(participant_pk, for_the_person=for_the_person)
        .select_related(*declaration.related)
        .order_by(*declaration.order_by)
    )
    title = declaration.title_for_the_person if for_the_person and declaration.title_for_the_person else None
    section = Section(key=declaration.key, title=str(title or declaration.title))
    for obj in rows:
        raw: dict[str, Any] = {}
        readable: list[tuple[str, str]] = []
        for f in fields:
            value = getattr(obj, f.attname)
            raw[f.name] = value
            if f.is_relation and value is not None and f.is_cached(obj):
                raw[f"{f.name}_label"] = str(getattr(obj, f.name))
            if f.choices and value not in (None, ""):
                raw[f"{f.name}_label"] = str(getattr(obj, f"get_{f.name}_display")())
            shown = _readable(obj, f)
            if shown:
                readable.append((str(f.verbose_name).capitalize(), shown))
        section.rows.append(raw)
        section.readable_rows.append(readable)
    return section


def collect(participant: Participant, *, user: User, for_the_person: bool = False) -> SubjectAccess:
    """Everything held about the person: the declared models' rows and the timeline.

    ``for_the_person``: the download from their own space, without the staff-only notes (the
    declarations' ``for_the_person``) and without the staff timeline (its rows are all there).
    """
    return SubjectAccess(
        participant_pk=participant.pk,
        generated_at=timezone.now(),
        sections=[
            _section(declaration, participant.pk, for_the_person=for_the_person)
            for declaration in PERSONAL_DATA
        ],
        timeline=[] if for_the_person else timeline.events_for(participant, user),
    )


def render_pdf(access: SubjectAccess) -> bytes:
    identity = next(section for section in access.sections if section.key == "participant")
    html = render_to_string(
        "privacy/pdf/subject_access.html",
        {
            "organisation_name": settings.ORGANISATION_NAME,
            "access": access,
            "identity": identity,
            "sections": [section for section in access.sections if section is not identity and section.rows],
        },
    )
    return HTML(string=html, url_fetcher=LocalOnlyURLFetcher([])).write_pdf()


def export_zip(participant: Participant, *, user: User, for_the_person: bool = False) -> tuple[str, bytes]:
    """The ZIP file's name and content. Labels and the PDF are in the organisation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        access = collect(participant, user=user, for_the_person=for_the_person)
        pdf = render_pdf(access)
        data = access.as_json()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.json", data)
        archive.writestr("donnees.pdf", pdf)
    return f"{access.filename_stem}.zip", buffer.getvalue()
