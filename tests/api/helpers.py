"""Small assertions and look-ups the API tests share."""

from typing import Any

from httpx import Response
from sqlalchemy import event
from sqlmodel import Session, func, select

from app.core.db import get_engine
from app.core.security import token_digest
from app.models.audit import AuditEntry
from app.models.users import AccessToken

PROBLEM = "application/problem+json"


def problem(r: Response, status: int) -> dict[str, Any]:
    """The response is an application/problem+json of this status; returns its body."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["status"] == status
    assert body["title"]
    return body


def error_fields(r: Response) -> set[str]:
    return {e["field"] for e in problem(r, 422)["errors"]}


def audit_entries(session: Session, **where: Any) -> list[AuditEntry]:
    session.expire_all()
    stmt = select(AuditEntry).order_by(AuditEntry.id)
    for name, value in where.items():
        stmt = stmt.where(getattr(AuditEntry, name) == value)
    return list(session.exec(stmt).all())


def audit_count(session: Session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(AuditEntry)).one()


def token_row(session: Session, secret: str) -> AccessToken:
    session.expire_all()
    return session.exec(
        select(AccessToken).where(AccessToken.token_hash == token_digest(secret))
    ).one()


class QueryCounter:
    """Counts the SQL statements the engine sends while the block runs."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def _count(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements.append(statement)

    def __enter__(self) -> "QueryCounter":
        event.listen(get_engine(), "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(get_engine(), "before_cursor_execute", self._count)

    @property
    def count(self) -> int:
        return len(self.statements)
