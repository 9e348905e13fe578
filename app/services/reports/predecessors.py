"""Figures across a restructuring: a unit's earlier periods, its trend, and the quarters its
predecessors reported.

For a period before a unit existed, its figures are the SUM of its predecessors' input values,
metric by metric (services/succession says which predecessors; a split's share is unknown and
not counted); the derived values and the rates are then computed from the sums with the
catalogue's own formulas. Rates are never averaged: 90 of 100 and 10 of 100 make 100 of 200,
50 %, whatever the two offices' rates were."""

from datetime import date

from pydantic import BaseModel, Field
from sqlmodel import Session, col, func, select

from app.models.periods import Period
from app.models.reports import EarlierValues, PredecessorReport, Report, ReportStatus
from app.models.unit_history import UnitVersion
from app.models.units import Unit, UnitRef
from app.services.reports import evaluation, periods, targets
from app.services.reports.catalogue import Catalogue
from app.services.reports.values import ValuesMap, values_of
from app.services.scope import Actor, authorize, unit_in_scope
from app.services.succession import Coverage, coverage
from app.services.unit_history import refs_on


def named_at_period_end(
    session: Session, keys: list[tuple[int, Period]]
) -> dict[tuple[int, date], UnitRef]:
    """Each report's unit named as of its period's end: one lookup per distinct end."""
    by_end: dict[date, set[int]] = {}
    for unit_id, period in keys:
        by_end.setdefault(period.ends_on, set()).add(unit_id)
    return {
        (unit_id, end): ref
        for end, ids in by_end.items()
        for unit_id, ref in refs_on(session, ids, end).items()
    }


def figures_for(
    session: Session, cat: Catalogue, unit_id: int, period: Period
) -> tuple[ValuesMap | None, Coverage, list[Report]]:
    """The unit's input values of the period: its own report's, or, before it existed, the sum
    of its predecessors' (None when nobody reported); with whose reports were read."""
    cov = coverage(session, unit_id, period.ends_on)
    reports = list(
        session.exec(
            select(Report)
            .where(Report.period_id == period.id, col(Report.unit_id).in_(cov.units))
            .order_by(Report.unit_id)
        ).all()
    )
    if not reports:
        return None, cov, []
    vals = values_of(session, cat, [r.id for r in reports])  # type: ignore[misc]
    summed: ValuesMap = {}
    for report in reports:
        for code, value in vals[report.id].items():  # type: ignore[index]
            summed[code] = summed.get(code, 0) + value
    return summed, cov, reports


def with_predecessors(
    session: Session,
    cat: Catalogue,
    wanted: set[tuple[int, str]],
    found: dict[tuple[int, str], ValuesMap],
) -> dict[tuple[int, str], ValuesMap]:
    """The cross-period rules' earlier values (unit, period code) completed, for the periods
    before a unit existed, with its predecessors' sums: a successor's first report is compared
    with what its predecessors reported. Only units that began after such a period cost a
    lookup."""
    missing = {(u, c) for u, c in wanted if (u, c) not in found}
    if not missing:
        return found
    starts = dict(
        session.exec(
            select(UnitVersion.unit_id, func.min(UnitVersion.valid_from))
            .where(col(UnitVersion.unit_id).in_({u for u, _ in missing}))
            .group_by(UnitVersion.unit_id)
        ).all()
    )
    codes = {c for _, c in missing}
    by_code = {p.code: p for p in session.exec(select(Period).where(col(Period.code).in_(codes)))}
    for unit_id, code in missing:
        period, began = by_code.get(code), starts.get(unit_id)
        if period is None or began is None or began <= period.ends_on:
            continue
        values, _, _ = figures_for(session, cat, unit_id, period)
        if values is not None:
            found[(unit_id, code)] = values
    return found


def earlier_values(session: Session, cat: Catalogue, unit: Unit, period: Period) -> EarlierValues:
    """Beside each field the clerk sees last quarter and the same quarter a year earlier, on the
    report's page and on the blank form alike (one rule: figures add up within a statistics
    year, so a Q1 has no last quarter). Before the unit existed: its predecessors' sums."""
    prev_code = periods.previous_code(period.year, period.quarter)
    prev_year_code = periods.code_for(period.year - 1, period.quarter)
    codes = [c for c in (prev_code, prev_year_code) if c]
    found = session.exec(select(Period).where(col(Period.code).in_(codes))).all()
    earlier: dict[str, ValuesMap | None] = {}
    summed_from: dict[int, UnitRef] = {}
    for p in found:
        values, cov, reports = figures_for(session, cat, unit.id, p)  # type: ignore[arg-type]
        earlier[p.code] = values
        if cov.inherited and reports:
            names = refs_on(session, [r.unit_id for r in reports], p.ends_on)
            summed_from.update({r.unit_id: names[r.unit_id] for r in reports})
    return EarlierValues(
        previous_quarter=earlier.get(prev_code) if prev_code else None,
        same_quarter_last_year=earlier.get(prev_year_code),
        year_end=period.quarter == 4,
        earlier_summed_from=list(summed_from.values()),
    )


def predecessor_reports(
    session: Session, actor: Actor, cat: Catalogue, unit: Unit, period: Period
) -> list[PredecessorReport]:
    """The reports the unit's predecessors made for the earlier quarters of the same statistics
    year (those the caller may see), each with its unit as of that quarter's end."""
    earlier = session.exec(
        select(Period)
        .where(Period.year == period.year, Period.quarter < period.quarter)
        .order_by(Period.quarter)
    ).all()
    out: list[PredecessorReport] = []
    for p in earlier:
        _, cov, reports = figures_for(session, cat, unit.id, p)  # type: ignore[arg-type]
        if not cov.inherited:
            continue
        names = refs_on(session, [r.unit_id for r in reports], p.ends_on)
        paths = dict(
            session.exec(
                select(Unit.id, Unit.path).where(col(Unit.id).in_([r.unit_id for r in reports]))
            ).all()
        )
        vals = values_of(session, cat, [r.id for r in reports])  # type: ignore[misc]
        out += [
            PredecessorReport(
                id=r.id,  # type: ignore[arg-type]
                period=p.code,
                unit=names[r.unit_id],
                status=r.status,
                indicators=evaluation.evaluate(cat, vals[r.id]).indicators,  # type: ignore[index]
            )
            for r in reports
            if actor.sees(paths[r.unit_id])
        ]
    return out


class TrendPoint(BaseModel):
    period: str
    ends_on: date
    values: dict[str, int | None]
    derived: dict[str, int | None]
    indicators: dict[str, float | None] = Field(
        description="Rates computed from `values` (summed inputs for a period before the unit "
        "existed), never averaged"
    )
    targets: dict[str, float | None] = Field(description="The unit's targets of the year")
    attainment: dict[str, float | None] = Field(description="Rate minus target, in points")
    report_ids: list[int]
    status: ReportStatus | None = Field(
        default=None, description="The unit's own report's status; none for a sum"
    )
    approved: bool = Field(description="Every report read for the point is approved")
    summed_from: list[UnitRef] = Field(
        default_factory=list,
        description="The predecessors whose reports were summed (empty: the unit's own report)",
    )
    unattributed: list[UnitRef] = Field(
        default_factory=list,
        description="Predecessors split between several successors: not counted, their share "
        "is unknown",
    )


class Trend(BaseModel):
    unit: UnitRef
    points: list[TrendPoint]
    unattributed: list[UnitRef] = Field(
        default_factory=list,
        description="Split predecessors of any period: not counted, their share is unknown",
    )


def trend(session: Session, actor: Actor, cat: Catalogue, unit_id: int) -> Trend:
    """The unit's figures period by period, across its restructurings."""
    authorize(actor, "reports.read")
    unit = unit_in_scope(session, actor, unit_id)
    points: list[TrendPoint] = []
    unattributed: dict[int, UnitRef] = {}
    codes = [code for code, _, _ in cat.indicators]
    goals: dict[int, dict[str, float | None]] = {}
    for p in session.exec(select(Period).order_by(Period.year, Period.quarter)).all():
        values, cov, reports = figures_for(session, cat, unit_id, p)
        refs = refs_on(session, {*cov.units, *cov.unattributed}, p.ends_on)
        unattributed.update({u: refs[u] for u in cov.unattributed})
        if values is None:
            continue
        ev = evaluation.evaluate(cat, values)
        if p.year not in goals:
            goals[p.year] = targets.table_for_year(session, p.year).for_path(unit.path, codes)
        goal = goals[p.year]
        points.append(
            TrendPoint(
                period=p.code,
                ends_on=p.ends_on,
                values=ev.values,
                derived=ev.derived,
                indicators=ev.indicators,
                targets=goal,
                attainment={c: evaluation.points(ev.indicators.get(c), goal.get(c)) for c in codes},
                report_ids=[r.id for r in reports],  # type: ignore[misc]
                status=None if cov.inherited else reports[0].status,
                approved=all(r.status == "approved" for r in reports),
                summed_from=[refs[r.unit_id] for r in reports] if cov.inherited else [],
                unattributed=[refs[u] for u in cov.unattributed],
            )
        )
    return Trend(
        unit=refs_on(session, [unit.id], date.today())[unit.id],  # type: ignore[list-item,index]
        points=points,
        unattributed=list(unattributed.values()),
    )
