"""Test set-up: one database per run (SQLite file or PostgreSQL, by TEST_DATABASE), migrated
from empty to head with Alembic, emptied before every test; factories build each test's world."""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="thidua-tests-"))
BACKEND = os.environ.get("TEST_DATABASE", "sqlite")
if BACKEND == "postgresql":
    DB_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
elif BACKEND == "sqlite":
    DB_URL = f"sqlite:///{_TMP / 'test.db'}"
else:
    raise RuntimeError(f"TEST_DATABASE must be sqlite or postgresql, not {BACKEND!r}")

# Settings are read from the environment: set them before anything imports the app.
os.environ.update(
    DATABASE_URL=DB_URL,
    DEMO_MODE="false",
    SECRET_KEY="test-secret-key-that-is-long-enough-for-the-guard",
    ARGON2_TIME_COST="1",
    ARGON2_MEMORY_COST="1024",
    API_URL="",
)

from alembic.config import Config  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.exc import DBAPIError  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from alembic import command  # noqa: E402
from app.core.config import PROJECT_ROOT, get_settings  # noqa: E402
from app.core.db import get_engine  # noqa: E402
from app.services.levels import ensure_levels  # noqa: E402
from tests.factories import World, build_world  # noqa: E402

pytest_plugins = ["tests.reporting"]


def pytest_report_header(config: pytest.Config) -> str:
    return f"thidua database backend: {BACKEND} ({get_settings().sqlalchemy_url.split('@')[-1]})"


def _reset_schema() -> None:
    engine = get_engine()
    if BACKEND == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[None]:
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # the suite must fail, never skip, without its database
        pytest.exit(f"test database {BACKEND} unreachable: {exc}", returncode=3)
    _reset_schema()
    yield
    get_engine().dispose()


def _empty_all_tables() -> None:
    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    if BACKEND == "postgresql":
        # A test leaves a few rows: DELETE, children first, and restarting the sequences costs
        # ~30 ms where TRUNCATE of every table costs ~600 ms (it dominated the PostgreSQL run).
        # TRUNCATE … CASCADE remains for what DELETE cannot untangle.
        try:
            with get_engine().begin() as conn:
                for table in tables:
                    conn.execute(text(f'DELETE FROM "{table}"'))
                sequences = conn.execute(
                    text(
                        "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
                    )
                ).scalars()
                for sequence in list(sequences):
                    conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
            return
        except DBAPIError:
            pass
        with get_engine().begin() as conn:
            conn.execute(
                text(
                    "TRUNCATE TABLE "
                    + ", ".join(f'"{t}"' for t in tables)
                    + " RESTART IDENTITY CASCADE"
                )
            )
        return
    # A self-referencing table (unit.parent_id ON DELETE RESTRICT) cannot be emptied by one
    # DELETE while SQLite checks each row; the pragma only takes effect outside a transaction.
    with get_engine().connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        for table in tables:
            conn.execute(text(f'DELETE FROM "{table}"'))
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.commit()


@pytest.fixture(autouse=True)
def _clean_database(database: None) -> None:
    _empty_all_tables()
    # Unit levels are reference data the migration seeds; each test starts with the seed.
    with Session(get_engine()) as s:
        ensure_levels(s)


@pytest.fixture
def session() -> Iterator[Session]:
    with Session(get_engine(), expire_on_commit=False) as s:
        yield s


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from app.api.main import create_api

    with TestClient(create_api(), raise_server_exceptions=False) as client:
        yield client
