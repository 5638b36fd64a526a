from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "chemin.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.events.timeline import event_events

        timeline.register(event_events)
