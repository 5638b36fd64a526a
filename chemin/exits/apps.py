from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExitsConfig(AppConfig):
    name = "chemin.exits"
    verbose_name = _("Pathway exits")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.exits.timeline import exit_events

        timeline.register(exit_events)
