"""Demo job wishes: what people of the Pas-de-Calais mining basin say they want to do, in their
own words, with real ROME 4.0 codes (data/rome/rome4_fiches.csv). Some wishes carry a history:
the person changed their mind after an immersion or a workshop.

Called by chemin/demo/pathways.py: ``seed_job_wishes(pathways=…)``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from chemin.jobwishes.enums import ContractType as C
from chemin.jobwishes.enums import JobWishStatus as S
from chemin.jobwishes.enums import WorkingHours as H
from chemin.jobwishes.models import JobWish, JobWishVersion
from chemin.jobwishes.services import JobWishData, job_wish_create, job_wish_update
from chemin.referentials.models import RomeJob

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway

WAREHOUSE = {
    "title": "travailler dans un entrepôt, préparation de commandes",
    "codes": ["N1103", "N1105"],
    "contracts": [C.CDI, C.CDD, C.TEMPORARY],
    "hours": H.FULL_TIME,
    "commute": 25,
    "before": {"title": "cariste", "codes": ["N1101"]},
}
CARE = {
    "title": "aide à domicile auprès des personnes âgées",
    "codes": ["K1302", "K1304"],
    "contracts": [C.CDI, C.CDD],
    "hours": H.PART_TIME,
    "max_hours": 28,
    "commute": 15,
    "status": S.CONFIRMED,
    "before": {"title": "aide-soignante à l'hôpital", "codes": ["J1501"]},
}
CASHIER = {
    "title": "caissière",
    "codes": ["D1505"],
    "contracts": [C.CDD, C.CDI],
    "hours": H.EITHER,
    "commute": 10,
}
CLEANING = {
    "title": "agent d'entretien le matin pendant l'école",
    "codes": ["K2205", "K2204"],
    "contracts": [C.CDI, C.CDDI],
    "hours": H.PART_TIME,
    "max_hours": 20,
    "commute": 5,
}
SHELVES = {
    "title": "mise en rayon dans un supermarché",
    "codes": ["D1507"],
    "contracts": [C.CDD, C.TEMPORARY],
    "hours": H.EITHER,
    "commute": 12,
    "status": S.SET_ASIDE,
    "before": {"status": S.EXPLORING},
}
KITCHEN = {
    "title": "commis de cuisine dans une cantine scolaire",
    "codes": ["G1602", "G1605"],
    "contracts": [C.CDDI, C.CDD],
    "hours": H.PART_TIME,
    "max_hours": 24,
    "commute": 10,
}
FAST_FOOD = {
    "title": "équipier dans un fast-food, le soir ça m'arrange",
    "codes": ["G1603"],
    "contracts": [C.CDI, C.CDD],
    "hours": H.PART_TIME,
    "commute": 8,
}
FACTORY = {
    "title": "travailler à l'usine, sur une ligne de conditionnement",
    "codes": ["H3302", "H3301"],
    "contracts": [C.TEMPORARY, C.CDD, C.CDI],
    "hours": H.FULL_TIME,
    "commute": 30,
    "status": S.CONFIRMED,
    "before": {"title": "travailler à l'usine", "codes": ["H3302"]},
}
GREEN_SPACES = {
    "title": "les espaces verts, travailler dehors",
    "codes": ["A1203"],
    "contracts": [C.CDDI, C.PEC],
    "hours": H.FULL_TIME,
    "commute": 15,
}
CHILDCARE = {
    "title": "garder des enfants, peut-être devenir assistante maternelle",
    "codes": ["K1303"],
    "contracts": [C.CDI, C.BUSINESS_CREATION],
    "hours": H.EITHER,
    "commute": 5,
}
DELIVERY = {
    "title": "livreur, quand j'aurai le permis",
    "codes": ["N4105"],
    "contracts": [C.CDI, C.CDD, C.TEMPORARY],
    "hours": H.FULL_TIME,
}

# One to three wishes per person, first choice first.
PROFILES = [
    [WAREHOUSE, FACTORY],
    [CARE],
    [CASHIER, SHELVES, CLEANING],
    [CLEANING, KITCHEN],
    [FACTORY, WAREHOUSE, DELIVERY],
    [CHILDCARE, CARE],
    [GREEN_SPACES],
    [FAST_FOOD, CASHIER],
]


def _data(spec: dict[str, Any], priority: int, jobs: dict[str, RomeJob]) -> JobWishData:
    return JobWishData(
        title_in_own_words=spec["title"],
        rome_jobs=[jobs[code] for code in spec["codes"]],
        priority=priority,
        contract_types=list(spec.get("contracts", [])),
        working_hours=spec.get("hours", H.EITHER),
        max_hours_per_week=spec.get("max_hours"),
        max_commute_km=spec.get("commute"),
        status=spec.get("status", S.EXPLORING),
    )


def _backdate(job_wish: JobWish, first_written: datetime.datetime) -> None:
    """Spread the versions between the first meeting and today, so the history reads true."""
    versions = list(job_wish.versions.order_by("version"))
    step = (timezone.now() - first_written) / (len(versions) + 1)
    for index, version in enumerate(versions):
        JobWishVersion.objects.filter(pk=version.pk).update(created_at=first_written + step * index)
    JobWish.objects.filter(pk=job_wish.pk).update(created_at=first_written)


@transaction.atomic
def seed_job_wishes(*, pathways: Iterable[Pathway]) -> None:
    """Give each open pathway without wishes one to three of them; pathways with wishes are left as they are."""
    codes = {code for profile in PROFILES for spec in profile for code in spec["codes"]}
    codes |= {
        code for profile in PROFILES for spec in profile for code in spec.get("before", {}).get("codes", [])
    }
    jobs = RomeJob.objects.in_bulk(codes)
    for pathway in pathways:
        if not pathway.is_open or pathway.job_wishes.exists():
            continue
        first_written = min(
            timezone.make_aware(datetime.datetime.combine(pathway.entry_date, datetime.time(10, 0))),
            timezone.now() - datetime.timedelta(hours=1),
        )
        profile = PROFILES[pathway.pk % len(PROFILES)]
        for priority, spec in enumerate(profile, start=1):
            current = _data(spec, priority, jobs)
            before = spec.get("before")
            if before:
                earlier = _data({**spec, "status": S.EXPLORING, **before}, priority, jobs)
                job_wish = job_wish_create(pathway=pathway, created_by=pathway.referent, data=earlier)
                job_wish = job_wish_update(
                    job_wish=job_wish,
                    changed_by=pathway.referent,
                    data=current,
                    expected_version=job_wish.version,
                )
            else:
                job_wish = job_wish_create(pathway=pathway, created_by=pathway.referent, data=current)
            _backdate(job_wish, first_written)
