from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, PageDep, SessionDep
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import create_once, no_content
from app.core.types import Id
from app.models.base import Page
from app.models.users import TokenCreate, TokenCreated, TokenKind, TokenPublic
from app.services.accounts import tokens

router = APIRouter(tags=["tokens"])


@router.get("/tokens", responses=READ_ERRORS)
def list_tokens(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    user_id: Annotated[
        Id | None, Query(description="Administrators: another user's tokens")
    ] = None,
    include_inactive: bool = False,
) -> Page[TokenPublic]:
    """Personal API tokens (never their secrets)."""
    rows, total = tokens.list_tokens(
        session,
        actor,
        kind=TokenKind.personal,
        user_id=user_id,
        include_inactive=include_inactive,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[TokenPublic.model_validate(t) for t in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/tokens", status_code=201, response_model=TokenCreated, responses=WRITE_ERRORS)
def create_token(
    data: TokenCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    """A personal token for another system. The secret is in this response only."""

    def work() -> tuple[TokenCreated, int, str]:
        token, secret = tokens.create_personal(session, actor, data)
        return (
            TokenCreated.model_validate(token, update={"token": secret}),
            1,
            f"/api/v1/tokens/{token.id}",
        )

    return create_once(session, actor, request, key, data, work, secret_fields=("token",))


@router.delete("/tokens/{token_id}", status_code=204, responses=WRITE_ERRORS)
def revoke_token(token_id: Id, session: SessionDep, actor: CurrentActor) -> Response:
    tokens.revoke_visible(session, actor, token_id, kind=TokenKind.personal)
    return no_content()
