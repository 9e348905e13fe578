from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.openapi import READ_ERRORS, WRITE_ERRORS, errors
from app.api.responses import create_once, no_content, with_etag
from app.core.types import Id, ShortText
from app.models.base import Page
from app.models.users import PasswordChange, PasswordReset, Role, UserCreate, UserPublic, UserUpdate
from app.services.accounts import users

router = APIRouter(tags=["users"])


@router.get("/users", responses=READ_ERRORS)
def list_users(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    q: Annotated[ShortText | None, Query(description="Part of the username")] = None,
    unit_id: Id | None = None,
    role: Role | None = None,
    active: bool | None = None,
) -> Page[UserPublic]:
    """Administrators: the accounts of their subtree."""
    rows, total = users.list_users(
        session,
        actor,
        q=q,
        unit_id=unit_id,
        role=role,
        active=active,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[users.to_public(u, unit, actor) for u, unit in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/users", status_code=201, response_model=UserPublic, responses=WRITE_ERRORS)
def create_user(
    data: UserCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    def work() -> tuple[UserPublic, int, str]:
        user, unit = users.create_user(session, actor, data)
        return users.to_public(user, unit, actor), user.version, f"/api/v1/users/{user.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/users/{user_id}", response_model=UserPublic, responses=READ_ERRORS)
def get_user(user_id: Id, session: SessionDep, actor: CurrentActor) -> JSONResponse:
    user, unit = users.get_user(session, actor, user_id)
    return with_etag(users.to_public(user, unit, actor), user.version)


@router.patch("/users/{user_id}", response_model=UserPublic, responses=WRITE_ERRORS)
def update_user(
    user_id: Id, data: UserUpdate, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    """Change name, role, unit or deactivate; deactivation and re-scoping end the user's sessions."""
    user, unit = users.update_user(session, actor, user_id, data, expected_version=expected)
    return with_etag(users.to_public(user, unit, actor), user.version)


@router.post("/users/{user_id}/password", status_code=204, responses=WRITE_ERRORS)
def reset_password(
    user_id: Id, data: PasswordReset, session: SessionDep, actor: CurrentActor
) -> Response:
    """Set a new password for the user; their sessions and tokens are revoked."""
    users.reset_password(session, actor, user_id, data)
    return no_content()


@router.post("/me/password", status_code=204, responses=errors(401, 403, 422))
def change_my_password(data: PasswordChange, session: SessionDep, actor: CurrentActor) -> Response:
    """Change your own password (the current one is required); your other sessions end."""
    users.change_own_password(session, actor, data)
    return no_content()
