from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Where the accompaniment stands (DESIGN.md §1: towards employment, then into employment)."""

    WELCOME = "welcome", _("Welcome")
    TOWARDS_EMPLOYMENT = "towards_employment", _("Towards employment")
    IN_EMPLOYMENT = "in_employment", _("In employment")
    CLOSED = "closed", _("Closed")


# The phases a counsellor moves a pathway through by hand; closing goes through the exit (issue 6).
OPEN_PHASES = (Phase.WELCOME, Phase.TOWARDS_EMPLOYMENT, Phase.IN_EMPLOYMENT)
