from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotesConfig(AppConfig):
    name = "chemin.notes"
    verbose_name = _("Notes")

    def ready(self) -> None:
        from chemin.core import timeline
        from chemin.notes.timeline import note_events

        timeline.register(note_events)
