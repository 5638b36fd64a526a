from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "chemin.pathways"
    verbose_name = _("Pathways")

    def ready(self) -> None:
        from chemin.core import alerts, timeline
        from chemin.pathways.alerts import NO_JOB_PROPOSAL_ALERT, NOT_SEEN_ALERT, pathway_alerts
        from chemin.pathways.timeline import pathway_events

        timeline.register(pathway_events)
        alerts.register(pathway_alerts, kinds=[NOT_SEEN_ALERT, NO_JOB_PROPOSAL_ALERT])
