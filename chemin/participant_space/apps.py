from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantSpaceConfig(AppConfig):
    """The accompanied person's own space: co-write the pathway, on a phone, in plain French."""

    name = "chemin.participant_space"
    verbose_name = _("Personal space")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.participant_space.timeline import sharing_events

        timeline.register(sharing_events)
