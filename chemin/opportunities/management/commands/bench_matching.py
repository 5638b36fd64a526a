"""Benchmark of the matching pages' reads (issue 5, point 8): leaves no data behind.

Builds one territory of its own with many open opportunities and active participants (realistic
ROME codes over several domains, communes of the Nord and Pas-de-Calais, some job constraints and
barriers), lets the database settle as a production one is (vacuumed and analysed, which cannot
happen inside a transaction, hence committed rows), then times the very selectors the pages call
(``ranked_jobs`` and ``ranked_candidates``: pre-filter queries, profile building, ranking and
loading the shown rows) for random participants and opportunities, and deletes all it built —
even when interrupted (Ctrl+C).
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.barriers.enums import BarrierCategory, BarrierStatus, CommuteMeans, ConstraintKind
from chemin.barriers.models import Barrier, JobConstraint
from chemin.companies.models import Company
from chemin.jobwishes.enums import ContractType
from chemin.jobwishes.models import JobWish, JobWishRomeJob
from chemin.jobwishes.services import refresh_wish_summaries
from chemin.matching.enums import PhysicalDemand, SchedulePattern
from chemin.opportunities import selectors
from chemin.opportunities.models import Opportunity
from chemin.participants.enums import EducationLevel
from chemin.participants.models import Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.referentials.models import Commune, RomeJob
from chemin.referentials.text import normalize
from chemin.territories.models import Territory

TARGET_JOBS_MS = 50
TARGET_CANDIDATES_MS = 200
DEPARTEMENTS = ("59", "62")
# Where inclusion jobs are (ROME domains): sales, building, hotels and catering, industry,
# personal services, logistics first; the others less often.
DOMAIN_WEIGHTS = {
    "D": 6,
    "F": 5,
    "G": 5,
    "H": 6,
    "K": 8,
    "N": 7,
    "A": 2,
    "B": 1,
    "C": 1,
    "E": 1,
    "I": 2,
    "J": 2,
    "L": 1,
    "M": 3,
}
BATCH = 2000


class Command(BaseCommand):
    help = (
        "Time the matching pages' reads on a generated territory (rolled back at the end): "
        "opportunities ranked for a participant, participants ranked for an opportunity. "
        "Needs load_referentials first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--opportunities", type=int, default=10_000)
        parser.add_argument("--participants", type=int, default=20_000)
        parser.add_argument("--samples", type=int, default=30)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, **options) -> None:
        if settings.DEBUG:
            raise CommandError(
                _("DEBUG logs every query and would distort the figures: run with DEBUG=false.")
            )
        communes = list(
            Commune.objects.filter(departement__in=DEPARTEMENTS, latitude__isnull=False).values_list(
                "code_insee", "population"
            )
        )
        if not communes or not RomeJob.objects.exists():
            raise CommandError(
                _("The communes or ROME jobs are missing: run manage.py load_referentials first.")
            )
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        with transaction.atomic():
            territory, user = self._territory()
        try:
            with transaction.atomic():
                self._build(rng, territory, user, communes, options)
            self._settle()
            self._measure(territory, user, options["samples"], built=time.perf_counter() - started)
        finally:
            self._remove(territory, user)

    def _build(
        self, rng: random.Random, territory: Territory, user: User, communes: list, options: dict
    ) -> None:
        codes = self._rome_codes(rng)
        commune_ids = [code for code, _population in communes]
        weights = [population or 1 for _code, population in communes]
        self._opportunities(rng, territory, user, codes, commune_ids, weights, options["opportunities"])
        self._participants(rng, territory, user, codes, commune_ids, weights, options["participants"])

    def _settle(self) -> None:
        """Measure in the steady state of a production database, which autovacuum keeps vacuumed
        and analysed (visibility map set, statistics up to date) — not right after a bulk load."""
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def _remove(self, territory: Territory, user: User) -> None:
        """Delete everything the benchmark built (it leaves no data behind), children first."""
        with transaction.atomic():
            pathways = Pathway.objects.filter(territory=territory)
            people = list(pathways.values_list("participant_id", flat=True))
            JobConstraint.objects.filter(pathway__in=pathways).delete()
            Barrier.objects.filter(pathway__in=pathways).delete()
            JobWishRomeJob.objects.filter(job_wish__pathway__in=pathways).delete()
            JobWish.objects.filter(pathway__in=pathways).delete()
            pathways.delete()
            Participant.objects.filter(pk__in=people).delete()
            Opportunity.objects.filter(territory=territory).delete()
            Company.objects.filter(territory=territory).delete()
            territory.delete()
            user.delete()

    def _measure(self, territory: Territory, user: User, samples: int, *, built: float) -> None:
        self.stdout.write(
            _(
                "%(vendor)s: %(jobs)d open opportunities, %(people)d active participants built in %(seconds).1f s."
            )
            % {
                "vendor": connection.vendor,
                "jobs": Opportunity.objects.open().filter(territory=territory).count(),
                "people": Pathway.objects.open().filter(territory=territory).count(),
                "seconds": built,
            }
        )
        pathways = list(
            Pathway.objects.filter(territory=territory).select_related("territory").order_by("?")[:samples]
        )
        opportunities = list(
            Opportunity.objects.filter(territory=territory)
            .select_related("territory", "company", "commune")
            .order_by("?")[:samples]
        )
        jobs = self._time(
            [
                lambda pathway=pathway: selectors.ranked_jobs(pathway=pathway, user=user, job_facing=False)
                for pathway in pathways
            ]
        )
        candidates = self._time(
            [
                lambda opportunity=opportunity: selectors.ranked_candidates(opportunity)
                for opportunity in opportunities
            ]
        )
        self._report(_("Opportunities ranked for one participant"), jobs, TARGET_JOBS_MS)
        self._report(_("Participants ranked for one opportunity"), candidates, TARGET_CANDIDATES_MS)

    def _time(self, calls: list[Callable[[], selectors.Ranking]]) -> list[tuple[float, selectors.Ranking]]:
        if calls:
            calls[0]()  # warm-up: caches, translations, query plans
        results = []
        for call in calls:
            started = time.perf_counter()
            ranking = call()
            results.append(((time.perf_counter() - started) * 1000, ranking))
        return results

    def _report(self, title: str, results: list[tuple[float, selectors.Ranking]], target: int) -> None:
        times = sorted(ms for ms, _ranking in results)
        if not times:
            return
        median = statistics.median(times)
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        ranked = statistics.median(ranking.ranked for _ms, ranking in results)
        shown = statistics.median(len(ranking.rows) for _ms, ranking in results)
        verdict = self.style.SUCCESS("PASS") if median <= target else self.style.ERROR("FAIL")
        self.stdout.write(
            _(
                "%(title)s: median %(median).1f ms, p90 %(p90).1f ms (target ≤ %(target)d ms) %(verdict)s"
                " — out of %(total)d, %(ranked)d ranked after the pre-filter, %(shown)d shown (medians)."
            )
            % {
                "title": title,
                "median": median,
                "p90": p90,
                "target": target,
                "verdict": verdict,
                "total": results[0][1].total,
                "ranked": ranked,
                "shown": shown,
            }
        )

    # --- Data ---------------------------------------------------------------------------------

    def _territory(self) -> tuple[Territory, User]:
        suffix = timezone.now().strftime("%Y%m%d%H%M%S%f")
        territory = Territory.objects.create(
            name=f"Banc d'essai {suffix}", slug=f"bench-{suffix}", departement="62"
        )
        user = User.objects.create_user(f"bench-{suffix}@example.org", first_name="Banc", last_name="Essai")
        return territory, user

    def _rome_codes(self, rng: random.Random) -> list[tuple[str, str]]:
        """A few hundred ROME jobs, weighted by domain, with their labels."""
        by_domain: dict[str, list[tuple[str, str]]] = {}
        for code, label in RomeJob.objects.values_list("code", "label"):
            by_domain.setdefault(code[:1], []).append((code, label))
        chosen = []
        for domain, jobs in by_domain.items():
            chosen.extend(rng.sample(jobs, min(len(jobs), DOMAIN_WEIGHTS.get(domain, 1) * 6)))
        return chosen

    def _pick_code(self, rng: random.Random, codes: list[tuple[str, str]]) -> tuple[str, str]:
        weights = [DOMAIN_WEIGHTS.get(code[:1], 1) for code, _label in codes]
        return rng.choices(codes, weights)[0]

    def _opportunities(self, rng, territory, user, codes, communes, weights, count: int) -> None:
        companies = [
            Company.objects.create(
                territory=territory, name=f"Entreprise {index}", commune_id=rng.choices(communes, weights)[0]
            )
            for index in range(max(1, count // 50))
        ]
        patterns = [
            [],
            [],
            [],
            [SchedulePattern.TWO_SHIFTS],
            [SchedulePattern.THREE_SHIFTS],
            [SchedulePattern.WEEKENDS],
            [SchedulePattern.NIGHTS],
            [SchedulePattern.SCHOOL_HOURS_POSSIBLE],
            [SchedulePattern.SPLIT_SHIFTS],
        ]
        contracts = [ContractType.CDI, ContractType.CDD, ContractType.CDDI, ContractType.TEMPORARY]
        rows = []
        for _index in range(count):
            code, label = self._pick_code(rng, codes)
            company = rng.choice(companies)
            day = rng.random() < 0.6
            rows.append(
                Opportunity(
                    territory=territory,
                    company=company,
                    rome_job_id=code,
                    title=label[:200],
                    contract_type=rng.choice(contracts),
                    hours_per_week=rng.choice([20, 24, 28, 35, 35, 35, 39]),
                    schedule_patterns=rng.choice(patterns),
                    start_time=datetime.time(rng.choice([6, 8, 9])) if day else None,
                    end_time=datetime.time(rng.choice([14, 16, 17])) if day else None,
                    commune_id=rng.choices(communes, weights)[0] if rng.random() < 0.97 else None,
                    on_public_transport_line=rng.random() < 0.6,
                    requires_driving_licence=rng.random() < 0.25,
                    requires_vehicle=rng.random() < 0.15,
                    physical_demands=rng.choice(
                        [[], [], [PhysicalDemand.HEAVY_LOADS], [PhysicalDemand.PROLONGED_STANDING]]
                    ),
                    min_education_level=rng.choice(
                        ["", "", "", EducationLevel.LEVEL_3, EducationLevel.LEVEL_4]
                    ),
                    can_adapt_hours=rng.random() < 0.3,
                    can_train_on_the_job=rng.random() < 0.4,
                    can_help_with_transport=rng.random() < 0.15,
                    search_text=normalize(f"{label} {company.name}")[:600],
                    created_by=user,
                )
            )
        Opportunity.objects.bulk_create(rows, batch_size=BATCH)

    def _participants(self, rng, territory, user, codes, communes, weights, count: int) -> None:
        today = timezone.localdate()
        people = []
        for index in range(count):
            first, last = f"Personne{index}", "Essai"
            licence = rng.random() < 0.5
            people.append(
                Participant(
                    first_name=first,
                    last_name=last,
                    search_name=normalize(f"{first} {last}"),
                    birth_date=datetime.date(
                        1970 + rng.randrange(35), 1 + rng.randrange(12), 1 + rng.randrange(28)
                    ),
                    commune_id=rng.choices(communes, weights)[0] if rng.random() < 0.98 else None,
                    education_level=rng.choice([*EducationLevel.values, ""]),
                    has_driving_licence=licence,
                    has_vehicle=licence and rng.random() < 0.6,
                )
            )
        people = Participant.objects.bulk_create(people, batch_size=BATCH)
        pathways = Pathway.objects.bulk_create(
            [
                Pathway(
                    participant=person,
                    territory=territory,
                    referent=user,
                    entry_date=today - datetime.timedelta(days=rng.randrange(400)),
                    phase=rng.choice([Phase.WELCOME, Phase.TOWARDS_EMPLOYMENT]),
                )
                for person in people
            ],
            batch_size=BATCH,
        )
        wishes = []
        for pathway in pathways:
            # Most people name one or two wished jobs; some none yet.
            for priority in range(1, rng.choice([0, 1, 1, 1, 2, 2]) + 1):
                wishes.append(
                    JobWish(
                        pathway=pathway,
                        title_in_own_words="Souhait",
                        priority=priority,
                        max_commute_km=rng.choice([None, None, 10, 20, 30]),
                        created_by=user,
                        updated_by=user,
                    )
                )
        wishes = JobWish.objects.bulk_create(wishes, batch_size=BATCH)
        JobWishRomeJob.objects.bulk_create(
            [
                JobWishRomeJob(job_wish=wish, rome_job_id=self._pick_code(rng, codes)[0], position=1)
                for wish in wishes
            ],
            batch_size=BATCH,
        )
        # Written in bulk, past the wish services: their summaries are brought in step here.
        refresh_wish_summaries([pathway.pk for pathway in pathways])
        barriers, constraints = [], []
        for pathway in pathways:
            if rng.random() < 0.4:
                barriers.append(
                    Barrier(
                        pathway=pathway,
                        category=rng.choice(
                            [BarrierCategory.MOBILITY, BarrierCategory.FAMILY, BarrierCategory.HEALTH]
                        ),
                        own_words="Banc d'essai",
                        consent_given_on=today,
                        identified_on=today,
                        identified_by=user,
                        status=BarrierStatus.IDENTIFIED,
                        status_changed_on=today,
                    )
                )
        barriers = Barrier.objects.bulk_create(barriers, batch_size=BATCH)
        behind = {barrier.pathway_id: barrier for barrier in barriers}
        kinds = [
            {
                "kind": ConstraintKind.HOURS_WINDOW,
                "earliest_start": datetime.time(9),
                "latest_end": datetime.time(16, 30),
            },
            {"kind": ConstraintKind.NO_NIGHT_WORK},
            {"kind": ConstraintKind.NO_SHIFT_WORK},
            {"kind": ConstraintKind.NO_WEEKEND},
            {"kind": ConstraintKind.PART_TIME_ONLY},
            {"kind": ConstraintKind.NO_HEAVY_LOADS},
            {
                "kind": ConstraintKind.MAX_COMMUTE,
                "max_commute_minutes": 45,
                "commute_means": CommuteMeans.PUBLIC_TRANSPORT,
            },
        ]
        for pathway in pathways:
            if rng.random() < 0.35:
                constraints.append(
                    JobConstraint(
                        pathway=pathway,
                        barrier=behind.get(pathway.pk),
                        started_on=today,
                        created_by=user,
                        **rng.choice(kinds),
                    )
                )
        JobConstraint.objects.bulk_create(constraints, batch_size=BATCH)
