"""Exit categories (catégories de sortie) and the reasons of an "other" exit.

The four categories and their definitions are the classification of exits in use in the field of
integration through economic activity (IAE) and the PLIE: emploi durable, emploi de transition,
sortie positive, autres sorties. Source and copy: data/taxonomies/categories_sorties.json and its
SOURCE.md; tests/exits/test_taxonomy.py checks the French labels and definitions still say the same.
How the category is suggested from the person's contracts is chemin/exits/rules.py.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExitCategory(models.TextChoices):
    # From the most to the least favourable: the rules rank contracts in this order.
    SUSTAINABLE_EMPLOYMENT = "sustainable_employment", _("Sustainable employment")
    TRANSITIONAL_EMPLOYMENT = "transitional_employment", _("Transitional employment")
    POSITIVE_EXIT = "positive_exit", _("Positive exit")
    OTHER = "other", _("Other exit")

    @property
    def definition(self) -> str:
        return str(DEFINITIONS[self])

    @property
    def is_favourable(self) -> bool:
        """Employment or a qualifying next step: celebrated as a milestone."""
        return self != ExitCategory.OTHER

    @property
    def rank(self) -> int:
        """0 for the most favourable category."""
        return list(ExitCategory).index(self)


# The definitions used in the field (categories_sorties.json), shown next to each choice.
DEFINITIONS = {
    ExitCategory.SUSTAINABLE_EMPLOYMENT: _(
        "Permanent contract (CDI); fixed-term contract or temporary work of 6 months or more; "
        "traineeship or tenure in the public service; business creation."
    ),
    ExitCategory.TRANSITIONAL_EMPLOYMENT: _(
        "Fixed-term contract or temporary work of less than 6 months; subsidised contract with a "
        "mainstream employer."
    ),
    ExitCategory.POSITIVE_EXIT: _(
        "Qualifying or pre-qualifying training; hiring by another structure of integration through "
        "economic activity."
    ),
    ExitCategory.OTHER: _(
        "Unemployment, inactivity, moving away, health, no news, other (reason to be given)."
    ),
}


class ExitReason(models.TextChoices):
    """Why an accompaniment ended with an "other" exit (the source's list, without its detail)."""

    MOVED = "moved", _("Moved away")
    HEALTH = "health", _("Health")
    NO_NEWS = "no_news", _("No news")
    OTHER = "other", _("Other reason")
