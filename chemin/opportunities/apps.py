from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "chemin.opportunities"
    verbose_name = _("Opportunities")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.opportunities.timeline import placement_events

        timeline.register(placement_events)
