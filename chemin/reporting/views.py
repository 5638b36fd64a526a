"""Indicators: the dashboard, the people behind a figure, the exports and the background jobs.

Managers and admins of a territory (and superusers) only; anyone else gets a 403 on the dashboard
(chemin/reporting/access.py says why). A scope outside the user's territories is not one of the
form's choices: a field error on the dashboard, a 404 on the drill-down and the exports. A job is
its owner's alone (anyone else gets a 404), and only while they may still report: someone who
is no longer a manager gets a 403 on their old exports too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from chemin.core.http import is_id
from chemin.reporting.access import can_report
from chemin.reporting.charts import dashboard_charts
from chemin.reporting.enums import ExportKind
from chemin.reporting.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    indicator_header,
    indicator_rows,
    indicators_xlsx,
    people_header,
    people_rows,
    people_xlsx,
    to_csv,
)
from chemin.reporting.forms import ReportForm
from chemin.reporting.indicators import INDICATORS, Indicator, people_behind, report
from chemin.reporting.models import ExportJob
from chemin.reporting.tasks import build_export

PAGE_SIZE = 50
FORMATS = {"csv", "xlsx"}


def _form(request: HttpRequest, data=None) -> ReportForm:
    if not can_report(request.user):
        raise PermissionDenied
    return ReportForm(
        request.GET if data is None else data,
        user=request.user,
        current_territory=request.territories.current,
    )


def _valid_form_or_404(request: HttpRequest) -> ReportForm:
    form = _form(request)
    if not form.is_valid():
        raise Http404
    return form


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _period_slug(form: ReportForm) -> str:
    return f"{form.start:%Y%m%d}-{form.end:%Y%m%d}"


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context: dict = {"form": form}
    if form.is_valid():
        figures = report(form.scope, form.start, form.end)
        query = urlencode(form.query())
        context.update(
            report=figures,
            choice=form.choice,
            query=query,
            charts=dashboard_charts(figures),
        )
    return render(request, "reporting/dashboard.html", context)


def _indicator_or_404(code: str | None) -> Indicator:
    indicator = INDICATORS.get(code or "")
    if indicator is None or indicator.people is None:
        raise Http404
    return indicator


def _breakdown_labels(indicator: Indicator, form: ReportForm) -> dict[str, str] | None:
    """The labels of the figure's categories, for the list's category column (None: no column)."""
    if indicator.code in {
        "exits",
        "exit_to_employment_rate",
        "durable_employment_rate",
        "favourable_exit_rate",
    }:
        from chemin.exits.enums import ExitCategory

        return {value: str(label) for value, label in ExitCategory.choices}
    if indicator.code == "contract_starts":
        from chemin.employments.enums import ContractType

        return {value: str(label) for value, label in ContractType.choices}
    if indicator.code == "partner_referrals":
        from chemin.partners.enums import ReferralStatus

        return {value: str(label) for value, label in ReferralStatus.choices}
    return None


def _people(request: HttpRequest, form: ReportForm, indicator: Indicator, key: str):
    return people_behind(form.scope, form.start, form.end, indicator.code, user=request.user, key=key or None)


@require_GET
def people(request: HttpRequest) -> HttpResponse:
    form = _valid_form_or_404(request)
    indicator = _indicator_or_404(request.GET.get("indicateur"))
    key = request.GET.get("cle", "")
    key_label = _breakdown_key_label(indicator, key)
    pathways = _people(request, form, indicator, key)
    page = Paginator(pathways, PAGE_SIZE).get_page(request.GET.get("page"))
    if key and not key_label and page.object_list:
        key_label = page.object_list[0].referent.get_full_name()  # a counsellor's caseload
    query = form.query() | {"indicateur": indicator.code} | ({"cle": key} if key else {})
    return render(
        request,
        "reporting/people.html",
        {
            "form": form,
            "choice": form.choice,
            "indicator": indicator,
            "key": key,
            "key_label": key_label,
            "page": page,
            "labels": _breakdown_labels(indicator, form),
            "query": urlencode(query),
            "dashboard_query": urlencode(form.query()),
        },
    )


def _breakdown_key_label(indicator: Indicator, key: str) -> str:
    """The label of a breakdown line, from its choices; a counsellor's from the list itself."""
    if not key:
        return ""
    if indicator.code == "active_caseload":
        if not is_id(key):
            raise Http404
        return ""
    choices = _choices_for(indicator)
    if choices is None:
        raise Http404
    if key not in choices:
        raise Http404
    return choices[key]


def _choices_for(indicator: Indicator) -> dict[str, str] | None:
    from chemin.barriers.enums import BarrierCategory
    from chemin.employments.enums import ContractType
    from chemin.exits.enums import ExitCategory
    from chemin.partners.enums import ReferralStatus

    by_code = {
        "exits": ExitCategory,
        "contract_starts": ContractType,
        "barriers_raised": BarrierCategory,
        "barriers_lifted": BarrierCategory,
        "partner_referrals": ReferralStatus,
    }
    if indicator.code in by_code:
        return {value: str(label) for value, label in by_code[indicator.code].choices}
    return None


@require_GET
def export_indicators(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form = _valid_form_or_404(request)
    figures = report(form.scope, form.start, form.end)
    filename = f"indicateurs-{_period_slug(form)}.{fmt}"
    if fmt == "csv":
        return _download(to_csv(indicator_header(), indicator_rows(figures)), filename, CSV_CONTENT_TYPE)
    return _download(indicators_xlsx(figures, title=form.choice.label), filename, XLSX_CONTENT_TYPE)


@require_GET
def export_people(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    form = _valid_form_or_404(request)
    indicator = _indicator_or_404(request.GET.get("indicateur"))
    key = request.GET.get("cle", "")
    _breakdown_key_label(indicator, key)
    labels = _breakdown_labels(indicator, form)
    header = people_header(indicator, labels is not None)
    rows = people_rows(_people(request, form, indicator, key).iterator(chunk_size=500), labels)
    filename = f"personnes-{indicator.code}-{_period_slug(form)}.{fmt}"
    if fmt == "csv":
        return _download(to_csv(header, rows), filename, CSV_CONTENT_TYPE)
    return _download(people_xlsx(indicator, header, rows), filename, XLSX_CONTENT_TYPE)


@require_POST
def export_job_create(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST)
    kind = request.POST.get("kind")
    if not form.is_valid() or kind not in ExportKind.values:
        raise Http404
    with transaction.atomic():
        job = ExportJob.objects.create(user=request.user, kind=kind, parameters=form.query())
        build_export.enqueue(job.pk)
    return redirect("reporting:job", pk=job.pk)


def _job_or_404(request: HttpRequest, pk: int) -> ExportJob:
    if not can_report(request.user):
        raise PermissionDenied
    return get_object_or_404(ExportJob.objects.owned_by(request.user).defer("content"), pk=pk)


@require_GET
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    template = "reporting/includes/job_status.html" if request.htmx else "reporting/job.html"
    return render(
        request,
        template,
        {"job": job, "dashboard_url": reverse("reporting:dashboard") + "?" + urlencode(job.parameters)},
    )


@require_GET
def export_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_report(request.user):
        raise PermissionDenied
    job = get_object_or_404(ExportJob.objects.owned_by(request.user), pk=pk)
    if not job.is_ready:
        raise Http404
    return _download(bytes(job.content), job.filename, job.content_type)
