"""Recording a referral, and the decision on it: accepted (a pathway opens) or declined."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chemin.accounts.enums import Role
from chemin.accounts.models import Membership
from chemin.documents.validators import validate_upload
from chemin.participants.models import CONSENT_TEXT_VERSION, Participant
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber
from chemin.prescribers.services import NewPrescriber, prescriber_create
from chemin.privacy.enums import ConsentPurpose
from chemin.privacy.services import consent_record
from chemin.referrals.enums import ReferralStatus
from chemin.referrals.models import Referral, ReferralAttachment

if TYPE_CHECKING:
    from django.core.files import File

    from chemin.accounts.models import User
    from chemin.territories.models import Territory

logger = logging.getLogger(__name__)

# Who may be named referent of the pathway a referral opens.
REFERENT_ROLES = (Role.COUNSELLOR, Role.MANAGER)
# The files a prescriber may send with an online referral.
MAX_ATTACHMENTS = 3


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
    attachments: Sequence[File] = (),
) -> Referral:
    """Record a referral as received; a référent typed in by hand is added to the directory with it.

    ``attachments`` (the prescriber portal's files) are checked again here, whoever calls: one
    refused file raises ValidationError ({"attachments": …}) and nothing is recorded.
    """
    if len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Send %(max)s files at most.") % {"max": MAX_ATTACHMENTS}}, code="too_many"
        )
    file_types = []
    for file in attachments:
        try:
            file_types.append(validate_upload(file))
        except ValidationError as error:
            raise ValidationError({"attachments": error.error_list}) from None
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
    written: list[ReferralAttachment] = []
    try:
        for file, file_type in zip(attachments, file_types, strict=True):
            written.append(_attachment_add(referral, file, content_type=file_type.content_type))
    except BaseException:
        # The rows roll back with the transaction; the files written so far must go too.
        for attachment in written:
            attachment.file.storage.delete(attachment.file.name)
        raise
    logger.info(
        "referral %s recorded by user %s in territory %s with %s attachments",
        referral.pk,
        recorded_by.pk,
        territory.pk,
        len(attachments),
    )
    return referral


def _attachment_add(referral: Referral, file: File, *, content_type: str) -> ReferralAttachment:
    """Write a checked file on the private storage under a random name, then its row (the file
    is removed if the row cannot be written)."""
    original_filename = PurePath(file.name or "").name[:255]
    attachment = ReferralAttachment(
        referral=referral, original_filename=original_filename, content_type=content_type, size=file.size
    )
    file.seek(0)
    # The name passed is ignored: attachment_file_name picks one.
    attachment.file.save(original_filename, file, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


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
    prescriber_sharing: bool | None = None,
) -> Pathway:
    """Accept a referral after the first meeting: the person gets a file and an open pathway.

    With ``existing_participant`` (someone already known under this identity) the pathway opens on
    their file instead of a new one; they must not have an open pathway already. The caller has
    collected the person's consent to the processing of their data: it is recorded on the file
    with the current version of the notice. ``prescriber_sharing``: whether the person agreed
    that their prescriber follows the milestones of their pathway (recorded with the default
    scope when asked; None: not asked).
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
    if prescriber_sharing is not None:
        consent_record(
            participant=participant,
            purpose=ConsentPurpose.PRESCRIBER_SHARING,
            granted=prescriber_sharing,
            recorded_by=accepted_by,
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
