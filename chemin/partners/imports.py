"""CSV import of partners: all or nothing, with a per-row report in French.

The file is UTF-8 (a BOM is fine), separated by ";" (what French spreadsheets write) or ",".
Every row is checked before anything is written; one bad row and nothing is imported, and the
report lists every bad row with its line number, column and reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from chemin.barriers.enums import BarrierCategory
from chemin.core.validators import normalize_french_phone
from chemin.partners.enums import IaeKind, PartnerKind
from chemin.partners.models import Partner
from chemin.partners.services import partner_create
from chemin.referentials.models import Commune
from chemin.referentials.text import normalize, normalize_place_name
from chemin.territories.models import Territory

# Column name → what it holds (shown on the import page and in the template file).
COLUMNS: list[tuple[str, bool]] = [
    ("nom", True),
    ("type", True),
    ("type_iae", False),
    ("commune", False),
    ("adresse", False),
    ("categories", True),
    ("telephone", False),
    ("email", False),
    ("contact", False),
    ("conditions_acces", False),
    ("territoires", False),
]
REQUIRED = [name for name, required in COLUMNS if required]
MAX_ROWS = 2000
_INSEE = re.compile(r"^(\d[\dAB]\d{3})$", re.IGNORECASE)
_POSTAL_AND_NAME = re.compile(r"^(\d{5})\s+(.+)$")

TEMPLATE_ROWS = [
    {
        "nom": "Crèche Les Petits Pas",
        "type": "childcare",
        "type_iae": "",
        "commune": "62498",
        "adresse": "12 rue de la Paix",
        "categories": "24",
        "telephone": "03 21 00 00 00",
        "email": "contact@example.org",
        "contact": "Claire Dupont",
        "conditions_acces": "Places d'urgence pour parents en reprise d'emploi",
        "territoires": "lens-lievin",
    },
    {
        "nom": "Chantier d'insertion du Bassin minier",
        "type": "iae",
        "type_iae": "ACI",
        "commune": "62300 Lens",
        "adresse": "",
        "categories": "23|qualification",
        "telephone": "",
        "email": "",
        "contact": "",
        "conditions_acces": "",
        "territoires": "lens-lievin|arras",
    },
]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    created: list[Partner] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _required in COLUMNS], delimiter=";")
    writer.writeheader()
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def _kind_lookup() -> dict[str, str]:
    """Codes, and labels in French or English, whatever the language of the page."""
    lookup = {}
    for language in ("en", "fr"):
        with translation.override(language):
            for value, label in PartnerKind.choices:
                lookup[normalize(value)] = value
                lookup[normalize(str(label))] = value
    return lookup


def _resolve_commune(value: str) -> Commune | None:
    if _INSEE.match(value):
        return Commune.objects.filter(pk=value.upper()).first()
    match = _POSTAL_AND_NAME.match(value)
    if match:
        postal, name = match.groups()
        return (
            Commune.objects.filter(postal_codes__contains=postal, search_name=normalize_place_name(name))
            .order_by("code_insee")
            .first()
        )
    return None


def _decode(content: bytes) -> str:
    return content.decode("utf-8-sig")


def _check_row(
    raw: dict[str, str], line: int, *, territories: dict[str, Territory], default: Territory | None
) -> tuple[dict[str, Any], list[RowError]]:
    row = {key: (raw.get(key) or "").strip() for key, _required in COLUMNS}
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(line=line, column=column, message=message))

    values: dict[str, Any] = {
        "name": row["nom"],
        "address": row["adresse"],
        "contact_name": row["contact"],
        "access_conditions": row["conditions_acces"],
    }
    if not row["nom"]:
        fail("nom", _("The name is missing."))
    elif len(row["nom"]) > 200:
        fail("nom", _("The name is longer than 200 characters."))

    kind = _kind_lookup().get(normalize(row["type"])) if row["type"] else None
    if not row["type"]:
        fail("type", _("The kind is missing."))
    elif kind is None:
        fail(
            "type",
            _("Unknown kind “%(value)s”: use one of the codes listed on the page.") % {"value": row["type"]},
        )
    values["kind"] = kind or ""

    iae_kind = row["type_iae"].upper()
    if kind == PartnerKind.IAE:
        if iae_kind not in IaeKind.values:
            fail("type_iae", _("An IAE structure needs its type: ACI, EI, ETTI, AI or EA."))
    elif iae_kind:
        fail("type_iae", _("Only an IAE structure (type “iae”) has an IAE type."))
    values["iae_kind"] = iae_kind if kind == PartnerKind.IAE else ""

    values["commune"] = None
    if row["commune"]:
        commune = _resolve_commune(row["commune"])
        if commune is None:
            fail(
                "commune",
                _(
                    "Unknown commune “%(value)s”: give its INSEE code (62498) or postal code and name (62300 Lens)."
                )
                % {"value": row["commune"]},
            )
        values["commune"] = commune

    codes = [code.strip() for code in row["categories"].split("|") if code.strip()]
    unknown = [code for code in codes if code not in BarrierCategory.values]
    if not codes:
        fail("categories", _("Give at least one barrier category code."))
    elif unknown:
        fail(
            "categories",
            _("Unknown barrier category code(s): %(codes)s.") % {"codes": ", ".join(unknown)},
        )
    values["categories"] = codes

    values["phone"] = ""
    if row["telephone"]:
        try:
            values["phone"] = normalize_french_phone(row["telephone"])
        except ValidationError as error:
            fail("telephone", " ".join(str(message) for message in error.messages))

    values["email"] = row["email"]
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            fail("email", _("“%(value)s” is not an email address.") % {"value": row["email"]})

    slugs = [slug.strip().lower() for slug in row["territoires"].split("|") if slug.strip()]
    chosen = []
    for slug in slugs:
        if slug in territories:
            chosen.append(territories[slug])
        else:
            fail(
                "territoires",
                _("Unknown territory “%(slug)s”, or not one you manage.") % {"slug": slug},
            )
    if not slugs:
        if default is None:
            fail("territoires", _("Say which territories the partner serves."))
        else:
            chosen = [default]
    values["territories"] = chosen
    return values, errors


def import_partners(
    content: bytes,
    *,
    territories: list[Territory],
    default_territory: Territory | None,
    dry_run: bool = False,
) -> ImportResult:
    """Check every row, then create every partner in one transaction, or none.

    ``territories`` are those the importing person may attach partners to (the ones they manage).
    """
    result = ImportResult()
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        result.errors.append(
            RowError(0, "", _("The file is not in UTF-8: save it as “CSV UTF-8” and try again."))
        )
        return result
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.errors.append(
            RowError(
                1, ", ".join(missing), _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
            )
        )
        return result
    by_slug = {territory.slug: territory for territory in territories}
    for index, raw in enumerate(reader):
        line = reader.line_num
        if index >= MAX_ROWS:
            result.errors.append(
                RowError(line, "", _("Too many rows: %(max)d at most per file.") % {"max": MAX_ROWS})
            )
            break
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue
        values, errors = _check_row(raw, line, territories=by_slug, default=default_territory)
        result.errors.extend(errors)
        result.rows.append(values)
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "", _("The file has no partner to import.")))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        result.created = [partner_create(**values) for values in result.rows]
    return result
