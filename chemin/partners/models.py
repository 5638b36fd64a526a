"""Local partners who lift barriers, what they offer, and the referrals of people to them.

A partner serves one or more territories (its "local ecosystem", DESIGN.md §1): staff of those
territories see it, nobody else does. The barrier categories a partner addresses live in a small
through table (PartnerCategory) rather than an array, so one indexed join filters them on SQLite
and PostgreSQL alike.

A partner referral sends a person to a partner for one barrier. Whoever may not read that
barrier's detail (a special-category barrier, when not referent or manager) must not learn it from
the referral either: see PartnerReferralQuerySet.with_detail_visibility.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.barriers.enums import BarrierCategory
from chemin.barriers.models import Barrier
from chemin.core.encryption import EncryptedTextField
from chemin.partners.enums import IaeKind, PartnerKind, ReferralStatus
from chemin.pathways.enums import Phase
from chemin.pathways.models import Pathway
from chemin.referentials.models import Commune
from chemin.referentials.text import normalize
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User


def _member_territories(user: User, roles: set[str] | None = None) -> models.QuerySet:
    from chemin.accounts.models import Membership

    memberships = Membership.objects.filter(user=user, territory__is_active=True)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("territory")


class PartnerQuerySet(models.QuerySet["Partner"]):
    def visible_to(self, user: User) -> PartnerQuerySet:
        """Partners serving one of the user's territories (every role reads the directory)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        serving = PartnerTerritory.objects.filter(territory__in=_member_territories(user)).values("partner")
        return self.filter(pk__in=serving)

    def serving(self, territory: Territory) -> PartnerQuerySet:
        return self.filter(pk__in=PartnerTerritory.objects.filter(territory=territory).values("partner"))

    def active(self) -> PartnerQuerySet:
        return self.filter(is_active=True)

    def addressing(self, category: str) -> PartnerQuerySet:
        return self.filter(pk__in=PartnerCategory.objects.filter(category=category).values("partner"))

    def search(self, text: str) -> PartnerQuerySet:
        """Accent- and case-insensitive: every word in the name, address or contact person."""
        needle = normalize(text)
        if not needle:
            return self
        query = Q()
        for word in needle.split():
            query &= Q(search_text__contains=word)
        return self.filter(query)


class Partner(models.Model):
    """A local actor holding solutions: a CCAS, a crèche, a garage solidaire, an ACI…"""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices)
    # Only for IAE structures: which of the five.
    iae_kind = models.CharField(_("IAE structure type"), max_length=4, choices=IaeKind.choices, blank=True)
    territories = models.ManyToManyField(
        Territory,
        through="PartnerTerritory",
        related_name="partners",
        verbose_name=_("territories served"),
    )
    communes_served = models.ManyToManyField(
        Commune, blank=True, related_name="+", verbose_name=_("communes served")
    )
    # The commune of its address: distances are measured from it.
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    access_conditions = models.TextField(
        _("access conditions"),
        blank=True,
        help_text=_("Who may go, with which papers, whether a prescription is needed…"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # normalize(name, address, contact person), for search.
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["kind", "is_active"], name="partner_kind_active_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartnerKind.values), name="partner_kind_valid"),
            models.CheckConstraint(
                condition=Q(kind=PartnerKind.IAE, iae_kind__in=IaeKind.values)
                | (~Q(kind=PartnerKind.IAE) & Q(iae_kind="")),
                name="partner_iae_kind_iff_iae",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = normalize(f"{self.name} {self.address} {self.contact_name}")[:600]
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        if self.kind == PartnerKind.IAE and self.iae_kind:
            return str(IaeKind(self.iae_kind).label)
        return self.get_kind_display()

    @property
    def category_codes(self) -> list[str]:
        """The categories addressed (use with prefetch_related("categories"))."""
        return sorted(link.category for link in self.categories.all())

    @property
    def category_labels(self) -> list[str]:
        return [str(BarrierCategory(code).label) for code in self.category_codes]


class PartnerTerritory(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("territory served")
        verbose_name_plural = _("territories served")
        constraints = [
            models.UniqueConstraint(fields=["partner", "territory"], name="partnerterritory_unique"),
        ]
        indexes = [models.Index(fields=["territory", "partner"], name="partnerterritory_terr_idx")]

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.territory_id}"


class PartnerCategory(models.Model):
    """A barrier category a partner addresses (one row per category)."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="categories", verbose_name=_("partner")
    )
    category = models.CharField(_("barrier category"), max_length=16, choices=BarrierCategory.choices)

    class Meta:
        verbose_name = _("barrier category addressed")
        verbose_name_plural = _("barrier categories addressed")
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "category"], name="partnercategory_unique"),
            models.CheckConstraint(
                condition=Q(category__in=BarrierCategory.values), name="partnercategory_category_valid"
            ),
        ]
        # Suggestions: the partners addressing one category.
        indexes = [models.Index(fields=["category", "partner"], name="partnercategory_cat_idx")]

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.category}"


class PartnerService(models.Model):
    """What exactly a partner offers: "location de scooter 2 €/jour, sous 8 jours"."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="services", verbose_name=_("partner")
    )
    title = models.CharField(_("service"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_free = models.BooleanField(_("free"), default=False)
    cost = models.CharField(_("cost"), max_length=120, blank=True, help_text=_("For example: 2 € a day."))
    typical_delay_days = models.PositiveSmallIntegerField(_("typical delay (days)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("partner service")
        verbose_name_plural = _("partner services")
        ordering = ["title", "pk"]
        constraints = [
            # A free service has no cost to state.
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(cost=""), name="partnerservice_free_no_cost"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PartnerReferralQuerySet(models.QuerySet["PartnerReferral"]):
    def visible_to(self, user: User) -> PartnerReferralQuerySet:
        """Referrals of barriers the user may know exist: business developers see none."""
        return self.filter(barrier__in=Barrier.objects.visible_to(user))

    def with_detail_visibility(self, user: User) -> PartnerReferralQuerySet:
        """Annotate ``detail_visible``: may the user read the barrier, hence the partner and outcome?"""
        readable = Barrier.objects.detail_visible_to(user).filter(pk=OuterRef("barrier_id"))
        return self.annotate(detail_visible=Exists(readable))

    def overdue(self, *, today: datetime.date | None = None) -> PartnerReferralQuerySet:
        """Still waiting for the partner's answer after PARTNER_REFERRAL_OVERDUE_DAYS days."""
        today = today or timezone.localdate()
        limit = today - datetime.timedelta(days=settings.PARTNER_REFERRAL_OVERDUE_DAYS)
        return self.filter(status=ReferralStatus.SENT, sent_on__lte=limit)

    def followed_by(self, user: User) -> PartnerReferralQuerySet:
        """Referrals of the open pathways the user follows: as referent, or as manager/admin."""
        if not user.is_authenticated:
            return self.none()
        managed = _member_territories(user, {Role.MANAGER, Role.ADMIN})
        return self.exclude(pathway__phase=Phase.CLOSED).filter(
            Q(pathway__referent=user) | Q(pathway__territory__in=managed)
        )


class PartnerReferral(models.Model):
    """A person sent to a partner for a barrier, and what came of it."""

    pathway = models.ForeignKey(
        # History: a pathway's referrals are part of its record.
        Pathway,
        on_delete=models.PROTECT,
        related_name="partner_referrals",
        verbose_name=_("pathway"),
    )
    barrier = models.ForeignKey(
        Barrier, on_delete=models.PROTECT, related_name="partner_referrals", verbose_name=_("barrier")
    )
    partner = models.ForeignKey(
        # A partner with referrals is deactivated, never deleted: the outcome stays readable.
        Partner,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("partner"),
    )
    service = models.ForeignKey(
        PartnerService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("service"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_on = models.DateField(_("sent on"))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Encrypted (chemin/core/encryption.py): what an addiction care centre or a health service
    # answers about a barrier is special-category data.
    outcome = EncryptedTextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PartnerReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner referral")
        verbose_name_plural = _("partner referrals")
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["pathway", "status"], name="partnerref_pathway_status_idx"),
            # Overdue alerts: still "sent" since a given day.
            models.Index(fields=["status", "sent_on"], name="partnerref_status_sent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="partnerref_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.SENT)
                | Q(answered_on__isnull=True, closed_on__isnull=True),
                name="partnerref_sent_has_no_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ReferralStatus.ACCEPTED, ReferralStatus.REFUSED])
                | Q(answered_on__isnull=False),
                name="partnerref_answer_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=ReferralStatus.closed()) | Q(closed_on__isnull=False),
                name="partnerref_closed_dated",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.closed()) | Q(closed_on__isnull=True),
                name="partnerref_open_not_closed",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("sent_on")),
                name="partnerref_answered_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("sent_on")),
                name="partnerref_closed_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} → {self.partner_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status not in ReferralStatus.closed()

    @property
    def days_waiting(self) -> int:
        return (timezone.localdate() - self.sent_on).days

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == ReferralStatus.SENT and self.days_waiting >= settings.PARTNER_REFERRAL_OVERDUE_DAYS
        )
