"""Query budgets for the list endpoints: a page costs the same few statements whatever the
number of rows (an N+1 — one query per row — fails here before it slows anyone down)."""

from collections.abc import Callable

import pytest
from sqlmodel import Session

from app.models.audit import AuditEntry
from app.models.levels import LevelCode
from app.models.users import Role, TokenKind
from tests.api.helpers import QueryCounter
from tests.factories import World, make_person, make_token, make_unit, make_user

# Authenticate the token, count the rows, read the page.
BUDGET = 3
ROWS = 60


def _units(session: Session, w: World, n: int) -> None:
    for i in range(n):
        make_unit(session, f"EXT_X{i}", LevelCode.external, w.units["CUC_A"], f"Đối tác {i}")


def _people(session: Session, w: World, n: int) -> None:
    offices = [w.units["CC_A1"], w.units["CC_A2"], w.units["OFFICE_A"]]
    for i in range(n):
        make_person(session, f"Nguyễn Văn {i:03d}", offices[i % 3])


def _users(session: Session, w: World, n: int) -> None:
    offices = [w.units["CC_A1"], w.units["CC_A2"]]
    for i in range(n):
        make_user(session, f"clerk{i:03d}", Role.reporter, offices[i % 2])


def _tokens(kind: TokenKind) -> Callable[[Session, World, int], None]:
    def add(session: Session, w: World, n: int) -> None:
        for _ in range(n):
            make_token(session, w.users["admin_a"], kind=kind)

    return add


def _audit(session: Session, w: World, n: int) -> None:
    for i in range(n):
        unit = w.units["CC_A1" if i % 2 else "CC_A2"]
        session.add(
            AuditEntry(
                actor_id=w.users["admin_a"].id,
                actor_name="admin_a",
                action="update",
                entity="unit",
                entity_id=unit.id,
                unit_id=unit.id,
                before={"address": str(i)},
                after={"address": str(i + 1)},
            )
        )


LISTS = [
    ("/units", _units),
    ("/people", _people),
    ("/users", _users),
    ("/tokens", _tokens(TokenKind.personal)),
    ("/auth/sessions", _tokens(TokenKind.session)),
    ("/audit", _audit),
]


@pytest.mark.parametrize(("path", "add_rows"), LISTS, ids=[p for p, _ in LISTS])
def test_a_list_page_costs_a_fixed_number_of_queries(api, world, session, path, add_rows):
    url = f"/api/v1{path}?limit=50"
    headers = world.headers("admin_a")
    api.get(url, headers=headers)  # warm up: the first call may touch the token

    with QueryCounter() as few:
        assert api.get(url, headers=headers).status_code == 200

    add_rows(session, world, ROWS)
    session.commit()
    with QueryCounter() as many:
        r = api.get(url, headers=headers)
    assert r.status_code == 200
    assert len(r.json()["items"]) == 50 and r.json()["total"] > 50

    assert many.count == few.count, many.statements
    assert 0 < many.count <= BUDGET, many.statements
