"""Helpers every service uses: counting pages, optimistic locking, applying partial updates."""

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import Session, SQLModel, func, select

from app.core.errors import PreconditionFailed
from app.core.types import utcnow

M = TypeVar("M", bound=SQLModel)


def page(session: Session, stmt: Select[Any], *, limit: int, offset: int) -> tuple[list[Any], int]:
    """One count and one page of rows; `stmt` carries its own stable ORDER BY."""
    total = session.exec(select(func.count()).select_from(stmt.order_by(None).subquery())).one()
    rows = session.exec(stmt.limit(limit).offset(offset)).all()  # type: ignore[call-overload]
    return list(rows), int(total)


def check_version(obj: Any, expected: int | None) -> None:
    """If-Match: refuse to write over a version the client did not see."""
    if expected is not None and obj.version != expected:
        raise PreconditionFailed(
            "The record changed since you read it (version {current})",
            params={"current": obj.version},
            headers={"ETag": f'"{obj.version}"'},
        )


def apply_changes(obj: M, changes: dict[str, Any]) -> bool:
    """Set the given fields; bump version and updated_at only when something really changed."""
    changed = False
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed and hasattr(obj, "version"):
        bump(obj)
    return changed


def bump(obj: Any) -> None:
    """A new version of a record: its ETag changes and its time of change moves."""
    obj.version += 1
    obj.updated_at = utcnow()
