"""The geometry of a criterion's progress chart: one horizontal bar per office, its rate against
the threshold (a line for a flat threshold, a mark per office for caseload tiers). The template
draws it as inline SVG with presentation attributes only (the CSP forbids style attributes)."""

import math
from dataclasses import dataclass, field

from app.web.campaigns.models import CriterionProgress, short_unit_name
from app.web.formatting import percent
from app.web.i18n import gettext

WIDTH = 900
LABEL_X = 190  # labels end here (right-aligned)
PLOT_X = 200
PLOT_RIGHT = WIDTH - 100  # room for the value after the longest bar
TOP = 44
ROW = 30
BAR = 18
LABEL_CHARS = 26

MET = "#2e7d4f"
NOT_MET = "#d9822b"
TARGET = "#a4161a"
GRID = "#d9dee5"
INK = "#1d2430"
MUTED = "#5b6472"


@dataclass
class Bar:
    label: str
    full_name: str
    y: float
    width: float
    fill: str
    value: str
    value_x: float
    status: str
    approved: bool
    target_x: float | None = None
    note: str | None = None


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class LegendItem:
    x: float
    label: str
    kind: str  # "met", "not_met", "target", "tier_target", "unapproved"


@dataclass
class Chart:
    width: int
    height: int
    plot_x: int
    plot_right: int
    top: int
    bottom: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    target_x: float | None = None
    target_label: str = ""
    legend: list[LegendItem] = field(default_factory=list)
    legend_y: float = 0
    colours: dict[str, str] = field(default_factory=dict)


def _scale_max(values: list[float]) -> float:
    """0 → the next ten above the largest rate or threshold (at most 100 unless a rate is)."""
    top = max([*values, 10.0])
    ceiling = math.ceil((top + 4) / 10) * 10
    return float(min(ceiling, max(100, math.ceil(top / 10) * 10)))


def _label(name: str) -> str:
    short = short_unit_name(name)
    return short if len(short) <= LABEL_CHARS else short[: LABEL_CHARS - 1] + "…"


def build_chart(progress: CriterionProgress) -> Chart:
    criterion = progress.criterion
    items = progress.items
    values = [i.rate for i in items if i.rate is not None]
    values += [i.threshold for i in items if i.threshold is not None]
    if criterion.threshold is not None:
        values.append(criterion.threshold)
    top_value = _scale_max(values)
    span = PLOT_RIGHT - PLOT_X

    def x_of(value: float) -> float:
        return PLOT_X + span * max(0.0, min(value, top_value)) / top_value

    tiered = bool(criterion.tiers)
    top = TOP if not tiered else TOP - 26  # room for the threshold's label above a flat line
    bottom = top + ROW * max(len(items), 1)
    chart = Chart(
        width=WIDTH,
        height=int(bottom + 62),
        plot_x=PLOT_X,
        plot_right=PLOT_RIGHT,
        top=top,
        bottom=bottom,
        colours={
            "met": MET,
            "not_met": NOT_MET,
            "target": TARGET,
            "grid": GRID,
            "ink": INK,
            "muted": MUTED,
        },
    )
    step = 10 if top_value <= 50 else 20
    chart.ticks = [Tick(x_of(v), percent(v, 0)) for v in range(0, int(top_value) + 1, step)]
    if not tiered and criterion.threshold is not None:
        chart.target_x = x_of(criterion.threshold)
        chart.target_label = gettext("Threshold ≥ %(value)s", value=percent(criterion.threshold))
    unapproved = False
    for index, item in enumerate(items):
        y = top + ROW * index + (ROW - BAR) / 2
        bar = Bar(
            label=_label(item.unit.name),
            full_name=item.unit.name,
            y=y,
            width=0,
            fill=MET if item.status == "met" else NOT_MET,
            value="",
            value_x=PLOT_X + 6,
            status=item.status,
            approved=item.approved,
        )
        if item.rate is None:
            bar.note = gettext("not reported")
        else:
            bar.width = max(x_of(item.rate) - PLOT_X, 1.5)
            bar.value = percent(item.rate)
            bar.value_x = PLOT_X + bar.width + 6
            if not item.approved:
                unapproved = True
        if tiered and item.threshold is not None:
            bar.target_x = x_of(item.threshold)
        chart.bars.append(bar)
    legend: list[tuple[str, str]] = [
        ("met", gettext("Met")),
        ("not_met", gettext("Not met")),
        (
            "tier_target" if tiered else "target",
            gettext("Threshold for the office's caseload") if tiered else gettext("Threshold"),
        ),
    ]
    if unapproved:
        legend.append(("unapproved", gettext("Not yet approved (preview)")))
    x = float(PLOT_X)
    for kind, text in legend:
        chart.legend.append(LegendItem(x=x, label=text, kind=kind))
        x += 26 + 7.2 * len(text) + 22
    chart.legend_y = bottom + 44
    return chart
