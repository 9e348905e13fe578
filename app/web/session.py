"""The session cookie: it holds the API's opaque access token and nothing else.

The API's token table is the server-side session store (idle and absolute expiry, revocation on
logout), so the web layer keeps no state of its own. Over https the cookie is `Secure` and takes
the `__Host-` prefix (no Domain, Path=/); over plain http (development, tests) it cannot.
"""

import re
import unicodedata
from urllib.parse import unquote, urlsplit

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


# A browser drops tabs and newlines anywhere in a URL and spaces and controls at its ends, and
# reads a backslash as "/": "/<tab>/evil" or "/<backslash>evil" become "//evil", another site.
_NEXT_DECODE_ROUNDS = 3


def _unsafe_char(c: str) -> bool:
    return c == "\\" or c.isspace() or unicodedata.category(c) in {"Cc", "Cf", "Cs"}


def _unsafe_path(path: str) -> bool:
    if not path.startswith("/") or path[1:2] in {"/", "\\"}:
        return True
    if any(_unsafe_char(c) for c in path):
        return True
    # "/.//evil" normalises to "//evil": no dot segments in a path we send people to.
    return any(segment in {".", ".."} for segment in path.split("/"))


def safe_next(value: str | None, default: str = "/") -> str:
    """`value` if it is a path on this site, else `default`.

    Same-site means: one "/" then anything but "/" or "\\", no scheme, no host, no control,
    format or space characters, no backslash and no dot segments — in the raw value and in its
    path after percent-decoding (a proxy or server further on may decode "%2F" or "%5C").
    """
    if not value or len(value) > 2000:
        return default
    if any(_unsafe_char(c) for c in value):
        return default
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return default
    # The path is everything before the first "?" or "#", as a browser reads it.
    path = re.split(r"[?#]", value, maxsplit=1)[0]
    for _ in range(_NEXT_DECODE_ROUNDS):
        if _unsafe_path(path):
            return default
        decoded = unquote(path)
        if decoded == path:
            return value
        path = decoded
    return default  # still encoded after several rounds: nothing we would have written


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
