from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivationsConfig(AppConfig):
    name = "chemin.activations"
    verbose_name = _("Prescriber activations")

    def ready(self) -> None:
        from chemin.activations.timeline import activation_events
        from chemin.core import timeline

        timeline.register(activation_events)
