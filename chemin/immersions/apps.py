from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImmersionsConfig(AppConfig):
    name = "chemin.immersions"
    verbose_name = _("Immersions")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.immersions.timeline import immersion_events

        timeline.register(immersion_events)
