"""Statistics periods: cumulative quarters of the THADS statistics year (01/10/Y-1 – 30/09/Y)."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import Id, LongText, ShortText, UTCDateTime, utcnow
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.units import UnitRef


class PeriodStatus(StrEnum):
    open = "open"
    closed = "closed"


class Period(Versioned, table=True):
    __table_args__ = (
        CheckConstraint("quarter BETWEEN 1 AND 4", name="ck_period_quarter"),
        CheckConstraint("status IN ('open', 'closed')", name="ck_period_status"),
        UniqueConstraint("year", "quarter", name="uq_period_year_quarter"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)  # "2022-Q4"
    year: int = Field(index=True)  # the statistics year
    quarter: int
    starts_on: date  # always 01/10 of year-1: reports are cumulative
    ends_on: date
    due_on: date
    status: PeriodStatus = Field(default=PeriodStatus.open, sa_type=String(8))


class PeriodCreate(SQLModel):
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    status: PeriodStatus = PeriodStatus.open


class PeriodUpdate(SQLModel):
    due_on: date | None = None


class PeriodPublic(SQLModel):
    id: int
    code: str
    year: int
    quarter: int
    months: int
    starts_on: date
    ends_on: date
    due_on: date
    status: PeriodStatus
    allowed_actions: list[str] = Field(
        default_factory=list,
        description=ALLOWED_ACTIONS_DOC
        + " Periods: update, open (when closed), close (when open).",
    )
    version: int


class LockException(SQLModel, table=True):
    """A closed period reopened for one unit, so it can still correct or submit its report."""

    __tablename__ = "lock_exception"
    __table_args__ = (UniqueConstraint("period_id", "unit_id", name="uq_lock_exception"),)

    id: int | None = Field(default=None, primary_key=True)
    period_id: int = Field(foreign_key="period.id", ondelete="CASCADE", index=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="CASCADE", index=True)
    reason: str = Field(max_length=2000)
    created_by: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class LockExceptionCreate(SQLModel):
    unit_id: Id
    reason: LongText = Field(min_length=1)


class LockExceptionPublic(SQLModel):
    id: int
    period: str
    unit: UnitRef
    reason: str
    created_by: str
    created_at: datetime


class Holiday(SQLModel, table=True):
    """Public holidays: skipped, like weekends, when due dates are counted in working days."""

    day: date = Field(primary_key=True)
    name: str = Field(max_length=255)


class HolidayPublic(SQLModel):
    day: date
    name: str


class HolidayCreate(SQLModel):
    day: date
    name: ShortText = Field(min_length=1)
