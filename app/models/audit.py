"""The change log (who, when, what, before, after) and stored idempotent responses."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime, utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    actor_name: str = Field(max_length=64)
    action: str = Field(max_length=32)
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    # The unit whose subtree may read this entry.
    unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="SET NULL", index=True
    )
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class AuditPublic(SQLModel):
    id: int
    at: datetime
    actor_id: int | None
    actor_name: str
    action: str
    entity: str
    entity_id: int | None
    unit_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_user_key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE")
    key: str = Field(max_length=255)
    method: str = Field(max_length=8)
    path: str = Field(max_length=512)
    request_hash: str = Field(max_length=64)
    status_code: int | None = None
    response_body: str | None = None
    etag: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )
