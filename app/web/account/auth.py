"""Logging in and out, and the language switch."""

from contextlib import suppress

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from app.web.client import ApiError, NotAuthenticated
from app.web.deps import ApiDep
from app.web.error_pages import redirect
from app.web.forms import FormResult, read_form
from app.web.i18n import LANG_COOKIE, LANGUAGES, N_, gettext
from app.web.security import new_login_csrf
from app.web.session import (
    clear_login_csrf,
    clear_session,
    is_https,
    login_csrf_cookie,
    safe_next,
    set_login_csrf,
    set_session,
)
from app.web.templating import render

router = APIRouter()

# The demo accounts (created only by the demo loader; listed only when DEMO_MODE is on).
DEMO_PASSWORD = "demo-2022"  # noqa: S105 - the published demo credential
DEMO_LOGINS: list[tuple[str, str, str]] = [
    # Since 1 July 2025 (the demo runs to today); the logins below keep their 2022 history.
    ("vinhlong.tccb", "reviewer", N_("Vĩnh Long Provincial Enforcement (the whole province)")),
    *[(f"kv{n}.vinhlong", "reporter", f"Phòng THADS khu vực {n} - Vĩnh Long") for n in range(1, 8)],
    ("admin", "admin", N_("Bến Tre Provincial Department")),
    ("cuc.tccb", "reviewer", N_("Bến Tre Provincial Department (the whole province)")),
    ("giongtrom", "reporter", "Chi cục THADS huyện Giồng Trôm"),
    ("thanhphu", "reporter", "Chi cục THADS huyện Thạnh Phú"),
    ("tpbentre", "reporter", "Chi cục THADS thành phố Bến Tre"),
    ("batri", "reporter", "Chi cục THADS huyện Ba Tri"),
    ("binhdai", "reporter", "Chi cục THADS huyện Bình Đại"),
    ("chauthanh", "reporter", "Chi cục THADS huyện Châu Thành"),
    ("cholach", "reporter", "Chi cục THADS huyện Chợ Lách"),
    ("mocaybac", "reporter", "Chi cục THADS huyện Mỏ Cày Bắc"),
    ("mocaynam", "reporter", "Chi cục THADS huyện Mỏ Cày Nam"),
]
LANG_COOKIE_SECONDS = 365 * 24 * 3600


def _login_page(
    request: Request, form: FormResult, next_url: str, status: int = 200, notice: str | None = None
) -> Response:
    context = {
        "form": form,
        "next": next_url,
        "notice": notice,
        "demo_logins": DEMO_LOGINS,
        "demo_password": DEMO_PASSWORD,
        "login_csrf": getattr(request.state, "login_csrf", None) or "",
    }
    return render(request, "account/login.html", context, status=status)


@router.get("/login")
async def login_page(request: Request, api: ApiDep, next: str = "/") -> Response:
    next_url = safe_next(next)
    if api.token:
        try:
            await api.me()
            return RedirectResponse(next_url, status_code=303)
        except NotAuthenticated:
            pass
    token = login_csrf_cookie(request) or new_login_csrf()
    request.state.login_csrf = token
    notice = gettext("You have logged out.") if request.query_params.get("bye") else None
    response = _login_page(request, FormResult(), next_url, notice=notice)
    set_login_csrf(request, response, token)
    if api.token:
        clear_session(request, response)
    return response


@router.post("/login")
async def login(request: Request, api: ApiDep) -> Response:
    values = await read_form(request)
    next_url = safe_next(values.get("next"))
    username = values.get("username", "")
    try:
        grant = await api.login(username, values.get("password", ""))
    except ApiError as error:
        request.state.login_csrf = login_csrf_cookie(request)
        form = FormResult(values={"username": username})
        form.add_api_error(error, ("username", "password"))
        return _login_page(request, form, next_url, status=error.status)
    response = RedirectResponse(next_url, status_code=303)
    set_session(request, response, grant.access_token, grant.expires_in)
    clear_login_csrf(request, response)
    return response


@router.post("/logout")
async def logout(request: Request, api: ApiDep) -> Response:
    with suppress(NotAuthenticated):  # already dead: nothing to revoke
        await api.logout()  # the API revokes the token: a copied cookie is useless from now on
    response = redirect(request, "/login?bye=1")
    clear_session(request, response)
    return response


@router.get("/lang/{code}")
async def switch_language(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=LANG_COOKIE_SECONDS,
            path="/",
            secure=is_https(request),
            httponly=True,
            samesite="lax",
        )
    return response
