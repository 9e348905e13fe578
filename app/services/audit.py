"""The change log, written in the caller's transaction so it commits or rolls back with the change."""

from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, SQLModel, func, select

from app.core.types import utcnow
from app.models.audit import AuditEntry
from app.models.units import Unit
from app.services.scope import Actor, authorize, in_subtree

SECRET_FIELDS = {"password_hash", "token_hash"}


def snapshot(obj: SQLModel | None) -> dict[str, Any] | None:
    if obj is None:
        return None
    data = obj.model_dump(mode="json", warnings=False)
    return {k: v for k, v in data.items() if k not in SECRET_FIELDS}


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    unit_id: int | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            actor_id=actor.user_id,
            actor_name=actor.username,
            action=action,
            entity=entity,
            entity_id=entity_id,
            unit_id=unit_id,
            before=before,
            after=after,
        )
    )


def record_many(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entries: list[tuple[int | None, int | None, dict[str, Any] | None, dict[str, Any] | None]],
) -> None:
    """Many entries (entity_id, unit_id, before, after) in one executemany, for bulk writes:
    the same rows as `record` for each, without an ORM object apiece."""
    if not entries:
        return
    at = utcnow()
    rows = [
        {
            "at": at,
            "actor_id": actor.user_id,
            "actor_name": actor.username,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "unit_id": unit_id,
            "before": before,
            "after": after,
        }
        for entity_id, unit_id, before, after in entries
    ]
    session.connection().execute(insert(AuditEntry), rows)


def list_entries(
    session: Session,
    actor: Actor,
    *,
    entity: str | None,
    entity_id: int | None,
    limit: int,
    offset: int,
) -> tuple[list[AuditEntry], int]:
    authorize(actor, "audit.read")
    stmt = select(AuditEntry).join(Unit, Unit.id == AuditEntry.unit_id).where(in_subtree(actor))
    if entity:
        stmt = stmt.where(AuditEntry.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(AuditEntry.entity_id == entity_id)
    total = session.exec(select(func.count()).select_from(stmt.subquery())).one()
    rows = session.exec(
        stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)  # type: ignore[union-attr]
    ).all()
    return list(rows), total
