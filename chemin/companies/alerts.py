"""Overdue next actions with companies, in the staff member's alerts: their own, never a colleague's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chemin.companies.models import CompanyInteraction
from chemin.core.alerts import Alert, AlertKind

if TYPE_CHECKING:
    from chemin.accounts.models import User

# About the user's own work, not a participant: the one kind business developers get.
NEXT_ACTION_ALERT = AlertKind(
    "company_next_action", gettext_lazy("Company next actions overdue"), order=90, about_participants=False
)


def next_action_alerts(user: User) -> list[Alert]:
    """The user's own next actions whose date has passed, oldest first (one query)."""
    overdue = (
        CompanyInteraction.objects.filter(staff=user, company__territory__is_active=True)
        .next_actions_overdue(timezone.localdate())
        .select_related("company")
        .order_by("next_action_on", "pk")
    )
    alerts = []
    for interaction in overdue:
        url = reverse("companies:detail", kwargs={"pk": interaction.company_id})
        alerts.append(
            Alert(
                kind=NEXT_ACTION_ALERT.code,
                title=_("%(company)s: “%(action)s” was planned on %(date)s")
                % {
                    "company": interaction.company.name,
                    "action": interaction.next_action,
                    "date": date_format(interaction.next_action_on, "SHORT_DATE_FORMAT"),
                },
                url=f"{url}#echange-{interaction.pk}",
                since=interaction.next_action_on,
            )
        )
    return alerts
