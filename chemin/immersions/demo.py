"""Demo immersions (PMSMP): one assessed that confirmed the person's wish and ended with a job
offer, one under way, one coming, in each territory.

Called by chemin/demo/pathways.py after the job wishes and the companies:
``seed_immersions(pathways=pathways)``. Idempotent: a territory that has immersions is left alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.companies.enums import Relationship
from chemin.companies.models import Company, CompanyContact
from chemin.immersions.enums import Attendance, ImmersionObjective
from chemin.immersions.models import Immersion
from chemin.immersions.services import ImmersionAssessment, ImmersionData, immersion_assess, immersion_create
from chemin.jobwishes.enums import ContractType, JobWishStatus
from chemin.jobwishes.services import JobWishData, job_wish_create
from chemin.referentials.models import RomeJob

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway
    from chemin.territories.models import Territory

# Used only when the territory has no company yet (the companies demo normally runs first).
FALLBACK_COMPANIES = [
    ("Entrepôts Artois Logistique", "Sandrine", "Lemaire", "Responsable d'entrepôt"),
    ("Aide à Domicile du Bassin", "Karim", "Haddad", "Responsable de secteur"),
]
# (ROME code, job title, objective, start in days from today, length in days, assessed).
PLANS = [
    ("N1103", "Préparateur / préparatrice de commandes", ImmersionObjective.CONFIRM_PROJECT, -24, 5, True),
    ("K1302", "Assistant·e de vie aux familles", ImmersionObjective.DISCOVER_JOB, -1, 5, False),
    ("D1505", "Hôte / hôtesse de caisse", ImmersionObjective.START_RECRUITMENT, 9, 10, False),
]


def demo_companies(territory: Territory) -> list[Company]:
    """The territory's companies, hosts of immersions first; two are created if it has none."""
    companies = list(Company.objects.filter(territory=territory).order_by("-hosts_immersions", "pk")[:5])
    if companies:
        return companies
    for name, first_name, last_name, job_title in FALLBACK_COMPANIES:
        company = Company.objects.create(
            territory=territory,
            name=f"{name} ({territory.name})",
            relationship=Relationship.PARTNER,
            hosts_immersions=True,
            attends_job_datings=True,
        )
        CompanyContact.objects.create(
            company=company, first_name=first_name, last_name=last_name, job_title=job_title
        )
        companies.append(company)
    return companies


def _wish_for(pathway: Pathway, rome_job: RomeJob, title: str):
    """The pathway's wish for that job (or its first wish), written if the person has none."""
    wishes = list(pathway.job_wishes.prefetch_related("rome_links").order_by("priority", "pk"))
    for wish in wishes:
        if any(link.rome_job_id == rome_job.pk for link in wish.rome_links.all()):
            return wish
    if wishes:
        return wishes[0]
    data = JobWishData(title_in_own_words=title, rome_jobs=[rome_job], status=JobWishStatus.EXPLORING)
    return job_wish_create(pathway=pathway, created_by=pathway.referent, data=data)


@transaction.atomic
def seed_immersions(*, pathways: Iterable[Pathway]) -> None:
    today = timezone.localdate()
    by_territory: dict[int, list[Pathway]] = {}
    for pathway in pathways:
        if pathway.is_open:
            by_territory.setdefault(pathway.territory_id, []).append(pathway)
    jobs = RomeJob.objects.in_bulk([plan[0] for plan in PLANS])
    for territory_pathways in by_territory.values():
        territory = territory_pathways[0].territory
        if Immersion.objects.filter(pathway__territory=territory).exists():
            continue
        companies = demo_companies(territory)
        for index, (code, title, objective, start_in, length, assessed) in enumerate(PLANS):
            if index >= len(territory_pathways):
                break
            pathway = territory_pathways[index]
            company = companies[index % len(companies)]
            start = today + datetime.timedelta(days=start_in)
            rome_job = jobs[code]
            wish = _wish_for(pathway, rome_job, title) if assessed or index == 1 else None
            immersion = immersion_create(
                pathway=pathway,
                created_by=pathway.referent,
                data=ImmersionData(
                    company=company,
                    objective=objective,
                    rome_job=rome_job,
                    job_title=title,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=length - 1),
                    tutor=company.contacts.order_by("pk").first(),
                    prescriber=getattr(getattr(pathway, "referral", None), "prescriber", None),
                    job_wish=wish,
                ),
            )
            if assessed:
                immersion_assess(
                    immersion=immersion,
                    assessed_by=pathway.referent,
                    assessment=ImmersionAssessment(
                        attendance=Attendance.COMPLETED,
                        job_offer=True,
                        contract_type_offered=ContractType.CDD,
                        participant_comments="J'ai aimé le travail en équipe, le rythme me convient.",
                        tutor_comments="Ponctuelle, rigoureuse, s'est vite adaptée. Nous proposons un CDD.",
                        confirms_job=True,
                    ),
                )
                end = start + datetime.timedelta(days=length - 1)
                Immersion.objects.filter(pk=immersion.pk).update(assessed_on=end + datetime.timedelta(days=1))
