"""Targets (chỉ tiêu) per statistics year and indicator: a default, and overrides per unit
that apply to the unit's whole subtree."""

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from app.core.types import Code, Id
from app.models.units import UnitRef


class Target(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("value_bp BETWEEN 0 AND 10000", name="ck_target_range"),
        Index("uq_target", "year", "indicator_id", "unit_id", unique=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(index=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE")
    # NULL: the default for every unit (the national target).
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="CASCADE")
    value_bp: int  # hundredths of a percent: 8150 = 81.50 %


class TargetItem(SQLModel):
    indicator: Code
    unit_id: Id | None = None
    value: float | None = Field(
        default=None, ge=0, le=100, description="Percent; null removes the target"
    )


class TargetsPut(SQLModel):
    items: list[TargetItem] = Field(max_length=2000)


class TargetPublic(SQLModel):
    indicator: str
    unit: UnitRef | None
    value: float


class TargetsPublic(SQLModel):
    year: int
    items: list[TargetPublic]
    effective: dict[str, float | None] | None = None
