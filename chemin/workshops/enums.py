from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class WorkshopTheme(models.TextChoices):
    """What a collective workshop works on (DESIGN.md §1: remobilisation, confidence…).

    Labels carry a context: other apps translate "Digital skills" (a barrier) differently.
    """

    REMOBILISATION = "remobilisation", pgettext_lazy("workshop theme", "Remobilisation")
    CONFIDENCE = "confidence", pgettext_lazy("workshop theme", "Confidence and self-esteem")
    JOB_SEARCH = "job_search", pgettext_lazy("workshop theme", "CV and job search")
    DIGITAL_SKILLS = "digital_skills", pgettext_lazy("workshop theme", "Digital skills")
    INFORMATION_SESSION = "information_session", pgettext_lazy("workshop theme", "Information session")
    OTHER = "other", pgettext_lazy("workshop theme", "Other")


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("workshop status", "Planned")
    HELD = "held", pgettext_lazy("workshop status", "Held")
    CANCELLED = "cancelled", pgettext_lazy("workshop status", "Cancelled")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    CANCELLED = "cancelled", _("Registration cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not recorded")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")

    @classmethod
    def recordable(cls) -> list[tuple[str, str]]:
        """What a counsellor may tick for each registered person."""
        return [(value, label) for value, label in cls.choices if value != cls.UNKNOWN]
