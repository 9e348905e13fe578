"""Units: the THADS hierarchy, its internal offices, and external organisations."""

from datetime import date
from typing import Annotated

from pydantic import StringConstraints, ValidationInfo, field_validator
from sqlalchemy import CheckConstraint, Text
from sqlmodel import Field, Relationship, SQLModel

from app.core.types import Code, Id, Name, ShortText
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.levels import UnitLevel, UnitLevelRef

KIND_DOC = "The unit's level: its code in GET /api/v1/unit-levels (e.g. district_office)"
LevelCodeText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=32, pattern=r"^[a-z0-9_]+$"),
]


class UnitBase(SQLModel):
    code: Code = Field(max_length=64)
    name: Name = Field(max_length=255)
    kind: LevelCodeText = Field(description=KIND_DOC)
    parent_id: Id | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    valid_from: date | None = None
    valid_to: date | None = None
    address: ShortText | None = Field(default=None, max_length=255)

    # A field validator (not a model validator) so that the error names the field `valid_to`.
    @field_validator("valid_to")
    @classmethod
    def _dates_in_order(cls, valid_to: date | None, info: ValidationInfo) -> date | None:
        valid_from = info.data.get("valid_from")
        if valid_from and valid_to and valid_to < valid_from:
            raise ValueError("Valid to must not be before valid from")
        return valid_to


class Unit(UnitBase, Versioned, table=True):
    __table_args__ = (
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="ck_unit_validity",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=255, index=True)
    is_external: bool = Field(default=False, nullable=False)
    # Materialised path "/1/4/17/": the subtree of a unit is every path starting with its own.
    path: str = Field(default="", max_length=512, index=True)
    # The name folded to lower case without diacritics, for search.
    search_name: str = Field(default="", max_length=255, index=True)
    kind: str = Field(max_length=32, foreign_key="unit_level.code", ondelete="RESTRICT", index=True)
    # The subtrees (paths, space-separated) of the unit's predecessors that its users also see;
    # kept by services/scope.py, read with the unit at each request.
    inherited_scope: str = Field(default="", sa_type=Text, sa_column_kwargs={"server_default": ""})
    # Loaded with the unit (one small join), so every rule can read the level without a query.
    # An outer join: a query that outer-joins units (a default target has none) keeps its rows.
    level: UnitLevel = Relationship(sa_relationship_kwargs={"lazy": "joined"})


class UnitCreate(UnitBase):
    pass


class UnitUpdate(SQLModel):
    code: Code | None = None
    name: Name | None = None
    kind: LevelCodeText | None = Field(default=None, description=KIND_DOC)
    parent_id: Id | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    address: ShortText | None = None


class UnitPublic(SQLModel):
    id: int
    code: str
    name: str
    kind: str = Field(description=KIND_DOC)
    level: UnitLevelRef
    parent_id: int | None
    is_external: bool
    valid_from: date | None
    valid_to: date | None
    address: str | None
    depth: int
    as_of: date | None = Field(
        default=None,
        description="The day the code, name, parent and level are as of; none: the latest",
    )
    reports_figures: bool = Field(
        default=False,
        description="Whether the unit reports figures (an office of the enforcement system "
        "that makes quarterly reports); the API decides, pages need not know the unit kinds.",
    )
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " Units: update."
    )
    version: int


class UnitRef(SQLModel):
    id: int
    code: str
    name: str
    kind: str = Field(description=KIND_DOC)
    is_external: bool
    reports_figures: bool = Field(
        default=False,
        description="Whether the unit reports figures (an office of the enforcement system "
        "that makes quarterly reports); the API decides, pages need not know the unit kinds.",
    )
