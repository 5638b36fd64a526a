"""Collective workshops and information sessions (DESIGN.md §1 "engagement over time", §5.5).

A ``Workshop`` is one dated session of a territory, facilitated by a staff member or by a local
partner, with a capacity. People take part through their pathway (``Registration``): registered
while there are seats, else on the waiting list, in the order they asked (``registered_at``).
After the session, each registered person is marked present, absent or excused.

Workshops are the counsellors' and managers' tool: business developers do not see them
(``WorkshopQuerySet.run_by``), as they do not see referrals.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chemin.accounts.enums import Role
from chemin.partners.models import Partner
from chemin.pathways.models import Pathway
from chemin.territories.models import Territory
from chemin.workshops.enums import Attendance, RegistrationStatus, WorkshopStatus, WorkshopTheme

if TYPE_CHECKING:
    from chemin.accounts.models import User

# The roles that run workshops: they work with the people, not with companies.
RUNNING_ROLES = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)


class WorkshopQuerySet(models.QuerySet["Workshop"]):
    def run_by(self, user: User) -> WorkshopQuerySet:
        """Workshops of the active territories where the user is a counsellor, manager or admin."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        territories = Territory.objects.active().filter(
            memberships__user=user, memberships__role__in=RUNNING_ROLES
        )
        return self.filter(territory__in=territories.values("pk"))

    def upcoming(self, now: datetime.datetime | None = None) -> WorkshopQuerySet:
        """Not over yet (a session under way is still "coming": people can still be added)."""
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> WorkshopQuerySet:
        return self.filter(ends_at__lte=now or timezone.now())

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> WorkshopQuerySet:
        """Sessions that take place, even partly, in [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)

    def with_counts(self) -> WorkshopQuerySet:
        """``registered_count`` and ``waiting_count`` as subqueries (no join multiplying rows)."""

        def count(status: str) -> Coalesce:
            rows = (
                Registration.objects.filter(workshop=models.OuterRef("pk"), status=status)
                .order_by()
                .values("workshop")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            return Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)

        return self.annotate(
            registered_count=count(RegistrationStatus.REGISTERED),
            waiting_count=count(RegistrationStatus.WAITING_LIST),
        )


class Workshop(models.Model):
    """One collective session of a territory: a workshop or an information session."""

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("territory")
    )
    theme = models.CharField(_("theme"), max_length=24, choices=WorkshopTheme.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Exactly one facilitator: a staff member or a local partner (constraint below).
    facilitator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the session keeps who ran it.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_workshops",
        verbose_name=_("facilitator (staff member)"),
    )
    facilitator_partner = models.ForeignKey(
        Partner,
        # A partner that ran sessions is deactivated, not deleted: reporting keeps who ran them.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("facilitator (partner)"),
    )
    place = models.CharField(_("place"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    status = models.CharField(
        _("status"), max_length=16, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The session keeps who planned it, even after they leave.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            models.Index(fields=["territory", "starts_at"], name="workshop_territory_start_idx"),
            models.Index(fields=["facilitator_user", "starts_at"], name="workshop_facilitator_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(facilitator_user__isnull=False, facilitator_partner__isnull=True)
                | Q(facilitator_user__isnull=True, facilitator_partner__isnull=False),
                name="workshop_one_facilitator",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="workshop_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshop_capacity_positive"),
            models.CheckConstraint(condition=Q(theme__in=WorkshopTheme.values), name="workshop_theme_valid"),
            models.CheckConstraint(
                condition=Q(status__in=WorkshopStatus.values), name="workshop_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d/%m/%Y %H:%M})"

    @property
    def facilitator_name(self) -> str:
        if self.facilitator_partner_id:
            return self.facilitator_partner.name
        return self.facilitator_user.get_full_name() if self.facilitator_user_id else ""

    @property
    def is_cancelled(self) -> bool:
        return self.status == WorkshopStatus.CANCELLED

    @property
    def has_started(self) -> bool:
        """Attendance is recorded once the session has started."""
        return self.starts_at <= timezone.now()

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def can_be_cancelled(self) -> bool:
        """Only a planned session that has not ended: one that took place stays on record."""
        return self.status == WorkshopStatus.PLANNED and not self.is_over

    @property
    def accepts_registrations(self) -> bool:
        """People are added until the session ends (someone may join on the day), never once cancelled."""
        return not self.is_cancelled and not self.is_over


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def registered(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting(self) -> RegistrationQuerySet:
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING_LIST).order_by("registered_at", "pk")

    def active(self) -> RegistrationQuerySet:
        """Registered or waiting: everyone who has not withdrawn."""
        return self.exclude(status=RegistrationStatus.CANCELLED)


class Registration(models.Model):
    """A person (through their pathway) registered for a workshop, or waiting for a seat."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("workshop")
    )
    pathway = models.ForeignKey(
        Pathway,
        # Attendance is part of the pathway's history.
        on_delete=models.PROTECT,
        related_name="workshop_registrations",
        verbose_name=_("pathway"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    attendance = models.CharField(
        pgettext_lazy("workshop", "attendance"),
        max_length=16,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
    )
    # The waiting list is served in this order; registering again after a cancellation starts over.
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        ordering = ["workshop", "registered_at", "pk"]
        indexes = [
            models.Index(fields=["workshop", "status", "registered_at"], name="registration_workshop_idx"),
            models.Index(fields=["pathway", "status"], name="registration_pathway_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "pathway"], name="registration_once_per_workshop"),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=Attendance.values), name="registration_attendance_valid"
            ),
            # Only people who had a seat can have come or not.
            models.CheckConstraint(
                condition=Q(attendance=Attendance.UNKNOWN) | Q(status=RegistrationStatus.REGISTERED),
                name="registration_attendance_if_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} @ {self.workshop_id} ({self.status})"

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING_LIST

    def waiting_position(self) -> int | None:
        """1 for the next person to get a seat (one query); None when not on the waiting list."""
        if not self.is_waiting:
            return None
        ahead = Registration.objects.waiting().filter(workshop_id=self.workshop_id)
        ahead = ahead.filter(
            Q(registered_at__lt=self.registered_at) | Q(registered_at=self.registered_at, pk__lt=self.pk)
        )
        return ahead.count() + 1
