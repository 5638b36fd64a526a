"""Demo contracts at different follow-up stages, in each territory: one just started, one past
D+7 with both sides recorded (a transport difficulty on the employee side), one at M+3, one ended
during the trial period. A placement marked hired (opportunities demo) becomes the first contract.

Called by chemin/demo/pathways.py after the placements and immersions:
``seed_employments(pathways=pathways)``. Idempotent: a territory that has contracts is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from chemin.core.dates import add_months
from chemin.employments.enums import Channel, ContractType, Difficulty, EndReason, HowItGoes, Milestone, Side
from chemin.employments.models import CheckIn, Employment
from chemin.employments.services import (
    ContractTerms,
    SideAnswer,
    check_in_side_record,
    employment_create,
    employment_end,
)
from chemin.immersions.demo import demo_companies
from chemin.opportunities.enums import PlacementStatus
from chemin.opportunities.models import Placement
from chemin.pathways.models import Pathway


@dataclass(frozen=True)
class Stage:
    job_title: str
    contract_type: str
    # The start, counted back from today (days, then months).
    days_ago: int
    months_ago: int = 0
    months_long: int | None = None
    trial_days: int | None = None


STAGES = [
    # Just started: nothing recorded yet, D+7 to come.
    Stage("Agent·e d'entretien", ContractType.CDD, days_ago=2, months_long=8, trial_days=14),
    # Past D+7: both sides recorded; the employee mentions transport.
    Stage("Préparateur·rice de commandes", ContractType.INTERIM, days_ago=12, months_long=6, trial_days=5),
    # Around M+3: D+7 and M+1 recorded, M+3 due now.
    Stage("Assistant·e de vie aux familles", ContractType.CDI, days_ago=1, months_ago=3, trial_days=60),
    # Ended during the trial period, at the employee's initiative.
    Stage("Hôte·sse de caisse", ContractType.CDD, days_ago=30, months_long=6, trial_days=30),
]


def _record(employment: Employment, milestone: str, side: str, answer: SideAnswer) -> None:
    check_in = CheckIn.objects.filter(employment=employment, milestone=milestone).first()
    if check_in is not None and check_in.due_on <= timezone.localdate():
        check_in_side_record(
            check_in=check_in,
            side=side,
            answer=answer,
            recorded_by=employment.pathway.referent,
        )


def _follow_up(employment: Employment, index: int) -> None:
    start = employment.start_date
    if index == 1:
        _record(
            employment,
            Milestone.D7,
            Side.EMPLOYEE,
            SideAnswer(
                done_on=start + datetime.timedelta(days=8),
                channel=Channel.CALL,
                how_it_goes=HowItGoes.RATHER_WELL,
                difficulties=[Difficulty.TRANSPORT],
                actions_agreed="Chercher un covoiturage avec un collègue de l'équipe du matin.",
            ),
        )
        _record(
            employment,
            Milestone.D7,
            Side.EMPLOYER,
            SideAnswer(
                done_on=start + datetime.timedelta(days=9),
                channel=Channel.VISIT,
                how_it_goes=HowItGoes.VERY_WELL,
                comment="Bonne intégration dans l'équipe.",
            ),
        )
    elif index == 2:
        for milestone, offset in ((Milestone.D7, 8), (Milestone.M1, 32)):
            _record(
                employment,
                milestone,
                Side.EMPLOYEE,
                SideAnswer(
                    done_on=start + datetime.timedelta(days=offset),
                    channel=Channel.MEETING,
                    how_it_goes=HowItGoes.RATHER_WELL,
                ),
            )
            _record(
                employment,
                milestone,
                Side.EMPLOYER,
                SideAnswer(
                    done_on=start + datetime.timedelta(days=offset + 1),
                    channel=Channel.CALL,
                    how_it_goes=HowItGoes.DIFFICULT if milestone == Milestone.M1 else HowItGoes.RATHER_WELL,
                    difficulties=[Difficulty.HOURS] if milestone == Milestone.M1 else [],
                    actions_agreed="Revoir le planning du samedi." if milestone == Milestone.M1 else "",
                ),
            )
    elif index == 3:
        _record(
            employment,
            Milestone.D7,
            Side.EMPLOYEE,
            SideAnswer(
                done_on=start + datetime.timedelta(days=7),
                channel=Channel.CALL,
                how_it_goes=HowItGoes.AT_RISK,
                difficulties=[Difficulty.TEAM],
                comment="Ne se sent pas à sa place.",
            ),
        )
        employment_end(
            employment=employment,
            ended_on=start + datetime.timedelta(days=20),
            reason=EndReason.TRIAL_ENDED_BY_EMPLOYEE,
            ended_by=employment.pathway.referent,
        )


def _terms(pathway: Pathway, stage: Stage, companies: list, index: int) -> ContractTerms:
    today = timezone.localdate()
    start = add_months(today, -stage.months_ago) - datetime.timedelta(days=stage.days_ago)
    company = companies[index % len(companies)]
    return ContractTerms(
        company=company,
        contact=company.contacts.order_by("pk").first(),
        job_title=stage.job_title,
        contract_type=stage.contract_type,
        hours_per_week=Decimal(35 if index != 2 else 24),
        start_date=start,
        planned_end_date=add_months(start, stage.months_long) - datetime.timedelta(days=1)
        if stage.months_long
        else None,
        trial_end_date=start + datetime.timedelta(days=stage.trial_days) if stage.trial_days else None,
    )


@transaction.atomic
def seed_employments(*, pathways: Iterable[Pathway]) -> list[Employment]:
    """Four contracts per territory at the stages above, on open pathways without contracts."""
    by_territory: dict[int, list[Pathway]] = {}
    for pathway in sorted(pathways, key=lambda pathway: pathway.pk):
        by_territory.setdefault(pathway.territory_id, []).append(pathway)
    created = []
    for items in by_territory.values():
        if Employment.objects.filter(pathway__territory_id=items[0].territory_id).exists():
            continue
        candidates = [pathway for pathway in items if pathway.is_open]
        hired = {
            placement.pathway_id: placement
            for placement in Placement.objects.filter(
                pathway__in=candidates, status=PlacementStatus.HIRED
            ).select_related("opportunity__company", "opportunity__contact")
        }
        # The person hired through a placement comes first: their contract is the "just started" one.
        candidates.sort(key=lambda pathway: (pathway.pk not in hired, pathway.pk))
        companies = demo_companies(items[0].territory)
        for index, (pathway, stage) in enumerate(zip(candidates, STAGES, strict=False)):
            placement = hired.get(pathway.pk)
            terms = _terms(pathway, stage, companies, index)
            if placement is not None:
                offer = placement.opportunity
                terms = ContractTerms(
                    company=offer.company,
                    contact=offer.contact,
                    rome_job=offer.rome_job,
                    job_title=offer.title,
                    contract_type=terms.contract_type,
                    hours_per_week=Decimal(offer.hours_per_week or 35),
                    start_date=max(terms.start_date, placement.status_changed_on),
                    planned_end_date=terms.planned_end_date,
                    trial_end_date=terms.trial_end_date,
                )
            employment = employment_create(
                pathway=pathway, created_by=pathway.referent, terms=terms, placement=placement
            )
            _follow_up(employment, index)
            employment.refresh_from_db()
            created.append(employment)
    return created
