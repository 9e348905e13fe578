"""Periods of the statistics year, their due dates in working days, opening, closing, and
per-unit lock exceptions."""

from datetime import date, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.errors import Conflict, FieldIssue, Invalid, NotFound
from app.models.periods import (
    Holiday,
    HolidayCreate,
    LockException,
    LockExceptionCreate,
    Period,
    PeriodCreate,
    PeriodPublic,
    PeriodStatus,
    PeriodUpdate,
)
from app.models.units import Unit
from app.services import audit
from app.services.common import apply_changes, check_version, page
from app.services.scope import Actor, authorize, in_subtree, may, unit_in_scope

DUE_WORKING_DAYS = 2  # Chi cục → Cục, TT 06/2019/TT-BTP Điều 9.2
QUARTER_ENDS = {1: (12, 31), 2: (3, 31), 3: (6, 30), 4: (9, 30)}


def code_for(year: int, quarter: int) -> str:
    return f"{year}-Q{quarter}"


def parse_code(code: str) -> tuple[int, int] | None:
    if len(code) == 7 and code[4:6] == "-Q" and code[:4].isdigit() and code[6] in "1234":
        return int(code[:4]), int(code[6])
    return None


def bounds(year: int, quarter: int) -> tuple[date, date]:
    """Cumulative: every quarter starts on 01/10 of the previous calendar year."""
    month, day = QUARTER_ENDS[quarter]
    return date(year - 1, 10, 1), date(year - 1 if quarter == 1 else year, month, day)


def previous_code(year: int, quarter: int) -> str | None:
    return code_for(year, quarter - 1) if quarter > 1 else None


def add_working_days(start: date, days: int, holidays: set[date]) -> date:
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            counted += 1
    return current


def to_public(period: Period, actor: Actor | None = None) -> PeriodPublic:
    actions: list[str] = []
    if actor is not None and may(actor, "periods.manage"):
        actions = ["update", "close" if period.status == PeriodStatus.open else "open"]
    return PeriodPublic.model_validate(
        period, update={"months": period.quarter * 3, "allowed_actions": actions}
    )


def holidays_between(session: Session, start: date, end: date) -> set[date]:
    return set(
        session.exec(select(Holiday.day).where(Holiday.day >= start, Holiday.day <= end)).all()
    )


def list_periods(
    session: Session, *, year: int | None, status: PeriodStatus | None, limit: int, offset: int
) -> tuple[list[Period], int]:
    stmt = select(Period)
    if year is not None:
        stmt = stmt.where(Period.year == year)
    if status is not None:
        stmt = stmt.where(Period.status == status)
    return page(
        session,
        stmt.order_by(col(Period.year).desc(), col(Period.quarter).desc()),
        limit=limit,
        offset=offset,
    )


def get_by_code(session: Session, code: str) -> Period:
    period = session.exec(select(Period).where(Period.code == code)).first()
    if period is None:
        raise NotFound("No such {entity}", params={"entity": "period"})
    return period


def create_period(session: Session, actor: Actor, data: PeriodCreate) -> Period:
    authorize(actor, "periods.manage")
    code = code_for(data.year, data.quarter)
    if session.exec(select(Period.id).where(Period.code == code)).first() is not None:
        raise Conflict("Period {code} exists already", params={"code": code})
    starts, ends = bounds(data.year, data.quarter)
    due = add_working_days(
        ends, DUE_WORKING_DAYS, holidays_between(session, ends, ends + timedelta(days=30))
    )
    period = Period(
        code=code,
        year=data.year,
        quarter=data.quarter,
        starts_on=starts,
        ends_on=ends,
        due_on=due,
        status=data.status,
    )
    session.add(period)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict("Period {code} exists already", params={"code": code}) from None
    audit.record(
        session,
        actor,
        "create",
        "period",
        period.id,
        unit_id=actor.unit_id,
        after=audit.snapshot(period),
    )
    session.commit()
    return period


def _change(
    session: Session, actor: Actor, code: str, changes: dict, expected_version: int | None
) -> Period:  # type: ignore[type-arg]
    authorize(actor, "periods.manage")
    period = get_by_code(session, code)
    check_version(period, expected_version)
    before = audit.snapshot(period)
    if apply_changes(period, changes):
        audit.record(
            session,
            actor,
            "update",
            "period",
            period.id,
            unit_id=actor.unit_id,
            before=before,
            after=audit.snapshot(period),
        )
        session.commit()
    return period


def set_status(
    session: Session, actor: Actor, code: str, status: PeriodStatus, expected_version: int | None
) -> Period:
    return _change(session, actor, code, {"status": status}, expected_version)


def update_period(
    session: Session, actor: Actor, code: str, data: PeriodUpdate, expected_version: int | None
) -> Period:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if "due_on" in changes:
        period = get_by_code(session, code)
        if changes["due_on"] < period.ends_on:
            raise Invalid(
                FieldIssue("due_on", "The due date cannot be before the period ends", "invalid")
            )
    return _change(session, actor, code, changes, expected_version)


def has_exception(session: Session, period_id: int, unit_id: int) -> bool:
    return (
        session.exec(
            select(LockException.id).where(
                LockException.period_id == period_id, LockException.unit_id == unit_id
            )
        ).first()
        is not None
    )


def exceptions_among(
    session: Session, pairs: list[tuple[int | None, int | None]]
) -> set[tuple[int, int]]:
    """Which (period, unit) pairs have a lock exception, in one query."""
    if not pairs:
        return set()
    period_ids = {p for p, _ in pairs}
    unit_ids = {u for _, u in pairs}
    rows = session.exec(
        select(LockException.period_id, LockException.unit_id).where(
            col(LockException.period_id).in_(period_ids), col(LockException.unit_id).in_(unit_ids)
        )
    ).all()
    return {(p, u) for p, u in rows}


def is_writable(session: Session, period: Period, unit_id: int) -> bool:
    return period.status == PeriodStatus.open or has_exception(session, period.id, unit_id)  # type: ignore[arg-type]


def list_exceptions(session: Session, actor: Actor, code: str) -> list[tuple[LockException, Unit]]:
    authorize(actor, "reports.read")
    period = get_by_code(session, code)
    rows = session.exec(
        select(LockException, Unit)
        .join(Unit, Unit.id == LockException.unit_id)
        .where(LockException.period_id == period.id, in_subtree(actor))
        .order_by(Unit.path)
    ).all()
    return list(rows)


def add_exception(
    session: Session, actor: Actor, code: str, data: LockExceptionCreate
) -> tuple[LockException, Unit]:
    authorize(actor, "periods.manage")
    period = get_by_code(session, code)
    unit = unit_in_scope(session, actor, data.unit_id, field="unit_id")
    if has_exception(session, period.id, unit.id):  # type: ignore[arg-type]
        raise Conflict("This unit already has an exception for the period")
    exc = LockException(
        period_id=period.id, unit_id=unit.id, reason=data.reason, created_by=actor.username
    )  # type: ignore[arg-type]
    session.add(exc)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "lock_exception",
        exc.id,
        unit_id=unit.id,
        after=audit.snapshot(exc),
    )
    session.commit()
    return exc, unit


def remove_exception(session: Session, actor: Actor, code: str, exception_id: int) -> None:
    authorize(actor, "periods.manage")
    period = get_by_code(session, code)
    row = session.exec(
        select(LockException, Unit)
        .join(Unit, Unit.id == LockException.unit_id)
        .where(
            LockException.id == exception_id,
            LockException.period_id == period.id,
            in_subtree(actor),
        )
    ).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "lock exception"})
    exc, unit = row
    audit.record(
        session,
        actor,
        "delete",
        "lock_exception",
        exc.id,
        unit_id=unit.id,
        before=audit.snapshot(exc),
    )
    session.delete(exc)
    session.commit()


def list_holidays(session: Session, year: int | None) -> list[Holiday]:
    stmt = select(Holiday).order_by(Holiday.day)
    if year is not None:
        stmt = stmt.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return list(session.exec(stmt).all())


def add_holiday(session: Session, actor: Actor, data: HolidayCreate) -> Holiday:
    authorize(actor, "periods.manage")
    if session.get(Holiday, data.day) is not None:
        raise Conflict("This day is already a holiday")
    holiday = Holiday(day=data.day, name=data.name)
    session.add(holiday)
    audit.record(
        session,
        actor,
        "create",
        "holiday",
        None,
        unit_id=actor.unit_id,
        after=audit.snapshot(holiday),
    )
    session.commit()
    return holiday


def remove_holiday(session: Session, actor: Actor, day: date) -> None:
    authorize(actor, "periods.manage")
    holiday = session.get(Holiday, day)
    if holiday is None:
        raise NotFound("No such {entity}", params={"entity": "holiday"})
    audit.record(
        session,
        actor,
        "delete",
        "holiday",
        None,
        unit_id=actor.unit_id,
        before=audit.snapshot(holiday),
    )
    session.delete(holiday)
    session.commit()
