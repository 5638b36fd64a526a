"""Exports prepared in the background (chemin/reporting/tasks.py) and downloaded by who asked.

The file is kept in the database (``content``) rather than on disk: it works the same on SQLite
and PostgreSQL, needs no shared media folder between the web server and the worker, and goes
with its job. Reports are small (a PDF of a few pages, a workbook of a few sheets).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chemin.reporting.enums import ExportKind, ExportStatus


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def owned_by(self, user) -> ExportJobQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class ExportJob(models.Model):
    # Only its owner downloads it: an export goes with the account that asked for it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    # The dashboard's query string values: scope, start, end (checked again by the worker).
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    content = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    # The exception class only: a message could quote personal data.
    error = models.CharField(_("error"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "created_at"], name="exportjob_user_created_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="exportjob_progress_max_100"),
            models.CheckConstraint(condition=Q(kind__in=ExportKind.values), name="exportjob_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=ExportStatus.values), name="exportjob_status_valid"
            ),
            # A finished job has its file; only a finished job has one.
            models.CheckConstraint(
                condition=~Q(status=ExportStatus.DONE) | Q(content__isnull=False, finished_at__isnull=False),
                name="exportjob_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}

    @property
    def is_ready(self) -> bool:
        return self.status == ExportStatus.DONE
