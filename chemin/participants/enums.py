from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IncomeSupport(models.TextChoices):
    """Minimum income the person receives (CAF / France Travail benefits)."""

    NONE = "none", pgettext_lazy("income support", "None")
    RSA = "rsa", "RSA"
    ASS = "ass", "ASS"
    ARE = "are", "ARE"
    AAH = "aah", "AAH"


class EducationLevel(models.TextChoices):
    """Qualification level, French nomenclature of diplomas (décret n° 2019-14 du 8 janvier 2019)."""

    INFRA_3 = "infra_3", _("Below level 3 (no diploma)")
    LEVEL_3 = "3", _("Level 3 (CAP, BEP)")
    LEVEL_4 = "4", _("Level 4 (baccalauréat)")
    LEVEL_5_PLUS = "5_plus", _("Level 5 or above (bac+2 and higher)")


class LastContactFilter(models.TextChoices):
    """Caseload filter on the last contact (DESIGN.md §5.5: the "not seen for 30 days" alert)."""

    NOT_SEEN_30 = "30", _("Not seen for 30 days or more")
    NOT_SEEN_60 = "60", _("Not seen for 60 days or more")
    NOT_SEEN_90 = "90", _("Not seen for 90 days or more")
    NEVER = "never", _("No contact recorded yet")


class CaseloadSort(models.TextChoices):
    NAME = "name", _("Name")
    ENTRY = "entry", _("Entry date, newest first")
    LAST_CONTACT = "contact", _("Last contact, oldest first")
