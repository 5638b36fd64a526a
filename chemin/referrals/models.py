from __future__ import annotations

import re
import uuid
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.documents.storage import private_storage
from chemin.documents.validators import TYPES_BY_CONTENT_TYPE
from chemin.participants.models import Participant
from chemin.pathways.models import Pathway
from chemin.prescribers.models import Prescriber
from chemin.referrals.enums import ReferralStatus
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User


# The roles that receive referrals and open pathways.
HANDLING_ROLES = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user: User) -> ReferralQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(territory__in=Territory.objects.for_user(user))

    def handled_by(self, user: User) -> ReferralQuerySet:
        """Referrals of the territories where the user receives people: counsellors, managers, admins.

        A referral carries the prescriber's account of the person's situation, which business
        developers do not see (DESIGN.md §4).
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            territory__is_active=True,
            territory__memberships__user=user,
            territory__memberships__role__in=HANDLING_ROLES,
        )

    def received(self) -> ReferralQuerySet:
        return self.filter(status=ReferralStatus.RECEIVED)


class Referral(models.Model):
    """A prescriber's request that the organisation accompany a person (orientation)."""

    prescriber = models.ForeignKey(
        Prescriber, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("prescriber")
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("territory")
    )
    referred_on = models.DateField(_("referral date"), default=timezone.localdate)
    reason = models.TextField(_("reason and context, in the prescriber's words"))

    # The person, as the prescriber described them.
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    birth_date = models.DateField(_("birth date"))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED
    )
    first_meeting_on = models.DateField(_("first meeting"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # Set when accepted: the person's file and the pathway the referral opened.
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    pathway = models.OneToOneField(
        Pathway, on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-created_at"]
        indexes = [models.Index(fields=["territory", "status"], name="referral_territory_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values), name="referral_status_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReferralStatus.DECLINED) | ~models.Q(decline_reason=""),
                name="referral_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReferralStatus.ACCEPTED) | models.Q(pathway__isnull=False),
                name="referral_accepted_has_pathway",
            ),
            models.CheckConstraint(
                condition=models.Q(first_meeting_on__isnull=True)
                | models.Q(first_meeting_on__gte=models.F("referred_on")),
                name="referral_meeting_after_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.referred_on:%d/%m/%Y})"

    @property
    def days_to_first_meeting(self) -> int | None:
        """Delay referral → first meeting, one of the agreements' indicators."""
        if self.first_meeting_on is None:
            return None
        return (self.first_meeting_on - self.referred_on).days

    @property
    def days_waiting(self) -> int | None:
        """Days since the referral, while nobody has decided on it yet."""
        if self.status != ReferralStatus.RECEIVED:
            return None
        return (timezone.localdate() - self.referred_on).days

    @property
    def is_received(self) -> bool:
        return self.status == ReferralStatus.RECEIVED


def attachment_file_name(instance: ReferralAttachment, filename: str) -> str:
    """A random name with the extension of the detected type: the name the prescriber gave the
    file (often the person's name) never reaches the disk."""
    extension = TYPES_BY_CONTENT_TYPE[instance.content_type].extensions[0]
    return f"referrals/{uuid.uuid4().hex}{extension}"


class ReferralAttachment(models.Model):
    """A file the prescriber sent with an online referral (a CV, a summary…), kept on the private
    storage and served only through ``referrals:attachment``."""

    referral = models.ForeignKey(
        Referral,
        # PROTECT, not CASCADE: a cascade would delete the rows and leave the files on disk.
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("referral"),
    )
    file = models.FileField(
        _("file"), upload_to=attachment_file_name, storage=private_storage, max_length=100
    )
    original_filename = models.CharField(_("original file name"), max_length=255)
    # Detected from the content (documents.validators), never the browser's claim.
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral attachment")
        verbose_name_plural = _("referral attachments")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(content_type__in=list(TYPES_BY_CONTENT_TYPE)),
                name="referralattachment_content_type_allowed",
            ),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="referralattachment_not_empty"),
        ]

    def __str__(self) -> str:
        # No file name here: __str__ ends up in logs and admin lists, and a name may name the person.
        return f"{self._meta.verbose_name} #{self.pk}"

    @property
    def download_filename(self) -> str:
        """The original name's letters, digits, spaces, dots and dashes, with the detected type's extension."""
        stem = re.sub(r"[^\w\-. ]+", "_", PurePath(self.original_filename).stem)
        stem = stem.strip(" ._-")[:100] or "piece-jointe"
        return f"{stem}{TYPES_BY_CONTENT_TYPE[self.content_type].extensions[0]}"
