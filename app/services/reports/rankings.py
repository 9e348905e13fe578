"""Rankings of the offices under a unit for one period, and reporting completeness.

Order: offices meeting more targets first, then the case rate, then the money rate; equal
offices share a rank (1, 1, 3). Only approved figures rank unless a preview is asked for.
"""

from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy.orm import Bundle
from sqlmodel import Session, col, select

from app.core.types import utcnow
from app.models.periods import PeriodPublic
from app.models.reports import Report, ReportStatus
from app.models.units import Unit, UnitRef
from app.services.levels import reviewed_by_parent, reviewed_by_parent_clause
from app.services.reports import catalogue, evaluation, periods, targets
from app.services.reports.reports import local_date, values_of
from app.services.scope import Actor, authorize, unit_in_scope
from app.services.succession import coverage, descendants, parents_on, succession_note
from app.services.unit_history import refs_on


class RankingItem(BaseModel):
    rank: int
    unit: UnitRef
    indicators: dict[str, float | None]
    targets: dict[str, float | None]
    attainment: dict[str, float | None]
    targets_met: int
    approved: bool
    status: ReportStatus
    report_id: int


class Ranking(BaseModel):
    period: PeriodPublic
    parent: UnitRef
    as_of: date = Field(
        description="The day whose structure names the offices and says which sit under the "
        "parent: the period's end unless asked otherwise"
    )
    covers: list[UnitRef] = Field(
        default_factory=list,
        description="When the parent did not exist at the period's end: the predecessors whose "
        "offices are ranked in its place (named as they were)",
    )
    unattributed: list[UnitRef] = Field(
        default_factory=list,
        description="Predecessors split between several successors: their offices are not ranked",
    )
    note: str | None = Field(default=None, description="Says the above in a sentence")
    preview: bool
    approved_only: bool
    # How many offices were ranked; an office's own user sees only its own row among them.
    ranked: int
    items: list[RankingItem]


class CompletenessItem(BaseModel):
    unit: UnitRef
    status: ReportStatus | None  # None: not started
    report_id: int | None
    submitted_at: str | None
    on_time: bool | None
    late: bool
    overdue: bool  # not submitted and past the due date
    comment: str | None


class Completeness(BaseModel):
    period: PeriodPublic
    parent: UnitRef
    expected: int
    reported: int
    on_time: int
    late: int
    not_reported: int
    approved: int
    items: list[CompletenessItem]


def _parent(session: Session, actor: Actor, parent_id: int | None) -> Unit:
    if parent_id is not None:
        return unit_in_scope(session, actor, parent_id)
    if actor.unit_id is None:  # the system actor has no home unit
        root = session.exec(
            select(Unit).where(col(Unit.parent_id).is_(None)).order_by(Unit.id)
        ).first()
        assert root is not None
        return root
    return unit_in_scope(session, actor, actor.unit_id)


def ranking(
    session: Session,
    actor: Actor,
    period_code: str,
    parent_id: int | None = None,
    *,
    preview: bool = False,
    as_of: date | None = None,
    lang: str = "vi",
) -> Ranking:
    authorize(actor, "reports.read")
    period = periods.get_by_code(session, period_code)
    day = as_of or period.ends_on
    own_office = _own_office(session, actor) if parent_id is None else None
    # An office ranks among its siblings: it sees its rank and how many were ranked, not
    # the others' figures, which lie outside its scope.
    parent = (
        session.get(Unit, own_office.parent_id)
        if own_office
        else _parent(session, actor, parent_id)
    )
    assert parent is not None
    # Which offices rank: those under the parent in the tree of `day`; a parent made after
    # the period ranks its predecessors' offices as they were.
    cov = coverage(session, parent.id, period.ends_on)  # type: ignore[arg-type]
    offices = descendants(parents_on(session, day), cov.units)
    cat = catalogue.load(session)
    # The few columns a ranking shows, not whole entities: hundreds of rows at national level.
    stmt = (
        select(
            Bundle("report", Report.id, Report.status),
            Bundle("unit", Unit.id, Unit.code, Unit.name, Unit.kind, Unit.is_external, Unit.path),
        )
        .join(Unit, Unit.id == Report.unit_id)
        .where(
            Report.period_id == period.id,
            col(Unit.id).in_(offices),
            # Only the offices alive at the period's end rank (an ended one hands its year over).
            col(Unit.valid_to).is_(None) | (col(Unit.valid_to) >= period.ends_on),
            col(Unit.valid_from).is_(None) | (col(Unit.valid_from) <= period.ends_on),
        )
    )
    if not preview:
        stmt = stmt.where(Report.status == ReportStatus.approved)
    rows = session.exec(stmt).all()
    vals = values_of(session, cat, [r.id for r, _ in rows])  # type: ignore[misc]
    table = targets.table_for_year(session, period.year)
    codes = [code for code, _, _ in cat.indicators]
    names = refs_on(session, [u.id for _, u in rows], day)  # type: ignore[misc]
    scored = []
    for report, unit in rows:
        scope = {**vals[report.id], **evaluation.derive(cat, vals[report.id])}  # type: ignore[index]
        rates = {
            code: evaluation.rate(num.evaluate(scope), den.evaluate(scope))
            for code, num, den in cat.indicators
        }
        goal = table.for_path(unit.path, codes)
        met = sum(
            1 for c in codes if rates[c] is not None and goal[c] is not None and rates[c] >= goal[c]
        )  # type: ignore[operator]
        key = (met, *[rates[c] if rates[c] is not None else -1.0 for c in codes])
        scored.append((key, report, unit, rates, goal, met))
    scored.sort(key=lambda s: (tuple(-k for k in s[0]), names[s[2].id].name))
    items: list[RankingItem] = []
    for position, (key, report, unit, rates, goal, met) in enumerate(scored, start=1):
        rank = items[-1].rank if items and scored[position - 2][0] == key else position
        items.append(
            RankingItem(
                rank=rank,
                unit=names[unit.id],
                indicators=rates,
                targets=goal,
                attainment={c: evaluation.points(rates[c], goal[c]) for c in codes},
                targets_met=met,
                approved=report.status == ReportStatus.approved,
                status=report.status,
                report_id=report.id,  # type: ignore[arg-type]
            )
        )
    visible = [i for i in items if own_office is None or i.unit.id == own_office.id]
    shown = refs_on(session, [parent.id, *cov.units, *cov.unattributed], day)  # type: ignore[list-item]
    covers = [shown[u] for u in cov.units] if cov.inherited else []
    unattributed = [shown[u] for u in cov.unattributed]
    return Ranking(
        period=periods.to_public(period),
        parent=shown[parent.id],  # type: ignore[index]
        as_of=day,
        covers=covers,
        unattributed=unattributed,
        note=succession_note(
            "Ranked from the predecessor units' offices: {units}", covers, unattributed, lang
        ),
        preview=preview,
        approved_only=not preview,
        ranked=len(items),
        items=visible,
    )


def _own_office(session: Session, actor: Actor) -> Unit | None:
    """The caller's unit when it is an office with a parent (a Chi cục user); else None."""
    if actor.unit_id is None:
        return None
    unit = session.get(Unit, actor.unit_id)
    if unit is None or not reviewed_by_parent(unit):
        return None
    return unit


def completeness(
    session: Session,
    actor: Actor,
    period_code: str,
    parent_id: int | None = None,
    *,
    today: date | None = None,
) -> Completeness:
    authorize(actor, "reports.read")
    period = periods.get_by_code(session, period_code)
    parent = _parent(session, actor, parent_id)
    today = today or local_date(utcnow())
    # The offices expected are those under the parent at the period's end that were alive
    # then (a parent made later expects its predecessors' offices), named as they were.
    day = period.ends_on
    cov = coverage(session, parent.id, day)  # type: ignore[arg-type]
    offices = descendants(parents_on(session, day), cov.units)
    rows = session.exec(
        select(Unit, Report)
        .outerjoin(Report, (Report.unit_id == Unit.id) & (Report.period_id == period.id))
        .where(
            col(Unit.id).in_(offices),
            reviewed_by_parent_clause(),
            col(Unit.valid_to).is_(None) | (col(Unit.valid_to) >= day),
            col(Unit.valid_from).is_(None) | (col(Unit.valid_from) <= day),
        )
    ).all()
    names = refs_on(session, [parent.id, *(u.id for u, _ in rows)], day)  # type: ignore[list-item]
    items: list[CompletenessItem] = []
    for unit, report in rows:
        submitted = (
            report is not None
            and report.submitted_at is not None
            and report.status
            in (
                ReportStatus.submitted,
                ReportStatus.approved,
            )
        )
        items.append(
            CompletenessItem(
                unit=names[unit.id],  # type: ignore[index]
                status=report.status if report else None,
                report_id=report.id if report else None,
                submitted_at=report.submitted_at.isoformat()
                if report and report.submitted_at
                else None,
                on_time=(not report.is_late) if submitted and report else None,
                late=bool(report and report.is_late),
                overdue=not submitted and today > period.due_on,
                comment=report.comment if report else None,
            )
        )
    # Late and overdue offices first, then the rest by name.
    items.sort(
        key=lambda i: (
            not (i.overdue or i.late),
            i.status is not None and i.status != ReportStatus.returned,
            i.unit.name,
        )
    )
    reported = sum(1 for i in items if i.on_time is not None)
    return Completeness(
        period=periods.to_public(period),
        parent=names[parent.id],  # type: ignore[index]
        expected=len(items),
        reported=reported,
        on_time=sum(1 for i in items if i.on_time),
        late=sum(1 for i in items if i.on_time is False),
        not_reported=len(items) - reported,
        approved=sum(1 for i in items if i.status == ReportStatus.approved),
        items=items,
    )
