"""Demo exits: one pathway ending in each category, with the review of the sustainable-employment
exit read with the person and sent to the referring prescriber.

Called by chemin/demo/pathways.py after the other demos: ``seed_exits(pathways=pathways)``. It
takes the oldest open pathways that no other demo follows in employment (no contract recorded),
records the contracts the exits need directly with chemin.employments' models (a company of the
territory's demo companies, recorded by the referent) and closes them through
``exits.services.pathway_close``. Idempotent: a category already seeded among these pathways is
left as it is. No email leaves: the sent review is written as a row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chemin.activations.services import referring_prescriber
from chemin.companies.models import Company
from chemin.core.dates import add_months
from chemin.employments.enums import ContractType
from chemin.employments.models import Employment
from chemin.exits.enums import ExitCategory, ExitReason
from chemin.exits.models import ExitReview
from chemin.exits.services import exit_suggestion, pathway_close
from chemin.pathways.models import Pathway

ENTERED_AT_LEAST_DAYS_AGO = 60


def _company(pathway: Pathway) -> Company | None:
    return Company.objects.filter(territory=pathway.territory).order_by("pk").first()


def _close_sustainable(pathway: Pathway, today: datetime.date) -> None:
    company = _company(pathway)
    start = max(pathway.entry_date + datetime.timedelta(days=30), today - datetime.timedelta(days=20))
    Employment.objects.create(
        pathway=pathway,
        company=company,
        job_title="Agent·e de propreté",
        contract_type=ContractType.CDI,
        hours_per_week=Decimal("35"),
        start_date=start,
        trial_end_date=add_months(start, 2),
        created_by=pathway.referent,
    )
    pathway = pathway_close(
        pathway=pathway,
        category=exit_suggestion(pathway, on=today).category,
        closed_on=today,
        closed_by=pathway.referent,
    )
    prescriber = referring_prescriber(pathway)
    read_on = today
    review = ExitReview.objects.create(
        pathway=pathway,
        achievements=(
            "Projet professionnel confirmé dans la propreté après une immersion ; permis B financé "
            "et obtenu ; embauche en CDI à temps plein."
        ),
        remaining_barriers="- Garde d’enfants : horaires du matin à consolider",
        next_steps="Suivi dans l’emploi jusqu’à la fin de la période d’essai, puis à 3 et 6 mois.",
        read_with_person_on=read_on,
        written_by=pathway.referent,
    )
    if prescriber is not None and prescriber.email:
        ExitReview.objects.filter(pk=review.pk).update(
            sent_at=timezone.now(),
            sent_to=prescriber,
            sent_to_email=prescriber.email,
            sent_by=pathway.referent,
        )


def _close_transitional(pathway: Pathway, today: datetime.date) -> None:
    company = _company(pathway)
    start = max(pathway.entry_date + datetime.timedelta(days=7), today - datetime.timedelta(days=40))
    Employment.objects.create(
        pathway=pathway,
        company=company,
        job_title="Préparateur·rice de commandes",
        contract_type=ContractType.CDD,
        hours_per_week=Decimal("35"),
        start_date=start,
        planned_end_date=add_months(start, 3),
        trial_end_date=start + datetime.timedelta(days=14),
        created_by=pathway.referent,
    )
    pathway_close(
        pathway=pathway,
        category=exit_suggestion(pathway, on=today).category,
        closed_on=today,
        closed_by=pathway.referent,
    )


def _close_positive(pathway: Pathway, today: datetime.date) -> None:
    # Entering a qualifying training (titre professionnel): no contract to record.
    pathway_close(
        pathway=pathway, category=ExitCategory.POSITIVE_EXIT, closed_on=today, closed_by=pathway.referent
    )


def _close_other(pathway: Pathway, today: datetime.date) -> None:
    pathway_close(
        pathway=pathway,
        category=ExitCategory.OTHER,
        reason=ExitReason.MOVED,
        detail="Départ dans la région lyonnaise pour rejoindre sa famille.",
        closed_on=today,
        closed_by=pathway.referent,
    )


def _has_prescriber_email(pathway: Pathway) -> bool:
    prescriber = referring_prescriber(pathway)
    return prescriber is not None and bool(prescriber.email)


SEEDERS = [
    (ExitCategory.SUSTAINABLE_EMPLOYMENT, _close_sustainable),
    (ExitCategory.TRANSITIONAL_EMPLOYMENT, _close_transitional),
    (ExitCategory.POSITIVE_EXIT, _close_positive),
    (ExitCategory.OTHER, _close_other),
]


@transaction.atomic
def seed_exits(*, pathways: Iterable[Pathway]) -> None:
    """Close four demo pathways, one per exit category."""
    pathways = list(pathways)
    today = timezone.localdate()
    ids = [pathway.pk for pathway in pathways]
    seeded = set(
        Pathway.objects.filter(pk__in=ids).exclude(exit_category="").values_list("exit_category", flat=True)
    )
    with_contracts = set(Employment.objects.filter(pathway__in=ids).values_list("pathway_id", flat=True))
    candidates = sorted(
        (
            pathway
            for pathway in Pathway.objects.filter(pk__in=ids).open().select_related("territory", "referent")
            if pathway.pk not in with_contracts
            and (today - pathway.entry_date).days >= ENTERED_AT_LEAST_DAYS_AGO
        ),
        key=lambda pathway: (pathway.entry_date, pathway.pk),
    )
    for category, seeder in SEEDERS:
        if category in seeded or not candidates:
            continue
        pathway = candidates[0]
        if category == ExitCategory.SUSTAINABLE_EMPLOYMENT:
            # The review goes to a prescriber: prefer a pathway that came from a referral.
            pathway = next((p for p in candidates if _has_prescriber_email(p)), pathway)
        needs_company = category in {
            ExitCategory.SUSTAINABLE_EMPLOYMENT,
            ExitCategory.TRANSITIONAL_EMPLOYMENT,
        }
        if needs_company and _company(pathway) is None:
            continue
        candidates.remove(pathway)
        seeder(pathway, today)
