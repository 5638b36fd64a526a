"""Enumerations shared by matching and by the opportunities that feed it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SchedulePattern(models.TextChoices):
    """How a job's working time is organised, as employers word it in job offers."""

    DAY = "day", _("Day work")
    TWO_SHIFTS = "2x8", _("Two shifts (2x8)")
    THREE_SHIFTS = "3x8", _("Three shifts (3x8)")
    NIGHTS = "nights", _("Nights")
    WEEKENDS = "weekends", _("Weekends")
    SPLIT_SHIFTS = "split_shifts", _("Split shifts")
    # The employer can offer a fixed slot within school hours (parents of school-age children).
    SCHOOL_HOURS_POSSIBLE = "school_hours_possible", _("School hours possible")


class PhysicalDemand(models.TextChoices):
    HEAVY_LOADS = "heavy_loads", _("Heavy loads")
    PROLONGED_STANDING = "prolonged_standing", _("Prolonged standing")


class MatchLevel(models.TextChoices):
    """The verdict of matching, in the order lists show it."""

    COMPATIBLE = "compatible", _("Compatible")
    REACHABLE = "reachable", _("Reachable with levers")
    NOT_NOW = "not_now", _("Not now")


class LeverKind(models.TextChoices):
    """What would open a job that clashes with a person's situation."""

    LIFT_BARRIER = "lift_barrier", _("Lift a barrier with a partner")
    ADAPT_HOURS = "adapt_hours", _("Ask the employer to adapt the hours")
    TRANSPORT = "transport", _("Ask the employer for help with transport")
    TRAINING = "training", _("Ask the employer for training on the job")
    IMMERSION = "immersion", _("An immersion (PMSMP) first")
    # Job-facing form of LIFT_BARRIER: says a constraint can be worked on, never which barrier.
    PERSON_SUPPORT = "person_support", _("Support from the person's counsellor")
