"""Barriers (freins), recorded when they emerge and lifted along the way, and the job
constraints they imply (DESIGN.md §1, §5.2).

A barrier belongs to a pathway. Its status changes are kept as dated transitions. Health and
justice barriers are special-category data: they need the person's recorded consent, and only
the referent counsellor and managers read their category, situation and words; others learn
at most that a restricted barrier exists. Job constraints say what a job must respect (no night
work, school hours…) without saying why: matching and business developers use them freely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.barriers.enums import (
    BarrierCategory,
    BarrierStatus,
    CommuteMeans,
    ConstraintKind,
    situation_label,
)
from chemin.core.encryption import EncryptedTextField
from chemin.pathways.models import Pathway

if TYPE_CHECKING:
    from chemin.accounts.models import User


def _staff_territories(user: User, *, exclude_business_developers: bool) -> models.QuerySet:
    from chemin.accounts.models import Membership

    memberships = Membership.objects.filter(user=user, territory__is_active=True)
    if exclude_business_developers:
        memberships = memberships.exclude(role=Role.BUSINESS_DEVELOPER)
    return memberships.values("territory")


class BarrierQuerySet(models.QuerySet["Barrier"]):
    def visible_to(self, user: User) -> BarrierQuerySet:
        """Barriers a staff member may know exist: counsellors, managers and admins of the
        pathway's territory. Business developers see none (only the constraints, below).

        Whether the detail of a special-category barrier may be read is ``detail_visible_to``.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pathway__territory__in=_staff_territories(user, exclude_business_developers=True))

    def detail_visible_to(self, user: User) -> BarrierQuerySet:
        """Barriers whose category, situation and words the user may read: every ordinary
        barrier they see, and special-category ones only as referent or manager/admin."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        from chemin.accounts.models import Membership

        managed = Membership.objects.filter(
            user=user, territory__is_active=True, role__in=[Role.MANAGER, Role.ADMIN]
        ).values("territory")
        return self.visible_to(user).filter(
            ~Q(category__in=BarrierCategory.special())
            | Q(pathway__referent=user)
            | Q(pathway__territory__in=managed)
        )

    def open(self) -> BarrierQuerySet:
        return self.filter(status__in=BarrierStatus.open())

    def ended(self) -> BarrierQuerySet:
        return self.exclude(status__in=BarrierStatus.open())

    def with_detail_visible(self, user: User) -> BarrierQuerySet:
        """Annotate ``detail_visible``: whether the user may read the barrier's category, situation
        and words (``detail_visible_to``), in the same query as the barriers themselves."""
        readable = Barrier.objects.detail_visible_to(user).values("pk")
        return self.annotate(
            detail_visible=models.ExpressionWrapper(Q(pk__in=readable), output_field=models.BooleanField())
        )


class Barrier(models.Model):
    pathway = models.ForeignKey(
        Pathway, on_delete=models.PROTECT, related_name="barriers", verbose_name=_("pathway")
    )
    category = models.CharField(_("category"), max_length=16, choices=BarrierCategory.choices)
    # A situation code of the category (SITUATIONS), or empty when only the words say it.
    # Encrypted, like the words (chemin/core/encryption.py): "addiction being cared for" or
    # "recently released from prison" are special-category data. The category stays in clear:
    # access rules and reporting filter on it.
    situation = EncryptedTextField(_("situation"), blank=True)
    own_words = EncryptedTextField(_("in the person's own words"), blank=True)
    identified_on = models.DateField(_("identified on"))
    identified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("identified by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BarrierStatus.choices, default=BarrierStatus.IDENTIFIED
    )
    status_changed_on = models.DateField(_("status changed on"))
    # Special-category barriers (health, justice): the day the person agreed to its recording.
    consent_given_on = models.DateField(_("person's consent given on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BarrierQuerySet.as_manager()

    class Meta:
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        ordering = ["-identified_on", "-pk"]
        indexes = [
            models.Index(fields=["pathway", "status"], name="barrier_pathway_status_idx"),
            # Caseload filter by category, suggestions of partners for open barriers.
            models.Index(fields=["category", "status"], name="barrier_category_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=BarrierCategory.values), name="barrier_category_valid"
            ),
            models.CheckConstraint(condition=Q(status__in=BarrierStatus.values), name="barrier_status_valid"),
            models.CheckConstraint(
                condition=~Q(category__in=sorted(BarrierCategory.special()))
                | Q(consent_given_on__isnull=False),
                name="barrier_special_category_has_consent",
            ),
            models.CheckConstraint(
                condition=~Q(situation="") | ~Q(own_words=""),
                name="barrier_says_what_it_is",
            ),
            models.CheckConstraint(
                condition=Q(status_changed_on__gte=models.F("identified_on")),
                name="barrier_status_after_identification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} — {self.situation_label or self.own_words[:40]}"

    @property
    def is_special(self) -> bool:
        return self.category in BarrierCategory.special()

    @property
    def is_open(self) -> bool:
        return self.status in BarrierStatus.open()

    @property
    def situation_label(self) -> str:
        return situation_label(self.category, self.situation)


class BarrierTransition(models.Model):
    """One dated status change of a barrier: the history of how it was lifted (or not)."""

    barrier = models.ForeignKey(
        Barrier, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("barrier")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=BarrierStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=BarrierStatus.choices)
    on = models.DateField(_("on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    # Encrypted: how a health or justice barrier was lifted says what it was.
    comment = EncryptedTextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("barrier status change")
        verbose_name_plural = _("barrier status changes")
        ordering = ["on", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status} ({self.on})"


class JobConstraintQuerySet(models.QuerySet["JobConstraint"]):
    def visible_to(self, user: User) -> JobConstraintQuerySet:
        """Constraints are job-facing: all staff of the pathway's territory see them,
        business developers included (never the barrier behind them)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(pathway__territory__in=_staff_territories(user, exclude_business_developers=False))

    def current(self) -> JobConstraintQuerySet:
        return self.filter(ended_on__isnull=True)


class JobConstraint(models.Model):
    pathway = models.ForeignKey(
        Pathway, on_delete=models.PROTECT, related_name="job_constraints", verbose_name=_("pathway")
    )
    # The barrier it comes from, if any; a constraint may also be recorded on its own.
    barrier = models.ForeignKey(
        Barrier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="constraints",
        verbose_name=_("barrier"),
    )
    kind = models.CharField(_("constraint"), max_length=24, choices=ConstraintKind.choices)
    # Hours window (e.g. school hours: 9:00–16:30).
    earliest_start = models.TimeField(_("not before"), null=True, blank=True)
    latest_end = models.TimeField(_("not after"), null=True, blank=True)
    # Maximum commute: a distance and/or a duration, with the means the person has.
    max_commute_km = models.PositiveSmallIntegerField(_("maximum commute (km)"), null=True, blank=True)
    max_commute_minutes = models.PositiveSmallIntegerField(
        _("maximum commute (minutes)"), null=True, blank=True
    )
    commute_means = models.CharField(
        _("means of transport"), max_length=16, choices=CommuteMeans.choices, blank=True
    )
    # Kept when its barrier is lifted (e.g. the person still wants no night work).
    kept_after_barrier = models.BooleanField(_("keep when the barrier is lifted"), default=False)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = JobConstraintQuerySet.as_manager()

    class Meta:
        verbose_name = _("job constraint")
        verbose_name_plural = _("job constraints")
        ordering = ["kind", "pk"]
        indexes = [models.Index(fields=["pathway", "ended_on"], name="constraint_pathway_ended_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ConstraintKind.values), name="constraint_kind_valid"),
            models.CheckConstraint(
                condition=~Q(kind=ConstraintKind.HOURS_WINDOW)
                | Q(
                    earliest_start__isnull=False,
                    latest_end__isnull=False,
                    earliest_start__lt=models.F("latest_end"),
                ),
                name="constraint_hours_window_complete",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ConstraintKind.MAX_COMMUTE)
                | Q(max_commute_km__isnull=False)
                | Q(max_commute_minutes__isnull=False),
                name="constraint_max_commute_has_a_limit",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="constraint_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def terms(self) -> str:
        """The constraint's figures in words (hours, commute), empty for a plain yes/no constraint."""
        if self.kind == ConstraintKind.HOURS_WINDOW and self.earliest_start and self.latest_end:
            return pgettext("hours window", "from %(start)s to %(end)s") % {
                "start": formats.time_format(self.earliest_start, "H:i"),
                "end": formats.time_format(self.latest_end, "H:i"),
            }
        if self.kind == ConstraintKind.MAX_COMMUTE:
            limits = []
            if self.max_commute_km is not None:
                limits.append(gettext("%(km)s km") % {"km": self.max_commute_km})
            if self.max_commute_minutes is not None:
                limits.append(gettext("%(minutes)s min") % {"minutes": self.max_commute_minutes})
            separator = " " + gettext("or") + " "
            text = separator.join(limits)
            if self.commute_means:
                text = f"{text} ({self.get_commute_means_display().lower()})"
            return text
        return ""

    @property
    def description(self) -> str:
        """What a job must respect, in one line: "Only within set hours: from 09:00 to 16:30"."""
        terms = self.terms
        label = self.get_kind_display()
        return (
            gettext("%(constraint)s: %(terms)s") % {"constraint": label, "terms": terms}
            if terms
            else str(label)
        )
