from django.db import models
from django.utils.translation import gettext_lazy as _


class FunderKind(models.TextChoices):
    DEPARTEMENT = "departement", _("Département (RSA)")
    FRANCE_TRAVAIL = "france_travail", "France Travail"
    REGION = "region", _("Région")
    STATE = "state", _("State (DREETS)")
    FSE_PLUS = "fse_plus", "FSE+"
    PLIE = "plie", "PLIE"
    MUNICIPALITY = "municipality", _("Municipality or inter-municipality")
    OTHER = "other", _("Other funder")


class TargetPublic(models.TextChoices):
    """Who an agreement is for: each criterion can be checked against the participant's data
    (chemin/agreements/eligibility.py says how)."""

    RSA = "rsa", _("RSA recipients")
    UNDER_26 = "under_26", _("Under 26")
    OVER_50 = "over_50", _("50 and over")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Job seekers for 12 months or more")
    QPV = "qpv", _("QPV residents")
    RQTH = "rqth", _("Recognised disabled workers (RQTH)")
    LOW_QUALIFICATION = "low_qualification", _("Level 3 (CAP, BEP) or below")


class IaeStructureKind(models.TextChoices):
    """Types of structure of the insertion par l'activité économique (Code du travail, L5132-1 s.).

    ``level_2_needed``: how many level-2 criteria a structure's own diagnosis needs when the person
    meets no level-1 criterion — the rule of data/taxonomies/iae_criteres_eligibilite.json
    ("regles.structure_iae", national IAE platform): 2 for an AI or an ETTI, 3 for an ACI, an EI or
    an EITI. tests/agreements/test_iae.py checks the two agree.
    """

    ACI = "aci", _("ACI (workshop and work site for insertion)")
    EI = "ei", _("EI (insertion company)")
    ETTI = "etti", _("ETTI (temporary work company for insertion)")
    AI = "ai", _("AI (intermediary association)")
    EITI = "eiti", _("EITI (independent work insertion company)")

    @property
    def level_2_needed(self) -> int:
        return 2 if self in {IaeStructureKind.AI, IaeStructureKind.ETTI} else 3
