from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmersionObjective(models.TextChoices):
    """Why the person goes into the company.

    Source: Code du travail, article L5135-1 — a PMSMP lets the person "découvrir un métier ou un
    secteur d'activité", "confirmer un projet professionnel" or "initier une démarche de
    recrutement".
    """

    DISCOVER_JOB = "discover_job", _("Discover a job or a sector")
    CONFIRM_PROJECT = "confirm_project", _("Confirm a career plan")
    START_RECRUITMENT = "start_recruitment", _("Start a recruitment")


class ImmersionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ASSESSED = "assessed", _("Assessed")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    """How the immersion went, as the assessment (bilan) records it."""

    COMPLETED = "completed", _("Completed")
    PARTIAL = "partial", _("Partially completed")
    NO_SHOW = "no_show", _("Did not show")
