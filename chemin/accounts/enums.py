from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A staff member's role in one territory (DESIGN.md §4)."""

    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Territory manager")
    COUNSELLOR = "counsellor", _("Counsellor")
    BUSINESS_DEVELOPER = "business_developer", _("Business developer")


class AccountKind(models.TextChoices):
    """Who an account is for. Staff work in the application; the two others only ever reach their
    own narrow window (DESIGN.md §4): the prescriber portal, or the person's own space."""

    STAFF = "staff", _("Staff member")
    PRESCRIBER = "prescriber", _("Prescriber")
    PARTICIPANT = "participant", _("Accompanied person")
