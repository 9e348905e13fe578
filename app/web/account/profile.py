"""My account: personal API tokens (the secret shown once), my sessions, my password."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Token, TokenCreated
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect, to_login
from app.web.forms import FormResult, read_form
from app.web.i18n import gettext
from app.web.session import clear_session
from app.web.templating import render, wants_fragment

router = APIRouter(prefix="/account")
TOKEN_FIELDS = ("name", "scope", "expires_in_days")
PASSWORD_FIELDS = ("current_password", "new_password", "new_password_confirm")
PREFIX_LENGTH = 8


def _is_current(session: Token, token: str | None) -> bool:
    return bool(token) and session.prefix == (token or "")[:PREFIX_LENGTH]


async def _account_page(
    request: Request,
    api: Api,
    *,
    block: str | None = None,
    status: int = 200,
    token_form: FormResult | None = None,
    created: TokenCreated | None = None,
    password_form: FormResult | None = None,
    password_changed: bool = False,
) -> Response:
    tokens, sessions = await asyncio.gather(api.tokens(), api.sessions())
    context: dict[str, Any] = {
        "tokens": tokens.items,
        "sessions": [(s, _is_current(s, api.token)) for s in sessions.items],
        "token_form": token_form or FormResult(values={"scope": "read", "expires_in_days": "90"}),
        "created": created,
        "password_form": password_form or FormResult(),
        "password_changed": password_changed,
    }
    return render(request, "account/profile.html", context, block=block, status=status)


@router.get("")
async def account(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    return await _account_page(request, api)


@router.post("/tokens")
async def create_token(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    values = await read_form(request)
    data = {
        "name": values.get("name", ""),
        "scope": values.get("scope", "read"),
        "expires_in_days": values.get("expires_in_days") or 90,
    }
    try:
        created = await api.create_token(data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        form.add_api_error(error, TOKEN_FIELDS)
        return await _account_page(request, api, block="tokens", status=422, token_form=form)
    # The secret exists only in this response: show it now (no redirect can carry it).
    return await _account_page(request, api, block="tokens", created=created)


@router.post("/tokens/{token_id}/revoke")
async def revoke_token(request: Request, token_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    await api.revoke_token(token_id)
    if not wants_fragment(request):
        return redirect(request, "/account")
    return await _account_page(request, api, block="tokens")


@router.post("/sessions/{session_id}/end")
async def end_session(request: Request, session_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    sessions = await api.sessions()
    ending_this_one = any(s.id == session_id and _is_current(s, api.token) for s in sessions.items)
    await api.end_session(session_id)
    if ending_this_one:
        response = to_login(request)
        clear_session(request, response)
        return response
    if not wants_fragment(request):
        return redirect(request, "/account")
    return await _account_page(request, api, block="sessions")


@router.post("/password")
async def change_password(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    values = await read_form(request)
    form = FormResult()
    new = values.get("new_password", "")
    if new != values.get("new_password_confirm", ""):
        form.errors["new_password_confirm"] = gettext("The two passwords are not the same")
    else:
        try:
            await api.change_password(values.get("current_password", ""), new)
        except ApiError as error:
            if error.status != 422:
                raise
            form.add_api_error(error, PASSWORD_FIELDS)
    if form.invalid:
        return await _account_page(request, api, block="password", status=422, password_form=form)
    return await _account_page(request, api, block="password", password_changed=True)
