"""Reports: one per unit and period, their values, and their workflow history."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Strict, StringConstraints
from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from app.core.types import Id, LongText, UTCDateTime, utcnow
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.metrics import Severity
from app.models.units import UnitRef

MAX_VALUE = 10**15  # one million billion đồng: far above any office's figures


class ReportStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"


EDITABLE = {ReportStatus.draft, ReportStatus.returned}


class Report(Versioned, table=True):
    __table_args__ = (
        UniqueConstraint("unit_id", "period_id", name="uq_report_unit_period"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'returned')", name="ck_report_status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    period_id: int = Field(foreign_key="period.id", ondelete="RESTRICT", index=True)
    status: ReportStatus = Field(default=ReportStatus.draft, sa_type=String(16), index=True)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_by: str | None = Field(default=None, max_length=64)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_by: str | None = Field(default=None, max_length=64)
    is_late: bool = Field(default=False, nullable=False)
    # The reviewer's last word when returning or reopening: what the clerk must fix.
    comment: str | None = Field(default=None, max_length=2000)


class ReportValue(SQLModel, table=True):
    __tablename__ = "report_value"
    __table_args__ = (CheckConstraint("value >= 0", name="ck_report_value_non_negative"),)

    report_id: int = Field(
        sa_column=Column(ForeignKey("report.id", ondelete="CASCADE"), primary_key=True)
    )
    metric_id: int = Field(
        sa_column=Column(ForeignKey("metric.id", ondelete="RESTRICT"), primary_key=True)
    )
    value: int = Field(sa_column=Column(BigInteger, nullable=False))


class ReportEvent(SQLModel, table=True):
    """The workflow history shown to clerk and reviewer (the audit log keeps the full detail)."""

    __tablename__ = "report_event"

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="report.id", ondelete="CASCADE", index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    actor: str = Field(max_length=64)
    action: str = Field(max_length=16)
    comment: str | None = Field(default=None, max_length=2000)
    # The input values as submitted (submit events only): the reviewer sees what changed
    # between one submission and the next.
    values: dict[str, int | None] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True)
    )


PeriodCode = Annotated[str, StringConstraints(pattern=r"^\d{4}-Q[1-4]$", max_length=7)]
FigureValue = Annotated[int, Strict(), Field(ge=0, le=MAX_VALUE)]
Values = dict[str, FigureValue | None]


class ReportCreate(SQLModel):
    unit_id: Id
    period: PeriodCode
    values: Values = Field(default_factory=dict)


class ReportPatch(SQLModel):
    values: Values


class ReportComment(SQLModel):
    comment: LongText = Field(min_length=1)


class ReportReason(SQLModel):
    reason: LongText = Field(min_length=1)


class Issue(SQLModel):
    rule: str
    severity: Severity
    message: str
    fields: list[str]


class Evaluation(SQLModel):
    values: dict[str, int | None]
    derived: dict[str, int | None]
    indicators: dict[str, float | None]
    issues: list[Issue]


class EarlierValues(SQLModel):
    """What the clerk sees beside each field: the office's own earlier figures."""

    previous_quarter: dict[str, int | None] | None = Field(
        default=None,
        description="The office's input values of the previous quarter of the same statistics "
        "year (cumulative), or null for Q1 or when none were reported.",
    )
    same_quarter_last_year: dict[str, int | None] | None = Field(
        default=None, description="The office's input values of the same quarter a year earlier."
    )
    year_end: bool = Field(
        default=False,
        description="The period is the statistics year's last quarter: rates are final. Before "
        "it, a cumulative rate is progress toward the annual target, not a result.",
    )
    earlier_summed_from: list[UnitRef] = Field(
        default_factory=list,
        description="For a unit made by a restructuring after an earlier period: the "
        "predecessors (named as they were) whose input values were summed, metric by metric, "
        "to give that period's values; empty when the values are the unit's own.",
    )


class ReportValidation(Evaluation, EarlierValues):
    """The dry run behind the form: what the figures would give, against the unit's targets."""

    targets: dict[str, float | None] = {}
    attainment: dict[str, float | None] = {}


class ReportEventPublic(SQLModel):
    at: datetime
    actor: str
    action: str
    comment: str | None


class ReportPublic(Evaluation):
    id: int
    unit_id: int
    unit: UnitRef
    period: str
    due_on: date
    status: ReportStatus
    targets: dict[str, float | None]
    attainment: dict[str, float | None]
    submitted_at: datetime | None
    submitted_by: str | None
    approved_at: datetime | None
    approved_by: str | None
    is_late: bool
    comment: str | None
    editable: bool
    allowed_actions: list[str] = Field(
        default_factory=list,
        description=ALLOWED_ACTIONS_DOC + " Reports: update, submit, approve, return, reopen.",
    )
    version: int


class ValueChange(SQLModel):
    metric: str
    before: int | None
    after: int | None


class PredecessorReport(SQLModel):
    """A predecessor's report of the same statistics year, shown beside a successor's."""

    id: int
    period: str
    unit: UnitRef = Field(description="The predecessor, named as of the period's end")
    status: ReportStatus
    indicators: dict[str, float | None]


class ReportDetail(ReportPublic, EarlierValues):
    history: list[ReportEventPublic]
    predecessor_reports: list[PredecessorReport] = Field(
        default_factory=list,
        description="The reports of the unit's predecessors for the earlier quarters of the "
        "same statistics year (a year that spans a restructuring is reported by the successor "
        "as a whole; the reviewer sees the quarters its predecessors reported beside it).",
    )
    changes_since_previous_submission: list[ValueChange] = Field(
        default_factory=list,
        description="Input values that differ between the latest submission and the one before "
        "it (a report returned and sent again); empty after a first submission.",
    )
