"""What the figures pages share: typed figures, due dates, the words for attainment. Who may
do what comes from the API (me.permissions, report.allowed_actions), never from here."""

import re
from dataclasses import dataclass, field
from datetime import date

from app.web.client import ApiError
from app.web.formatting import local_today, number
from app.web.forms import api_errors, parse_integer
from app.web.i18n import N_, gettext
from app.web.labels import quarter_label
from app.web.reports.models import Metric, Period, status_label

UNIT_PREFIXES = (
    "Chi cục Thi hành án dân sự ",
    "Chi cục THADS ",
    "Phòng Thi hành án dân sự ",
    "Cục Thi hành án dân sự ",
    "Cục THADS ",
)
SECTIONS = (("viec", N_("On cases")), ("tien", N_("On money (đồng)")))

_PERIOD = re.compile(r"^\d{4}-Q[1-4]$")


def status_name(code: str | None) -> str:
    """For the templates: fig.status_name(code)."""
    return status_label(code)


def period_code(value: str | None) -> str | None:
    return value if value and _PERIOD.match(value) else None


today = local_today  # the office's calendar day (Asia/Ho_Chi_Minh)


def short_unit_name(name: str) -> str:
    """ "Chi cục Thi hành án dân sự huyện Giồng Trôm" → "Huyện Giồng Trôm" (for chart labels)."""
    for prefix in UNIT_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            rest = name[len(prefix) :]
            return rest[0].upper() + rest[1:]
    return name


# ---- typed figures -------------------------------------------------------------------------


def show_figure(value: int | None) -> str:
    return number(value) if value is not None else ""


@dataclass
class Typed:
    """The figures of one form: as typed (put back in the inputs) and as sent to the API."""

    shown: dict[str, str] = field(default_factory=dict)
    values: dict[str, int | str | None] = field(default_factory=dict)

    @classmethod
    def from_form(cls, form: dict[str, str], metrics: list[Metric]) -> "Typed":
        typed = cls()
        for metric in metrics:
            if metric.is_input:
                raw = form.get(metric.code, "")
                typed.shown[metric.code] = raw[:40]
                typed.values[metric.code] = parse_integer(raw)
        return typed

    @classmethod
    def from_values(cls, values: dict[str, int | None], metrics: list[Metric]) -> "Typed":
        typed = cls()
        for metric in metrics:
            if metric.is_input:
                value = values.get(metric.code)
                typed.shown[metric.code] = show_figure(value)
                typed.values[metric.code] = value
        return typed

    def without(self, codes: set[str]) -> dict[str, int | str | None]:
        return {k: v for k, v in self.values.items() if k not in codes}

    @property
    def given(self) -> dict[str, int | str]:
        """Only the values typed (for creating a report)."""
        return {k: v for k, v in self.values.items() if v is not None}


def value_errors(error: ApiError) -> dict[str, str]:
    """The API's messages about figures, keyed by metric code ("values.x" → "x")."""
    found, _others = api_errors(error, nested=("values",))
    return {k.removeprefix("values."): v for k, v in found.items() if k.startswith("values.")}


# ---- due dates and targets -----------------------------------------------------------------


@dataclass(frozen=True)
class DueNote:
    kind: str  # "left", "today", "overdue"
    text: str


def due_note(due_on: date, on: date | None = None) -> DueNote:
    days = (due_on - (on or today())).days
    if days > 1:
        return DueNote("left", gettext("%(days)s days left", days=number(days)))
    if days == 1:
        return DueNote("left", gettext("Due tomorrow"))
    if days == 0:
        return DueNote("today", gettext("Due today"))
    if days == -1:
        return DueNote("overdue", gettext("One day overdue"))
    return DueNote("overdue", gettext("%(days)s days overdue", days=number(-days)))


def attainment_text(points: float | None) -> str:
    """Percentage points against the target, as the press writes it: "vượt 5,41 điểm %"."""
    if points is None:
        return ""
    if points > 0:
        return gettext("%(points)s points above the target", points=number(points, 2))
    if points < 0:
        return gettext("%(points)s points below the target", points=number(-points, 2))
    return gettext("exactly on the target")


def period_label(period: Period) -> str:
    return gettext(
        "%(code)s (%(months)s months, %(start)s – %(end)s)",
        code=quarter_label(period.year, period.quarter),
        months=period.months,
        start=period.starts_on.strftime("%d/%m/%Y"),
        end=period.ends_on.strftime("%d/%m/%Y"),
    )


def newest_open(periods: list[Period]) -> Period | None:
    open_ones = [p for p in periods if p.is_open]
    pool = open_ones or periods
    return max(pool, key=lambda p: p.sort_key) if pool else None
