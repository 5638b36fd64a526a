"""Contracts, their ends and the two-headed follow-up (suivi bicéphale) of each contract start."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from chemin.core.dates import add_months


class ContractType(models.TextChoices):
    CDI = "cdi", _("Permanent contract (CDI)")
    CDD = "cdd", _("Fixed-term contract (CDD)")
    INTERIM = "interim", _("Temporary work (intérim)")
    CDDI = "cddi", _("Integration contract (CDDI, IAE)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship contract")
    PROFESSIONALISATION = "professionalisation", _("Professionalisation contract")
    SUBSIDISED = "subsidised", _("Subsidised contract (PEC)")
    BUSINESS_CREATION = "business_creation", _("Business creation")
    PUBLIC_SERVICE = "public_service", _("Public service (tenured or trainee)")


class EndReason(models.TextChoices):
    END_OF_TERM = "end_of_term", _("End of term")
    RESIGNATION = "resignation", _("Resignation")
    DISMISSAL = "dismissal", _("Dismissal")
    TRIAL_ENDED_BY_EMPLOYER = "trial_employer", _("Trial period ended by the employer")
    TRIAL_ENDED_BY_EMPLOYEE = "trial_employee", _("Trial period ended by the employee")
    OTHER = "other", _("Other")


class Milestone(models.TextChoices):
    """When the follow-up checks in, counted from the contract start (DESIGN.md §5.4)."""

    D7 = "d7", _("Day 7")
    TRIAL_END = "trial_end", _("End of the trial period")
    M1 = "m1", _("Month 1")
    M3 = "m3", _("Month 3")
    M6 = "m6", _("Month 6")

    def due_on(self, start: datetime.date, trial_end: datetime.date | None) -> datetime.date | None:
        """The day this check-in falls due; the trial-period one only when a trial end is known."""
        if self == Milestone.D7:
            return start + datetime.timedelta(days=7)
        if self == Milestone.TRIAL_END:
            return trial_end
        months = {Milestone.M1: 1, Milestone.M3: 3, Milestone.M6: 6}[self]
        return add_months(start, months)


# The default calendar; a territory may choose its own (Territory.follow_up_milestones).
DEFAULT_MILESTONES = [Milestone.D7, Milestone.TRIAL_END, Milestone.M1, Milestone.M3, Milestone.M6]


class Side(models.TextChoices):
    EMPLOYEE = "employee", _("Employee side")
    EMPLOYER = "employer", _("Employer side")


class Channel(models.TextChoices):
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit at the workplace")
    EMAIL = "email", _("Email")
    ONLINE_FORM = "online_form", _("Online form")


class HowItGoes(models.IntegerChoices):
    """A short scale, the same on both sides; 1 signals a risk of rupture."""

    AT_RISK = 1, _("At risk of breaking off")
    DIFFICULT = 2, _("With difficulties")
    RATHER_WELL = 3, _("Rather well")
    VERY_WELL = 4, _("Very well")


class Difficulty(models.TextChoices):
    HOURS = "hours", _("Hours")
    TRANSPORT = "transport", _("Transport")
    CHILDCARE = "childcare", _("Childcare")
    TEAM = "team", _("Team, relations at work")
    TASKS = "tasks", _("Tasks")
    HEALTH = "health", _("Health")
    PAY = "pay", _("Pay")
