"""The migrations of units through time, on a database that holds units of every old kind,
people and users: levels became data (10b22b31a547), units got dated versions (3f6c2d8e91a4).
Nothing is lost going up, nothing going down, and up again."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError

from alembic import command
from tests.migrations.support import current, run, tables

BEFORE, LEVELS, HISTORY = "5e8a41c07d2b", "10b22b31a547", "3f6c2d8e91a4"
NOW = datetime(2026, 11, 1, tzinfo=UTC)

# (id, code, kind, parent id)
UNITS = [
    (1, "BTP", "ministry", None),
    (2, "TCTHADS", "general_department", 1),
    (3, "CTHADS-BENTRE", "provincial_department", 2),
    (4, "BENTRE-TCCB", "internal_office", 3),
    (5, "CC-GIONGTROM", "district_office", 3),
    (6, "NN-UBND-BENTRE", "external", 3),
]


def _add_unit(conn, unit_id: int, code: str, kind: str, parent_id: int | None) -> None:
    path = "/" + "".join(f"{i:08d}/" for i in _chain(unit_id, parent_id))
    conn.execute(
        text(
            "INSERT INTO unit (id, created_at, updated_at, version, code, name, kind, parent_id,"
            " is_external, path, search_name) VALUES (:id, :at, :at, 1, :code, :name, :kind,"
            " :parent, :external, :path, :search)"
        ),
        {
            "id": unit_id,
            "at": NOW,
            "code": code,
            "name": f"Đơn vị {code}",
            "kind": kind,
            "parent": parent_id,
            "external": kind == "external",
            "path": path,
            "search": code.lower(),
        },
    )


def _chain(unit_id: int, parent_id: int | None) -> list[int]:
    parents = {u[0]: u[3] for u in UNITS}
    chain = [unit_id]
    while parent_id is not None:
        chain.insert(0, parent_id)
        parent_id = parents.get(parent_id)
    return chain


def _fill(engine: Engine) -> None:
    with engine.begin() as conn:
        for unit in UNITS:
            _add_unit(conn, *unit)
        conn.execute(
            text(
                "INSERT INTO person (id, created_at, updated_at, version, unit_id, is_external,"
                " full_name, is_active, is_demo, search_name) VALUES (1, :at, :at, 1, 5, false,"
                " 'Nguyễn Văn An', true, false, 'nguyen van an')"
            ),
            {"at": NOW},
        )
        conn.execute(
            text(
                'INSERT INTO "user" (id, created_at, updated_at, version, username, full_name,'
                " role, unit_id, password_hash, is_active, password_changed_at) VALUES (1, :at,"
                " :at, 1, 'giongtrom', 'Văn thư', 'reporter', 5, 'x', true, :at)"
            ),
            {"at": NOW},
        )


@contextmanager
def _checked(engine: Engine) -> Iterator[Connection]:
    """A transaction in which SQLite enforces foreign keys, as the application's engine does."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # outside a transaction, or SQLite ignores it; off again for the migrations
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
        try:
            with conn.begin():
                yield conn
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()


def _kinds(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT code, kind FROM unit")).all())


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()


def test_levels_keep_every_unit_and_its_kind_up_and_down(scratch_engine):
    engine = scratch_engine
    run(engine, command.upgrade, BEFORE)
    _fill(engine)
    old_kinds = _kinds(engine)

    run(engine, command.upgrade, LEVELS)
    assert current(engine) == LEVELS
    assert _kinds(engine) == old_kinds  # same codes: kind= filters keep working
    assert (_count(engine, "person"), _count(engine, "user")) == (1, 1)
    with engine.connect() as conn:
        levels = dict(conn.execute(text("SELECT code, reports_figures FROM unit_level")).all())
    assert set(old_kinds.values()) <= set(levels) and len(levels) == 12
    assert levels["district_office"] and levels["area_office"] and not levels["ministry"]

    # Levels are a reference now: a unit's kind must name one.
    with pytest.raises(IntegrityError), _checked(engine) as conn:
        _add_unit(conn, 7, "X", "planet", 3)
    with _checked(engine) as conn:
        _add_unit(conn, 7, "PKV1", "area_office", 3)
        _add_unit(conn, 8, "TTG", "government", None)

    run(engine, command.downgrade, BEFORE)
    assert "unit_level" not in tables(engine)
    kinds = _kinds(engine)
    assert len(kinds) == 8 and {k: kinds[k] for k in old_kinds} == old_kinds
    assert kinds["PKV1"] == "district_office" and kinds["TTG"] == "external"
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _add_unit(conn, 9, "Y", "area_office", 3)  # the old list is enforced again

    run(engine, command.upgrade, "head")
    assert len(_kinds(engine)) == 8


def test_every_unit_gets_a_version_as_it_stands_and_keeps_its_row_going_down(scratch_engine):
    engine = scratch_engine
    run(engine, command.upgrade, LEVELS)
    _fill(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE unit SET valid_to = '2025-06-30' WHERE code = 'CC-GIONGTROM'"))

    run(engine, command.upgrade, HISTORY)
    with engine.connect() as conn:
        versions = conn.execute(
            text(
                "SELECT u.code, v.name, v.kind, v.parent_id, v.valid_from, v.valid_to"
                " FROM unit_version v JOIN unit u ON u.id = v.unit_id ORDER BY u.id"
            )
        ).all()
    assert [v[0] for v in versions] == [u[1] for u in UNITS]  # one each, none lost
    by_code = {v[0]: v[1:] for v in versions}
    assert by_code["CC-GIONGTROM"][:3] == ("Đơn vị CC-GIONGTROM", "district_office", 3)
    assert str(by_code["CC-GIONGTROM"][4]) == "2025-06-30" and by_code["BTP"][2] is None

    run(engine, command.downgrade, LEVELS)
    assert "unit_version" not in tables(engine) and "unit_event" not in tables(engine)
    assert len(_kinds(engine)) == len(UNITS)
    run(engine, command.upgrade, "head")
    assert _count(engine, "unit_version") == len(UNITS)
