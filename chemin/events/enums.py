from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """Collective sessions the organisation runs with companies and the people it accompanies."""

    JOB_DATING = "job_dating", _("Job dating")
    FORUM = "forum", _("Job forum")
    COMPANY_VISIT = "company_visit", _("Company visit")
    INFORMATION_SESSION = "information_session", _("Information session")
    COLLECTIVE_WORKSHOP = "collective_workshop", _("Collective workshop")
