"""CSV and XLSX of the indicator table and of the people behind a figure.

A people list holds only what anyone allowed to see the figure may see: names, territory,
referent, entry date, the figure's date and category. Never a barrier's detail, a note or contact
data. CSV files use ";" and a UTF-8 byte order mark, which French spreadsheet software expects.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from chemin.reporting.indicators import Figure, Indicator, Report, Unit, format_value

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _value(figure: Figure) -> Any:
    return figure.value if figure.value is not None else ""


def indicator_header() -> list[str]:
    return [
        _("Section"),
        _("Indicator"),
        _("Value"),
        _("Unit"),
        _("Numerator"),
        _("Denominator"),
        _("Target"),
        _("Gap to target"),
        _("Definition"),
    ]


def indicator_rows(report: Report) -> list[list[Any]]:
    """One row per figure, then one per line of its breakdown ("  Category", value)."""
    rows: list[list[Any]] = []
    for section, figures in report.sections:
        for figure in figures:
            indicator = figure.indicator
            rows.append(
                [
                    str(section.label),
                    str(indicator.label),
                    _value(figure),
                    str(Unit(indicator.unit).label),
                    figure.numerator if figure.numerator is not None else "",
                    figure.denominator if figure.denominator is not None else "",
                    figure.target if figure.target is not None else "",
                    figure.gap if figure.gap is not None else "",
                    str(indicator.definition),
                ]
            )
            for line in figure.breakdown:
                rows.append(
                    [
                        str(section.label),
                        f"{indicator.label} — {line.label}",
                        line.value,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                    ]
                )
    return rows


def month_rows(report: Report) -> list[list[Any]]:
    return [[row.month, row.entries, row.exits] for row in report.months]


def people_header(indicator: Indicator, with_category: bool) -> list[str]:
    header = [_("Last name"), _("First name"), _("Territory"), _("Referent counsellor"), _("Entry date")]
    header.append(str(indicator.detail_label))
    if with_category:
        header.append(_("Category"))
    return header


def people_rows(pathways: Iterable, labels: dict[str, str] | None) -> Iterable[list[Any]]:
    for pathway in pathways:
        row = [
            pathway.participant.last_name,
            pathway.participant.first_name,
            pathway.territory.name,
            pathway.referent.get_full_name(),
            pathway.entry_date,
            getattr(pathway, "detail_date", None),
        ]
        if labels is not None:
            key = getattr(pathway, "detail_key", "")
            row.append(labels.get(key, key))
        yield row


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return format_value(value, "count")
    return value


def to_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet(
    workbook: Workbook, title: str, header: list[str], rows: Iterable[list[Any]], *, first: bool = False
):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(name)) for name in header]
    for row in rows:
        sheet.append(row)
        for index, cell in enumerate(row):
            if isinstance(cell, datetime.date):
                sheet.cell(row=sheet.max_row, column=index + 1).number_format = "DD/MM/YYYY"
            widths[index] = min(max(widths[index], len(str(cell)) if cell is not None else 0), 60)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return sheet


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def indicators_xlsx(report: Report, *, title: str) -> bytes:
    """The indicator table, the months, and a sheet naming the scope and period."""
    workbook = Workbook()
    _sheet(workbook, _("Indicators"), indicator_header(), indicator_rows(report), first=True)
    _sheet(workbook, _("Per month"), [_("Month"), _("Entries"), _("Exits")], month_rows(report))
    _sheet(
        workbook,
        _("About"),
        [_("Scope"), _("From"), _("To"), _("Retention judged on")],
        [[title, report.start, report.end, report.as_of]],
    )
    return _bytes(workbook)


def people_xlsx(indicator: Indicator, header: list[str], rows: Iterable[list[Any]]) -> bytes:
    workbook = Workbook()
    _sheet(workbook, str(indicator.label), header, rows, first=True)
    return _bytes(workbook)
