from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "chemin.workshops"
    verbose_name = _("Workshops")

    def ready(self) -> None:
        from chemin.core import calendar, timeline
        from chemin.workshops.calendar import workshop_entries
        from chemin.workshops.timeline import workshop_events

        timeline.register(workshop_events)
        calendar.register(workshop_entries)
