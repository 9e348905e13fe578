"""A person's unit through time: dated assignments, so that a transfer or a restructuring does
not rewrite the past. `person.unit_id` stays the current unit (the open assignment's), kept in
step in the same transaction, so that every query of today reads the person row as before.

Dates are inclusive, like unit versions: an assignment holds from `valid_from` (none: since
always) to `valid_to` (none: still). A person's assignments never overlap; the service checks
it, and the database refuses two assignments starting the same day, two open ones, or two
"since always" ones."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime, utcnow
from app.models.units import UnitRef


class PersonAssignment(SQLModel, table=True):
    __tablename__ = "person_assignment"
    __table_args__ = (
        UniqueConstraint("person_id", "valid_from", name="uq_person_assignment_start"),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="ck_person_assignment_validity",
        ),
        # Partial unique indexes (both databases have them): one open assignment per person,
        # and one that runs "since always" (NULLs are distinct in the unique constraint).
        Index(
            "uq_person_assignment_open",
            "person_id",
            unique=True,
            sqlite_where=text("valid_to IS NULL"),
            postgresql_where=text("valid_to IS NULL"),
        ),
        Index(
            "uq_person_assignment_since_always",
            "person_id",
            unique=True,
            sqlite_where=text("valid_from IS NULL"),
            postgresql_where=text("valid_from IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    valid_from: date | None = None
    valid_to: date | None = None
    position: str | None = Field(default=None, max_length=255)
    # The document that decided it (a transfer decision's number) and a free note.
    basis: str | None = Field(default=None, max_length=255)
    note: str | None = Field(default=None, max_length=1000)
    # The restructuring event that opened it, and the one that closed it (reverting uses them).
    event_id: int | None = Field(
        default=None, foreign_key="unit_event.id", ondelete="RESTRICT", index=True
    )
    ended_by_id: int | None = Field(
        default=None, foreign_key="unit_event.id", ondelete="RESTRICT", index=True
    )
    recorded_by: str = Field(default="", max_length=64)
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class AssignmentPublic(SQLModel):
    valid_from: date | None = Field(description="First day (inclusive); none: since always")
    valid_to: date | None = Field(description="Last day (inclusive); none: still assigned")
    unit: UnitRef = Field(
        description="The unit as it was on `valid_from` (as it is now, when none)"
    )
    unit_now: UnitRef = Field(description="The same unit as it is now")
    position: str | None
    basis: str | None = Field(description="The decision that made it, when recorded")
    note: str | None
    by_restructuring: bool = Field(
        description="Opened by a restructuring (its unit ended and a single successor took over)"
    )
    recorded_by: str
    recorded_at: datetime
