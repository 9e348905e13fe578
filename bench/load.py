"""Loading the generated data set: an empty schema migrated to head, Core bulk inserts,
sequences and planner statistics, the scenario users and their tokens."""

from datetime import timedelta

from alembic.config import Config
from sqlalchemy import Connection, Engine, insert, text
from sqlmodel import Session, SQLModel

from alembic import command
from app.core.config import PROJECT_ROOT
from app.core.security import hash_password
from app.models import User
from app.models.users import Role, TokenKind, TokenScope
from app.services.accounts import tokens
from bench.config import SQLITE_FILE

BENCH_PASSWORD = "bench-password-not-a-secret"  # nobody logs in with it: tokens are issued


def reset_and_migrate(engine: Engine) -> None:
    """An empty schema at the head revision: the same migrations production runs."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    command.upgrade(Config(str(PROJECT_ROOT / "alembic.ini")), "head")


def remove_sqlite_file() -> None:
    for suffix in ("", "-wal", "-shm"):
        SQLITE_FILE.with_name(SQLITE_FILE.name + suffix).unlink(missing_ok=True)


def bulk_insert(
    conn: Connection, model: type[SQLModel], rows: list[dict], batch: int = 50_000
) -> None:
    """Core executemany in large batches: no ORM objects, no RETURNING."""
    table = model.__table__  # type: ignore[attr-defined]
    for start in range(0, len(rows), batch):
        conn.execute(insert(table), rows[start : start + batch])


def fix_sequences(conn: Connection, models: list[type[SQLModel]]) -> None:
    """Ids were given explicitly: move PostgreSQL's sequences past them."""
    if conn.dialect.name != "postgresql":
        return
    for model in models:
        name = model.__tablename__  # type: ignore[attr-defined]
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 0) + 1 FROM "{name}"), false)'
            )
        )


def analyze(engine: Engine) -> None:
    """Fresh planner statistics, as autovacuum or `PRAGMA optimize` would leave them; on
    PostgreSQL also the vacuum that autovacuum would otherwise start mid-benchmark."""
    statement = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(statement))


def make_users(session: Session, users: list[tuple[Role, str, int]]) -> dict[str, str]:
    """(role, username, unit id) each with a session token; returns role -> bearer secret."""
    password = hash_password(BENCH_PASSWORD)
    secrets = {}
    for role, username, unit_id in users:
        user = User(
            username=username,
            full_name=f"Bench {role.value}",
            role=role,
            unit_id=unit_id,
            password_hash=password,
        )
        session.add(user)
        session.flush()
        _, secrets[role.value] = tokens.issue(
            session,
            user,
            kind=TokenKind.session,
            name="bench",
            scope=TokenScope.write,
            lifetime=timedelta(hours=12),
        )
    session.commit()
    return secrets
