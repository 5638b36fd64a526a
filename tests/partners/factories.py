import datetime

from django.utils import timezone

from chemin.barriers.enums import BarrierCategory
from chemin.barriers.services import barrier_create
from chemin.partners.enums import PartnerKind
from chemin.partners.services import partner_create, partner_referral_create, partner_service_add
from chemin.referentials.models import Commune

LENS, LIEVIN, ARRAS, AVION, HENIN, BRUAY = "62498", "62510", "62041", "62065", "62427", "62178"


def make_partner(
    *,
    territories,
    name="Crèche Les Petits Pas",
    kind=PartnerKind.CHILDCARE,
    categories=(BarrierCategory.FAMILY,),
    insee=LENS,
    services=(),
    **fields,
):
    partner = partner_create(
        name=name,
        kind=kind,
        territories=territories,
        categories=list(categories),
        commune=Commune.objects.get(pk=insee) if insee else None,
        **fields,
    )
    for title in services:
        partner_service_add(partner=partner, title=title, is_free=True)
    return partner


def make_barrier(pathway, *, category=BarrierCategory.FAMILY, situation="13", **kwargs):
    if category in BarrierCategory.special():
        kwargs.setdefault("consent_given_on", timezone.localdate() - datetime.timedelta(days=30))
    return barrier_create(
        pathway=pathway,
        identified_by=pathway.referent,
        category=category,
        situation=situation,
        identified_on=timezone.localdate() - datetime.timedelta(days=30),
        **kwargs,
    )


def make_referral(barrier, partner, *, days_ago=0):
    return partner_referral_create(
        barrier=barrier,
        partner=partner,
        created_by=barrier.pathway.referent,
        sent_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
