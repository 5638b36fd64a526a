"""Companies the organisation works with, the people met there and every contact with them
(DESIGN.md §1, §5.3): counsellors and business developers contact companies every day to put
a real job proposal in front of the people they accompany.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.companies.enums import Channel, Relationship, SizeBand
from chemin.referentials.models import Commune, NafSector
from chemin.referentials.text import normalize
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User


class CompanyQuerySet(models.QuerySet["Company"]):
    def visible_to(self, user: User) -> CompanyQuerySet:
        """Companies followed by one of the user's territories (every staff role sees them)."""
        from chemin.accounts.models import Membership

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        territories = Membership.objects.filter(user=user, territory__is_active=True).values("territory")
        return self.filter(territory__in=territories)

    def search(self, text: str) -> CompanyQuerySet:
        """Accent- and case-insensitive: every word in the name, or the SIRET/SIREN typed."""
        digits = "".join(char for char in text if char.isdigit())
        if len(digits) >= 9 and len(digits) == len(text.replace(" ", "")):
            return self.filter(siret__startswith=digits)
        query = Q()
        for word in normalize(text).split():
            query &= Q(search_name__contains=word)
        return self.filter(query)

    def not_contacted_since(self, day: datetime.date) -> CompanyQuerySet:
        """Never contacted, or last contacted before ``day``."""
        return self.filter(Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=day))

    def by_last_contact(self) -> CompanyQuerySet:
        """Longest without contact first: never contacted, then oldest contact."""
        return self.order_by(models.F("last_contact_on").asc(nulls_first=True), "search_name", "pk")


class Company(models.Model):
    """An employer, as one establishment (SIRET) followed by one territory."""

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="companies", verbose_name=_("territory")
    )
    name = models.CharField(_("name"), max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    # Optional for a first prospecting call; checked (Luhn) and unique per territory when known.
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    naf_code = models.CharField(_("NAF code"), max_length=6, blank=True)
    naf_sector = models.ForeignKey(
        NafSector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    size_band = models.CharField(_("workforce"), max_length=8, choices=SizeBand.choices, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    relationship = models.CharField(
        _("relationship"), max_length=20, choices=Relationship.choices, default=Relationship.PROSPECT
    )
    # Engagement commitments.
    hosts_immersions = models.BooleanField(_("hosts immersions (PMSMP)"), default=False)
    attends_job_datings = models.BooleanField(_("takes part in job datings"), default=False)
    inclusive_hiring_charter = models.BooleanField(_("signed an inclusive hiring charter"), default=False)
    followed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("followed by"),
    )
    # Kept up to date by each interaction: "companies not contacted for N days" without a join.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["search_name", "pk"]
        indexes = [
            models.Index(fields=["territory", "last_contact_on"], name="company_territory_contact_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "siret"],
                condition=~Q(siret=""),
                name="company_unique_siret_per_territory",
            ),
            models.CheckConstraint(
                condition=Q(relationship__in=Relationship.values), name="company_relationship_valid"
            ),
            models.CheckConstraint(
                condition=Q(size_band="") | Q(size_band__in=SizeBand.values), name="company_size_band_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = normalize(self.name)
        if (
            "update_fields" in kwargs
            and kwargs["update_fields"] is not None
            and "name" in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def days_since_last_contact(self) -> int | None:
        if self.last_contact_on is None:
            return None
        return (timezone.localdate() - self.last_contact_on).days

    @property
    def commitments(self) -> list[str]:
        """The engagement commitments the company took, as labels."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("hosts_immersions", "attends_job_datings", "inclusive_hiring_charter")
            if getattr(self, name)
        ]


class CompanyContact(models.Model):
    """Someone met at a company: the manager, the HR officer, the future tutor…"""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("still there"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("company contact")
        verbose_name_plural = _("company contacts")
        ordering = ["last_name", "first_name", "pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class CompanyInteractionQuerySet(models.QuerySet["CompanyInteraction"]):
    def next_actions_due(self, on) -> CompanyInteractionQuerySet:
        """Interactions whose next action is due on or before ``on`` and not yet followed up."""
        return self.filter(next_action_on__lte=on, next_action_done=False).exclude(next_action="")

    def next_actions_overdue(self, today: datetime.date) -> CompanyInteractionQuerySet:
        """Next actions whose date has passed (due before ``today``) and not yet followed up."""
        return self.next_actions_due(today - datetime.timedelta(days=1))


class CompanyInteraction(models.Model):
    """A call, visit, email or event with a company, and what comes next."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("company")
    )
    contact = models.ForeignKey(
        CompanyContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("company contact"),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=250, blank=True)
    next_action = models.CharField(_("next action"), max_length=250, blank=True)
    next_action_on = models.DateField(_("next action on"), null=True, blank=True)
    next_action_done = models.BooleanField(_("next action done"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CompanyInteractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("company interaction")
        verbose_name_plural = _("company interactions")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["staff", "date"], name="interaction_staff_date_idx"),
            models.Index(fields=["next_action_on", "next_action_done"], name="interaction_next_action_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="interaction_channel_valid"),
            models.CheckConstraint(
                condition=Q(next_action_on__isnull=True) | Q(next_action_on__gte=models.F("date")),
                name="interaction_next_action_after_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.company} ({self.date})"

    @property
    def next_action_is_overdue(self) -> bool:
        return bool(
            self.next_action
            and self.next_action_on
            and not self.next_action_done
            and self.next_action_on < timezone.localdate()
        )
