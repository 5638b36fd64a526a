"""Exports built by the background worker (`python manage.py db_worker`), never in a request."""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from chemin.reporting.enums import ExportKind, ExportStatus
from chemin.reporting.exports import XLSX_CONTENT_TYPE, indicators_xlsx
from chemin.reporting.forms import ReportForm
from chemin.reporting.indicators import report
from chemin.reporting.models import ExportJob

logger = logging.getLogger(__name__)


def _progress(job: ExportJob, percent: int, **fields) -> None:
    fields = {"progress": percent, "updated_at": timezone.now(), **fields}
    ExportJob.objects.filter(pk=job.pk).update(**fields)


@task()
def build_export(job_id: int) -> str:
    """Build the job's file. The scope is checked again against the owner's rights as they are
    now: someone who lost a territory since asking gets an error, never its people."""
    job = ExportJob.objects.select_related("user").defer("content").get(pk=job_id)
    if job.is_finished:
        return "skipped: finished"
    _progress(job, 5, status=ExportStatus.RUNNING)
    try:
        form = ReportForm(dict(job.parameters), user=job.user)
        if not form.is_valid():
            raise PermissionError("scope or period no longer allowed")
        figures = report(form.scope, form.start, form.end)
        _progress(job, 50)
        if job.kind == ExportKind.REPORT_PDF:
            from chemin.reporting.pdf import render_report_pdf, report_filename

            content = render_report_pdf(form.choice, figures)
            filename, content_type = report_filename(form.choice, figures), "application/pdf"
        else:
            content = indicators_xlsx(figures, title=form.choice.label)
            filename = f"indicateurs-{form.start:%Y%m%d}-{form.end:%Y%m%d}.xlsx"
            content_type = XLSX_CONTENT_TYPE
    except Exception as error:
        logger.exception("export job %s failed", job.pk)
        _progress(
            job, 100, status=ExportStatus.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
        return "failed"
    _progress(
        job,
        100,
        status=ExportStatus.DONE,
        content=content,
        filename=filename,
        content_type=content_type,
        finished_at=timezone.now(),
    )
    logger.info("export job %s done (%s bytes)", job.pk, len(content))
    return "done"
