"""A fresh, separate database for each migration test: SQLite uses a temporary file;
PostgreSQL a scratch database created and dropped on the test server."""

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

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
