"""Unit levels: the seeded rows, reading them, and the questions every rule asks of a unit's
level (does it report figures, is it reviewed by its parent, at which authority does it confer).

The seed is inserted by the migration that made levels data and, for levels added later, by
`thidua db upgrade` (`ensure_levels` adds what is missing and leaves an edited row alone)."""

from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid
from app.models.levels import AuthorityLevel, LevelCode, LevelRank, UnitLevel
from app.models.units import Unit
from app.services.common import page
from app.services.scope import Actor, authorize

_END_OF_OLD = date(2025, 6, 30)  # QĐ 1898/QĐ-BTP, NQ 202 and 203/2025/QH15: in force 1/7/2025
_START_OF_NEW = date(2025, 7, 1)

# (code, Vietnamese, English, rank, reports, reviewed by parent, external, confers as, from, to)
SEED: list[
    tuple[
        LevelCode,
        str,
        str,
        LevelRank,
        bool,
        bool,
        bool,
        AuthorityLevel | None,
        date | None,
        date | None,
    ]
] = [
    (
        LevelCode.state,
        "Chủ tịch nước",
        "President of the State",
        LevelRank.state,
        False,
        False,
        False,
        AuthorityLevel.state,
        None,
        None,
    ),
    (
        LevelCode.government,
        "Chính phủ, Thủ tướng Chính phủ",
        "Government, Prime Minister",
        LevelRank.state,
        False,
        False,
        False,
        AuthorityLevel.government,
        None,
        None,
    ),
    (
        LevelCode.ministry,
        "Bộ",
        "Ministry",
        LevelRank.ministry,
        False,
        False,
        False,
        AuthorityLevel.ministry,
        None,
        None,
    ),
    (
        LevelCode.general_department,
        "Tổng cục Thi hành án dân sự",
        "General Department of Civil Judgment Enforcement",
        LevelRank.central_department,
        False,
        False,
        False,
        AuthorityLevel.general_department,
        None,
        _END_OF_OLD,
    ),
    (
        LevelCode.enforcement_management,
        "Cục Quản lý Thi hành án dân sự",
        "Department of Civil Judgment Enforcement Management",
        LevelRank.central_department,
        False,
        False,
        False,
        AuthorityLevel.general_department,
        _START_OF_NEW,
        None,
    ),
    (
        LevelCode.provincial_department,
        "Cục Thi hành án dân sự tỉnh, thành phố",
        "Provincial Civil Judgment Enforcement Department",
        LevelRank.provincial_agency,
        True,
        False,
        False,
        AuthorityLevel.provincial_department,
        None,
        _END_OF_OLD,
    ),
    (
        LevelCode.provincial_enforcement,
        "Thi hành án dân sự tỉnh, thành phố",
        "Provincial Civil Judgment Enforcement",
        LevelRank.provincial_agency,
        True,
        False,
        False,
        AuthorityLevel.provincial_department,
        _START_OF_NEW,
        None,
    ),
    (
        LevelCode.district_office,
        "Chi cục Thi hành án dân sự huyện",
        "District Civil Judgment Enforcement Office",
        LevelRank.area_office,
        True,
        True,
        False,
        None,
        None,
        _END_OF_OLD,
    ),
    (
        LevelCode.area_office,
        "Phòng Thi hành án dân sự khu vực",
        "Regional Civil Judgment Enforcement Office",
        LevelRank.area_office,
        True,
        True,
        False,
        None,
        _START_OF_NEW,
        None,
    ),
    (
        LevelCode.internal_office,
        "Phòng, văn phòng thuộc cơ quan",
        "Internal office",
        LevelRank.internal_office,
        False,
        False,
        False,
        None,
        None,
        None,
    ),
    (
        LevelCode.provincial_committee,
        "Ủy ban nhân dân tỉnh, thành phố",
        "Provincial People's Committee",
        LevelRank.external,
        False,
        False,
        True,
        AuthorityLevel.provincial_committee,
        None,
        None,
    ),
    (
        LevelCode.external,
        "Cơ quan, tổ chức ngoài ngành",
        "External organisation",
        LevelRank.external,
        False,
        False,
        True,
        None,
        None,
        None,
    ),
]


def seed_rows() -> list[UnitLevel]:
    return [
        UnitLevel(
            code=code.value,
            name_vi=vi,
            name_en=en,
            rank=int(rank),
            reports_figures=reports,
            reviewed_by_parent=reviewed,
            is_external=external,
            confers_as=confers,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        for code, vi, en, rank, reports, reviewed, external, confers, valid_from, valid_to in SEED
    ]


def ensure_levels(session: Session) -> int:
    """Insert the seeded levels that are missing; an administrator's edits stay."""
    existing = set(session.exec(select(UnitLevel.code)).all())
    missing = [row for row in seed_rows() if row.code not in existing]
    session.add_all(missing)
    session.commit()
    return len(missing)


def list_levels(
    session: Session,
    actor: Actor,
    *,
    as_of: date | None = None,
    reports_figures: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[UnitLevel], int]:
    authorize(actor, "units.read")
    stmt = select(UnitLevel)
    if as_of is not None:
        stmt = stmt.where(
            (col(UnitLevel.valid_from).is_(None) | (col(UnitLevel.valid_from) <= as_of))
            & (col(UnitLevel.valid_to).is_(None) | (col(UnitLevel.valid_to) >= as_of))
        )
    if reports_figures is not None:
        stmt = stmt.where(UnitLevel.reports_figures == reports_figures)
    return page(session, stmt.order_by(UnitLevel.rank, UnitLevel.code), limit=limit, offset=offset)


def get_level(session: Session, code: str, *, field: str = "kind") -> UnitLevel:
    """A level named by a client (422 on `field` when there is none)."""
    level = session.get(UnitLevel, code)
    if level is None:
        raise Invalid(FieldIssue(field, "No such unit level", "not_found"))
    return level


def reports_figures_clause() -> ColumnElement[bool]:
    """SQL: the unit is one that makes the quarterly reports (its level says so)."""
    return col(Unit.kind).in_(
        select(UnitLevel.code).where(col(UnitLevel.reports_figures).is_(True))
    ) & col(Unit.is_external).is_(False)


def reviewed_by_parent_clause() -> ColumnElement[bool]:
    """SQL: the unit's figures are reviewed, counted and ranked by the unit above it."""
    return col(Unit.kind).in_(
        select(UnitLevel.code).where(col(UnitLevel.reviewed_by_parent).is_(True))
    ) & col(Unit.is_external).is_(False)


def reports_figures(unit: Unit) -> bool:
    return unit.level.reports_figures and not unit.is_external


def reviewed_by_parent(unit: Unit) -> bool:
    return unit.level.reviewed_by_parent and not unit.is_external and unit.parent_id is not None


def confers_as(unit: Unit) -> AuthorityLevel | None:
    value = unit.level.confers_as
    return AuthorityLevel(value) if value else None
