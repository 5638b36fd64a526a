from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.exits.enums import ExitCategory, ExitReason
from chemin.participants.models import Participant
from chemin.pathways.enums import OPEN_PHASES, Phase
from chemin.territories.models import Territory

if TYPE_CHECKING:
    from chemin.accounts.models import User


class PathwayQuerySet(models.QuerySet["Pathway"]):
    def visible_to(self, user: User) -> PathwayQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(territory__in=Territory.objects.for_user(user))

    def open(self) -> PathwayQuerySet:
        return self.exclude(phase=Phase.CLOSED)


class Pathway(models.Model):
    """One accompaniment of a participant in a territory, from entry to exit, with a referent counsellor."""

    participant = models.ForeignKey(
        Participant,
        # A participant's history is kept: their pathways go only with an explicit erasure.
        on_delete=models.PROTECT,
        related_name="pathways",
        verbose_name=_("participant"),
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="pathways", verbose_name=_("territory")
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A counsellor who leaves is deactivated, not deleted: the pathway keeps who followed it.
        on_delete=models.PROTECT,
        related_name="referent_pathways",
        verbose_name=_("referent counsellor"),
    )
    # The agreement (convention, marché) the accompaniment is funded and reported under.
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathways",
        verbose_name=_("agreement"),
    )
    entry_date = models.DateField(_("entry date"), default=timezone.localdate)
    phase = models.CharField(_("phase"), max_length=32, choices=Phase.choices, default=Phase.WELCOME)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    # Updated by held meetings and other contacts; drives "days since last contact" in the caseload.
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    # The day the person was first put forward on a job (opportunities.services.placement_create):
    # the "delay entry → first job proposal" the organisation promises to keep short.
    first_job_proposal_on = models.DateField(_("first job proposal on"), null=True, blank=True)
    # A summary of the wishes not set aside, kept by chemin.jobwishes.services (the only writer of
    # wishes) so matching reads one row per person instead of all their wishes: their ROME codes
    # (space-separated, in the wishes' order), the domains (first letters, sorted, "" = no wish
    # named yet) and the shortest maximum commute among them.
    wished_rome_codes = models.TextField(_("wished ROME codes"), blank=True, editable=False)
    wished_rome_domains = models.CharField(
        _("wished ROME domains"), max_length=26, blank=True, editable=False
    )
    shortest_wish_commute_km = models.PositiveSmallIntegerField(
        _("shortest wished commute (km)"), null=True, blank=True, editable=False
    )
    # The exit (chemin.exits): set together with closed_on by exits.services.pathway_close.
    exit_category = models.CharField(
        _("exit category"), max_length=32, choices=ExitCategory.choices, blank=True
    )
    exit_reason = models.CharField(_("exit reason"), max_length=16, choices=ExitReason.choices, blank=True)
    exit_detail = models.CharField(_("exit details"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PathwayQuerySet.as_manager()

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        ordering = ["-entry_date"]
        indexes = [
            models.Index(fields=["territory", "phase"], name="pathway_territory_phase_idx"),
            models.Index(fields=["referent", "phase"], name="pathway_referent_phase_idx"),
            models.Index(fields=["last_contact_on"], name="pathway_last_contact_idx"),
        ]
        constraints = [
            # Only one open accompaniment per person at a time.
            models.UniqueConstraint(
                fields=["participant"],
                condition=~models.Q(phase=Phase.CLOSED),
                name="pathway_one_open_per_participant",
            ),
            models.CheckConstraint(
                condition=models.Q(phase=Phase.CLOSED, closed_on__isnull=False)
                | (~models.Q(phase=Phase.CLOSED) & models.Q(closed_on__isnull=True)),
                name="pathway_closed_on_iff_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("entry_date")),
                name="pathway_closed_after_entry",
            ),
            models.CheckConstraint(condition=models.Q(phase__in=Phase.values), name="pathway_phase_valid"),
            # A closed pathway says how it ended (chemin/exits/rules.py), an open one has no exit yet.
            models.CheckConstraint(
                condition=(models.Q(phase=Phase.CLOSED) & ~models.Q(exit_category=""))
                | (~models.Q(phase=Phase.CLOSED) & models.Q(exit_category="")),
                name="pathway_exit_category_iff_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(exit_category="") | models.Q(exit_category__in=ExitCategory.values),
                name="pathway_exit_category_valid",
            ),
            # An "other" exit gives its reason; the others have none.
            models.CheckConstraint(
                condition=(
                    models.Q(exit_category=ExitCategory.OTHER) & models.Q(exit_reason__in=ExitReason.values)
                )
                | (~models.Q(exit_category=ExitCategory.OTHER) & models.Q(exit_reason="")),
                name="pathway_other_exit_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.territory} ({self.entry_date:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.phase != Phase.CLOSED

    @property
    def days_since_last_contact(self) -> int | None:
        reference = self.last_contact_on or self.entry_date
        return (timezone.localdate() - reference).days if reference else None

    @property
    def days_to_first_job_proposal(self) -> int | None:
        """Days from entry to the first job proposal, or None while there has been none."""
        if self.first_job_proposal_on is None:
            return None
        return (self.first_job_proposal_on - self.entry_date).days


class ReferentChange(models.Model):
    """A logged reassignment of a pathway's referent counsellor."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="referent_changes")
    previous_referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("previous referent"),
    )
    new_referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("new referent")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    reason = models.CharField(_("reason"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referent change")
        verbose_name_plural = _("referent changes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.previous_referent_id} → {self.new_referent_id}"


class PhaseChange(models.Model):
    """A logged move of an open pathway from one phase to another, shown on the timeline."""

    pathway = models.ForeignKey(
        Pathway, on_delete=models.CASCADE, related_name="phase_changes", verbose_name=_("pathway")
    )
    previous_phase = models.CharField(_("previous phase"), max_length=32, choices=Phase.choices)
    new_phase = models.CharField(_("new phase"), max_length=32, choices=Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # History keeps who did it: staff are deactivated, not deleted.
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(previous_phase=models.F("new_phase")), name="phase_change_changes_phase"
            ),
            # Closing is the exit's business (with its reason and category), not a phase change.
            models.CheckConstraint(
                condition=models.Q(previous_phase__in=OPEN_PHASES, new_phase__in=OPEN_PHASES),
                name="phase_change_between_open_phases",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.previous_phase} → {self.new_phase}"

    @property
    def is_step_forward(self) -> bool:
        """Moving towards or into employment is a milestone worth celebrating."""
        return OPEN_PHASES.index(self.new_phase) > OPEN_PHASES.index(self.previous_phase)
