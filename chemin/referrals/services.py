"""Recording a referral, and the decision on it: accepted (a pathway opens) or declined."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber
from chemin.prescribers.services import NewPrescriber, prescriber_create
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral

if TYPE_CHECKING:
    from chemin.accounts.models import User
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

# Who may be named referent of the pathway a referral opens.
REFERENT_ROLES = (Role.COUNSELLOR, Role.MANAGER)


@transaction.atomic
def referral_create(
    *,
    recorded_by: User,
    territory: Territory,
    prescriber: Prescriber | NewPrescriber,
    referred_on: datetime.date,
    reason: str,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    email: str = "",
    phone: str = "",
) -> Referral:
    """Record a referral as received; a référent typed in by hand is added to the directory with it."""
    if isinstance(prescriber, NewPrescriber):
        prescriber = prescriber_create(details=prescriber)
    referral = Referral.objects.create(
        prescriber=prescriber,
        territory=territory,
        referred_on=referred_on,
        reason=reason.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        email=email,
        phone=phone,
        recorded_by=recorded_by,
    )
    logger.info("referral %s recorded by user %s in territory %s", referral.pk, recorded_by.pk, territory.pk)
    return referral


def _lock_received(referral: Referral) -> None:
    """Lock the row and make sure nobody decided on it meanwhile (two people clicking at once)."""
    status = Referral.objects.select_for_update().values_list("status", flat=True).get(pk=referral.pk)
    if status == ReferralStatus.ACCEPTED:
        raise ValidationError(_("This referral has already been accepted."), code="already_decided")
    if status == ReferralStatus.DECLINED:
        raise ValidationError(_("This referral has already been declined."), code="already_decided")


def can_be_referent(user: User, territory: Territory) -> bool:
    return Membership.objects.filter(
        user=user, user__is_active=True, territory=territory, role__in=REFERENT_ROLES
    ).exists()


@transaction.atomic
def referral_accept(
    *,
    referral: Referral,
    accepted_by: User,
    first_meeting_on: datetime.date,
    referent: User,
    existing_participant: Participant | None = None,
) -> Pathway:
    """Accept a referral after the first meeting: the person gets a file and an open pathway.

    With ``existing_participant`` (someone already known under this identity) the pathway opens on
    their file instead of a new one; they must not have an open pathway already. The caller has
    collected the person's consent to the processing of their data: it is recorded on the file
    with the current version of the notice.
    """
    _lock_received(referral)
    today = timezone.localdate()
    if first_meeting_on < referral.referred_on:
        raise ValidationError(
            _("The first meeting cannot come before the referral (%(date)s).")
            % {"date": referral.referred_on.strftime("%d/%m/%Y")},
            code="meeting_before_referral",
        )
    if first_meeting_on > today:
        raise ValidationError(_("The first meeting cannot be in the future."), code="meeting_in_future")
    if not can_be_referent(referent, referral.territory):
        raise ValidationError(
            _("The referent must be a counsellor or a manager of %(territory)s.")
            % {"territory": referral.territory},
            code="referent_not_in_territory",
        )

    if existing_participant is None:
        participant = Participant.objects.create(
            first_name=referral.first_name,
            last_name=referral.last_name,
            birth_date=referral.birth_date,
            email=referral.email,
            phone=referral.phone,
            consent_given_at=timezone.now(),
            consent_text_version=CONSENT_TEXT_VERSION,
        )
    else:
        participant = existing_participant
        if Pathway.objects.filter(participant=participant).open().exists():
            raise ValidationError(
                _("%(name)s already has an open pathway: it must be closed before another one opens.")
                % {"name": participant.full_name},
                code="already_open",
            )
        participant.consent_given_at = timezone.now()
        participant.consent_text_version = CONSENT_TEXT_VERSION
        # The prescriber's contact details are the freshest we have: keep them where the file has none.
        participant.email = participant.email or referral.email
        participant.phone = participant.phone or referral.phone
        participant.save(
            update_fields=["consent_given_at", "consent_text_version", "email", "phone", "updated_at"]
        )

    consent_record(
        participant=participant, purpose=ConsentPurpose.PROCESSING, granted=True, recorded_by=accepted_by
    )

    try:
        with transaction.atomic():
            pathway = Pathway.objects.create(
                participant=participant,
                territory=referral.territory,
                referent=referent,
                entry_date=first_meeting_on,
                phase=Phase.WELCOME,
            )
    except IntegrityError:
        # Another pathway opened for this person between the check above and now.
        raise ValidationError(
            _("%(name)s already has an open pathway: it must be closed before another one opens.")
            % {"name": participant.full_name},
            code="already_open",
        ) from None

    referral.status = ReferralStatus.ACCEPTED
    referral.first_meeting_on = first_meeting_on
    referral.decided_on = today
    referral.decided_by = accepted_by
    referral.participant = participant
    referral.pathway = pathway
    referral.save(
        update_fields=[
            "status",
            "first_meeting_on",
            "decided_on",
            "decided_by",
            "participant",
            "pathway",
            "updated_at",
        ]
    )
    logger.info(
        "referral %s accepted by user %s: participant %s (%s), pathway %s",
        referral.pk,
        accepted_by.pk,
        participant.pk,
        "existing" if existing_participant else "new",
        pathway.pk,
    )
    return pathway


@transaction.atomic
def referral_decline(*, referral: Referral, declined_by: User, reason: str) -> Referral:
    """Decline a referral, with the reason the prescriber will be given."""
    _lock_received(referral)
    if not reason.strip():
        raise ValidationError(_("Say why the referral is declined."), code="reason_required")
    referral.status = ReferralStatus.DECLINED
    referral.decline_reason = reason.strip()
    referral.decided_on = timezone.localdate()
    referral.decided_by = declined_by
    referral.save(update_fields=["status", "decline_reason", "decided_on", "decided_by", "updated_at"])
    logger.info("referral %s declined by user %s", referral.pk, declined_by.pk)
    return referral
