"""Pieces every table shares: timestamps, version for ETags, list envelope."""

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime, utcnow

T = TypeVar("T")

# The description every Public model's `allowed_actions` carries in the OpenAPI document.
ALLOWED_ACTIONS_DOC = (
    "What the caller may do to this object now (role, token scope, unit scope and the "
    "object's state), by action name; the pages show a button only for these. Any other "
    "action is refused (403 or 409)."
)


class Timestamped(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Versioned(Timestamped):
    """`version` grows by one on every change; it is the ETag and the If-Match target.

    The mapper compares and sets it in the UPDATE itself (`… WHERE id = :id AND version =
    :read`), so two writers that read the same version cannot both win: SQLite ignores
    `SELECT … FOR UPDATE`, and this makes the check atomic there as on PostgreSQL. A lost
    race raises StaleDataError, which the API answers with 409. `bump()` sets the new value
    (no generator), so a record only gets a new version when it really changed."""

    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Problem(BaseModel):
    """application/problem+json (RFC 9457) with the failing fields."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list["FieldError"] = []


class FieldError(BaseModel):
    field: str
    message: str
    code: str = "invalid"
