"""Units through time: dated versions of a unit (name, code, parent, level) and the events that
changed the structure (create, rename, move, merge, split, dissolve) with their legal basis and
the links from predecessors to successors.

The `unit` row keeps the values of the unit's latest version, so that the queries of today stay
as fast as they were; a version is only read when a date is asked for. Dates are inclusive: a
version holds from `valid_from` to `valid_to`; none means since always, or still."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlmodel import Field, Relationship, SQLModel

from app.core.types import UTCDateTime, utcnow
from app.models.levels import UnitLevel, UnitLevelRef
from app.models.units import KIND_DOC, UnitRef


class EventKind(StrEnum):
    create = "create"  # a unit begins
    rename = "rename"  # its name, code or level changes (Tổng cục → Cục Quản lý THADS)
    move = "move"  # it moves under another parent
    merge = "merge"  # n units end, one takes over (Bến Tre, Trà Vinh, Vĩnh Long → Vĩnh Long)
    split = "split"  # one unit ends, several take over
    dissolve = "dissolve"  # a unit ends; a successor may take over its records and users


class LinkRole(StrEnum):
    predecessor = "predecessor"  # as the event found it (a renamed unit is both)
    successor = "successor"  # as the event left it


EVENT_KIND_VALUES = ", ".join(f"'{k.value}'" for k in EventKind)
LINK_ROLE_VALUES = ", ".join(f"'{r.value}'" for r in LinkRole)


class UnitEvent(SQLModel, table=True):
    __tablename__ = "unit_event"
    __table_args__ = (CheckConstraint(f"kind IN ({EVENT_KIND_VALUES})", name="ck_unit_event_kind"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: EventKind = Field(sa_type=String(16))
    effective_on: date = Field(index=True)
    basis_number: str = Field(max_length=64)
    basis_date: date | None = None
    basis_title: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    # The restructuring that applied it (none: recorded otherwise).
    restructuring_id: int | None = Field(
        default=None, foreign_key="restructuring.id", ondelete="RESTRICT", index=True
    )


class UnitEventLink(SQLModel, table=True):
    __tablename__ = "unit_event_link"
    __table_args__ = (
        CheckConstraint(f"role IN ({LINK_ROLE_VALUES})", name="ck_unit_event_link_role"),
    )

    event_id: int = Field(foreign_key="unit_event.id", ondelete="CASCADE", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", primary_key=True, index=True)
    role: LinkRole = Field(sa_type=String(16), primary_key=True)


class UnitVersion(SQLModel, table=True):
    __tablename__ = "unit_version"
    __table_args__ = (
        UniqueConstraint("unit_id", "valid_from", name="uq_unit_version_start"),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="ck_unit_version_validity",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    code: str = Field(max_length=64)
    name: str = Field(max_length=255)
    search_name: str = Field(default="", max_length=255)  # folded, as on the unit
    kind: str = Field(max_length=32, foreign_key="unit_level.code", ondelete="RESTRICT")
    parent_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    valid_from: date | None = None
    valid_to: date | None = None
    # The event that began this version and the one that ended it (none: a plain edit, or open).
    event_id: int | None = Field(default=None, foreign_key="unit_event.id", ondelete="RESTRICT")
    ended_by_id: int | None = Field(default=None, foreign_key="unit_event.id", ondelete="RESTRICT")
    level: UnitLevel = Relationship(sa_relationship_kwargs={"lazy": "joined"})


class LegalBasis(SQLModel):
    number: str = Field(description="The document's number, e.g. 202/2025/QH15, 1898/QĐ-BTP")
    signed_on: date | None = None
    title: str | None = None


class UnitVersionPublic(SQLModel):
    valid_from: date | None = Field(description="First day (inclusive); none: since always")
    valid_to: date | None = Field(description="Last day (inclusive); none: still in force")
    code: str
    name: str
    kind: str = Field(description=KIND_DOC)
    level: UnitLevelRef
    parent: UnitRef | None = Field(description="The parent, named as it was on `valid_from`")


class UnitEventPublic(SQLModel):
    id: int
    kind: EventKind
    effective_on: date
    basis: LegalBasis
    note: str | None
    predecessors: list[UnitRef] = Field(description="As they were the day before the event")
    successors: list[UnitRef] = Field(description="As they were on the day of the event")


class UnitHistory(SQLModel):
    unit: UnitRef
    versions: list[UnitVersionPublic] = Field(description="Oldest first")
    events: list[UnitEventPublic] = Field(description="Oldest first")
    predecessors: list[UnitRef] = Field(
        description="Units this one took over (by merge, split or dissolution), named as they "
        "were when they ended"
    )
    successors: list[UnitRef] = Field(description="Units that took this one over")
