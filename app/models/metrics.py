"""Metrics, indicators and validation rules: the figures' definitions, kept as data."""

from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel


class Dimension(StrEnum):
    cases = "viec"  # a count of cases
    money = "tien"  # whole đồng


class MetricKind(StrEnum):
    input = "input"
    derived = "derived"


class Severity(StrEnum):
    error = "error"
    warning = "warning"


class Metric(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("dimension IN ('viec', 'tien')", name="ck_metric_dimension"),
        CheckConstraint("kind IN ('input', 'derived')", name="ck_metric_kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    name_vi: str = Field(max_length=255)
    name_en: str = Field(max_length=255)
    dimension: Dimension = Field(sa_type=String(8))
    kind: MetricKind = Field(sa_type=String(8))
    formula: str | None = Field(default=None, max_length=500)  # derived: "a + b - c"
    position: int = 0


class MetricPublic(SQLModel):
    code: str
    name_vi: str
    name_en: str
    dimension: Dimension
    kind: MetricKind
    formula: str | None
    position: int


class Indicator(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    name_vi: str = Field(max_length=255)
    name_en: str = Field(max_length=255)
    numerator: str = Field(max_length=500)
    denominator: str = Field(max_length=500)
    position: int = 0


class IndicatorPublic(SQLModel):
    code: str
    name_vi: str
    name_en: str
    numerator: str
    denominator: str
    position: int


class ValidationRule(SQLModel, table=True):
    __tablename__ = "validation_rule"
    __table_args__ = (CheckConstraint("severity IN ('error', 'warning')", name="ck_rule_severity"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    severity: Severity = Field(sa_type=String(8))
    # "left OP right" over metric codes; prev.x reads the previous quarter, prev_year.x the
    # previous statistics year's Q4.
    expression: str = Field(max_length=500)
    # Comma-separated metric codes the issue is shown beside.
    fields: str = Field(max_length=500)
    message_vi: str = Field(max_length=500)
    message_en: str = Field(max_length=500)
    position: int = 0


class ValidationRulePublic(SQLModel):
    code: str
    severity: Severity
    expression: str
    fields: list[str]
    message_vi: str
    message_en: str
