"""Alembic on a fresh, separate database: empty → head, no drift from the models, down to
empty and back up again. SQLite uses a temporary file; PostgreSQL a scratch database created
and dropped on the test server."""

import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from alembic import command
from app.core.config import PROJECT_ROOT

BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _psycopg(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture
def scratch_engine(tmp_path) -> Iterator[Engine]:
    if BACKEND == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    server = create_engine(_psycopg(SERVER_URL), isolation_level="AUTOCOMMIT")
    name = f"thidua_migrations_{uuid.uuid4().hex[:12]}"
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine = create_engine(make_url(_psycopg(SERVER_URL)).set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with server.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.dispose()


def _config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def _run(engine: Engine, step, *args) -> None:  # type: ignore[no-untyped-def]
    """Run an alembic command on `engine` (env.py takes the connection from the attributes)."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        step(config, *args)


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_the_migration_history_has_one_head():
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert len(heads) == 1, f"several heads, merge them: {heads}"


def test_upgrade_from_empty_matches_the_models_and_round_trips(scratch_engine):
    assert _tables(scratch_engine) == set()
    model_tables = {t.name for t in SQLModel.metadata.sorted_tables}

    _run(scratch_engine, command.upgrade, "head")
    assert _tables(scratch_engine) == model_tables | {"alembic_version"}
    _run(scratch_engine, command.check)  # raises when the models and the migrations differ

    _run(scratch_engine, command.downgrade, "base")
    assert _tables(scratch_engine) == {"alembic_version"}

    _run(scratch_engine, command.upgrade, "head")
    assert _tables(scratch_engine) == model_tables | {"alembic_version"}
    _run(scratch_engine, command.check)


def _current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_every_revision_downgrades_to_its_predecessor(scratch_engine):
    """One step at a time, so a broken downgrade names its revision."""
    script = ScriptDirectory.from_config(_config())
    _run(scratch_engine, command.upgrade, "head")
    for revision in script.walk_revisions():  # newest first
        assert _current(scratch_engine) == revision.revision
        _run(scratch_engine, command.downgrade, "-1")
        assert _current(scratch_engine) == revision.down_revision, revision.revision
    assert _tables(scratch_engine) == {"alembic_version"}
