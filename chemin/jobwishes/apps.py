from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobwishesConfig(AppConfig):
    name = "chemin.jobwishes"
    verbose_name = _("Job wishes")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.jobwishes.timeline import job_wish_events

        timeline.register(job_wish_events)
