from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.api.deps import CurrentActor, PageDep, SessionDep, client_ip
from app.api.openapi import READ_ERRORS, errors
from app.api.responses import no_content
from app.core.types import ExactText, Id
from app.models.base import Page
from app.models.users import Me, TokenGrant, TokenKind, TokenPublic
from app.services import units
from app.services.accounts import auth, tokens, users
from app.services.scope import permissions_of

router = APIRouter(tags=["auth"])


@router.post("/auth/token", responses=errors(401, 422, 429))
def issue_token(
    request: Request,
    session: SessionDep,
    username: Annotated[ExactText, Form(min_length=1, max_length=64)],
    password: Annotated[ExactText, Form(min_length=1, max_length=128)],
) -> TokenGrant:
    """OAuth2 password grant. The opaque token expires after idle and absolute limits.

    Attempts are limited per (username, client address) and per client address in a window;
    beyond either limit the answer is 429 with Retry-After, and the password is not checked."""
    secret, expires_in = auth.login(
        session,
        username,
        password,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
    )
    return TokenGrant(access_token=secret, expires_in=expires_in)


@router.post("/auth/logout", status_code=204, responses=errors(401))
def logout(session: SessionDep, actor: CurrentActor) -> Response:
    """Revokes the token used for this call."""
    auth.logout(session, actor)
    return no_content()


@router.get("/auth/sessions", responses=READ_ERRORS)
def my_sessions(session: SessionDep, actor: CurrentActor, paging: PageDep) -> Page[TokenPublic]:
    """Your live login sessions (ASVS 7.5.2)."""
    rows, total = tokens.list_tokens(
        session, actor, kind=TokenKind.session, limit=paging.limit, offset=paging.offset
    )
    return Page(
        items=[TokenPublic.model_validate(t) for t in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.delete("/auth/sessions/{session_id}", status_code=204, responses=READ_ERRORS)
def end_session(session_id: Id, session: SessionDep, actor: CurrentActor) -> Response:
    tokens.revoke_visible(session, actor, session_id, kind=TokenKind.session)
    return no_content()


@router.get("/me", responses=errors(401))
def me(session: SessionDep, actor: CurrentActor) -> Me:
    """Who you are, your role, your unit (`unit.reports_figures`: whether it makes figure
    reports), what the token allows and `permissions`: the actions you may perform."""
    user, unit = users.own_account(session, actor)
    above = [units.unit_ref(u) for u in units.ancestors(session, unit)]
    return Me.model_validate(
        users.to_public(user, unit, actor),
        update={
            "scope": actor.scope,
            "token_kind": actor.token_kind,
            "ancestors": above,
            "permissions": permissions_of(actor),
        },
    )
