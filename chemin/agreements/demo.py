"""Demo funders and agreements: the Département's reinforced accompaniment of RSA recipients, a
France Travail market for long-term job seekers, and the PLIE's pathways co-funded by the FSE+,
each with targets and a period covering the last year and the coming months. The demo pathways go
under them (RSA recipients to the Département's, long-term job seekers of Lens-Liévin to France
Travail's, everyone else to the PLIE's), and one IAE eligibility check is recorded.

Called by chemin/demo/pathways.py once the participants' situations are known and before the
contract starts (so their follow-up calendars follow the agreements):
``seed_agreements(territories=territories, pathways=pathways)``. Idempotent: agreements are found
by funder and reference, a pathway already under an agreement keeps it, the check is made once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.agreements import eligibility, iae
from chemin.agreements.enums import FunderKind, IaeStructureKind, TargetPublic
from chemin.agreements.models import Agreement, Funder, IaeEligibilityCheck
from chemin.agreements.services import iae_check_record
from chemin.core.dates import add_months
from chemin.employments.enums import Milestone
from chemin.participants.enums import IncomeSupport

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

DEPARTEMENT, FRANCE_TRAVAIL, PLIE = "CD62-RSA-ACC-RENF", "FT-MAGE-62-LOT3", "PLIE-ARTOIS-FSE+"


def _first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _agreements(territories: list[Territory]) -> dict[str, Agreement]:
    today = timezone.localdate()
    a_year_ago = _first_of_month(add_months(today, -12))
    lens = [territory for territory in territories if territory.slug == "lens-lievin"] or territories[:1]
    specs = [
        {
            "funder": ("Département du Pas-de-Calais", FunderKind.DEPARTEMENT),
            "reference": DEPARTEMENT,
            "title": "Accompagnement renforcé des allocataires du RSA",
            "territories": territories,
            "starts_on": a_year_ago,
            "ends_on": add_months(a_year_ago, 18) - datetime.timedelta(days=1),
            "target_public": [TargetPublic.RSA],
            "planned_entries": 120,
            "target_exit_to_employment_rate": 35,
            "target_durable_employment_rate": 20,
            "target_retention_m6_rate": 60,
            "target_days_to_first_proposal": 45,
            "follow_up_milestones": [],
        },
        {
            "funder": ("France Travail", FunderKind.FRANCE_TRAVAIL),
            "reference": FRANCE_TRAVAIL,
            "title": "Marché d’accompagnement global vers l’emploi — lot 3",
            "territories": lens,
            "starts_on": add_months(a_year_ago, 1),
            "ends_on": add_months(a_year_ago, 13) + datetime.timedelta(days=90),
            "target_public": [TargetPublic.LONG_TERM_UNEMPLOYED],
            "planned_entries": 60,
            "target_exit_to_employment_rate": 45,
            "target_durable_employment_rate": 30,
            "target_retention_m6_rate": 65,
            "target_days_to_first_proposal": 30,
            # The market pays for check-ins at M+1, M+3 and M+6 only, not the territory's calendar.
            "follow_up_milestones": [Milestone.M1, Milestone.M3, Milestone.M6],
        },
        {
            "funder": ("PLIE de l’Artois", FunderKind.PLIE),
            "reference": PLIE,
            "title": "Parcours PLIE cofinancés par le FSE+",
            "territories": territories,
            "starts_on": datetime.date(a_year_ago.year, 1, 1),
            "ends_on": datetime.date(a_year_ago.year + 2, 12, 31),
            "target_public": [
                TargetPublic.LONG_TERM_UNEMPLOYED,
                TargetPublic.UNDER_26,
                TargetPublic.OVER_50,
                TargetPublic.QPV,
                TargetPublic.RQTH,
                TargetPublic.LOW_QUALIFICATION,
            ],
            "planned_entries": 150,
            "target_exit_to_employment_rate": 50,
            "target_durable_employment_rate": 30,
            "target_retention_m6_rate": None,
            "target_days_to_first_proposal": 60,
            "follow_up_milestones": [],
        },
    ]
    agreements = {}
    for spec in specs:
        name, kind = spec.pop("funder")
        funder, _created = Funder.objects.get_or_create(name=name, defaults={"kind": kind})
        covered = spec.pop("territories")
        agreement, created = Agreement.objects.get_or_create(
            funder=funder, reference=spec.pop("reference"), defaults=spec
        )
        if created:
            agreement.territories.set(covered)
        agreements[agreement.reference] = agreement
    return agreements


def _choose(
    pathway: Pathway, agreements: dict[str, Agreement], covered: dict[int, set[int]]
) -> Agreement | None:
    participant = pathway.participant
    ran_until = pathway.closed_on or timezone.localdate()
    candidates = []
    if participant.income_support == IncomeSupport.RSA:
        candidates.append(agreements[DEPARTEMENT])
    if eligibility.is_long_term_unemployed(participant, pathway.entry_date):
        candidates.append(agreements[FRANCE_TRAVAIL])
    candidates.append(agreements[PLIE])
    for agreement in candidates:
        runs_with_it = agreement.starts_on <= ran_until and pathway.entry_date <= agreement.ends_on
        if pathway.territory_id in covered[agreement.pk] and runs_with_it:
            return agreement
    return None


@transaction.atomic
def seed_agreements(
    *, territories: dict[str, Territory] | Iterable[Territory], pathways: Iterable[Pathway]
) -> None:
    territory_list = list(territories.values()) if isinstance(territories, dict) else list(territories)
    if not territory_list:
        return
    agreements = _agreements(territory_list)
    covered = {
        agreement.pk: set(agreement.territories.values_list("pk", flat=True))
        for agreement in agreements.values()
    }
    pathway_list = list(pathways)
    for pathway in pathway_list:
        if pathway.agreement_id is not None:
            continue
        agreement = _choose(pathway, agreements, covered)
        if agreement is not None:
            # Written directly: closed pathways go under their agreement too, for its reporting.
            pathway.agreement = agreement
            pathway.save(update_fields=["agreement", "updated_at"])

    # One IAE check before an orientation to a workshop and work site (ACI).
    if IaeEligibilityCheck.objects.filter(pathway__in=[p.pk for p in pathway_list]).exists():
        return
    open_pathways = [pathway for pathway in pathway_list if pathway.is_open]
    if not open_pathways:
        return
    pathway = next(
        (p for p in open_pathways if p.participant.income_support == IncomeSupport.RSA), open_pathways[0]
    )
    checked_on = max(pathway.entry_date, timezone.localdate() - datetime.timedelta(days=12))
    iae_check_record(
        pathway=pathway,
        structure_kind=IaeStructureKind.ACI,
        criteria=iae.prefilled_codes(pathway.participant, on=checked_on),
        checked_by=pathway.referent,
        checked_on=checked_on,
    )
