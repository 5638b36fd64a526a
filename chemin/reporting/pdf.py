"""The funder-ready PDF report, printed by WeasyPrint: the organisation's name, the agreement
(reference, funder, territories), the period, every figure against its target, the charts, and
the definitions in an annex.

Nothing is fetched while printing: the stylesheet is in the template and the charts are inline
SVG; the URL fetcher refuses every address (chemin/portfolio/cv.py's local-only fetcher, with no
folder allowed).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from chemin.portfolio.cv import LocalOnlyURLFetcher
from chemin.reporting.charts import dashboard_charts
from chemin.reporting.indicators import INDICATORS, Report

if TYPE_CHECKING:
    from chemin.reporting.forms import ScopeChoice

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def report_filename(choice: ScopeChoice, report: Report) -> str:
    name = choice.agreement.reference if choice.agreement else choice.value
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)
    return f"rapport-{safe}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.pdf"


def render_report_pdf(choice: ScopeChoice, report: Report) -> bytes:
    html = render_to_string(
        "reporting/pdf/report.html",
        {
            "organisation_name": settings.ORGANISATION_NAME,
            "choice": choice,
            "agreement": choice.agreement,
            "report": report,
            "charts": dashboard_charts(report),
            "indicators": INDICATORS.values(),
            "printed_on": timezone.localdate(),
        },
    )
    return HTML(string=html, url_fetcher=LocalOnlyURLFetcher([])).write_pdf()
