"""A small, complete world for each test: two provinces, offices, external partners, people,
one user per role, and a live token for each user. Built straight through the models (fast);
the behaviour under test goes through the API."""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from sqlmodel import Session

from app.core.security import hash_password
from app.models.levels import LevelCode, UnitLevel
from app.models.people import Person
from app.models.units import Unit
from app.models.users import Role, TokenKind, TokenScope, User
from app.services import unit_history
from app.services.accounts import tokens
from app.services.text import fold
from app.services.units import path_of

PASSWORD = "correct horse battery"


@lru_cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


@dataclass
class World:
    units: dict[str, Unit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, user: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}", **extra}

    def unit_id(self, code: str) -> int:
        return self.units[code].id  # type: ignore[return-value]

    def person_id(self, key: str) -> int:
        return self.people[key].id  # type: ignore[return-value]


def make_unit(
    session: Session, code: str, kind: str, parent: Unit | None, name: str | None = None
) -> Unit:
    name = name or f"Đơn vị {code}"
    level = session.get(UnitLevel, kind)
    assert level is not None, f"no unit level {kind!r}"
    unit = Unit(
        code=code,
        name=name,
        kind=kind,
        parent_id=parent.id if parent else None,
        is_external=level.is_external,
        search_name=fold(name),
    )
    session.add(unit)
    session.flush()
    unit.path = path_of(parent, unit.id)  # type: ignore[arg-type]
    unit_history.record_first(session, unit)
    return unit


def make_user(session: Session, username: str, role: Role, unit: Unit) -> User:
    user = User(
        username=username,
        full_name=f"Người dùng {username}",
        role=role,
        unit_id=unit.id,  # type: ignore[arg-type]
        password_hash=_password_hash(),
    )
    session.add(user)
    session.flush()
    return user


def make_person(
    session: Session,
    name: str,
    unit: Unit,
    *,
    external: bool = False,
    organisation: str | None = None,
) -> Person:
    person = Person(
        full_name=name,
        unit_id=unit.id,
        is_external=external,
        organisation=organisation,  # type: ignore[arg-type]
        search_name=fold(name),
    )
    session.add(person)
    session.flush()
    return person


def make_token(
    session: Session,
    user: User,
    *,
    scope: TokenScope = TokenScope.write,
    kind: TokenKind = TokenKind.session,
) -> str:
    _, secret = tokens.issue(
        session, user, kind=kind, name="test", scope=scope, lifetime=timedelta(hours=1)
    )
    return secret


def build_world(session: Session) -> World:
    w = World()
    u = w.units
    u["BTP"] = make_unit(session, "BTP", LevelCode.ministry, None, "Bộ Tư pháp")
    u["TC"] = make_unit(session, "TC", LevelCode.general_department, u["BTP"], "Tổng cục THADS")
    u["CUC_A"] = make_unit(
        session, "CUC_A", LevelCode.provincial_department, u["TC"], "Cục THADS tỉnh Bến Tre"
    )
    u["OFFICE_A"] = make_unit(
        session, "OFFICE_A", LevelCode.internal_office, u["CUC_A"], "Phòng Tổ chức cán bộ"
    )
    u["CC_A1"] = make_unit(
        session, "CC_A1", LevelCode.district_office, u["CUC_A"], "Chi cục THADS huyện Giồng Trôm"
    )
    u["CC_A2"] = make_unit(
        session, "CC_A2", LevelCode.district_office, u["CUC_A"], "Chi cục THADS huyện Thạnh Phú"
    )
    u["EXT_A"] = make_unit(
        session, "EXT_A", LevelCode.external, u["CUC_A"], "Ủy ban nhân dân tỉnh Bến Tre"
    )
    u["EXT_A1"] = make_unit(
        session, "EXT_A1", LevelCode.external, u["CC_A1"], "Công an huyện Giồng Trôm"
    )
    u["CUC_B"] = make_unit(
        session, "CUC_B", LevelCode.provincial_department, u["TC"], "Cục THADS tỉnh Trà Vinh"
    )
    u["CC_B1"] = make_unit(
        session, "CC_B1", LevelCode.district_office, u["CUC_B"], "Chi cục THADS huyện Càng Long"
    )

    for username, role, unit in [
        ("admin_a", Role.admin, "CUC_A"),
        ("reviewer_a", Role.reviewer, "CUC_A"),
        ("viewer_a", Role.viewer, "CUC_A"),
        ("reporter_a1", Role.reporter, "CC_A1"),
        ("reporter_a2", Role.reporter, "CC_A2"),
        ("admin_b", Role.admin, "CUC_B"),
        ("reporter_b1", Role.reporter, "CC_B1"),
    ]:
        w.users[username] = make_user(session, username, role, u[unit])

    w.people["staff_a1"] = make_person(session, "Nguyễn Văn An", u["CC_A1"])
    w.people["staff_a2"] = make_person(session, "Trần Thị Bình", u["CC_A2"])
    w.people["staff_office"] = make_person(session, "Lê Minh Châu", u["OFFICE_A"])
    w.people["external_a"] = make_person(session, "Phạm Quốc Dũng", u["EXT_A"], external=True)
    w.people["staff_b1"] = make_person(session, "Huỳnh Thị Em", u["CC_B1"])

    for username, user in w.users.items():
        w.tokens[username] = make_token(session, user)
    w.tokens["admin_a_read"] = make_token(
        session, w.users["admin_a"], scope=TokenScope.read, kind=TokenKind.personal
    )
    session.commit()
    return w
