"""A large organisation for speed measurements: ``manage.py seed_demo --scale`` (issue 8, point 7).

Fifty territories named after real communes of five départements of the Hauts-de-France, their
staff, funders and one-year agreements, and 100,000 people accompanied over the last five years:
referrals, pathways with their phases and exits, job wishes, small steps, notes, barriers lifted
with partners, placements on job offers, immersions, appointments, contract starts with their
follow-up check-ins — about a million rows on the participant timeline, and everything the
agreement report reads (chemin/reporting/indicators.py). ``bench_reporting`` times that report.

The story of each person follows the product's flows (DESIGN.md §5) with plausible shares and
delays (``constants``: rough orders of magnitude of the field — PLIE, RSA accompaniment — not
statistics); the organisation is ``organisation``, the people ``people``. Names come from short
lists: obviously fake, never a real person's file.

Rows are written in bulk by ``RowWriter`` (COPY on PostgreSQL); every database constraint applies.
The generation is deterministic (a seeded random generator) and runs once per database: the
territories' slugs start with ``SCALE_SLUG_PREFIX`` and a second run is refused.
"""

from __future__ import annotations

import datetime
import random
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from chemin.core.dates import add_months
from chemin.demo.rows import RowWriter
from chemin.demo.scale.constants import (
    DEFAULT_PARTICIPANTS,
    DEFAULT_TERRITORIES,
    DEPARTEMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    SCALE_SLUG_PREFIX,
    TIMELINE_MODELS,
    WRITE_ORDER,
    YEARS,
    ScaleError,
)
from chemin.demo.scale.organisation import AgreementPlan, OrganisationMixin, TerritoryPlan
from chemin.demo.scale.people import PeopleMixin
from chemin.referentials.models import Commune, RomeJob
from chemin.territories.models import Territory

__all__ = [
    "DEFAULT_PARTICIPANTS",
    "DEFAULT_TERRITORIES",
    "SCALE_SLUG_PREFIX",
    "TIMELINE_MODELS",
    "WRITE_ORDER",
    "ScaleError",
    "ScaleResult",
    "scale_data_present",
    "seed_scale",
]


@dataclass
class ScaleResult:
    counts: dict[type[models.Model], int]
    seconds: float
    territories: int
    participants: int

    @property
    def timeline_rows(self) -> int:
        return sum(self.counts.get(model, 0) for model in TIMELINE_MODELS)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def scale_data_present() -> int:
    """How many scale territories the database already holds."""
    return Territory.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).count()


def seed_scale(
    *,
    participants: int = DEFAULT_PARTICIPANTS,
    territories: int = DEFAULT_TERRITORIES,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> ScaleResult:
    """Generate the large organisation in one transaction: all of it, or nothing."""
    if participants < 1 or territories < 1:
        raise ScaleError("Il faut au moins une personne et un territoire.")
    if existing := scale_data_present():
        raise ScaleError(
            f"Les données à grande échelle sont déjà là ({existing} territoires « {SCALE_SLUG_PREFIX}… ») : "
            "seed_demo --scale ne tourne qu'une fois par base. Repartez d'une base neuve pour recommencer."
        )
    if not RomeJob.objects.exists() or not Commune.objects.filter(departement__in=DEPARTEMENTS).exists():
        raise ScaleError(
            "Les communes ou le ROME manquent : lancez d'abord python manage.py load_referentials."
        )
    started = time.perf_counter()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Nothing to lose if the machine stops mid-way: the whole run is one transaction.
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        builder = _Builder(random.Random(seed), participants=participants, progress=progress)
        builder.build(territories)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, so the first report does not plan on empty tables.
            cursor.execute("ANALYZE")
    return ScaleResult(
        counts=dict(builder.rows.counts),
        seconds=time.perf_counter() - started,
        territories=territories,
        participants=participants,
    )


class _Builder(OrganisationMixin, PeopleMixin):
    def __init__(
        self, rng: random.Random, *, participants: int, progress: Callable[[int, int], None] | None
    ) -> None:
        self.rng = rng
        self.participants = participants
        self.progress = progress
        self.today = timezone.localdate()
        self.window_start = add_months(self.today, -12 * YEARS)
        self.tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.rows = RowWriter(now=timezone.now(), order=WRITE_ORDER)
        self.territories: list[TerritoryPlan] = []
        self.agreements: dict[str, list[AgreementPlan]] = {}
        self.agreement_entries: dict[int, int] = {}
        self.rome: list[tuple[str, str]] = []
        self.rome_weights: list[int] = []
        self.rome_by_domain: dict[str, list[tuple[str, str]]] = {}

    # --- Helpers ----------------------------------------------------------------------------

    def at(self, day: datetime.date, hour: int | None = None, minute: int = 0) -> datetime.datetime:
        hour = self.rng.randint(9, 17) if hour is None else hour
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)

    def between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        """A day from ``first`` to ``last`` (both included); ``first`` when ``last`` is before it."""
        days = (last - first).days
        return first + datetime.timedelta(days=self.rng.randint(0, days)) if days > 0 else first

    def pick(self, weights: dict):
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def person_name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    # --- Building ---------------------------------------------------------------------------

    def build(self, territory_count: int) -> None:
        self._rome_jobs()
        self._territories(territory_count)
        self._agreements()
        self._prescribers()
        self._partners()
        self._companies_and_offers()
        self.rows.flush()
        self._people()
        self.rows.finish()
        self._planned_entries()
