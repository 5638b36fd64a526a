from django.db import models
from django.utils.translation import gettext_lazy as _


class ExperienceKind(models.TextChoices):
    """Where a person learnt: work counts, and so do the lives outside work (DESIGN.md §1)."""

    PAID_WORK = "paid_work", _("Paid work")
    IMMERSION = "immersion", _("Internship or immersion (PMSMP)")
    VOLUNTEERING = "volunteering", _("Volunteering")
    FAMILY_LIFE = "family_life", _("Family and daily life")
    TRAINING = "training", _("Training")


class SkillKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional skills")
    TRANSVERSAL = "transversal", _("Transversal skills")
    # Learnt outside work: at home, in a club, helping others. First-class, not a lesser kind.
    INFORMAL = "informal", _("Informal skills")


class SelfRating(models.IntegerChoices):
    """How the person rates themselves, in words they can choose from."""

    BEGINNER = 1, _("1 — beginner")
    GETTING_BY = 2, _("2 — I get by")
    AT_EASE = 3, _("3 — at ease")
    MASTERED = 4, _("4 — I master it")


# One click adds these on the portfolio page: skills people rarely name themselves, though a
# parent at home organises, budgets and coordinates every day. (label, kind).
SUGGESTED_SKILLS = [
    (_("Organisation"), SkillKind.TRANSVERSAL),
    (_("Managing a budget"), SkillKind.INFORMAL),
    (_("Punctuality"), SkillKind.TRANSVERSAL),
    (_("Teamwork"), SkillKind.TRANSVERSAL),
    (_("Customer relations"), SkillKind.TRANSVERSAL),
    (_("Coordinating several tasks at once"), SkillKind.INFORMAL),
    (_("Caring for children or relatives"), SkillKind.INFORMAL),
    (_("Adapting to change"), SkillKind.TRANSVERSAL),
]
