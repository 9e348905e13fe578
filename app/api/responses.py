"""JSON responses with ETags, idempotent creation, and catalogue lists in the page envelope."""

from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.api.deps import PageParams
from app.core.errors import Conflict
from app.models.base import Page
from app.services import idempotency
from app.services.scope import Actor, require_write_token

T = TypeVar("T")

# Catalogue lists were bare arrays before they took the envelope every other list has.
ENVELOPE_ALIAS = (
    " Answered in the `{items, total, limit, offset}` envelope. `envelope=false` returns the "
    "bare array of earlier versions (every row, no paging): an alias kept for one release."
)
Envelope = Annotated[
    bool,
    Query(
        deprecated=True,
        description="`false`: the bare array of earlier versions; kept for one release",
    ),
]


def etag(version: int) -> str:
    return f'"{version}"'


def with_etag(
    model: BaseModel, version: int, status_code: int = 200, location: str | None = None
) -> JSONResponse:
    headers = {"ETag": etag(version)}
    if location:
        headers["Location"] = location
    return JSONResponse(model.model_dump(mode="json"), status_code=status_code, headers=headers)


def no_content() -> Response:
    return Response(status_code=204)


def create_once(
    session: Session,
    actor: Actor,
    request: Request,
    key: str | None,
    payload: BaseModel,
    work: Callable[[], tuple[BaseModel, int, str]],
    *,
    secret_fields: tuple[str, ...] = (),
) -> JSONResponse:
    """Run `work` (returning the created object, its version and its URL) at most once per key.

    `secret_fields` are answered once and never stored: a replay carries null in their place.
    """
    require_write_token(actor)
    if key is None:
        created, version, location = work()
        return with_etag(created, version, 201, location)
    digest = idempotency.request_hash(
        request.method, request.url.path, payload.model_dump_json().encode()
    )
    state = idempotency.begin(session, actor, key, request.method, request.url.path, digest)
    if isinstance(state, idempotency.Replay):
        headers = {"Idempotent-Replayed": "true"}
        if state.etag:
            headers["ETag"] = state.etag
        if isinstance(state.body, dict) and "id" in state.body:
            headers["Location"] = f"{request.url.path.rstrip('/')}/{state.body['id']}"
        return JSONResponse(state.body, status_code=state.status_code, headers=headers)
    try:
        created, version, location = work()
    except IntegrityError:
        session.rollback()
        raise Conflict("A request with this Idempotency-Key is still being processed") from None
    body = created.model_dump(mode="json")
    stored = {**body, **{name: None for name in secret_fields}}
    idempotency.finish(session, state, 201, stored, etag(version))
    return JSONResponse(
        body, status_code=201, headers={"ETag": etag(version), "Location": location}
    )


def page_or_array(items: Sequence[T], paging: PageParams, envelope: bool) -> Page[T] | list[T]:
    """A short catalogue, read whole, answered as one page (or as the old bare array)."""
    if not envelope:
        return list(items)
    window = list(items[paging.offset : paging.offset + paging.limit])
    return Page(items=window, total=len(items), limit=paging.limit, offset=paging.offset)
