"""Small steps (méthode des petits pas): dated, owned actions of a pathway. Done steps are
milestones, celebrated on the list and on the timeline."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chemin.accounts.enums import Role
from chemin.pathways.models import Pathway
from chemin.steps.enums import StepOwner, StepStatus

if TYPE_CHECKING:
    from chemin.accounts.models import User


class StepQuerySet(models.QuerySet["Step"]):
    def visible_to(self, user: User) -> StepQuerySet:
        """Steps of pathways where the user is counsellor, manager or administrator.

        Business developers see the job-facing profile only (DESIGN.md §4): not the steps.
        """
        from chemin.accounts.models import Membership

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        territories = (
            Membership.objects.filter(user=user, territory__is_active=True)
            .exclude(role=Role.BUSINESS_DEVELOPER)
            .values("territory")
        )
        return self.filter(pathway__territory__in=territories)

    def active(self) -> StepQuerySet:
        return self.filter(status__in=StepStatus.active())

    def overdue(self, today: datetime.date | None = None) -> StepQuerySet:
        return self.active().filter(due_date__lt=today or timezone.localdate())


class Step(models.Model):
    """A small, dated action with an owner: the person, their counsellor or a partner."""

    pathway = models.ForeignKey(
        Pathway,
        # Steps are part of the pathway's history: a pathway with steps is never deleted.
        on_delete=models.PROTECT,
        related_name="steps",
        verbose_name=_("pathway"),
    )
    title = models.CharField(_("step"), max_length=200)
    owner = models.CharField(
        _("who does it"), max_length=16, choices=StepOwner.choices, default=StepOwner.PARTICIPANT
    )
    owner_name = models.CharField(_("partner's name"), max_length=150, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.TODO)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Ready for the participant space (issue 10): the person may write their own steps.
    by_participant = models.BooleanField(_("written by the participant"), default=False)
    # The person ticked it as done from their own space (the timeline shows it as theirs).
    done_by_participant = models.BooleanField(_("ticked done by the participant"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Staff leaving are deactivated, not deleted: the file keeps who wrote what.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StepQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = [models.F("due_date").asc(nulls_last=True), "created_at"]
        indexes = [
            models.Index(fields=["pathway", "status"], name="step_pathway_status_idx"),
            # Overdue steps across a caseload (alerts).
            models.Index(fields=["status", "due_date"], name="step_status_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=StepStatus.values), name="step_status_valid"),
            models.CheckConstraint(condition=Q(owner__in=StepOwner.values), name="step_owner_valid"),
            # A done step has the day it was done; no other step has one.
            models.CheckConstraint(
                condition=Q(status=StepStatus.DONE, done_on__isnull=False)
                | (~Q(status=StepStatus.DONE) & Q(done_on__isnull=True)),
                name="step_done_on_iff_done",
            ),
            models.CheckConstraint(
                condition=Q(owner=StepOwner.PARTNER) | Q(owner_name=""),
                name="step_owner_name_for_partner",
            ),
            models.CheckConstraint(
                condition=Q(by_participant=True) | Q(created_by__isnull=False),
                name="step_staff_step_has_author",
            ),
            models.CheckConstraint(
                condition=Q(done_by_participant=False) | Q(status=StepStatus.DONE),
                name="step_done_by_participant_only_done",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status == StepStatus.DONE

    @property
    def is_active(self) -> bool:
        return self.status in StepStatus.active()

    @property
    def is_overdue(self) -> bool:
        return self.is_active and self.due_date is not None and self.due_date < timezone.localdate()

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.due_date).days if self.is_overdue else 0

    @property
    def owner_label(self) -> str:
        if self.owner == StepOwner.PARTNER and self.owner_name:
            return self.owner_name
        return str(self.get_owner_display())
