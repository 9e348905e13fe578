"""People: internal staff of a unit and external individuals (ngoài ngành)."""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from app.core.types import Id, Name, ShortText
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.units import UnitRef


class Gender(StrEnum):
    male = "male"
    female = "female"


class PersonBase(SQLModel):
    full_name: Name = Field(max_length=255)
    unit_id: Id = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    gender: Gender | None = Field(default=None, sa_type=String(16))
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    position: ShortText | None = Field(default=None, max_length=255)
    # For an external person with no registered organisation: where they work.
    organisation: ShortText | None = Field(default=None, max_length=255)
    recruited_on: date | None = None
    is_external: bool = False


class Person(PersonBase, Versioned, table=True):
    __table_args__ = (
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="ck_person_gender"),
    )

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=255, index=True)
    is_active: bool = Field(default=True, nullable=False)
    is_demo: bool = Field(default=False, nullable=False)
    search_name: str = Field(default="", max_length=255, index=True)


class PersonCreate(PersonBase):
    pass


class PersonUpdate(SQLModel):
    full_name: Name | None = None
    unit_id: Id | None = Field(
        default=None,
        description="A new unit is a transfer: the current assignment ends the day before "
        "`effective_on` and a new one begins that day (see GET /people/{id}/assignments).",
    )
    effective_on: date | None = Field(
        default=None,
        description="With a new `unit_id`: the first day in the new unit (default: today in "
        "Asia/Ho_Chi_Minh). Not before the current assignment's start; on that very day the "
        "current assignment is corrected (its unit replaced) instead of a transfer.",
    )
    gender: Gender | None = None
    birth_year: int | None = Field(default=None, ge=1900, le=2100)
    position: ShortText | None = None
    organisation: ShortText | None = None
    recruited_on: date | None = None
    is_external: bool | None = None
    is_active: bool | None = None


class PersonPublic(SQLModel):
    id: int
    full_name: str
    unit: UnitRef
    gender: Gender | None
    birth_year: int | None
    position: str | None
    organisation: str | None
    recruited_on: date | None
    is_external: bool
    is_active: bool
    is_demo: bool
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " People: update."
    )
    version: int
