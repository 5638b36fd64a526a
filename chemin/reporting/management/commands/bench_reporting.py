"""Benchmark of the one-year agreement report (issue 8, point 7) on the scale data.

Reads the current database, as ``seed_demo --scale`` left it (50 territories, 100,000 people over
five years): picks the one-year agreements of those territories with the most pathways among the
years already over, then times ``chemin.reporting.indicators.report`` over each agreement's
period — a warm-up call first, then several timed calls — and prints the median and the 90th
percentile against the target. Writes nothing.
"""

from __future__ import annotations

import datetime
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chemin.agreements.models import Agreement
from chemin.core.dates import add_months
from chemin.demo.scale import SCALE_SLUG_PREFIX, scale_data_present
from chemin.reporting.indicators import Scope, report

TARGET_MS = 1000


def is_one_year(starts_on: datetime.date, ends_on: datetime.date) -> bool:
    """1 January → 31 December, or any twelve months to the day before."""
    return add_months(starts_on, 12) - datetime.timedelta(days=1) == ends_on


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def percentile_90(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


class Command(BaseCommand):
    help = (
        "Time the one-year agreement report on the scale data (run load_referentials, then "
        "seed_demo --scale first). Target: median ≤ 1 s on PostgreSQL. Writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agreements", type=int, default=5, help="How many agreements (default 5).")
        parser.add_argument("--runs", type=int, default=5, help="Timed reports per agreement (default 5).")

    def handle(self, *args, agreements: int, runs: int, verbosity: int, **options) -> None:
        if settings.DEBUG:
            raise CommandError(
                "DEBUG enregistre chaque requête et fausserait les mesures : lancez avec DEBUG=false."
            )
        if agreements < 1 or runs < 1:
            raise CommandError("--agreements et --runs doivent valoir 1 ou plus.")
        if not scale_data_present():
            raise CommandError(
                "Pas de données à grande échelle dans cette base : lancez d'abord "
                "python manage.py load_referentials puis python manage.py seed_demo --scale."
            )
        chosen = self._agreements(agreements)
        if not chosen:
            raise CommandError(
                "Aucune convention d'un an avec des accompagnements sur les territoires à grande échelle : "
                "relancez seed_demo --scale sur une base neuve."
            )
        self.stdout.write(
            f"{connection.vendor} : rapport annuel de {_plural(len(chosen), 'convention')}, "
            f"1 appel d'échauffement puis {runs} mesures chacune."
        )
        times = []
        for agreement in chosen:
            scope = Scope(agreement=agreement)
            with CaptureQueriesContext(connection) as queries:
                report(scope, agreement.starts_on, agreement.ends_on)  # warm-up: caches, plans
            measured = []
            for _run in range(runs):
                started = time.perf_counter()
                report(scope, agreement.starts_on, agreement.ends_on)
                measured.append((time.perf_counter() - started) * 1000)
            times.extend(measured)
            self.stdout.write(
                f"  convention #{agreement.pk} ({agreement.starts_on:%d/%m/%Y} → {agreement.ends_on:%d/%m/%Y}, "
                f"{_plural(agreement.pathway_count, 'accompagnement')}, "
                f"{_plural(agreement.territory_count, 'territoire')}) : "
                f"médiane {statistics.median(measured):.0f} ms, {len(queries)} requêtes"
            )
            if verbosity >= 2:
                slowest = sorted(queries.captured_queries, key=lambda query: -float(query["time"]))[:3]
                for query in slowest:
                    self.stdout.write(f"      {float(query['time']) * 1000:.0f} ms  {query['sql'][:300]}")
        median = statistics.median(times)
        verdict = self.style.SUCCESS("PASS") if median <= TARGET_MS else self.style.ERROR("FAIL")
        self.stdout.write(
            f"Rapport annuel d'une convention : médiane {median:.0f} ms, p90 {percentile_90(times):.0f} ms "
            f"(objectif ≤ {TARGET_MS} ms) {verdict} — {len(times)} mesures."
        )

    def _agreements(self, how_many: int) -> list[Agreement]:
        """The one-year agreements of the scale territories with the most pathways, past years first."""
        candidates = (
            Agreement.objects.filter(territories__slug__startswith=SCALE_SLUG_PREFIX)
            .annotate(
                pathway_count=Count("pathways", distinct=True),
                territory_count=Count("territories", distinct=True),
            )
            .filter(pathway_count__gt=0)
            .order_by("pk")
        )
        today = timezone.localdate()
        one_year = [
            agreement for agreement in candidates if is_one_year(agreement.starts_on, agreement.ends_on)
        ]
        one_year.sort(
            key=lambda agreement: (agreement.ends_on >= today, -agreement.pathway_count, agreement.pk)
        )
        return one_year[:how_many]
