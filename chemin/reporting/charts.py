"""Bar charts drawn on the server as inline SVG: no JavaScript, nothing fetched, the same drawing on
screen and in the PDF. Each chart comes with its data table (templates/reporting/includes/chart.html).

Colours are presentation attributes (not CSS) so WeasyPrint paints them too; both bar colours
have a contrast of at least 3:1 on white (WCAG 1.4.11), and the legend names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from chemin.reporting.indicators import BreakdownRow, MonthRow

COLOURS = ("#1f4e79", "#a34a00")
TEXT_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    colour: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass
class Chart:
    """One chart: its drawing (``bars``, ``labels``) and its data table (``columns``, ``rows``)."""

    slug: str
    title: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[tuple[str, str, float]] = field(default_factory=list)  # colour, name, x
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[int]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(value for _label, values in self.rows for value in values)


def _scale(maximum: int, room: float) -> float:
    return room / maximum if maximum else 0


def monthly_chart(months: list[MonthRow]) -> Chart:
    """Entries and exits per month, side by side."""
    series = [str(_("Entries")), str(_("Exits"))]
    group, bar, left, top, bottom = 44, 16, 8, 28, 40
    width = max(320, left * 2 + group * len(months))
    height = 220
    chart = Chart(
        slug="months",
        title=str(_("Entries and exits per month")),
        width=width,
        height=height,
        columns=[str(_("Month")), *series],
    )
    maximum = max([max(row.entries, row.exits) for row in months] or [0])
    scale = _scale(maximum, height - top - bottom)
    for index, row in enumerate(months):
        month_label = formats.date_format(row.month, "M")
        chart.rows.append((formats.date_format(row.month, "F Y"), [row.entries, row.exits]))
        x0 = left + index * group + (group - 2 * bar) / 2
        for offset, value in enumerate((row.entries, row.exits)):
            bar_height = value * scale
            x = x0 + offset * bar
            y = height - bottom - bar_height
            chart.bars.append(
                Bar(x, y, bar - 2, bar_height, value, COLOURS[offset], x + (bar - 2) / 2, y - 4)
            )
        centre = left + index * group + group / 2
        chart.labels.append(Label(centre, height - bottom + 16, month_label))
        if index == 0 or row.month.month == 1:
            chart.labels.append(Label(centre, height - bottom + 31, str(row.month.year)))
    chart.legend = [(COLOURS[i], name, 8 + i * 120) for i, name in enumerate(series)]
    return chart


def breakdown_chart(slug: str, title: str, column: str, rows: tuple[BreakdownRow, ...]) -> Chart:
    """One horizontal bar per line of a breakdown (exits by category, barriers by category…)."""
    line, label_width, right = 26, 290, 40
    width = 620
    height = max(line * len(rows) + 10, 40)
    chart = Chart(
        slug=slug,
        title=title,
        width=width,
        height=height,
        columns=[column, str(_("Number"))],
    )
    maximum = max([row.value for row in rows] or [0])
    scale = _scale(maximum, width - label_width - right)
    for index, row in enumerate(rows):
        y = 5 + index * line
        bar_width = row.value * scale
        chart.rows.append((row.label, [row.value]))
        chart.labels.append(Label(label_width - 6, y + 15, row.label))
        chart.bars.append(
            Bar(
                label_width,
                y + 3,
                bar_width,
                line - 8,
                row.value,
                COLOURS[0],
                label_width + bar_width + 4,
                y + 15,
            )
        )
    return chart


def dashboard_charts(report) -> list[Chart]:
    exits = report["exits"]
    raised = report["barriers_raised"]
    return [
        monthly_chart(report.months),
        breakdown_chart(
            "exits", str(_("Exits by category")), str(exits.indicator.breakdown_label), exits.breakdown
        ),
        breakdown_chart(
            "barriers",
            str(_("Barriers raised by category")),
            str(raised.indicator.breakdown_label),
            raised.breakdown,
        ),
    ]
