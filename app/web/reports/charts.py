"""Rankings of the offices (a horizontal bar chart of both rates with the targets, beside the
table) and a unit's quarterly trend (a line chart against its targets, with the table).

Charts are inline SVG drawn here with attributes only (the CSP allows no inline style); the
geometry is plain arithmetic on the API's rates."""

import asyncio
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.deps import ApiDep, CurrentUser
from app.web.formatting import percent
from app.web.forms import digits
from app.web.i18n import gettext
from app.web.reports import client as reports_client
from app.web.reports import common as fig
from app.web.reports.common import period_code, short_unit_name
from app.web.reports.models import Indicator, Period, Ranking, TrendPoint
from app.web.templating import render

router = APIRouter()

SERIES_CLASSES = ("s-cases", "s-money", "s-third", "s-fourth")
MAX_CHART_ROWS = 60
LABEL_CHARS = 22


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _domain(values: list[float]) -> float:
    """0 to 100 %, or further when a rate goes beyond (in tens)."""
    top = max([100.0, *values])
    return float(math.ceil(top / 10) * 10)


# ---- the ranking's bar chart ---------------------------------------------------------------


@dataclass
class Bar:
    series: str
    x: float
    y: float
    width: float
    height: float
    value: float | None
    text: str


@dataclass
class TargetMark:
    series: str
    x: float
    y1: float
    y2: float


@dataclass
class BarRow:
    y: float
    label: str
    name: str
    approved: bool
    bars: list[Bar] = field(default_factory=list)
    marks: list[TargetMark] = field(default_factory=list)


@dataclass
class Legend:
    """One row of the legend: a series and, when it has one, its target."""

    series: str
    text: str
    target: str | None = None

    @property
    def target_x(self) -> float:
        return round(24 + len(self.text) * 6.9 + 18, 1)


@dataclass
class BarChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    ticks: list[tuple[float, str]]
    rows: list[BarRow]
    lines: list[tuple[str, float, str]]  # series, x, label: a target shared by every row
    legend: list[Legend]
    hidden: int = 0


def bar_chart(ranking: Ranking, indicators: list[Indicator]) -> BarChart:
    codes = [i.code for i in indicators]
    names = {i.code: i.name for i in indicators}
    series = {code: SERIES_CLASSES[n % len(SERIES_CLASSES)] for n, code in enumerate(codes)}
    shown = ranking.items[:MAX_CHART_ROWS]
    bar_h, gap, pad = 13.0, 3.0, 13.0
    row_h = len(codes) * bar_h + (len(codes) - 1) * gap + pad
    left, right = 150.0, 482.0
    top = 26.0 + 20 * len(codes) + 18
    bottom = top + row_h * len(shown)
    width, height = 560, int(bottom + 30)
    values = [v for item in shown for v in item.indicators.values() if v is not None]
    values += [v for item in shown for v in item.targets.values() if v is not None]
    domain = _domain(values)

    def x_of(value: float) -> float:
        return round(left + (right - left) * value / domain, 1)

    rows = []
    for n, item in enumerate(shown):
        y = top + n * row_h + pad / 2
        row = BarRow(
            y=y,
            label=_clip(f"{item.rank}. {short_unit_name(item.unit.name)}", LABEL_CHARS),
            name=item.unit.name,
            approved=item.approved,
        )
        for k, code in enumerate(codes):
            value = item.indicators.get(code)
            by = y + k * (bar_h + gap)
            text = percent(value) if value is not None else "—"
            length = x_of(value) - left if value else 0.0
            row.bars.append(Bar(series[code], left, by, length, bar_h, value, text))
            target = item.targets.get(code)
            if target is not None:
                row.marks.append(TargetMark(series[code], x_of(target), by - 2, by + bar_h + 2))
        rows.append(row)
    lines = []
    legend = []
    for code in codes:
        goals = {item.targets.get(code) for item in shown}
        text = None
        if len(goals) == 1 and None not in goals:
            goal = goals.pop()
            assert goal is not None
            text = gettext("Target %(value)s", value=percent(goal))
            lines.append((series[code], x_of(goal), percent(goal)))
        elif goals - {None}:
            text = gettext("Target of each office")
        legend.append(Legend(series[code], names[code], text))
    step = 20 if domain <= 100 else 25
    ticks = [(x_of(v), percent(v, 0)) for v in range(0, int(domain) + 1, step)]
    return BarChart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        ticks,
        rows,
        lines,
        legend,
        hidden=len(ranking.items) - len(shown),
    )


def as_of_param(raw: str | None) -> date | None:
    """The day of the date picker (ISO, as <input type=date> sends it); empty or unreadable:
    none, and the API names the offices as of the period's end."""
    try:
        return date.fromisoformat((raw or "").strip()[:10])
    except ValueError:
        return None


def _ranking_period(periods: list[Period], asked: str | None) -> Period | None:
    if asked:
        return next((p for p in periods if p.code == asked), None)
    closed = [p for p in periods if not p.is_open]
    pool = closed or periods
    return max(pool, key=lambda p: p.sort_key) if pool else None


@router.get("/rankings")
async def rankings(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    preview = params.get("preview") in ("1", "true", "on")
    parent_id = digits(params.get("parent_id"))
    as_of = as_of_param(params.get("as_of"))
    periods, indicators = await asyncio.gather(
        reports_client.periods(api), reports_client.indicators(api)
    )
    period = _ranking_period(periods, period_code(params.get("period")))
    context: dict[str, Any] = {
        "periods": periods,
        "period": period,
        "preview": preview,
        "parent_id": parent_id,
        "as_of": as_of,
        "indicators": indicators,
        "ranking": None,
        "chart": None,
        "fig": fig,
        "own_office_only": False,
    }
    if period is not None:
        ranking = await reports_client.ranking(
            api, period.code, preview=preview, parent_id=parent_id, as_of=as_of
        )
        context["ranking"] = ranking
        context["chart"] = bar_chart(ranking, indicators) if ranking.items else None
        context["own_office_only"] = ranking.ranked > len(ranking.items) or (
            # an office that reports figures sees only its own row of a wider ranking
            not ranking.items and ranking.parent.id != me.unit.id and me.unit.reports_figures
        )
    return render(request, "reports/rankings.html", context, block="ranking")


# ---- a unit's quarterly trend --------------------------------------------------------------


@dataclass
class Point:
    x: float
    y: float
    value: float
    text: str
    above: bool = True  # where its label goes: the upper series above, the lower one below

    @property
    def label_y(self) -> float:
        return round(self.y - 9 if self.above else self.y + 17, 1)


@dataclass
class Line:
    series: str
    name: str
    segments: list[list[Point]]  # one per statistics year: cumulative quarters restart on 01/10

    def path(self, segment: list[Point]) -> str:
        return " ".join(f"{p.x},{p.y}" for p in segment)


@dataclass
class LineChart:
    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    yticks: list[tuple[float, str]]
    xlabels: list[tuple[float, str]]
    years: list[tuple[float, str]]
    lines: list[Line]
    targets: list[tuple[str, float, float, float, str]]  # series, x1, x2, y, label
    legend: list[Legend]
    labelled: bool


def line_chart(reports: list[TrendPoint], indicators: list[Indicator]) -> LineChart:
    ordered = sorted(reports, key=lambda r: r.period)
    codes = [i.code for i in indicators]
    series = {code: SERIES_CLASSES[n % len(SERIES_CLASSES)] for n, code in enumerate(codes)}
    left, right = 48.0, 578.0
    top = 26.0 + 20 * len(codes) + 10
    bottom = top + 200
    width, height = 640, int(bottom + 42)
    values = [v for r in ordered for v in (*r.indicators.values(), *r.targets.values()) if v]
    domain = _domain(values)
    step = (right - left) / max(len(ordered), 1)

    def x_at(n: int) -> float:
        return round(left + step * (n + 0.5), 1)

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * value / domain, 1)

    years: dict[str, list[int]] = {}
    for n, report in enumerate(ordered):
        years.setdefault(report.period[:4], []).append(n)
    highest = [max((v for v in r.indicators.values() if v is not None), default=0) for r in ordered]
    lines = []
    targets = []
    for code, indicator in zip(codes, indicators, strict=True):
        line = Line(series[code], indicator.name, [])
        for positions in years.values():
            segment = []
            for n in positions:
                value = ordered[n].indicators.get(code)
                if value is not None:
                    point = Point(x_at(n), y_of(value), value, percent(value), value >= highest[n])
                    segment.append(point)
            if segment:
                line.segments.append(segment)
            goal = ordered[positions[-1]].targets.get(code)
            if goal is not None:
                x1, x2 = x_at(positions[0]) - step * 0.45, x_at(positions[-1]) + step * 0.45
                targets.append(
                    (series[code], round(x1, 1), round(x2, 1), y_of(goal), percent(goal))
                )
        lines.append(line)
    legend = [
        Legend(series[c], i.name, gettext("Target")) for c, i in zip(codes, indicators, strict=True)
    ]
    yticks = [(y_of(v), percent(v, 0)) for v in range(0, int(domain) + 1, 20)]
    xlabels = [(x_at(n), f"Q{r.period[-1]}") for n, r in enumerate(ordered)]
    year_labels = [
        (round((x_at(p[0]) + x_at(p[-1])) / 2, 1), gettext("Year %(year)s", year=year))
        for year, p in years.items()
    ]
    return LineChart(
        width,
        height,
        left,
        right,
        top,
        bottom,
        yticks,
        xlabels,
        year_labels,
        lines,
        targets,
        legend,
        labelled=len(ordered) <= 12,
    )


@router.get("/units/{unit_id:int}/trend")
async def unit_trend(request: Request, unit_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    """The unit page's section (loaded by htmx): empty when the unit has no figures."""
    found, indicators = await asyncio.gather(
        reports_client.trend(api, unit_id), reports_client.indicators(api)
    )
    if not found.points:
        return Response("", media_type="text/html")
    ordered = sorted(found.points, key=lambda p: p.period)
    context = {
        "points": ordered,
        "unattributed": found.unattributed,
        "indicators": indicators,
        "chart": line_chart(ordered, indicators),
        "unit_id": unit_id,
        "fig": fig,
    }
    return render(request, "reports/_trend.html", context)
