from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "chemin.pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.pathways.timeline import pathway_events

        timeline.register(pathway_events)
