from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BarriersConfig(AppConfig):
    name = "chemin.barriers"
    verbose_name = _("Barriers")

    def ready(self) -> None:
        from chemin.barriers.timeline import barrier_events, constraint_events
        from chemin.core import timeline

        timeline.register(barrier_events)
        timeline.register(constraint_events)
