"""Dependencies that make route signatures read like prose."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from app.core.db import get_session
from app.services.accounts import auth
from app.services.scope import Actor


def session_dep() -> Iterator[Session]:
    yield from get_session()


SessionDep = Annotated[Session, Depends(session_dep)]

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def current_actor(session: SessionDep, token: Annotated[str | None, Depends(bearer)]) -> Actor:
    return auth.authenticate(session, token or "")


CurrentActor = Annotated[Actor, Depends(current_actor)]


class PageParams:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=500, description="Page size (max 500)")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset


PageDep = Annotated[PageParams, Depends()]


def if_match(
    if_match: Annotated[
        str | None,
        Header(max_length=200, description='The ETag you read, e.g. "3"; a stale one answers 412'),
    ] = None,
) -> int | None:
    """The version a client claims to have read; -1 (never matches) when unparseable."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.split(",")[0].strip().removeprefix("W/").strip('"')
    return int(value) if value.isdigit() and len(value) < 12 else -1


IfMatch = Annotated[int | None, Depends(if_match)]


def idempotency_key(
    idempotency_key: Annotated[
        str | None,
        Header(max_length=255, description="Replays of the same key return the first result"),
    ] = None,
) -> str | None:
    return idempotency_key


IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
