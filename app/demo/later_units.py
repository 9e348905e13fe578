"""The demo after 2022, part 1: the units, people and logins around the 1 July 2025
restructuring. The old Cục THADS tỉnh Vĩnh Long and one Chi cục join Trà Vinh's beside Bến Tre,
so that the merger has its three predecessors; the two plans of 1 July 2025 are data files
(`plans/*.json`) applied through the restructuring service, so that they are recorded, can be
viewed and reverted like any plan a user enters."""

import json
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from app.demo.people import add_users
from app.models.levels import LevelCode
from app.models.people import Gender, PersonCreate
from app.models.restructurings import Restructuring, RestructuringPlan
from app.models.units import Unit, UnitCreate
from app.models.users import Role
from app.services import people, units
from app.services.restructuring import plans
from app.services.scope import Actor

PLANS = Path(__file__).parent / "plans"
JULY_2025 = date(2025, 7, 1)
OLD_VINHLONG = "CTHADS-VINHLONG"
TPVINHLONG = "TPVINHLONG"  # the old Vĩnh Long Chi cục's code suffix
PROVINCE = "THADS-VINHLONG"
GOVERNMENT = "CP"
UBND_VINHLONG = "UBND-VINHLONG"

# Units the 2022 world does not have. valid_from is left unset like the 2022 units': they
# existed long before the demo's first year.
BEFORE_CHANGE: list[tuple[str, str, LevelCode, str | None]] = [
    (
        OLD_VINHLONG,
        "Cục Thi hành án dân sự tỉnh Vĩnh Long",
        LevelCode.provincial_department,
        "TCTHADS",
    ),
    (
        f"CC-{TPVINHLONG}",
        "Chi cục Thi hành án dân sự thành phố Vĩnh Long",
        LevelCode.district_office,
        OLD_VINHLONG,
    ),
    # Issuers above the ministry: a root of its own, as the State stands above every tree.
    (GOVERNMENT, "Thủ tướng Chính phủ", LevelCode.government, None),
]

# (code suffix, district areas) of the illustrative mapping in the provincial plan
AREAS = [f"PKV{n}-VINHLONG" for n in range(1, 8)]


def plan(name: str) -> RestructuringPlan:
    """One of the demo's plans, as a user would write it."""
    text = (PLANS / f"restructuring_2025_{name}.json").read_text(encoding="utf-8")
    return RestructuringPlan.model_validate(json.loads(text))


def create_units_before_change(session: Session, actor: Actor) -> None:
    ids = {u.code: u.id for u in session.exec(select(Unit)).all()}
    for code, name, kind, parent in BEFORE_CHANGE:
        unit = units.create_unit(
            session,
            actor,
            UnitCreate(code=code, name=name, kind=kind, parent_id=ids[parent] if parent else None),
        )
        ids[code] = unit.id


def restructure(session: Session, actor: Actor) -> list[Restructuring]:
    """The national plan, then the provincial one (see `restructuring_plans`)."""
    done = []
    for name in ("national", "provincial"):
        row = plans.run(session, actor, plan(name), dry_run=False)
        assert isinstance(row, Restructuring)
        done.append(row)
    return done


def create_units_after_change(session: Session, actor: Actor) -> None:
    """The new province's People's Committee, an issuer of Bằng khen from 1 July 2025."""
    province = session.exec(select(Unit).where(Unit.code == PROVINCE)).one()
    units.create_unit(
        session,
        actor,
        UnitCreate(
            code=UBND_VINHLONG,
            name="Ủy ban nhân dân tỉnh Vĩnh Long",
            kind=LevelCode.provincial_committee,
            parent_id=province.id,
            valid_from=JULY_2025,
        ),
    )


# (unit code, full name, gender, birth year, position, recruited on); invented names.
NEW_STAFF: list[tuple[str, str, Gender, int, str, date]] = [
    (
        PROVINCE,
        "Nguyễn Thanh Phong",
        Gender.male,
        1972,
        "Trưởng Thi hành án dân sự tỉnh",
        date(1996, 3, 1),
    ),
    (
        PROVINCE,
        "Trần Thị Ngọc Hân",
        Gender.female,
        1978,
        "Phó Trưởng Thi hành án dân sự tỉnh",
        date(2001, 9, 1),
    ),
    (
        PROVINCE,
        "Lê Minh Triết",
        Gender.male,
        1985,
        "Chuyên viên Phòng Tổ chức cán bộ",
        date(2010, 6, 1),
    ),
    *[
        (code, name, gender, born, position, recruited)
        for code, staff in zip(
            AREAS,
            [
                [("Võ Hoàng Nam", Gender.male, 1976), ("Phạm Thị Kiều", Gender.female, 1988)],
                [("Huỳnh Văn Lực", Gender.male, 1974), ("Đặng Thị Mỹ Duyên", Gender.female, 1990)],
                [
                    ("Bùi Quốc Thịnh", Gender.male, 1979),
                    ("Ngô Thị Thùy Dương", Gender.female, 1991),
                ],
                [("Dương Văn Tặng", Gender.male, 1975), ("Lý Thị Bảo Ngọc", Gender.female, 1987)],
                [("Châu Minh Hiển", Gender.male, 1977), ("Đoàn Thị Cẩm Tú", Gender.female, 1989)],
                [("Thạch Sô Phia", Gender.male, 1980), ("Kim Thị Sa Rết", Gender.female, 1992)],
                [("Lâm Văn Hậu", Gender.male, 1973), ("Mai Thị Thanh Tâm", Gender.female, 1986)],
            ],
            strict=True,
        )
        for (name, gender, born), position, recruited in zip(
            staff,
            ["Trưởng Phòng Thi hành án dân sự khu vực", "Chấp hành viên"],
            [date(1998, 8, 1), date(2013, 2, 1)],
            strict=True,
        )
    ],
]


def create_people(session: Session, actor: Actor) -> int:
    ids = {u.code: u.id for u in session.exec(select(Unit)).all()}
    for code, name, gender, born, position, recruited in NEW_STAFF:
        people.create_person(
            session,
            actor,
            PersonCreate(
                full_name=name,
                unit_id=ids[code],
                gender=gender,
                birth_year=born,
                position=position,
                recruited_on=recruited,
            ),
            is_demo=True,
        )
    return len(NEW_STAFF)


# (username, full name, role, unit code)
NEW_USERS: list[tuple[str, str, Role, str]] = [
    (
        "vinhlong.tccb",
        "Phòng Tổ chức cán bộ, Thi hành án dân sự tỉnh Vĩnh Long (demo)",
        Role.reviewer,
        PROVINCE,
    ),
    *[
        (
            f"kv{n}.vinhlong",
            f"Văn thư Phòng Thi hành án dân sự khu vực {n} - Vĩnh Long (demo)",
            Role.reporter,
            code,
        )
        for n, code in enumerate(AREAS, start=1)
    ],
]


def create_users(session: Session, actor: Actor, password: str) -> int:
    ids = {u.code: u.id for u in session.exec(select(Unit)).all()}
    return add_users(session, actor, NEW_USERS, ids, password)  # type: ignore[arg-type]
