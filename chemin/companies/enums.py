from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeBand(models.TextChoices):
    """Workforce bands, grouped from INSEE's "tranches d'effectif salarié" (Sirene)."""

    NONE = "0", _("No employee")
    MICRO = "1-9", _("1 to 9 employees")
    SMALL = "10-49", _("10 to 49 employees")
    MEDIUM = "50-249", _("50 to 249 employees")
    LARGE = "250+", _("250 employees or more")


class Relationship(models.TextChoices):
    """Where the organisation stands with the company."""

    PROSPECT = "prospect", _("Prospect")
    PARTNER = "partner", _("Partner")
    ACTIVE_RECRUITER = "active_recruiter", _("Active recruiter")


class Channel(models.TextChoices):
    CALL = "call", _("Call")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("Email")
    EVENT = "event", _("Event")
