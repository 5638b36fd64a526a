"""Demo activations: the RSA référente of the Département agrees to fund a driving licence (answered
in 4 days), and another prescriber is still to answer.

Called by chemin/demo/pathways.py: ``seed_activations(pathways=pathways)``. Rows are written
directly (no email leaves during the demo seeding); idempotent: pathways that already have
activations are left as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from chemin.activations.enums import ActivationStatus
from chemin.activations.models import PrescriberActivation
from chemin.activations.services import link_max_age, shared_name
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.barriers.services import barrier_create
from chemin.prescribers.enums import OrganisationKind
from chemin.referrals.models import Referral

if TYPE_CHECKING:
    from chemin.pathways.models import Pathway


def _mobility_barrier(pathway: Pathway, *, days_ago: int) -> Barrier:
    barrier = pathway.barriers.filter(category=BarrierCategory.MOBILITY).order_by("pk").first()
    if barrier is not None:
        return barrier
    identified_on = max(pathway.entry_date, timezone.localdate() - datetime.timedelta(days=days_ago))
    return barrier_create(
        pathway=pathway,
        identified_by=pathway.referent,
        category=BarrierCategory.MOBILITY,
        situation="x-licence",
        own_words="Sans permis, je ne peux pas aller sur les chantiers ni travailler tôt le matin.",
        identified_on=identified_on,
    )


def _activation(
    *, pathway: Pathway, referral: Referral, request_text: str, sent_days_ago: int
) -> PrescriberActivation:
    sent_at = timezone.now() - datetime.timedelta(days=sent_days_ago)
    # Never before the pathway began.
    entry = timezone.make_aware(datetime.datetime.combine(pathway.entry_date, datetime.time(10)))
    sent_at = max(sent_at, entry)
    barrier = _mobility_barrier(pathway, days_ago=sent_days_ago + 2)
    return PrescriberActivation.objects.create(
        pathway=pathway,
        barrier=barrier,
        prescriber=referral.prescriber,
        request_text=request_text.format(name=shared_name(pathway)),
        sent_at=sent_at,
        sent_by=pathway.referent,
        expires_at=sent_at + link_max_age(),
    )


@transaction.atomic
def seed_activations(*, pathways: Iterable[Pathway]) -> None:
    """One activation answered by the Département's RSA référente, one still waiting."""
    pathways = [pathway for pathway in pathways if pathway.is_open]
    if PrescriberActivation.objects.filter(pathway__in=pathways).exists():
        return
    referrals = list(
        Referral.objects.filter(pathway__in=pathways, prescriber__email__gt="")
        .select_related("prescriber__organisation", "pathway__participant", "pathway__referent")
        .order_by("pk")
    )
    if not referrals:
        return
    departement = [r for r in referrals if r.prescriber.organisation.kind == OrganisationKind.DEPARTEMENT]
    answered_referral = (departement or referrals)[0]
    waiting_referral = next((r for r in referrals if r.pk != answered_referral.pk), None)

    answered = _activation(
        pathway=answered_referral.pathway,
        referral=answered_referral,
        request_text=(
            "{name} a trouvé une auto-école à Arras et un employeur prêt à l’embaucher dès l’obtention "
            "du permis B. Le Département peut-il financer le permis dans le cadre de l’aide à la "
            "mobilité des bénéficiaires du RSA ?"
        ),
        sent_days_ago=12,
    )
    answered_at = min(answered.sent_at + datetime.timedelta(days=4), timezone.now())
    PrescriberActivation.objects.filter(pk=answered.pk).update(
        status=ActivationStatus.ACCEPTED,
        answer_text=(
            "Oui : le permis B peut être financé par l’aide départementale à la mobilité (jusqu’à 1 200 €). "
            "Je monte le dossier cette semaine ; merci de m’envoyer le devis de l’auto-école."
        ),
        answered_at=answered_at,
        last_answered_at=answered_at,
        answer_count=1,
    )
    if waiting_referral is not None:
        _activation(
            pathway=waiting_referral.pathway,
            referral=waiting_referral,
            request_text=(
                "{name} n’a pas de moyen de transport pour rejoindre les zones d’activité. Pouvez-vous "
                "mobiliser une aide à la mobilité (location de scooter, aide au transport) ?"
            ),
            sent_days_ago=3,
        )
