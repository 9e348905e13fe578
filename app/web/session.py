"""The session cookie: it holds the API's opaque access token and nothing else.

The API's token table is the server-side session store (idle and absolute expiry, revocation on
logout), so the web layer keeps no state of its own. Over https the cookie is `Secure` and takes
the `__Host-` prefix (no Domain, Path=/); over plain http (development, tests) it cannot.
"""

from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "thidua_session"
LOGIN_CSRF_COOKIE = "thidua_login_csrf"
LOGIN_CSRF_SECONDS = 30 * 60


def is_https(request: Request) -> bool:
    return request.url.scheme == "https"


def cookie_name(request: Request, base: str) -> str:
    return f"__Host-{base}" if is_https(request) else base


def session_token(request: Request) -> str | None:
    value = request.cookies.get(cookie_name(request, SESSION_COOKIE), "").strip()
    return value or None


def set_session(request: Request, response: Response, token: str, max_age: int) -> None:
    response.set_cookie(
        cookie_name(request, SESSION_COOKIE),
        token,
        max_age=max_age,
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="lax",
    )


def clear_session(request: Request, response: Response) -> None:
    response.delete_cookie(
        cookie_name(request, SESSION_COOKIE),
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="lax",
    )


def login_csrf_cookie(request: Request) -> str | None:
    return request.cookies.get(cookie_name(request, LOGIN_CSRF_COOKIE)) or None


def set_login_csrf(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        cookie_name(request, LOGIN_CSRF_COOKIE),
        token,
        max_age=LOGIN_CSRF_SECONDS,
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="strict",
    )


def clear_login_csrf(request: Request, response: Response) -> None:
    response.delete_cookie(
        cookie_name(request, LOGIN_CSRF_COOKIE),
        path="/",
        secure=is_https(request),
        httponly=True,
        samesite="strict",
    )


def safe_next(value: str | None, default: str = "/") -> str:
    """Only a path on this site: no scheme, no host, no "//" or backslash tricks."""
    if not value or len(value) > 2000:
        return default
    if any(ord(c) < 32 or c == "\\" for c in value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return default
    if parts.path.startswith("//"):
        return default
    return value


def current_path(request: Request) -> str:
    """Where the user is, to come back after logging in. For an htmx call that is the page
    (HX-Current-URL), not the fragment's URL."""
    htmx_page = request.headers.get("hx-current-url")
    if request.method != "GET" and not htmx_page:
        # A form post: come back to the page the form was on, if it was ours.
        htmx_page = request.headers.get("referer")
        if htmx_page and urlsplit(htmx_page).netloc != request.url.netloc:
            htmx_page = None
        if not htmx_page:
            return "/"
    if htmx_page:
        parts = urlsplit(htmx_page)
        return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
    query = request.url.query
    return safe_next(request.url.path + (f"?{query}" if query else ""))
