from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """What a document attached to a participant file is; who may read it depends on it (see
    chemin/documents/access.py): business developers read CVs only, identity documents are the
    referent's and managers' only."""

    CV = "cv", _("CV")
    IDENTITY = "identity", _("Identity document")
    # A signed agreement about the person: immersion (PMSMP), training, engagement contract…
    AGREEMENT = "agreement", _("Agreement")
    CERTIFICATE = "certificate", _("Certificate or diploma")
    OTHER = "other", _("Other")
