"""The demo after 2022, part 2: quarterly figures from 2023-Q1 to the current period, through
the import service (so every rule is checked), with the period statuses a real year shows.
NOT official statistics (figures.ILLUSTRATIVE): invented like 2022's, rates moving a little
each year.

Until 30 June 2025 the Chi cục report (Bến Tre's nine, Càng Long, the old TP Vĩnh Long); the
statistics year 2025 ends after the change, so its Q4 is reported by the Phòng THADS khu vực for
the whole year: each Phòng's cumulative figures are the sum of its predecessors'. From 2026 on
only the Phòng khu vực report."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.demo import figures
from app.demo.figures import OFFICES, Office, carried_to_next, quarter_values
from app.demo.later_units import AREAS, JULY_2025, TPVINHLONG
from app.models.periods import Holiday, Period, PeriodCreate, PeriodStatus
from app.models.reports import Report, ReportEvent, ReportStatus
from app.models.targets import TargetItem, TargetsPut
from app.models.units import Unit
from app.services.reports import imports, periods, targets
from app.services.scope import Actor

# Targets of each statistics year (cases %, money %); later years reuse 2025's: an
# illustrative assumption until the Ministry sets them.
TARGETS = {2023: (82.50, 45.50), 2024: (83.25, 46.45), 2025: (83.90, 51.90)}
# How far each year's completion rates move from 2022's (cases, money), percentage points.
SHIFT = {2023: (0.5, 4.2), 2024: (1.1, 5.3), 2025: (1.6, 10.4)}
LATER_SHIFT = (1.9, 10.8)

NEW_OFFICES = {
    "CANGLONG": Office("CANGLONG", 0.90, 0.73, 82.6, 41.2),
    TPVINHLONG: Office(TPVINHLONG, 1.30, 0.71, 83.4, 42.5),
}
# The illustrative mapping of the provincial plan: Phòng khu vực n ← these Chi cục.
AREA_OF: dict[str, list[str]] = {
    AREAS[0]: ["TPBENTRE", "CHAUTHANH"],
    AREAS[1]: ["GIONGTROM", "BATRI"],
    AREAS[2]: ["BINHDAI"],
    AREAS[3]: ["MOCAYBAC", "CHOLACH"],
    AREAS[4]: ["MOCAYNAM", "THANHPHU"],
    AREAS[5]: ["CANGLONG"],
    AREAS[6]: [TPVINHLONG],
}
CHI_CUC = [c for codes in AREA_OF.values() for c in codes]
BENTRE = set(OFFICES)

# The open period: who stands where (Phòng khu vực 1…7, in order); the last has not started.
OPEN_PLAN = [
    ReportStatus.approved,
    ReportStatus.approved,
    ReportStatus.submitted,
    ReportStatus.submitted,
    ReportStatus.returned,
    ReportStatus.draft,
    None,
]
RETURN_COMMENT = (
    "Số tiền chưa có điều kiện thi hành chưa khớp sổ theo dõi; đề nghị đối chiếu và gửi lại."
)


def office(code: str, year: int) -> Office:
    """A Chi cục's (or Phòng khu vực's) parameters for a statistics year."""
    if code in AREA_OF:  # generation parameters only: the reported rates come from the sums
        parts = [office(c, year) for c in AREA_OF[code]]
        size = sum(p.size for p in parts)
        return Office(
            code,
            size,
            sum(p.cdk_share * p.size for p in parts) / size,
            sum(p.year_rate * p.size for p in parts) / size,
            sum(p.money_rate * p.size for p in parts) / size,
        )
    base = OFFICES.get(code) or NEW_OFFICES[code]
    cases, money = (0.0, 0.0) if year <= 2022 else SHIFT.get(year, LATER_SHIFT)
    return replace(base, year_rate=base.year_rate + cases, money_rate=base.money_rate + money)


def unit_code(code: str) -> str:
    return code if code in AREA_OF else f"CC-{code}"


def sequence(today: date, holidays: set[date]) -> list[tuple[int, int, date]]:
    """(year, quarter, due date) from 2023-Q1 to the current period: the earliest whose due
    date is today or later."""
    out = []
    year, quarter = 2023, 1
    while True:
        end = periods.bounds(year, quarter)[1]
        due = periods.add_working_days(end, periods.DUE_WORKING_DAYS, holidays)
        out.append((year, quarter, due))
        if due >= today:
            return out
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)


class Year:
    """Figures of one statistics year for every office reporting in it, and what they carry."""

    def __init__(self, year: int, opening: dict[str, tuple[int, int] | None]) -> None:
        self.year, self.opening = year, opening

    def values(self, code: str, quarter: int) -> dict[str, int]:
        if code in AREA_OF and self.year == 2025:  # the year spanning the change: the sums
            parts = [self.values(c, quarter) for c in AREA_OF[code]]
            return {k: sum(p[k] for p in parts) for k in parts[0]}
        assert code in AREA_OF or self.year <= 2025  # no Chi cục after the 2025 year
        return quarter_values(office(code, self.year), quarter, self.opening.get(code))

    def closing(self, code: str) -> tuple[int, int]:
        q4 = self.values(code, 4)
        return carried_to_next(q4, "viec"), carried_to_next(q4, "tien")


def reporters(year: int, quarter: int) -> list[str]:
    return list(AREA_OF) if periods.bounds(year, quarter)[1] >= JULY_2025 else CHI_CUC


def _at(day: date, hour: int):  # type: ignore[no-untyped-def]
    return figures._at(day, hour)


def _set(
    session: Session,
    report: Report,
    status: ReportStatus,
    submitted: date | None,
    due: date,
    reviewer: str,
    comment: str | None = None,
) -> None:
    """The workflow's outcome, dated like a real year (the import made the report). A report
    submitted already keeps its date."""
    if report.status == ReportStatus.submitted and report.submitted_at is not None:
        submitted = report.submitted_at.date()
    elif submitted is not None:
        report.submitted_at, report.submitted_by = _at(submitted, 2), "demo"
        report.is_late = submitted > due
        session.add(
            ReportEvent(report_id=report.id, at=report.submitted_at, actor="demo", action="submit")  # type: ignore[arg-type]
        )
    if status == ReportStatus.approved and submitted is not None:
        report.approved_at, report.approved_by = _at(submitted + timedelta(days=1), 3), reviewer
        session.add(
            ReportEvent(
                report_id=report.id, at=report.approved_at, actor=reviewer, action="approve"
            )  # type: ignore[arg-type]
        )
    if status == ReportStatus.returned:
        session.add(
            ReportEvent(
                report_id=report.id,  # type: ignore[arg-type]
                at=_at((submitted or due) + timedelta(days=1), 4),
                actor=reviewer,
                action="return",
                comment=comment,
            )
        )
    report.status, report.comment = status, comment
    session.add(report)


def reviewer_of(code: str) -> str:
    if code in AREA_OF:
        return "vinhlong.tccb"
    return "cuc.tccb" if code in BENTRE else "demo"


def _reports(session: Session, period: Period) -> dict[str, Report]:
    return {
        code.removeprefix("CC-"): report
        for report, code in session.exec(
            select(Report, Unit.code)
            .join(Unit, Unit.id == Report.unit_id)
            .where(Report.period_id == period.id)
        ).all()
    }


def _import(session: Session, actor: Actor, rows: list[imports.ImportRow]) -> None:
    if not rows:
        return
    summary = imports.import_rows(session, actor, rows, dry_run=False)
    assert summary.applied and not summary.errors and not summary.issues, (
        summary.errors,
        summary.issues,
    )


def _holidays(session: Session, until: int) -> set[date]:
    known = set(session.exec(select(Holiday.day)).all())
    for year in range(2024, until + 2):
        if date(year, 1, 1) not in known:
            session.add(Holiday(day=date(year, 1, 1), name="Tết Dương lịch"))
    session.commit()
    return set(session.exec(select(Holiday.day)).all())


def _targets(session: Session, actor: Actor, year: int) -> None:
    cases, money = TARGETS.get(year, TARGETS[2025])
    items = [TargetItem(indicator="ty_le_viec", value=cases)]
    items.append(TargetItem(indicator="ty_le_tien", value=money))
    targets.put_targets(session, actor, year, TargetsPut(items=items))


def load(
    session: Session, actor: Actor, today: date, restructure: Callable[[], object]
) -> dict[str, int]:
    """From the open 2023-Q1 of the 2022 world to `today`'s current period; `restructure`
    applies the 1 July 2025 change once the last period before it is closed."""
    holidays = _holidays(session, today.year + 1)
    plan = sequence(today, holidays)
    # 2022's Q4 carries into 2023 for Bến Tre; the two newcomers start with no history.
    opening: dict[str, tuple[int, int] | None] = {
        c: Year(2022, {}).closing(c) if c in BENTRE else None for c in CHI_CUC
    }
    years: dict[int, Year] = {}
    made, changed = 0, False
    for n, (year, quarter, due) in enumerate(plan):
        if year not in years:
            if year > 2023:
                last = years[year - 1]
                opening = {c: last.closing(c) for c in reporters(year - 1, 4)}
            years[year] = Year(year, opening)
            _targets(session, actor, year)
        if periods.bounds(year, quarter)[1] >= JULY_2025 and not changed:
            restructure()
            changed = True
        code = periods.code_for(year, quarter)
        period = session.exec(select(Period).where(Period.code == code)).first()
        if period is None:
            period = periods.create_period(session, actor, PeriodCreate(year=year, quarter=quarter))
        assert period.due_on == due
        current = n == len(plan) - 1
        offices = reporters(year, quarter)
        existing = _reports(session, period)
        if current:
            offices = [c for c, s in zip(offices, OPEN_PLAN, strict=True) if s is not None]
        rows = [
            imports.ImportRow(i + 1, unit_code(c), code, years[year].values(c, quarter))
            for i, c in enumerate(c for c in offices if c not in existing)
        ]
        _import(session, actor, rows)
        made += len(rows)
        reports = _reports(session, period)
        if current:
            for c, status in zip(offices, OPEN_PLAN, strict=False):
                assert status is not None
                submitted = None if status == ReportStatus.draft else today - timedelta(days=3)
                comment = RETURN_COMMENT if status == ReportStatus.returned else None
                _set(session, reports[c], status, submitted, due, reviewer_of(c), comment)
        else:
            for i, c in enumerate(offices):
                report = reports[c]
                if report.status == ReportStatus.approved:
                    continue  # approved in the 2022 world (2023-Q1)
                late = i == (n + 3) % len(offices)  # one office a quarter hands in late
                day = due + timedelta(days=1) if late else due - timedelta(days=1)
                _set(session, report, ReportStatus.approved, day, due, reviewer_of(c))
            period.status = PeriodStatus.closed
            session.add(period)
        session.commit()
    return {"later_reports": made, "later_periods": len(plan)}


def current_period(session: Session) -> Period:
    """The demo's open period (the latest)."""
    return session.exec(
        select(Period).order_by(col(Period.year).desc(), col(Period.quarter).desc())
    ).first()  # type: ignore[return-value]
