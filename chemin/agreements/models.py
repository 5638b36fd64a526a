"""Funders and the agreements (conventions, marchés) the organisation works and reports under.

A pathway is opened under one agreement (DESIGN.md §5.1); reporting (chemin.reporting) measures
each agreement's figures against its targets over its period and territories.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from chemin.agreements.enums import FunderKind, TargetPublic
from chemin.employments.enums import Milestone
from chemin.territories.models import Territory


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
