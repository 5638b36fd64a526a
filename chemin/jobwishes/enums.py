from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContractType(models.TextChoices):
    """Contracts a person may accept.

    Source: the contract types of the Code du travail (CDI, CDD, travail temporaire, contrats en
    alternance L6221-1 and L6325-1), of the IAE (CDDI, L5132-11-1), the parcours emploi
    compétences (PEC, CUI-CAE L5134-19-1), as France Travail lists them in job offers.
    """

    CDI = "cdi", _("Permanent contract (CDI)")
    CDD = "cdd", _("Fixed-term contract (CDD)")
    TEMPORARY = "temporary", _("Temporary work (intérim)")
    CDDI = "cddi", _("Inclusion contract (CDDI, IAE)")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    PROFESSIONALISATION = "professionalisation", _("Professionalisation contract")
    PEC = "pec", _("Subsidised contract (PEC)")
    BUSINESS_CREATION = "business_creation", _("Starting a business")
    CIVIL_SERVICE = "civil_service", _("Civil service")


class WorkingHours(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EITHER = "either", _("Full or part time")


class JobWishStatus(models.TextChoices):
    # A context: the French label agrees with "piste" (feminine) and must not clash with others.
    EXPLORING = "exploring", pgettext_lazy("job wish status", "Exploring")
    # Typically after an immersion (PMSMP) or a conclusive interview.
    CONFIRMED = "confirmed", pgettext_lazy("job wish status", "Confirmed")
    SET_ASIDE = "set_aside", pgettext_lazy("job wish status", "Set aside")
