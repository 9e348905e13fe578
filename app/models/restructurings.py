"""A restructuring plan: the events that change the unit tree on one day, on one legal basis,
applied together or not at all. Units are named by their codes, so that a plan can be written
by hand (JSON or a spreadsheet) and can name the units it creates."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict
from sqlalchemy import JSON, CheckConstraint, Column, String
from sqlmodel import Field, SQLModel

from app.core.types import Code, LongText, Name, ShortText, UTCDateTime
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.unit_history import EventKind, LegalBasis
from app.models.units import KIND_DOC, LevelCodeText, UnitRef


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


class RestructuringStatus(StrEnum):
    applied = "applied"
    reverted = "reverted"


class Restructuring(Versioned, table=True):
    """A plan as applied: what was asked (`plan`), what it did (`summary`, the preview of the
    day it was applied), and what reverting it must check (`state`: the users it moved, the
    units' versions it left)."""

    __tablename__ = "restructuring"
    __table_args__ = (
        CheckConstraint("status IN ('applied', 'reverted')", name="ck_restructuring_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=255)
    effective_on: date = Field(index=True)
    basis_number: str = Field(max_length=64)
    basis_date: date | None = None
    status: RestructuringStatus = Field(
        default=RestructuringStatus.applied, sa_type=String(16), index=True
    )
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    applied_by: str = Field(max_length=64)
    reverted_by: str | None = Field(default=None, max_length=64)
    reverted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    plan: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    summary: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    state: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))


class EventPreview(SQLModel):
    kind: EventKind
    effective_on: date
    basis: LegalBasis
    predecessors: list[UnitRef] = Field(description="As they are before the event")
    successors: list[UnitRef] = Field(description="As they are from the event on")
    parent: UnitRef | None = Field(
        default=None, description="move: the new parent, as it is from the event on"
    )
    note: str | None = Field(default=None, description="The plan's note on the event")


class UserMove(SQLModel):
    user_id: int
    username: str
    full_name: str
    from_unit: UnitRef
    to_unit: UnitRef | None = Field(description="None: the unit ends with no single successor")


class PersonMove(SQLModel):
    person_id: int
    full_name: str
    from_unit: UnitRef
    to_unit: UnitRef | None = Field(
        description="None: to place by hand (several successors or none, or an assignment "
        "that starts on or after the event's date)"
    )


class ScopeGain(SQLModel):
    unit: UnitRef = Field(description="A unit whose users see more")
    users: int = Field(description="How many users it will have (those moving to it included)")
    inherits: list[UnitRef] = Field(description="Whose records they now see")


class OpenReport(SQLModel):
    id: int
    unit: UnitRef
    period: str
    status: str


class RunningCampaign(SQLModel):
    id: int
    title: str
    status: str
    units: list[UnitRef] = Field(description="Its owner or participants that end")


class RestructuringSummary(SQLModel):
    events: list[EventPreview]
    created: list[UnitRef]
    ended: list[UnitRef]
    changed: list[UnitRef] = Field(description="Renamed or moved, as they will be")
    users_moved: list[UserMove] = Field(description="To the single successor of their unit")
    users_to_reassign: list[UserMove] = Field(
        description="Their unit ends with none or several successors: an administrator moves them"
    )
    scopes: list[ScopeGain]
    open_reports: list[OpenReport] = Field(
        description="Not approved, of units that end: finish or move them"
    )
    running_campaigns: list[RunningCampaign]
    people_moved: list[PersonMove] = Field(
        default_factory=list,
        description="Active people of the units that end, given an assignment on the single "
        "successor from the event's date (the current one ends the day before)",
    )
    people_to_place: list[PersonMove] = Field(
        default_factory=list,
        description="Active people of the units that end who stay where they are: their unit "
        "has several successors or none; a person is transferred by hand (PATCH /people/{id})",
    )


class RestructuringPreview(SQLModel):
    dry_run: bool
    title: str
    effective_on: date
    basis: LegalBasis
    summary: RestructuringSummary


class PlanPreview(RestructuringPreview):
    """The dry run of an uploaded plan, with the plan as it was read from the file."""

    plan: dict[str, Any] = Field(
        description="The plan as read and validated (a RestructuringPlan): send it as the body "
        "of POST /restructurings to apply it, without uploading the file again"
    )


class RestructuringPublic(RestructuringPreview):
    id: int
    status: RestructuringStatus
    applied_by: str
    created_at: datetime
    reverted_by: str | None
    reverted_at: datetime | None
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " Restructurings: revert."
    )
    version: int
