from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StepsConfig(AppConfig):
    name = "chemin.steps"
    verbose_name = _("Steps")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.steps.timeline import step_events

        timeline.register(step_events)
