"""Pieces every table shares: timestamps, version for ETags, list envelope."""

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import BaseModel
from sqlmodel import Field, SQLModel

from app.core.types import UTCDateTime, utcnow

T = TypeVar("T")


class Timestamped(SQLModel):
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class Versioned(Timestamped):
    """`version` grows by one on every change; it is the ETag and the If-Match target."""

    version: int = Field(default=1, nullable=False)


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
