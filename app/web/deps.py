"""Dependencies that make page signatures read like prose: ApiDep, CurrentUser, AdminUser."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request

from app.web.api_models import Me
from app.web.client import Api, ApiConnector, NotAuthenticated
from app.web.errors import LoginRequired, PageForbidden
from app.web.session import session_token


def connector(request: Request) -> ApiConnector:
    return request.app.state.connector  # type: ignore[no-any-return]


async def api_for_request(request: Request) -> AsyncIterator[Api]:
    async with connector(request).open(request, session_token(request)) as api:
        yield api


ApiDep = Annotated[Api, Depends(api_for_request)]


async def current_user(request: Request, api: ApiDep) -> Me:
    """The signed-in user as the API sees them; no valid session means the login page."""
    if api.token is None:
        raise LoginRequired()
    try:
        me = await api.me()
    except NotAuthenticated:
        raise LoginRequired() from None
    request.state.me = me
    return me


CurrentUser = Annotated[Me, Depends(current_user)]


async def admin_user(me: CurrentUser) -> Me:
    """The user pages open to whom the API shows users (users.read)."""
    if "users.read" not in me.permissions:
        raise PageForbidden()
    return me


AdminUser = Annotated[Me, Depends(admin_user)]
