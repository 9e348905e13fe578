"""Running Alembic on a scratch engine, and reading where it stands."""

from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.core.config import PROJECT_ROOT


def config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def run(engine: Engine, step: Any, *args: Any) -> None:
    """Run an alembic command on `engine` (env.py takes the connection from the attributes)."""
    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, *args)


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
