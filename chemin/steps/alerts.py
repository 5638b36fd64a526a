"""Overdue steps in the staff member's alerts: one alert per person, whatever their number of late
steps, on the open pathways the user follows (as referent, or as manager of the territory). One
query. The step's own words stay out of the title: "RDV au CMP" would tell a health barrier on a
shared screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, ngettext

from chemin.core.alerts import Alert, AlertKind
from chemin.pathways.alerts import followed_pathways
from chemin.steps.enums import StepStatus
from chemin.steps.models import Step

if TYPE_CHECKING:
    from chemin.accounts.models import User

OVERDUE_STEPS_ALERT = AlertKind("overdue_steps", gettext_lazy("Overdue steps"), order=40)


def overdue_step_alerts(user: User) -> list[Alert]:
    today = timezone.localdate()
    late = Q(steps__status__in=StepStatus.active(), steps__due_date__lt=today)
    oldest = Step.objects.filter(pathway=OuterRef("pk")).overdue(today).order_by("due_date", "pk")
    pathways = (
        followed_pathways(user)
        .annotate(
            overdue_steps=Count("steps", filter=late),
            oldest_due=Min("steps__due_date", filter=late),
            oldest_step=Subquery(oldest.values("pk")[:1]),
        )
        .filter(overdue_steps__gt=0)
        .select_related("participant")
        .order_by("oldest_due", "pk")
    )
    alerts = []
    for pathway in pathways:
        participant = pathway.participant
        url = reverse("steps:list", kwargs={"participant_pk": participant.pk})
        alerts.append(
            Alert(
                kind=OVERDUE_STEPS_ALERT.code,
                title=ngettext(
                    "%(person)s: %(count)d step overdue since %(date)s",
                    "%(person)s: %(count)d steps overdue, the oldest since %(date)s",
                    pathway.overdue_steps,
                )
                % {
                    "person": participant.full_name,
                    "count": pathway.overdue_steps,
                    "date": date_format(pathway.oldest_due, "SHORT_DATE_FORMAT"),
                },
                url=f"{url}#etape-{pathway.oldest_step}",
                since=pathway.oldest_due,
                territory_id=pathway.territory_id,
                referent_id=pathway.referent_id,
            )
        )
    return alerts
