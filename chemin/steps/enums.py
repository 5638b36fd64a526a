from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StepOwner(models.TextChoices):
    """Who carries the step forward (small-steps method: every step has an owner)."""

    PARTICIPANT = "participant", _("The person")
    COUNSELLOR = "counsellor", _("The counsellor")
    PARTNER = "partner", _("A partner")


class StepStatus(models.TextChoices):
    # A context: the French labels agree with "étape" (feminine) and must not clash with others.
    TODO = "todo", pgettext_lazy("step status", "To do")
    IN_PROGRESS = "in_progress", pgettext_lazy("step status", "In progress")
    DONE = "done", pgettext_lazy("step status", "Done")
    DROPPED = "dropped", pgettext_lazy("step status", "Dropped")

    @classmethod
    def active(cls) -> list[str]:
        return [cls.TODO, cls.IN_PROGRESS]
