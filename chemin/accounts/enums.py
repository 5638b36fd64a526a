from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """A staff member's role in one territory (DESIGN.md §4)."""

    ADMIN = "admin", _("Administrator")
    MANAGER = "manager", _("Territory manager")
    COUNSELLOR = "counsellor", _("Counsellor")
    BUSINESS_DEVELOPER = "business_developer", _("Business developer")
