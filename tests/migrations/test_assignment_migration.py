"""The migration of people to dated assignments (6b2f9d4e1a73), on a database with people
recruited on a known day and people with no such day: each gets one open assignment on their
unit from that day; going down leaves every person on their unit."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from alembic import command
from tests.migrations.support import current, run, tables

BEFORE, ASSIGNMENTS = "c4d9b2e6f813", "6b2f9d4e1a73"
NOW = datetime(2026, 11, 1, tzinfo=UTC)

# (id, name, unit id, recruited on)
PEOPLE = [
    (1, "Nguyễn Văn An", 5, date(2015, 3, 1)),
    (2, "Trần Thị Bình", 5, None),
    (3, "Lê Minh Châu", 4, date(2020, 9, 15)),
]


def _fill(engine: Engine) -> None:
    with engine.begin() as conn:
        for unit_id, code, kind, parent, path in [
            (3, "CTHADS-BENTRE", "provincial_department", None, "/00000003/"),
            (4, "BENTRE-TCCB", "internal_office", 3, "/00000003/00000004/"),
            (5, "CC-GIONGTROM", "district_office", 3, "/00000003/00000005/"),
        ]:
            conn.execute(
                text(
                    "INSERT INTO unit (id, created_at, updated_at, version, code, name, kind,"
                    " parent_id, is_external, path, search_name, inherited_scope) VALUES (:id,"
                    " :at, :at, 1, :code, :code, :kind, :parent, false, :path, :code, '')"
                ),
                {
                    "id": unit_id,
                    "at": NOW,
                    "code": code,
                    "kind": kind,
                    "parent": parent,
                    "path": path,
                },
            )
        for person_id, name, unit_id, recruited in PEOPLE:
            conn.execute(
                text(
                    "INSERT INTO person (id, created_at, updated_at, version, unit_id,"
                    " is_external, full_name, is_active, is_demo, search_name, recruited_on,"
                    " position) VALUES (:id, :at, :at, 1, :unit, false, :name, true, false,"
                    " :name, :recruited, 'Chấp hành viên')"
                ),
                {"id": person_id, "at": NOW, "unit": unit_id, "name": name, "recruited": recruited},
            )


def _assignments(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT person_id, unit_id, valid_from, valid_to, position FROM person_assignment"
                " ORDER BY person_id"
            )
        ).all()
    return [(p, u, str(f) if f else None, t, pos) for p, u, f, t, pos in rows]


def test_each_person_gets_one_open_assignment_on_their_unit_and_keeps_it_going_down(
    scratch_engine,
):
    engine = scratch_engine
    run(engine, command.upgrade, BEFORE)
    _fill(engine)

    run(engine, command.upgrade, ASSIGNMENTS)
    assert current(engine) == ASSIGNMENTS
    assert _assignments(engine) == [
        (1, 5, "2015-03-01", None, "Chấp hành viên"),
        (2, 5, None, None, "Chấp hành viên"),  # no recruitment day: since always
        (3, 4, "2020-09-15", None, "Chấp hành viên"),
    ]
    # The database refuses a second open assignment for a person.
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person_assignment (person_id, unit_id, valid_from, recorded_by,"
                " recorded_at) VALUES (1, 4, '2024-01-01', 'x', :at)"
            ),
            {"at": NOW},
        )
    # Closing the current one first, a transfer fits.
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE person_assignment SET valid_to = '2023-12-31' WHERE person_id = 1")
        )
        conn.execute(
            text(
                "INSERT INTO person_assignment (person_id, unit_id, valid_from, recorded_by,"
                " recorded_at) VALUES (1, 4, '2024-01-01', 'x', :at)"
            ),
            {"at": NOW},
        )
        conn.execute(text("UPDATE person SET unit_id = 4 WHERE id = 1"))

    run(engine, command.downgrade, BEFORE)
    assert "person_assignment" not in tables(engine)
    with engine.connect() as conn:
        units = dict(conn.execute(text("SELECT id, unit_id FROM person")).all())
    assert units == {1: 4, 2: 5, 3: 4}  # nobody lost, each on their current unit

    run(engine, command.upgrade, "head")
    assert [a[:3] for a in _assignments(engine)] == [
        (1, 4, "2015-03-01"),
        (2, 5, None),
        (3, 4, "2020-09-15"),
    ]
