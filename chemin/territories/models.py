from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from chemin.accounts.models import User


class TerritoryQuerySet(models.QuerySet["Territory"]):
    def active(self) -> TerritoryQuerySet:
        return self.filter(is_active=True)

    def for_user(self, user: User) -> TerritoryQuerySet:
        """Territories a staff member works in: all of them for a superuser, else their memberships."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.active()
        return self.active().filter(memberships__user=user).distinct()


class Territory(models.Model):
    """An operating unit (structure, antenne) with its staff, partners and agreements."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # "My day" measures each staff member's company contacts of the week against this.
    weekly_company_contacts_target = models.PositiveSmallIntegerField(
        _("weekly company contacts target"),
        default=10,
        help_text=_("Company contacts each staff member aims to log every week (shown on “My day”)."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
