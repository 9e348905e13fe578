"""Levels of units, as data: what a level is called, where it stands, whether its units report
figures, are reviewed by the unit above, and at which authority they confer awards.

A unit's `kind` is its level's code; the codes of the levels that existed before levels became
data (`ministry`, `district_office`…) stay as they were, so integrators' filters keep working.
The next restructuring adds rows here, not code."""

from datetime import date
from enum import IntEnum, StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel


class LevelRank(IntEnum):
    """Where a level stands, from the top of the State down to organisations outside it."""

    state = 1  # Chủ tịch nước, Chính phủ, Thủ tướng Chính phủ
    ministry = 2  # Bộ Tư pháp
    central_department = 3  # Tổng cục THADS; from 1/7/2025 Cục Quản lý THADS
    provincial_agency = 4  # Cục THADS tỉnh; from 1/7/2025 THADS tỉnh, thành phố
    area_office = 5  # Chi cục THADS huyện; from 1/7/2025 Phòng THADS khu vực
    internal_office = 6  # a phòng or văn phòng inside an agency
    external = 7  # ngoài ngành: police, courts, People's Committees, banks…


class AuthorityLevel(StrEnum):
    """Who confers an award: the authority of the issuing unit, as the award law names it."""

    provincial_department = "provincial_department"  # Cục trưởng; Trưởng THADS tỉnh
    general_department = "general_department"  # Tổng cục trưởng; Cục trưởng Cục Quản lý THADS
    ministry = "ministry"  # Bộ trưởng Bộ Tư pháp
    provincial_committee = "provincial_committee"  # Chủ tịch UBND tỉnh
    government = "government"  # Thủ tướng Chính phủ
    state = "state"  # Chủ tịch nước


# Higher confers more. A Minister and a province's People's Committee confer at the same tier
# (Bằng khen cấp bộ, ban, ngành, tỉnh).
LEVEL_RANK = {
    AuthorityLevel.provincial_department: 1,
    AuthorityLevel.general_department: 2,
    AuthorityLevel.ministry: 3,
    AuthorityLevel.provincial_committee: 3,
    AuthorityLevel.government: 4,
    AuthorityLevel.state: 5,
}

AUTHORITY_VALUES = ", ".join(f"'{a.value}'" for a in AuthorityLevel)


class LevelCode(StrEnum):
    """The codes of the seeded levels (services/levels.py), for the code that seeds units; the
    rules read the level's row, never these names."""

    state = "state"
    government = "government"
    ministry = "ministry"
    general_department = "general_department"
    enforcement_management = "enforcement_management"
    provincial_department = "provincial_department"
    provincial_enforcement = "provincial_enforcement"
    district_office = "district_office"
    area_office = "area_office"
    internal_office = "internal_office"
    provincial_committee = "provincial_committee"
    external = "external"


class UnitLevelBase(SQLModel):
    code: str = Field(max_length=32, description="What a unit's `kind` holds")
    name_vi: str = Field(max_length=255)
    name_en: str = Field(max_length=255)
    rank: LevelRank = Field(
        description="1 state/government, 2 ministry, 3 central department, 4 provincial "
        "agency, 5 regional or district office, 6 internal office, 7 external organisation"
    )
    reports_figures: bool = Field(
        default=False, description="Its units make the quarterly enforcement reports"
    )
    reviewed_by_parent: bool = Field(
        default=False,
        description="Its units' figures are reviewed, counted and ranked by the unit above "
        "(a Chi cục by its Cục, a Phòng khu vực by its THADS tỉnh)",
    )
    is_external: bool = Field(
        default=False, description="Its units are outside the sector (ngoài ngành)"
    )
    confers_as: AuthorityLevel | None = Field(
        default=None,
        sa_type=String(32),
        description="The authority at which its units confer awards; none: they do not confer",
    )
    valid_from: date | None = Field(default=None, description="In use from (inclusive)")
    valid_to: date | None = Field(default=None, description="In use until (inclusive)")


class UnitLevel(UnitLevelBase, table=True):
    __tablename__ = "unit_level"
    __table_args__ = (
        CheckConstraint("rank BETWEEN 1 AND 7", name="ck_unit_level_rank"),
        CheckConstraint(
            f"confers_as IS NULL OR confers_as IN ({AUTHORITY_VALUES})",
            name="ck_unit_level_confers_as",
        ),
        CheckConstraint(
            "valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from",
            name="ck_unit_level_validity",
        ),
    )

    code: str = Field(max_length=32, primary_key=True)
    rank: int = Field(nullable=False)

    def in_use_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitLevelPublic(UnitLevelBase):
    pass


class UnitLevelRef(SQLModel):
    code: str
    name_vi: str
    name_en: str
    rank: LevelRank
