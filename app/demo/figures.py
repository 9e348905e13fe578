"""Illustrative quarterly figures for the nine Chi cục of Bến Tre, statistics year 2022, and
the open 2023-Q1 period. NOT official statistics: invented so that every rule holds and the
rates look like a real year (targets 81,50 % cases and 40,10 % money, as nationally in 2022)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from app.demo.units import DISTRICTS
from app.models.periods import Holiday, Period, PeriodCreate, PeriodStatus
from app.models.reports import Report, ReportEvent, ReportStatus
from app.models.targets import TargetItem, TargetsPut
from app.models.units import Unit
from app.services.reports import imports, periods, targets
from app.services.scope import Actor

ILLUSTRATIVE = "Số liệu minh họa (không phải số liệu chính thức)"

HOLIDAYS = [
    (date(2022, 1, 1), "Tết Dương lịch"),
    (date(2022, 1, 3), "Nghỉ bù Tết Dương lịch"),
    *[(date(2022, 1, 31) + timedelta(days=i), "Tết Nguyên đán") for i in range(5)],
    (date(2022, 4, 11), "Nghỉ bù Giỗ Tổ Hùng Vương"),
    (date(2022, 4, 30), "Ngày Giải phóng miền Nam"),
    (date(2022, 5, 1), "Quốc tế Lao động"),
    (date(2022, 5, 2), "Nghỉ bù 30/4"),
    (date(2022, 5, 3), "Nghỉ bù 1/5"),
    (date(2022, 9, 1), "Quốc khánh"),
    (date(2022, 9, 2), "Quốc khánh"),
    (date(2023, 1, 2), "Nghỉ bù Tết Dương lịch"),
]

TARGETS = {"ty_le_viec": 81.50, "ty_le_tien": 40.10}


@dataclass(frozen=True)
class Office:
    code: str
    size: float  # caseload relative to an average office
    cdk_share: float  # share of cases with means to enforce
    year_rate: float  # 12-month case completion rate, percent
    money_rate: float  # 12-month money completion rate, percent


# Giồng Trôm and Thạnh Phú are the year's exemplars: their rates lead.
OFFICES = {
    "TPBENTRE": Office("TPBENTRE", 1.45, 0.72, 82.9, 41.6),
    "BATRI": Office("BATRI", 1.10, 0.74, 83.6, 42.3),
    "BINHDAI": Office("BINHDAI", 0.85, 0.71, 80.4, 38.2),
    "CHAUTHANH": Office("CHAUTHANH", 1.05, 0.73, 84.1, 40.9),
    "CHOLACH": Office("CHOLACH", 0.70, 0.76, 81.2, 43.5),
    "GIONGTROM": Office("GIONGTROM", 1.00, 0.75, 88.7, 47.8),
    "MOCAYBAC": Office("MOCAYBAC", 0.75, 0.70, 82.2, 39.4),
    "MOCAYNAM": Office("MOCAYNAM", 0.95, 0.72, 83.0, 41.1),
    "THANHPHU": Office("THANHPHU", 0.80, 0.77, 87.9, 46.2),
}
QUARTER_SHARE = {1: 0.28, 2: 0.53, 3: 0.78, 4: 1.0}  # cumulative share of the year's new cases
RATE_SHARE = {1: 0.40, 2: 0.62, 3: 0.83, 4: 1.0}  # how far towards the year's rate


def quarter_values(
    office: Office, quarter: int, carried: tuple[int, int] | None = None
) -> dict[str, int]:
    """Cumulative figures of one office for quarter 1–4, consistent with every rule."""
    values: dict[str, int] = {}
    for dim, base_old, base_new, share, rate in (
        ("viec", 620, 980, office.cdk_share, office.year_rate),
        ("tien", 58_400_000_000, 71_300_000_000, office.cdk_share - 0.18, office.money_rate),
    ):
        old = carried[0 if dim == "viec" else 1] if carried else round(base_old * office.size)
        new = round(base_new * office.size * QUARTER_SHARE[quarter])
        delegated = round(new * 0.012)
        to_enforce = old + new - delegated
        enforceable = round(to_enforce * share)
        done = round(enforceable * rate * RATE_SHARE[quarter] / 100)
        terminated = round(done * 0.04)
        values.update(
            {
                f"{dim}_cu_chuyen_sang": old,
                f"{dim}_thu_ly_moi": new,
                f"{dim}_uy_thac": delegated,
                f"{dim}_co_dieu_kien": enforceable,
                f"{dim}_chua_co_dieu_kien": to_enforce - enforceable,
                f"{dim}_thi_hanh_xong": done - terminated,
                f"{dim}_dinh_chi": terminated,
            }
        )
    return values


def carried_to_next(values: dict[str, int], dim: str) -> int:
    return (
        values[f"{dim}_cu_chuyen_sang"]
        + values[f"{dim}_thu_ly_moi"]
        - values[f"{dim}_uy_thac"]
        - values[f"{dim}_thi_hanh_xong"]
        - values[f"{dim}_dinh_chi"]
    )


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).replace(tzinfo=UTC)


def _mark(
    session: Session,
    report: Report,
    status: ReportStatus,
    submitted: date | None,
    due: date,
    comment: str | None = None,
) -> None:
    if submitted is not None:
        report.submitted_at = _at(submitted, 2)
        report.submitted_by = "demo"
        report.is_late = submitted > due
        session.add(
            ReportEvent(report_id=report.id, at=report.submitted_at, actor="demo", action="submit")
        )  # type: ignore[arg-type]
    if status == ReportStatus.approved and submitted is not None:
        report.approved_at = _at(submitted + timedelta(days=1), 3)
        report.approved_by = "cuc.tccb"
        session.add(
            ReportEvent(
                report_id=report.id, at=report.approved_at, actor="cuc.tccb", action="approve"
            )
        )  # type: ignore[arg-type]
    if status == ReportStatus.returned:
        session.add(
            ReportEvent(
                report_id=report.id,
                at=_at(due, 4),
                actor="cuc.tccb",
                action="return",
                comment=comment,
            )
        )  # type: ignore[arg-type]
    report.status = status
    report.comment = comment
    session.add(report)


def load(session: Session) -> dict[str, int]:
    actor = Actor.system()
    for day, name in HOLIDAYS:
        session.add(Holiday(day=day, name=name))
    session.commit()
    made: dict[str, Period] = {}
    for year, quarter in [(2022, 1), (2022, 2), (2022, 3), (2022, 4), (2023, 1)]:
        made[periods.code_for(year, quarter)] = periods.create_period(
            session, actor, PeriodCreate(year=year, quarter=quarter)
        )
    for year in (2022, 2023):
        targets.put_targets(
            session,
            actor,
            year,
            TargetsPut(items=[TargetItem(indicator=k, value=v) for k, v in TARGETS.items()]),
        )
    rows: list[imports.ImportRow] = []
    q4: dict[str, dict[str, int]] = {}
    for code, _, _ in DISTRICTS:
        office = OFFICES[code]
        for quarter in (1, 2, 3, 4):
            values = quarter_values(office, quarter)
            rows.append(
                imports.ImportRow(len(rows) + 1, f"CC-{code}", f"2022-Q{quarter}", dict(values))
            )
            q4[code] = values
    # 2023-Q1: some offices have reported, some not yet (Giồng Trôm, Thạnh Phú, Mỏ Cày Nam).
    early = ["TPBENTRE", "BATRI", "BINHDAI", "CHAUTHANH", "CHOLACH", "MOCAYBAC"]
    for code in early:
        carried = (carried_to_next(q4[code], "viec"), carried_to_next(q4[code], "tien"))
        values = quarter_values(OFFICES[code], 1, carried)
        rows.append(imports.ImportRow(len(rows) + 1, f"CC-{code}", "2023-Q1", values))
    summary = imports.import_rows(session, actor, rows, dry_run=False)
    assert summary.applied, summary.errors
    reports = {
        (unit_code, period_code): report
        for report, unit_code, period_code in session.exec(
            select(Report, Unit.code, Period.code)
            .join(Unit, Unit.id == Report.unit_id)
            .join(Period, Period.id == Report.period_id)
        ).all()
    }
    for quarter in (1, 2, 3, 4):
        period = made[f"2022-Q{quarter}"]
        for i, (code, _, _) in enumerate(DISTRICTS):
            # One office a quarter hands in a day late; the rest on time.
            late = i == quarter + 1
            submitted = (
                period.due_on + timedelta(days=1) if late else period.due_on - timedelta(days=1)
            )
            _mark(
                session,
                reports[(f"CC-{code}", period.code)],
                ReportStatus.approved,
                submitted,
                period.due_on,
            )
        period.status = PeriodStatus.closed
        session.add(period)
    q1 = made["2023-Q1"]
    plan = {
        "TPBENTRE": (ReportStatus.approved, q1.due_on - timedelta(days=1), None),
        "BATRI": (ReportStatus.approved, q1.due_on, None),
        "BINHDAI": (ReportStatus.submitted, q1.due_on + timedelta(days=2), None),
        "CHAUTHANH": (ReportStatus.submitted, q1.due_on - timedelta(days=1), None),
        "CHOLACH": (ReportStatus.draft, None, None),
        "MOCAYBAC": (
            ReportStatus.returned,
            None,
            "Số việc chưa có điều kiện thi hành chưa khớp sổ thụ lý; đề nghị đối chiếu và nộp lại.",
        ),
    }
    for code, (status, submitted, comment) in plan.items():
        _mark(session, reports[(f"CC-{code}", "2023-Q1")], status, submitted, q1.due_on, comment)
    session.commit()
    return {"reports": len(rows), "periods": len(made)}
