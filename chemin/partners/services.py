"""Writing partners and referring people to them.

Logs carry ids only: never a barrier category, a partner name (a CMP says "health") or an outcome.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.models import User
from chemin.barriers.models import Barrier
from chemin.partners.enums import TRANSITIONS, PartnerKind, ReferralStatus
from chemin.partners.models import (
    Partner,
    PartnerCategory,
    PartnerReferral,
    PartnerService,
    PartnerTerritory,
)
from chemin.referentials.models import Commune
from chemin.territories.models import Territory

logger = logging.getLogger(__name__)


def partner_set_categories(*, partner: Partner, categories: Iterable[str]) -> None:
    wanted = set(categories)
    PartnerCategory.objects.filter(partner=partner).exclude(category__in=wanted).delete()
    existing = set(PartnerCategory.objects.filter(partner=partner).values_list("category", flat=True))
    PartnerCategory.objects.bulk_create(
        [PartnerCategory(partner=partner, category=code) for code in sorted(wanted - existing)]
    )


def partner_set_territories(*, partner: Partner, territories: Iterable[Territory]) -> None:
    wanted = {territory.pk for territory in territories}
    PartnerTerritory.objects.filter(partner=partner).exclude(territory_id__in=wanted).delete()
    existing = set(PartnerTerritory.objects.filter(partner=partner).values_list("territory_id", flat=True))
    PartnerTerritory.objects.bulk_create(
        [PartnerTerritory(partner=partner, territory_id=pk) for pk in sorted(wanted - existing)]
    )


@transaction.atomic
def partner_create(
    *,
    name: str,
    kind: str,
    territories: Iterable[Territory],
    categories: Iterable[str],
    iae_kind: str = "",
    commune: Commune | None = None,
    address: str = "",
    contact_name: str = "",
    phone: str = "",
    email: str = "",
    access_conditions: str = "",
    communes_served: Iterable[Commune] = (),
    is_active: bool = True,
) -> Partner:
    partner = Partner.objects.create(
        name=name,
        kind=kind,
        iae_kind=iae_kind if kind == PartnerKind.IAE else "",
        commune=commune,
        address=address,
        contact_name=contact_name,
        phone=phone,
        email=email,
        access_conditions=access_conditions,
        is_active=is_active,
    )
    partner_set_territories(partner=partner, territories=territories)
    partner_set_categories(partner=partner, categories=categories)
    if communes_served:
        partner.communes_served.set(communes_served)
    logger.info("partner %s created", partner.pk)
    return partner


@transaction.atomic
def partner_service_add(
    *,
    partner: Partner,
    title: str,
    description: str = "",
    is_free: bool = False,
    cost: str = "",
    typical_delay_days: int | None = None,
) -> PartnerService:
    return PartnerService.objects.create(
        partner=partner,
        title=title,
        description=description,
        is_free=is_free,
        cost="" if is_free else cost,
        typical_delay_days=typical_delay_days,
    )


@transaction.atomic
def partner_referral_create(
    *,
    barrier: Barrier,
    partner: Partner,
    created_by: User,
    service: PartnerService | None = None,
    sent_on: datetime.date | None = None,
) -> PartnerReferral:
    """Refer the person to a partner for an open barrier of their open pathway."""
    sent_on = sent_on or timezone.localdate()
    pathway = barrier.pathway
    if not pathway.is_open:
        raise ValidationError(_("The pathway is closed: nobody can be referred any more."))
    if not barrier.is_open:
        raise ValidationError(_("This barrier is no longer open: there is nothing to refer for."))
    if not partner.is_active:
        raise ValidationError(_("This partner is no longer active."))
    if not PartnerTerritory.objects.filter(partner=partner, territory=pathway.territory).exists():
        raise ValidationError(_("This partner does not serve the territory of the pathway."))
    if service is not None and service.partner_id != partner.pk:
        raise ValidationError(_("This service belongs to another partner."))
    referral = PartnerReferral.objects.create(
        pathway=pathway,
        barrier=barrier,
        partner=partner,
        service=service,
        status=ReferralStatus.SENT,
        sent_on=sent_on,
        created_by=created_by,
    )
    logger.info(
        "partner referral %s: pathway %s, barrier %s, partner %s, by user %s",
        referral.pk,
        pathway.pk,
        barrier.pk,
        partner.pk,
        created_by.pk,
    )
    return referral


@transaction.atomic
def partner_referral_record(
    *,
    referral: PartnerReferral,
    status: str,
    recorded_by: User,
    on: datetime.date | None = None,
    outcome: str = "",
) -> PartnerReferral:
    """Record the partner's answer or the outcome; the dates of each step are kept."""
    on = on or timezone.localdate()
    referral = PartnerReferral.objects.select_for_update().get(pk=referral.pk)
    if status not in TRANSITIONS.get(referral.status, []):
        raise ValidationError(
            {
                "status": _("A referral “%(current)s” cannot become “%(wanted)s”.")
                % {
                    "current": referral.get_status_display(),
                    "wanted": ReferralStatus(status).label if status in ReferralStatus.values else status,
                }
            }
        )
    if on < referral.sent_on:
        raise ValidationError({"on": _("The date cannot be before the referral was sent.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date cannot be in the future.")})
    if status == ReferralStatus.DONE and not outcome.strip():
        raise ValidationError(
            {"outcome": _("Say what came of it: the outcome is needed to close it as done.")}
        )
    if status in ReferralStatus.answered() or (
        status == ReferralStatus.DONE and referral.answered_on is None
    ):
        referral.answered_on = on
    if status in ReferralStatus.closed():
        referral.closed_on = on
    referral.status = status
    if outcome.strip():
        referral.outcome = outcome.strip()
    referral.save(update_fields=["status", "answered_on", "closed_on", "outcome", "updated_at"])
    logger.info("partner referral %s now %s, by user %s", referral.pk, status, recorded_by.pk)
    return referral
