"""Statuses of a prescriber activation: sent, then answered by the prescriber through the link."""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy


class ActivationStatus(models.TextChoices):
    # A context: the French labels agree with "sollicitation" (feminine).
    SENT = "sent", pgettext_lazy("activation status", "Awaiting an answer")
    ACCEPTED = "accepted", pgettext_lazy("activation status", "Accepted")
    DONE = "done", pgettext_lazy("activation status", "Done")
    NOT_POSSIBLE = "not_possible", pgettext_lazy("activation status", "Not possible")

    @classmethod
    def answers(cls) -> list[str]:
        """What the prescriber may answer; an answer may be changed until the link expires."""
        return [cls.ACCEPTED, cls.DONE, cls.NOT_POSSIBLE]
