"""What an action just did ("saved", "submitted"), said once on the page it led to.

After an action the address is the resource's own page, so a reload shows its true state and
never a stale "saved as draft" on a report that was submitted since. The word travels in a
short-lived cookie scoped to that page; the page reads it, and the middleware expires it on
the page's answer, so it is said once.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.session import is_https

FLASH_COOKIE = "thidua_done"
_WORD = re.compile(r"^[a-z_]{1,32}$")


def split_done(url: str) -> tuple[str, str | None]:
    """`/reports/4?done=saved#x` → (`/reports/4#x`, "saved")."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    done = next((v for k, v in query if k == "done"), None)
    rest = urlencode([(k, v) for k, v in query if k != "done"])
    return urlunsplit(parts._replace(query=rest)), done


def remember(request: Request, response: Response, url: str, done: str) -> None:
    if _WORD.match(done):
        response.set_cookie(
            FLASH_COOKIE,
            done,
            max_age=60,
            path=urlsplit(url).path or "/",
            httponly=True,
            samesite="lax",
            secure=is_https(request),
        )


def done_word(request: Request) -> str:
    """The action just done on this page, if any (read once: see FlashMiddleware)."""
    value = request.cookies.get(FLASH_COOKIE, "")
    return value if _WORD.match(value) else ""


class FlashMiddleware:
    """Expires the flash cookie on the first full page answered at its path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_headers = dict(scope.get("headers") or [])
        cookie = request_headers.get(b"cookie", b"")
        if scope["type"] != "http" or FLASH_COOKIE.encode() not in cookie:
            await self.app(scope, receive, send)
            return
        is_htmx = request_headers.get(b"hx-request") == b"true"

        async def send_expiring(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html") and not is_htmx:
                    headers.append(
                        "set-cookie",
                        f"{FLASH_COOKIE}=; Max-Age=0; Path={scope['path']}; HttpOnly; SameSite=lax",
                    )
            await send(message)

        await self.app(scope, receive, send_expiring)
