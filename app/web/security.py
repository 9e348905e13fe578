"""CSRF protection for every state-changing page request, and the security headers.

Signed-in forms: the token is HMAC-SHA256(secret_key, "csrf:" + session token), sent by htmx in
the X-CSRF-Token header (hx-headers on <body>) and by plain forms in a hidden `csrf_token` field.
The login form, which has no session yet, uses a double-submit cookie instead.
"""

import hashlib
import hmac
import secrets

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings
from app.web.errors import CsrfRejected, LoginRequired
from app.web.session import is_https, login_csrf_cookie, session_token

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOGIN_PATH = "/login"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
STATIC_PREFIX = "/static/"


def csrf_token_for(session: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"csrf:" + session.encode(), hashlib.sha256).hexdigest()


def new_login_csrf() -> str:
    return secrets.token_urlsafe(32)


def page_csrf_token(request: Request) -> str:
    """The token the page being rendered must carry (empty when signed out)."""
    token = session_token(request)
    if token:
        return csrf_token_for(token)
    return getattr(request.state, "login_csrf", "") or ""


async def _submitted(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


def _same(expected: str | None, sent: str) -> bool:
    if not expected or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())


async def csrf_guard(request: Request) -> None:
    """An app-wide dependency: refuses any unsafe request whose token does not match."""
    if request.method not in UNSAFE_METHODS:
        return
    sent = await _submitted(request)
    if request.url.path == LOGIN_PATH:
        if not _same(login_csrf_cookie(request), sent):
            raise CsrfRejected()
        return
    token = session_token(request)
    if token is None:
        raise LoginRequired()
    if not _same(csrf_token_for(token), sent):
        raise CsrfRejected()


class SecurityHeadersMiddleware:
    """Adds the headers every web response carries (pages, fragments, errors, static files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        https = is_https(Request(scope))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["X-Frame-Options"] = "DENY"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
                if https:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
                headers.add_vary_header("HX-Request")
                if path.startswith(STATIC_PREFIX):
                    headers.setdefault("Cache-Control", "public, max-age=86400")
                else:
                    # Pages show a signed-in user's data: never stored by a browser or proxy.
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
