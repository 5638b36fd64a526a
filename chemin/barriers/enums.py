"""Barrier (frein) taxonomy, statuses and the job constraints a barrier can imply.

Categories 23 to 29 and their situations are France Travail's "contraintes personnelles"
(famille 7, "Résoudre ses contraintes personnelles"), with their official codes, as exposed by
France Travail's individual file (source and copy: data/taxonomies/france_travail_contraintes.json
and its SOURCE.md). The other categories complete them with what accompaniment meets every day
(digital skills, French language, confidence, justice, qualification); their codes are ours and
are words, so they can never collide with an official number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BarrierCategory(models.TextChoices):
    # France Travail, famille 7 "contraintes personnelles": official codes.
    MOBILITY = "23", _("Mobility")
    FAMILY = "24", _("Family constraints")
    HEALTH = "25", _("Health")
    LITERACY = "26", _("Reading, writing, arithmetic")
    HOUSING = "27", _("Housing")
    FINANCES = "28", _("Financial difficulties")
    ADMINISTRATIVE = "29", _("Administrative or legal difficulties")
    # Completed by Chemin faisant.
    DIGITAL = "numerique", _("Digital skills")
    FRENCH = "langue", _("French language")
    CONFIDENCE = "confiance", _("Self-confidence, isolation")
    JUSTICE = "justice", _("Justice")
    QUALIFICATION = "qualification", _("Qualification")

    @classmethod
    def special(cls) -> frozenset[str]:
        """Special-category data (GDPR art. 9): health (addictions included) and justice.

        Recorded only with the person's consent; detail shown to the referent and managers only.
        """
        return frozenset({cls.HEALTH, cls.JUSTICE})


# Typical situations per category, to pick from (or the counsellor writes their own).
# Official France Travail situation codes for 23–29; "x…" codes are ours.
SITUATIONS: dict[str, list[tuple[str, str]]] = {
    BarrierCategory.MOBILITY: [
        ("6", _("No means of transport available")),
        ("7", _("Depends on public transport")),
        ("8", _("Driving licence invalid or suspended")),
        ("40", _("Health incompatible with driving")),
        ("x-licence", _("No driving licence")),
    ],
    BarrierCategory.FAMILY: [
        ("9", _("Child(ren) with a disability")),
        ("10", _("Time constraints")),
        ("11", _("Family carer (looks after a relative)")),
        ("12", _("Other family constraints to take into account")),
        ("13", _("Child(ren) under 3 without childcare")),
        ("14", _("Expecting a child")),
        ("x-school", _("School-age child(ren) without care outside school hours")),
    ],
    BarrierCategory.HEALTH: [
        ("15", _("Declared problem preventing some jobs")),
        ("16", _("Social security or top-up health cover to update")),
        ("17", _("Declared problem no longer allowing any professional activity")),
        ("18", _("Declared problem not allowing an immediate return to work")),
        ("19", _("Declared problem causing regular absences")),
        ("x-addiction", _("Addiction being cared for")),
    ],
    BarrierCategory.LITERACY: [
        ("20", _("Cannot write French")),
        ("21", _("Cannot read French")),
        ("22", _("Does not understand spoken French")),
        ("23", _("Difficulties with arithmetic")),
    ],
    BarrierCategory.HOUSING: [
        ("24", _("Homeless or housing actually lost")),
        ("25", _("Unfit housing")),
        ("26", _("Difficulty paying the rent")),
        ("27", _("Has to leave the housing")),
        ("28", _("Isolated rural area")),
        ("41", _("Housing needs adapting")),
    ],
    BarrierCategory.FINANCES: [
        ("29", _("No income at all")),
        ("30", _("Income has dropped")),
        ("31", _("Difficulty managing a budget")),
        ("32", _("Over-indebted")),
        ("33", _("Needs food aid")),
        ("34", _("Precarious income (below the poverty line)")),
    ],
    BarrierCategory.ADMINISTRATIVE: [
        ("35", _("Difficulty carrying out administrative procedures")),
        ("36", _("Needs guidance to access rights")),
        ("37", _("Meets legal difficulties")),
        ("38", _("Difficulty obtaining an identity document")),
        ("39", _("Difficulty obtaining a tax notice")),
    ],
    BarrierCategory.DIGITAL: [
        ("x-no-device", _("No computer or smartphone")),
        ("x-no-email", _("No email address or cannot use it")),
        ("x-online-steps", _("Cannot do procedures online alone")),
    ],
    BarrierCategory.FRENCH: [
        ("x-fle", _("French as a foreign language: beginner")),
        ("x-fle-work", _("French sufficient for daily life, not yet for work")),
    ],
    BarrierCategory.CONFIDENCE: [
        ("x-isolated", _("Socially isolated")),
        ("x-confidence", _("Lacks self-confidence")),
        ("x-long-inactivity", _("Long time away from work")),
    ],
    BarrierCategory.JUSTICE: [
        ("x-sentence", _("Sentence being served in the community")),
        ("x-release", _("Recently released from prison")),
        ("x-record", _("Criminal record closing some jobs")),
    ],
    BarrierCategory.QUALIFICATION: [
        ("x-no-diploma", _("No diploma")),
        ("x-foreign-diploma", _("Diploma not recognised in France")),
        ("x-outdated", _("Skills to update")),
    ],
}


def situation_label(category: str, code: str) -> str:
    return str(dict(SITUATIONS.get(category, [])).get(code, ""))


class BarrierStatus(models.TextChoices):
    # A context: the French labels agree with "frein" (masculine).
    IDENTIFIED = "identified", pgettext_lazy("barrier status", "Identified")
    BEING_ADDRESSED = "being_addressed", pgettext_lazy("barrier status", "Being addressed")
    LIFTED = "lifted", pgettext_lazy("barrier status", "Lifted")
    PERSISTENT = "persistent", pgettext_lazy("barrier status", "Persistent")
    DROPPED = "dropped", pgettext_lazy("barrier status", "Dropped")

    @classmethod
    def open(cls) -> list[str]:
        """Statuses where the barrier still stands in the way and work on it goes on."""
        return [cls.IDENTIFIED, cls.BEING_ADDRESSED, cls.PERSISTENT]

    @classmethod
    def ending_constraints(cls) -> list[str]:
        """Statuses that end the barrier's job constraints (unless a constraint is kept)."""
        return [cls.LIFTED, cls.DROPPED]


# Which status may follow which. "Persistent" can be worked on again; an ended barrier reopens
# as "being addressed" when it comes back.
TRANSITIONS: dict[str, list[str]] = {
    BarrierStatus.IDENTIFIED: [
        BarrierStatus.BEING_ADDRESSED,
        BarrierStatus.LIFTED,
        BarrierStatus.PERSISTENT,
        BarrierStatus.DROPPED,
    ],
    BarrierStatus.BEING_ADDRESSED: [BarrierStatus.LIFTED, BarrierStatus.PERSISTENT, BarrierStatus.DROPPED],
    BarrierStatus.PERSISTENT: [BarrierStatus.BEING_ADDRESSED, BarrierStatus.LIFTED, BarrierStatus.DROPPED],
    BarrierStatus.LIFTED: [BarrierStatus.BEING_ADDRESSED],
    BarrierStatus.DROPPED: [BarrierStatus.BEING_ADDRESSED],
}


class ConstraintKind(models.TextChoices):
    """What a job must respect for this person; matching uses it without knowing why."""

    NO_NIGHT_WORK = "no_night_work", _("No night work")
    NO_SHIFT_WORK = "no_shift_work", _("No shift work (2x8, 3x8)")
    NO_WEEKEND = "no_weekend", _("No weekend work")
    HOURS_WINDOW = "hours_window", _("Only within set hours")
    PART_TIME_ONLY = "part_time_only", _("Part time only")
    MAX_COMMUTE = "max_commute", _("Maximum commute")
    NO_HEAVY_LOADS = "no_heavy_loads", _("No heavy loads")
    NO_PROLONGED_STANDING = "no_prolonged_standing", _("No prolonged standing")


class CommuteMeans(models.TextChoices):
    ON_FOOT = "on_foot", _("On foot")
    BIKE = "bike", _("Bike")
    PUBLIC_TRANSPORT = "public_transport", _("Public transport")
    CAR = "car", _("Car")
