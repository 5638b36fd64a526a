from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    REPORT_PDF = "report_pdf", _("PDF report")
    INDICATORS_XLSX = "indicators_xlsx", _("Indicators workbook (XLSX)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the worker")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
