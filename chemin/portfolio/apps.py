from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "chemin.portfolio"
    verbose_name = _("Skills portfolio")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.portfolio.timeline import experience_events, skill_events

        timeline.register(skill_events)
        timeline.register(experience_events)
