"""Companies, interactions and opportunities for the opportunities tests, straight through the ORM
and the opportunities services (the companies UI is another app's)."""

import datetime
import itertools

from django.utils import timezone

from chemin.barriers.enums import BarrierCategory, ConstraintKind
from chemin.barriers.services import ConstraintTerms
from chemin.companies.enums import Channel
from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.jobwishes.enums import ContractType
from chemin.jobwishes.models import JobWish, JobWishRomeJob
from chemin.jobwishes.services import refresh_wish_summaries
from chemin.opportunities.services import opportunity_create
from chemin.referentials.models import Commune, RomeJob
from tests.partners.factories import make_barrier, make_partner

LENS, LIEVIN, ARRAS, NOYELLES_GODAULT = "62498", "62510", "62041", "62624"
_numbers = itertools.count(1)


def make_company(territory, *, name=None, insee=LENS):
    return Company.objects.create(
        territory=territory,
        name=name or f"Entreprise {next(_numbers)}",
        commune=Commune.objects.get(pk=insee) if insee else None,
    )


def make_interaction(company, staff, *, contact=True):
    person = (
        CompanyContact.objects.create(
            company=company, first_name="Karine", last_name="Delcourt", job_title="DRH"
        )
        if contact
        else None
    )
    return CompanyInteraction.objects.create(
        company=company,
        contact=person,
        staff=staff,
        date=timezone.localdate(),
        channel=Channel.CALL,
        summary="Besoin de personnel pour la rentrée.",
    )


def make_opportunity(company, created_by, *, rome="D1505", title="Hôte de caisse en drive", **fields):
    fields.setdefault("contract_type", ContractType.CDD)
    if "commune" in fields and isinstance(fields["commune"], str):
        fields["commune"] = Commune.objects.get(pk=fields["commune"])
    return opportunity_create(
        company=company,
        created_by=created_by,
        rome_job=RomeJob.objects.get(pk=rome),
        title=title,
        **fields,
    )


def make_wish(pathway, *codes, max_commute_km=None):
    wish = JobWish.objects.create(
        pathway=pathway,
        title_in_own_words="Travailler en caisse",
        max_commute_km=max_commute_km,
        created_by=pathway.referent,
        updated_by=pathway.referent,
    )
    for position, code in enumerate(codes, start=1):
        JobWishRomeJob.objects.create(job_wish=wish, rome_job_id=code, position=position)
    # Written past the wish services, as a bulk import would: keep the pathway's summary in step.
    refresh_wish_summaries([pathway.pk])
    return wish


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def school_hours_cashier(pathway):
    """Nadia, of Liévin, wants a cashier job (D1505) and can only work school hours (09:00–16:30)
    because of a childcare barrier a crèche could lift: what job-facing pages must never reveal."""
    participant = pathway.participant
    participant.commune = Commune.objects.get(pk=LIEVIN)
    participant.save()
    make_wish(pathway, "D1505")
    make_barrier(
        pathway,
        category=BarrierCategory.FAMILY,
        situation="x-school",
        own_words="Mes enfants sortent de l’école à 16 h 30.",
        constraints=[
            ConstraintTerms(
                kind=ConstraintKind.HOURS_WINDOW,
                earliest_start=datetime.time(9),
                latest_end=datetime.time(16, 30),
            )
        ],
    )
    make_partner(territories=[pathway.territory], name="Crèche Les Petits Pas")
    return participant
