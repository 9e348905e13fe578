"""A restructuring plan: the events that change the unit tree on one day, on one legal basis,
applied together or not at all. Units are named by their codes, so that a plan can be written
by hand (JSON or a spreadsheet) and can name the units it creates."""

from datetime import date

from pydantic import ConfigDict
from sqlmodel import Field, SQLModel

from app.core.types import Code, LongText, Name, ShortText
from app.models.unit_history import EventKind
from app.models.units import KIND_DOC, LevelCodeText


class BasisIn(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    number: Name = Field(
        max_length=64, description="The document's number, e.g. 202/2025/QH15, 1898/QĐ-BTP"
    )
    signed_on: date | None = None
    title: ShortText | None = Field(default=None, max_length=255)


class NewUnit(SQLModel):
    """A unit the plan creates."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    code: Code = Field(max_length=64)
    name: Name = Field(max_length=255)
    kind: LevelCodeText = Field(description=KIND_DOC)
    parent: Code | None = Field(
        default=None, description="The parent's code: an existing unit or one the plan creates"
    )
    address: ShortText | None = Field(default=None, max_length=255)


class PlannedEvent(SQLModel):
    """One change. `units` are the existing units it concerns (the one renamed, moved, split or
    dissolved; those merged); the units that take over are `new_units` and/or `successors`."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    kind: EventKind
    units: list[Code] = Field(default_factory=list, max_length=500)
    new_units: list[NewUnit] = Field(default_factory=list, max_length=500)
    successors: list[Code] = Field(
        default_factory=list, max_length=500, description="Existing units that take over"
    )
    name: Name | None = Field(default=None, max_length=255, description="rename: the new name")
    code: Code | None = Field(default=None, max_length=64, description="rename: the new code")
    level: LevelCodeText | None = Field(default=None, description="rename: the new level")
    parent: Code | None = Field(default=None, description="move: the new parent's code")
    effective_on: date | None = Field(default=None, description="Default: the plan's date")
    basis: BasisIn | None = Field(default=None, description="Default: the plan's basis")
    note: LongText | None = Field(default=None, max_length=1000)


class RestructuringPlan(SQLModel):
    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    title: Name = Field(max_length=255)
    effective_on: date = Field(description="The first day of the new structure")
    basis: BasisIn
    events: list[PlannedEvent] = Field(min_length=1, max_length=2000)
