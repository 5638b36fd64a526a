from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadKind(models.TextChoices):
    """What a recorded read showed (chemin/audit/reads.py maps each URL name to one)."""

    PARTICIPANT_FILE = "participant_file", _("Participant file")
    RESTRICTED_NOTES = "restricted_notes", _("Restricted notes")
    EXPORT = "export", _("Export")
    DOCUMENT = "document", _("Document")
    PEOPLE_LIST = "people_list", _("List of people")
