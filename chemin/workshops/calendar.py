"""Workshops in the calendars (chemin.core.calendar): a territory's sessions, or the sessions a
staff member facilitates. One query per call."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from chemin.core.calendar import CalendarEntry, CalendarQuery
from chemin.workshops.models import Workshop

KIND = "workshop"


def workshop_entries(query: CalendarQuery) -> list[CalendarEntry]:
    if query.staff is None and query.territory is None:
        return []
    workshops = Workshop.objects.overlapping(query.start, query.end)
    if query.staff is not None:
        workshops = workshops.filter(facilitator_user=query.staff)
    if query.territory is not None:
        workshops = workshops.filter(territory=query.territory)
    kind_label = _("Workshop")
    return [
        CalendarEntry(
            uid=f"workshop-{workshop.pk}",
            kind=KIND,
            kind_label=kind_label,
            title=_("%(theme)s: %(title)s")
            % {"theme": workshop.get_theme_display(), "title": workshop.title},
            starts_at=workshop.starts_at,
            ends_at=workshop.ends_at,
            place=workshop.place,
            url=reverse("workshops:detail", kwargs={"pk": workshop.pk}),
            is_cancelled=workshop.is_cancelled,
        )
        for workshop in workshops.order_by("starts_at", "pk")
    ]
