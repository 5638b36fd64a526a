from django.db import models
from django.utils.translation import gettext_lazy as _


class NoteVisibility(models.TextChoices):
    """Who may read a note (DESIGN.md §4). Restricted notes are the referent's and managers' only."""

    TEAM = "team", _("Territory team")
    RESTRICTED = "restricted", _("Restricted: referent and managers")
    PRESCRIBER = "prescriber", _("Shared with the prescriber")
    PARTICIPANT = "participant", _("Shared with the participant")
