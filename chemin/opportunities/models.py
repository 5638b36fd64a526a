"""Opportunities (a company's need, with its real requirements) and placements (a person put
forward on one), DESIGN.md §5.3.

An opportunity belongs to its company's territory: every staff role of that territory sees it,
business developers included. Schedule patterns and physical demands are short validated JSON
lists (a handful of values, never filtered in SQL: matching reads them in Python), which work
the same on SQLite and PostgreSQL.

A placement keeps every status change as a dated ``PlacementTransition``. The first placement
of a pathway sets ``Pathway.first_job_proposal_on`` (services.placement_create).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chemin.companies.models import Company, CompanyContact, CompanyInteraction
from chemin.matching.enums import PhysicalDemand, SchedulePattern
from chemin.opportunities.enums import (
    OPPORTUNITY_CONTRACT_TYPES,
    OpportunityStatus,
    PlacementStatus,
    RefusalReason,
)
from chemin.participants.enums import EducationLevel
from chemin.pathways.models import Pathway
from chemin.referentials.models import Commune, RomeJob
from chemin.referentials.text import normalize
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User

# Legal maximum working week in France (Code du travail, L3121-20).
MAX_HOURS_PER_WEEK = 48


def _check_choice_list(value: object, choices: type[models.TextChoices]) -> None:
    if not isinstance(value, list) or any(item not in choices.values for item in value):
        raise ValidationError(_("Pick values from the list."), code="invalid_choice")


def validate_schedule_patterns(value: object) -> None:
    _check_choice_list(value, SchedulePattern)


def validate_physical_demands(value: object) -> None:
    _check_choice_list(value, PhysicalDemand)


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def visible_to(self, user: User) -> OpportunityQuerySet:
        """Opportunities of the user's territories (every staff role)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(territory__in=Territory.objects.for_user(user))

    def open(self) -> OpportunityQuerySet:
        return self.filter(status=OpportunityStatus.OPEN)

    def search(self, text: str) -> OpportunityQuerySet:
        """Words in the title, the ROME label or the company name; or a ROME code typed."""
        needle = normalize(text)
        query = Q()
        for word in needle.split():
            if len(word) == 5 and word[0].isalpha() and word[1:].isdigit():
                query &= Q(rome_job_id=word.upper())
            else:
                query &= Q(search_text__contains=word)
        return self.filter(query)


class Opportunity(models.Model):
    """A job a company needs filled, with the requirements matching compares to people."""

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="opportunities", verbose_name=_("territory")
    )
    company = models.ForeignKey(
        # Placements and reporting keep the company an offer came from.
        Company,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("company"),
    )
    contact = models.ForeignKey(
        CompanyContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("company contact"),
    )
    from_interaction = models.ForeignKey(
        CompanyInteraction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("from the exchange"),
    )
    rome_job = models.ForeignKey(
        RomeJob, on_delete=models.PROTECT, related_name="+", verbose_name=_("ROME job")
    )
    title = models.CharField(_("job title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    contract_type = models.CharField(_("contract"), max_length=24, choices=OPPORTUNITY_CONTRACT_TYPES)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    schedule_patterns = models.JSONField(
        _("working pattern"), default=list, blank=True, validators=[validate_schedule_patterns]
    )
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workplace"),
    )
    on_public_transport_line = models.BooleanField(_("served by public transport"), default=False)
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    requires_vehicle = models.BooleanField(_("own vehicle required"), default=False)
    physical_demands = models.JSONField(
        _("physical demands"), default=list, blank=True, validators=[validate_physical_demands]
    )
    min_education_level = models.CharField(
        _("minimum qualification"), max_length=10, choices=EducationLevel.choices, blank=True
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    positions = models.PositiveSmallIntegerField(_("positions"), default=1)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    # What the employer is ready to adapt.
    can_adapt_hours = models.BooleanField(_("can adapt the hours"), default=False)
    can_train_on_the_job = models.BooleanField(_("can train on the job"), default=False)
    can_help_with_transport = models.BooleanField(_("can help with transport"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=OpportunityStatus.choices, default=OpportunityStatus.OPEN
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    # normalize(title, ROME label, company name), for search.
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["territory", "status"], name="opportunity_terr_status_idx"),
            models.Index(fields=["rome_job", "status"], name="opportunity_rome_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(positions__gte=1), name="opportunity_positions_positive"),
            models.CheckConstraint(
                condition=Q(status__in=OpportunityStatus.values), name="opportunity_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(contract_type__in=[value for value, _label in OPPORTUNITY_CONTRACT_TYPES]),
                name="opportunity_contract_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | Q(hours_per_week__gte=1, hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="opportunity_hours_in_range",
            ),
            models.CheckConstraint(
                condition=Q(min_education_level="") | Q(min_education_level__in=EducationLevel.values),
                name="opportunity_education_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.company}"

    def save(self, *args, **kwargs) -> None:
        company_name = self.company.name if self.company_id else ""
        rome_label = self.rome_job.label if self.rome_job_id else ""
        self.search_text = normalize(f"{self.title} {rome_label} {company_name}")[:600]
        if self.company_id and not self.territory_id:
            self.territory_id = self.company.territory_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == OpportunityStatus.OPEN

    @property
    def schedule_pattern_labels(self) -> list[str]:
        return [str(SchedulePattern(value).label) for value in self.schedule_patterns]

    @property
    def physical_demand_labels(self) -> list[str]:
        return [str(PhysicalDemand(value).label) for value in self.physical_demands]

    @property
    def adaptations(self) -> list[str]:
        """What the employer is ready to adapt, in words."""
        labels = []
        if self.can_adapt_hours:
            labels.append(str(_("the hours")))
        if self.can_train_on_the_job:
            labels.append(str(_("training on the job")))
        if self.can_help_with_transport:
            labels.append(str(_("transport")))
        return labels


class Placement(models.Model):
    """A person put forward on an opportunity (mise en relation), and where it stands."""

    pathway = models.ForeignKey(
        # A placement is part of the pathway's history.
        Pathway,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("pathway"),
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.PROTECT, related_name="placements", verbose_name=_("job offer")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    status_changed_on = models.DateField(_("status changed on"))
    refusal_reason = models.CharField(
        _("reason for the refusal"), max_length=24, choices=RefusalReason.choices, blank=True
    )
    refusal_detail = models.CharField(_("details"), max_length=250, blank=True)
    proposed_on = models.DateField(_("proposed on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("put forward by")
    )
    # The job dating, forum or company visit where the person was put forward, if any.
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("at the event"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-proposed_on", "-pk"]
        indexes = [models.Index(fields=["pathway", "proposed_on"], name="placement_pathway_idx")]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "opportunity"], name="placement_once_per_pathway"),
            models.CheckConstraint(
                condition=Q(status__in=PlacementStatus.values), name="placement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=PlacementStatus.REFUSED, refusal_reason__in=RefusalReason.values)
                | (~Q(status=PlacementStatus.REFUSED) & Q(refusal_reason="")),
                name="placement_refusal_reason_iff_refused",
            ),
            models.CheckConstraint(
                condition=Q(status_changed_on__gte=models.F("proposed_on")),
                name="placement_status_after_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id} → {self.opportunity_id} ({self.status})"

    @property
    def is_final(self) -> bool:
        return self.status in PlacementStatus.final()

    @property
    def next_statuses(self) -> list[tuple[str, str]]:
        from chemin.opportunities.enums import PLACEMENT_TRANSITIONS

        return [(value, str(PlacementStatus(value).label)) for value in PLACEMENT_TRANSITIONS[self.status]]


class PlacementTransition(models.Model):
    """One dated status change of a placement (the first one: "" → proposed)."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("placement")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=PlacementStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PlacementStatus.choices)
    on = models.DateField(_("on"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    comment = models.CharField(_("comment"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("placement status change")
        verbose_name_plural = _("placement status changes")
        ordering = ["on", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status} ({self.on})"
