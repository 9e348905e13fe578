"""Reports: values entered by the office, evaluated on every read, moved through
draft → submitted → approved (or returned), locked once approved, audited throughout."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.config import get_settings
from app.core.errors import Conflict, FieldIssue, Invalid, NotFound
from app.core.types import utcnow
from app.models.periods import Period
from app.models.reports import (
    EDITABLE,
    Report,
    ReportCreate,
    ReportDetail,
    ReportEvent,
    ReportEventPublic,
    ReportPublic,
    ReportStatus,
    ReportValidation,
    ReportValue,
    ValueChange,
)
from app.models.units import Unit
from app.services import audit, workflow
from app.services.common import bump, check_version, page
from app.services.levels import reports_figures
from app.services.reports import catalogue, evaluation, periods, targets
from app.services.reports.catalogue import Catalogue
from app.services.reports.predecessors import (
    earlier_values,
    named_at_period_end,
    predecessor_reports,
    with_predecessors,
)
from app.services.reports.values import ValuesMap, values_of
from app.services.scope import Actor, authorize, in_subtree, may, unit_in_scope
from app.services.succession import reporting_issue
from app.services.units import unit_ref

# ---- reading -------------------------------------------------------------------------------


def neighbour_codes(period: Period) -> tuple[str | None, str]:
    """The previous quarter of the same year, and the previous year's Q4."""
    return periods.previous_code(period.year, period.quarter), periods.code_for(period.year - 1, 4)


def history_values(
    session: Session, cat: Catalogue, keys: Iterable[tuple[int, Period]]
) -> dict[tuple[int, str], ValuesMap]:
    """Values of the reports the cross-period rules compare with, in two queries."""
    keys = list(keys)
    if not keys or not any(r.needs_history for r in cat.rules):
        return {}
    codes = {c for _, p in keys for c in neighbour_codes(p) if c}
    units = {u for u, _ in keys}
    rows = session.exec(
        select(Report.id, Report.unit_id, Period.code)
        .join(Period, Period.id == Report.period_id)
        .where(col(Report.unit_id).in_(units), col(Period.code).in_(codes))
    ).all()
    vals = values_of(session, cat, [r[0] for r in rows])
    found = {(unit_id, code): vals[report_id] for report_id, unit_id, code in rows}
    return with_predecessors(
        session, cat, {(u, c) for u, p in keys for c in neighbour_codes(p) if c}, found
    )


def evaluate_report(
    cat: Catalogue,
    unit_id: int,
    period: Period,
    values: Mapping[str, int | None],
    history: Mapping[tuple[int, str], ValuesMap],
    lang: str,
):  # type: ignore[no-untyped-def]
    prev_code, prev_year_code = neighbour_codes(period)
    return evaluation.evaluate(
        cat,
        values,
        prev=history.get((unit_id, prev_code)) if prev_code else None,
        prev_year=history.get((unit_id, prev_year_code)),
        lang=lang,
    )


def to_public(
    cat: Catalogue,
    report: Report,
    unit: Unit,
    period: Period,
    values: Mapping[str, int | None],
    history: Mapping[tuple[int, str], ValuesMap],
    target_table: targets.TargetTable,
    lang: str,
    writable: bool,
    actions: list[str],
) -> ReportPublic:
    ev = evaluate_report(cat, unit.id, period, values, history, lang)  # type: ignore[arg-type]
    goal = target_table.for_path(unit.path, [code for code, _, _ in cat.indicators])
    return ReportPublic(
        **ev.model_dump(),
        id=report.id,  # type: ignore[arg-type]
        unit_id=unit.id,  # type: ignore[arg-type]
        unit=unit_ref(unit),
        period=period.code,
        due_on=period.due_on,
        status=report.status,
        targets=goal,
        attainment={
            code: evaluation.points(ev.indicators.get(code), goal.get(code)) for code in goal
        },
        submitted_at=report.submitted_at,
        submitted_by=report.submitted_by,
        approved_at=report.approved_at,
        approved_by=report.approved_by,
        is_late=report.is_late,
        comment=report.comment,
        editable=report.status in EDITABLE and writable,
        allowed_actions=actions,
        version=report.version,
    )


def _publish_many(
    session: Session,
    actor: Actor,
    cat: Catalogue,
    rows: list[tuple[Report, Unit, Period]],
    lang: str,
) -> list[ReportPublic]:
    vals = values_of(session, cat, [r.id for r, _, _ in rows])  # type: ignore[misc]
    history = history_values(session, cat, [(u.id, p) for _, u, p in rows])  # type: ignore[misc]
    tables: dict[int, targets.TargetTable] = {}
    closed = [(p.id, u.id) for _, u, p in rows if p.status != "open"]
    excepted = periods.exceptions_among(session, closed)
    names = named_at_period_end(session, [(u.id, p) for _, u, p in rows])  # type: ignore[misc]
    out = []
    for report, unit, period in rows:
        if period.year not in tables:
            tables[period.year] = targets.table_for_year(session, period.year)
        writable = period.status == "open" or (period.id, unit.id) in excepted
        out.append(
            to_public(
                cat,
                report,
                unit,
                period,
                vals[report.id],
                history,
                tables[period.year],
                lang,
                writable,
                allowed_actions(actor, report, writable),
            ).model_copy(update={"unit": names[(unit.id, period.ends_on)]})  # type: ignore[index]
        )
    return out


def allowed_actions(actor: Actor, report: Report, writable: bool) -> list[str]:
    """What the caller may do to this report now: `update` its values, and the workflow's
    steps; the clerk's (update, submit) also need the period open for the unit."""
    actions = ["update"] if report.status in EDITABLE and may(actor, "reports.write") else []
    actions += workflow.allowed(actor, workflow.REPORT, report.status)
    if not writable:
        actions = [a for a in actions if a not in ("update", "submit")]
    return actions


def list_reports(
    session: Session,
    actor: Actor,
    *,
    period: str | None = None,
    unit_id: int | None = None,
    parent_id: int | None = None,
    status: ReportStatus | None = None,
    late: bool | None = None,
    year: int | None = None,
    limit: int = 50,
    offset: int = 0,
    lang: str = "vi",
) -> tuple[list[ReportPublic], int]:
    authorize(actor, "reports.read")
    stmt = (
        select(Report, Unit, Period)
        .join(Unit, Unit.id == Report.unit_id)
        .join(Period, Period.id == Report.period_id)
        .where(in_subtree(actor))
    )
    if period:
        stmt = stmt.where(Period.code == period)
    if year is not None:
        stmt = stmt.where(Period.year == year)
    if unit_id is not None:
        stmt = stmt.where(Report.unit_id == unit_id)
    if parent_id is not None:
        root = unit_in_scope(session, actor, parent_id)
        stmt = stmt.where(col(Unit.path).startswith(root.path))
    if status is not None:
        stmt = stmt.where(Report.status == status)
    if late is not None:
        stmt = stmt.where(Report.is_late == late)
    rows, total = page(
        session,
        stmt.order_by(col(Period.year).desc(), col(Period.quarter).desc(), Unit.path),
        limit=limit,
        offset=offset,
    )
    return _publish_many(session, actor, catalogue.load(session), rows, lang), total


def _load(
    session: Session, actor: Actor, report_id: int, *, for_update: bool = False
) -> tuple[Report, Unit, Period]:
    stmt = (
        select(Report, Unit, Period)
        .join(Unit, Unit.id == Report.unit_id)
        .join(Period, Period.id == Report.period_id)
        .where(Report.id == report_id, in_subtree(actor))
    )
    if for_update:
        stmt = stmt.with_for_update(of=Report)  # type: ignore[arg-type]
    row = session.exec(stmt).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "report"})
    return row


def get_report(session: Session, actor: Actor, report_id: int, *, lang: str = "vi") -> ReportDetail:
    authorize(actor, "reports.read")
    row = _load(session, actor, report_id)
    return _detail(session, actor, catalogue.load(session), row, lang)


def _detail(
    session: Session, actor: Actor, cat: Catalogue, row: tuple[Report, Unit, Period], lang: str
) -> ReportDetail:
    public = _publish_many(session, actor, cat, [row], lang)[0]
    events = session.exec(
        select(ReportEvent)
        .where(ReportEvent.report_id == row[0].id)
        .order_by(col(ReportEvent.at).desc(), col(ReportEvent.id).desc())
    ).all()
    _, unit, period = row
    submissions = [e.values for e in events if e.action == "submit" and e.values is not None]
    changes = []
    if len(submissions) >= 2:
        latest, before = submissions[0], submissions[1]
        changes = [
            ValueChange(metric=code, before=before.get(code), after=latest.get(code))
            for code in cat.inputs
            if before.get(code) != latest.get(code)
        ]
    return ReportDetail(
        **public.model_dump(),
        **earlier_values(session, cat, unit, period).model_dump(),
        history=[ReportEventPublic.model_validate(e) for e in events],
        predecessor_reports=predecessor_reports(session, actor, cat, unit, period),
        changes_since_previous_submission=changes,
    )


# ---- checking input ------------------------------------------------------------------------


def check_codes(cat: Catalogue, values: Mapping[str, object], prefix: str = "values") -> None:
    derived = {code for code, _ in cat.derived}
    issues = []
    for code in values:
        if code in derived:
            issues.append(
                FieldIssue(f"{prefix}.{code}", "This value is computed, not entered", "derived")
            )
        elif code not in cat.inputs:
            issues.append(FieldIssue(f"{prefix}.{code}", "Unknown metric", "unknown_metric"))
    if issues:
        raise Invalid(*issues)


def _reporting_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    unit = unit_in_scope(session, actor, unit_id, field="unit_id")
    if not reports_figures(unit):
        raise Invalid(
            FieldIssue(
                "unit_id", "Reports are made by offices of the enforcement system", "invalid"
            )
        )
    return unit


def _period(session: Session, code: str) -> Period:
    try:
        return periods.get_by_code(session, code)
    except NotFound:
        raise Invalid(FieldIssue("period", "No such period", "not_found")) from None


def _require_writable(session: Session, period: Period, unit: Unit) -> None:
    if not periods.is_writable(session, period, unit.id):  # type: ignore[arg-type]
        raise Conflict("The period is closed for this unit")


def _require_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise Conflict("A {status} report cannot be changed", params={"status": report.status})


# ---- writing -------------------------------------------------------------------------------


def write_values(
    session: Session, cat: Catalogue, report: Report, changes: Mapping[str, int | None]
) -> tuple[ValuesMap, ValuesMap]:
    """Apply a partial update (None clears); returns (before, after)."""
    existing = {
        cat.codes[v.metric_id]: v
        for v in session.exec(select(ReportValue).where(ReportValue.report_id == report.id)).all()
        if v.metric_id in cat.codes
    }
    before = {code: v.value for code, v in existing.items()}
    for code, value in changes.items():
        row = existing.get(code)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(ReportValue(report_id=report.id, metric_id=cat.ids[code], value=value))  # type: ignore[arg-type]
        elif row.value != value:
            row.value = value
            session.add(row)
    after = {code: v for code, v in {**before, **changes}.items() if v is not None}
    if after != before:
        bump(report)
        session.add(report)
    return before, after


def _event(
    session: Session,
    actor: Actor,
    report: Report,
    action: str,
    comment: str | None = None,
    *,
    values: Mapping[str, int | None] | None = None,
) -> None:
    session.add(
        ReportEvent(
            report_id=report.id,  # type: ignore[arg-type]
            actor=actor.username,
            action=action,
            comment=comment,
            values=dict(values) if values is not None else None,
        )
    )


def create_report(
    session: Session, actor: Actor, data: ReportCreate, *, lang: str = "vi"
) -> ReportDetail:
    authorize(actor, "reports.write")
    cat = catalogue.load(session)
    unit = _reporting_unit(session, actor, data.unit_id)
    period = _period(session, data.period)
    if (issue := reporting_issue(session, unit, period.ends_on)) is not None:
        raise Invalid(issue)  # a period is reported by the units alive on its last day
    check_codes(cat, data.values)
    existing = session.exec(
        select(Report.id).where(Report.unit_id == unit.id, Report.period_id == period.id)
    ).first()
    if existing is not None:
        raise Conflict(
            "A report for this unit and period exists already (id {id})", params={"id": existing}
        )
    _require_writable(session, period, unit)
    report = Report(unit_id=unit.id, period_id=period.id)  # type: ignore[arg-type]
    session.add(report)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict(
            "A report for this unit and period exists already (id {id})", params={"id": "?"}
        ) from None
    _, after = write_values(session, cat, report, data.values)
    report.version = 1
    _event(session, actor, report, "create")
    audit.record(
        session,
        actor,
        "create",
        "report",
        report.id,
        unit_id=unit.id,
        after={"period": period.code, "values": after},
    )
    session.commit()
    return _detail(session, actor, cat, (report, unit, period), lang)


def update_values(
    session: Session,
    actor: Actor,
    report_id: int,
    values: Mapping[str, int | None],
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> ReportDetail:
    authorize(actor, "reports.write")
    cat = catalogue.load(session)
    report, unit, period = _load(session, actor, report_id, for_update=True)
    check_version(report, expected_version)
    _require_editable(report)
    _require_writable(session, period, unit)
    check_codes(cat, values)
    before, after = write_values(session, cat, report, values)
    if before != after:
        audit.record(
            session,
            actor,
            "update",
            "report",
            report.id,
            unit_id=unit.id,
            before={"values": before},
            after={"values": after},
        )
        session.commit()
    return _detail(session, actor, cat, (report, unit, period), lang)


def validate(
    session: Session, actor: Actor, data: ReportCreate, *, lang: str = "vi"
) -> ReportValidation:
    """The dry run behind the form: derived values, indicators, issues and the attainment
    against the unit's targets as the clerk types; nothing saved."""
    authorize(actor, "reports.read")
    cat = catalogue.load(session)
    unit = _reporting_unit(session, actor, data.unit_id)
    period = _period(session, data.period)
    check_codes(cat, data.values)
    history = history_values(session, cat, [(unit.id, period)])  # type: ignore[list-item]
    ev = evaluate_report(cat, unit.id, period, data.values, history, lang)  # type: ignore[arg-type]
    goal = targets.table_for_year(session, period.year).for_path(
        unit.path, [code for code, _, _ in cat.indicators]
    )
    attained = {code: evaluation.points(ev.indicators.get(code), goal.get(code)) for code in goal}
    return ReportValidation(
        **ev.model_dump(),
        **earlier_values(session, cat, unit, period).model_dump(),
        targets=goal,
        attainment=attained,
    )


def local_date(moment: datetime) -> date:
    """The calendar day in the offices' time zone (settings.timezone): a stamp at 23:30 in
    Hà Nội is that day, not the UTC day before or after."""
    return moment.astimezone(ZoneInfo(get_settings().timezone)).date()


def _move(
    session: Session,
    actor: Actor,
    report_id: int,
    action: str,
    expected_version: int | None,
    lang: str,
    *,
    comment: str | None = None,
    effect: Callable[[Report, Unit, Period], None] | None = None,
) -> ReportDetail:
    """One step of the report workflow (workflow.REPORT), with its event in the history."""

    def work(row: tuple[Report, Unit, Period]) -> None:
        if effect is not None:
            effect(*row)
        submitted = None
        if action == "submit":  # kept so that the next submission can be compared with it
            cat = catalogue.load(session)
            submitted = values_of(session, cat, [row[0].id])[row[0].id]  # type: ignore[list-item,index]
        _event(session, actor, row[0], action, comment, values=submitted)

    row = workflow.transition(
        session,
        actor,
        workflow.REPORT,
        action,
        lambda: _load(session, actor, report_id, for_update=True),
        entity="report",
        unit_of=lambda r: r[1].id,
        expected_version=expected_version,
        reason=comment if workflow.REPORT[action].needs_reason else None,
        effect=work,
    )
    return _detail(session, actor, catalogue.load(session), row, lang)


def submit(
    session: Session,
    actor: Actor,
    report_id: int,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> ReportDetail:
    def check_and_stamp(report: Report, unit: Unit, period: Period) -> None:
        _require_writable(session, period, unit)
        cat = catalogue.load(session)
        values = values_of(session, cat, [report.id])[report.id]  # type: ignore[list-item,index]
        issues = [
            FieldIssue(f"values.{code}", "This field is required", "missing")
            for code in evaluation.missing_inputs(cat, values)
        ]
        history = history_values(session, cat, [(unit.id, period)])  # type: ignore[list-item]
        for issue in evaluate_report(cat, unit.id, period, values, history, lang).issues:  # type: ignore[arg-type]
            if issue.severity == "error":
                issues += [
                    FieldIssue(f"values.{f}", issue.message, issue.rule) for f in issue.fields
                ]
        if issues:
            raise Invalid(*issues, detail="The report cannot be submitted until these are fixed")
        now = utcnow()
        report.submitted_at = now
        report.submitted_by = actor.username
        report.is_late = local_date(now) > period.due_on

    return _move(
        session, actor, report_id, "submit", expected_version, lang, effect=check_and_stamp
    )


def approve(
    session: Session,
    actor: Actor,
    report_id: int,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> ReportDetail:
    def stamp(report: Report, _unit: Unit, _period: Period) -> None:
        report.approved_at = utcnow()
        report.approved_by = actor.username
        report.comment = None

    return _move(session, actor, report_id, "approve", expected_version, lang, effect=stamp)


def return_report(
    session: Session,
    actor: Actor,
    report_id: int,
    comment: str,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> ReportDetail:
    def note(report: Report, _unit: Unit, _period: Period) -> None:
        report.comment = comment

    return _move(
        session, actor, report_id, "return", expected_version, lang, comment=comment, effect=note
    )


def reopen(
    session: Session,
    actor: Actor,
    report_id: int,
    reason: str,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> ReportDetail:
    def unlock(report: Report, _unit: Unit, _period: Period) -> None:
        report.approved_at = None
        report.approved_by = None
        report.comment = reason

    return _move(
        session, actor, report_id, "reopen", expected_version, lang, comment=reason, effect=unlock
    )
