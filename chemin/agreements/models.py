"""Funders and the agreements (conventions, marchés) the organisation works and reports under.

A pathway is opened under one agreement (DESIGN.md §5.1); reporting (chemin.reporting) measures
each agreement's figures against its targets over its period and territories.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.agreements import iae
from chemin.agreements.enums import FunderKind, IaeStructureKind, TargetPublic
from chemin.core.dates import add_months
from chemin.employments.enums import Milestone
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

# Who reads agreements (the territory's staff who accompany people) and who writes them.
READER_ROLES = (Role.COUNSELLOR, Role.MANAGER, Role.ADMIN)
MANAGER_ROLES = (Role.MANAGER, Role.ADMIN)


def territories_with_role(user: User, roles: tuple[Role, ...]) -> models.QuerySet[Territory]:
    """Active territories where the user holds one of ``roles``; every active one for a superuser."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if user.is_superuser:
        return Territory.objects.active()
    # One filter() call: the same membership row must be the user's and carry the role.
    return Territory.objects.active().filter(memberships__user=user, memberships__role__in=roles).distinct()


def validate_target_public(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Choose the target public among the listed criteria."))
    unknown = [item for item in value if item not in TargetPublic.values]
    if unknown:
        raise ValidationError(
            _("Unknown target public criteria: %(values)s.") % {"values": ", ".join(map(str, unknown))}
        )


def validate_milestones(value: object) -> None:
    if not isinstance(value, list) or any(item not in Milestone.values for item in value):
        raise ValidationError(
            _("Choose follow-up check-ins among %(allowed)s.") % {"allowed": ", ".join(Milestone.values)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each follow-up check-in may appear only once."))


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=FunderKind.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def active_on(self, day) -> AgreementQuerySet:
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def visible_to(self, user: User) -> AgreementQuerySet:
        """Agreements covering a territory where the user accompanies people or manages.

        Business developers do not see them. A subquery, so that annotations stay unduplicated.
        """
        territories = territories_with_role(user, READER_ROLES)
        return self.filter(
            pk__in=Agreement.territories.through.objects.filter(territory__in=territories).values(
                "agreement_id"
            )
        )

    def managed_by(self, user: User) -> AgreementQuerySet:
        """Agreements covering a territory the user manages (every agreement for a superuser)."""
        if user.is_authenticated and user.is_superuser:
            return self
        territories = territories_with_role(user, MANAGER_ROLES)
        return self.filter(
            pk__in=Agreement.territories.through.objects.filter(territory__in=territories).values(
                "agreement_id"
            )
        )

    def covering(self, territory: Territory) -> AgreementQuerySet:
        return self.filter(
            pk__in=Agreement.territories.through.objects.filter(territory=territory).values("agreement_id")
        )

    def overlapping(self, starts_on: datetime.date, ends_on: datetime.date) -> AgreementQuerySet:
        return self.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)


_RATE = {"null": True, "blank": True, "validators": [MaxValueValidator(100)]}


class Agreement(models.Model):
    """An agreement with a funder: for whom, where, when, and the targets it is measured against."""

    funder = models.ForeignKey(
        Funder, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("funder")
    )
    # The funder's own reference (n° de convention, de marché). The same reference may come back
    # for another period, never for overlapping ones (checked by the form and the service).
    reference = models.CharField(_("reference"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    territories = models.ManyToManyField(Territory, related_name="agreements", verbose_name=_("territories"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    target_public = models.JSONField(
        _("target public"),
        default=list,
        blank=True,
        validators=[validate_target_public],
        help_text=_("Leave empty when the agreement is open to everyone."),
    )
    planned_entries = models.PositiveIntegerField(_("planned entries"), null=True, blank=True)
    # Targets, in percent of the exits (or of the contract starts for retention), or in days.
    target_exit_to_employment_rate = models.PositiveSmallIntegerField(
        _("target exits to employment (%)"), **_RATE
    )
    target_durable_employment_rate = models.PositiveSmallIntegerField(
        _("target durable employment (%)"), **_RATE
    )
    target_retention_m6_rate = models.PositiveSmallIntegerField(_("target retention at M+6 (%)"), **_RATE)
    target_days_to_first_proposal = models.PositiveSmallIntegerField(
        _("target average days to a first job proposal"), null=True, blank=True
    )
    # When set, the contract starts of its pathways follow this calendar instead of the territory's.
    follow_up_milestones = models.JSONField(
        _("follow-up check-ins"), default=list, blank=True, validators=[validate_milestones]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "reference"]
        indexes = [models.Index(fields=["funder", "reference"], name="agreement_funder_reference_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_period_ordered"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__lte": 100}), name=f"agreement_{field}_max_100"
                )
                for field in (
                    "target_exit_to_employment_rate",
                    "target_durable_employment_rate",
                    "target_retention_m6_rate",
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    @property
    def is_current(self) -> bool:
        return self.is_active_on(timezone.localdate())

    @property
    def has_targets(self) -> bool:
        return any(
            value is not None
            for value in (
                self.target_exit_to_employment_rate,
                self.target_durable_employment_rate,
                self.target_retention_m6_rate,
                self.target_days_to_first_proposal,
            )
        )


def validate_iae_criteria(value: object) -> None:
    codes = iae.reference().codes
    if not isinstance(value, list) or any(item not in codes for item in value):
        raise ValidationError(_("Choose the criteria among the official list."))


class IaeEligibilityCheckQuerySet(models.QuerySet["IaeEligibilityCheck"]):
    def visible_to(self, user: User) -> IaeEligibilityCheckQuerySet:
        """Checks of pathways in territories where the user accompanies people or manages."""
        return self.filter(pathway__territory__in=territories_with_role(user, READER_ROLES))


class IaeEligibilityCheck(models.Model):
    """The administrative eligibility criteria checked before orienting a person to an IAE
    structure, and whether they meet the rule for that type of structure on that day."""

    pathway = models.ForeignKey(
        "pathways.Pathway",
        # A check is part of the pathway's history (and what the IAE structure was told).
        on_delete=models.PROTECT,
        related_name="iae_checks",
        verbose_name=_("pathway"),
    )
    structure_kind = models.CharField(_("type of structure"), max_length=10, choices=IaeStructureKind.choices)
    # Codes of data/taxonomies/iae_criteres_eligibilite.json (RSA, DELD, JEUNE…).
    criteria = models.JSONField(
        _("criteria met"), default=list, blank=True, validators=[validate_iae_criteria]
    )
    is_eligible = models.BooleanField(_("rule met"))
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the file keeps who checked.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IaeEligibilityCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("IAE eligibility check")
        verbose_name_plural = _("IAE eligibility checks")
        ordering = ["-checked_on", "-pk"]
        indexes = [models.Index(fields=["pathway", "-checked_on"], name="iae_check_pathway_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(structure_kind__in=IaeStructureKind.values),
                name="iae_check_structure_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_structure_kind_display()} — {self.checked_on:%d/%m/%Y}"

    @property
    def valid_until(self) -> datetime.date:
        """The diagnosis is valid for a number of months (reference file, "validite_diagnostic_mois")."""
        return add_months(self.checked_on, iae.reference().validity_months)
