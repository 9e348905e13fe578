"""Units: the THADS hierarchy, its internal offices, and external organisations."""

from datetime import date
from enum import StrEnum

from pydantic import ValidationInfo, field_validator
from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from app.core.types import Code, Id, Name, ShortText
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned


class UnitKind(StrEnum):
    ministry = "ministry"  # Bộ Tư pháp
    general_department = "general_department"  # Tổng cục THADS
    provincial_department = "provincial_department"  # Cục THADS tỉnh
    internal_office = "internal_office"  # phòng of a Cục
    district_office = "district_office"  # Chi cục THADS huyện
    external = "external"  # ngoài ngành: police, courts, People's Committees, banks…


UNIT_KIND_VALUES = ", ".join(f"'{k.value}'" for k in UnitKind)


class UnitBase(SQLModel):
    code: Code = Field(max_length=64)
    name: Name = Field(max_length=255)
    kind: UnitKind = Field(sa_type=String(32))
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
        CheckConstraint(f"kind IN ({UNIT_KIND_VALUES})", name="ck_unit_kind"),
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


class UnitCreate(UnitBase):
    pass


class UnitUpdate(SQLModel):
    code: Code | None = None
    name: Name | None = None
    kind: UnitKind | None = None
    parent_id: Id | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    address: ShortText | None = None


class UnitPublic(SQLModel):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    is_external: bool
    valid_from: date | None
    valid_to: date | None
    address: str | None
    depth: int
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
    kind: UnitKind
    is_external: bool
    reports_figures: bool = Field(
        default=False,
        description="Whether the unit reports figures (an office of the enforcement system "
        "that makes quarterly reports); the API decides, pages need not know the unit kinds.",
    )
