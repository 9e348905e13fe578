"""Request bodies are bounded while they stream in, before authentication or parsing.

One pure ASGI middleware serves the API and the pages; each passes its own `reject` so that a
refusal looks like the rest of its errors (problem+json for the API, a page for the browser).
"""

from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import get_settings

# Bodies that are parsed into memory as a whole (JSON, urlencoded forms, text, nothing declared)
# get the small limit; files (multipart, spreadsheets, CSV, PDF, images, raw bytes) the larger.
JSON_TYPES = ("application/json", "application/x-www-form-urlencoded", "text/plain", "")
UPLOAD_PREFIXES = ("multipart/", "image/", "application/vnd.", "text/csv")
UPLOAD_TYPES = frozenset(
    {
        "application/octet-stream",
        "application/csv",
        "application/pdf",
        "application/msword",
        "application/zip",
    }
)

Reject = Callable[[Scope, Receive, Send, int], Awaitable[None]]


class BodyTooLarge(HTTPException):
    """Raised from `receive` once the body passes its limit. An HTTPException, so that FastAPI's
    body parsing lets it through unchanged and the app's own handler answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail="Request body too large")
        self.limit = limit


def media_type(scope: Scope) -> str:
    return Headers(scope=scope).get("content-type", "").split(";")[0].strip().lower()


# A bulk import is an upload whatever its format: a province's year of figures as JSON runs
# past the 1 MiB that a form or an object needs, and gets the upload limit like a file.
UPLOAD_PATHS = ("/api/v1/reports/import",)


def limit_for(content_type: str, path: str = "") -> int:
    settings = get_settings()
    if path in UPLOAD_PATHS:
        return settings.max_upload_bytes
    if content_type.endswith("+json") or content_type in JSON_TYPES:
        return settings.max_json_bytes
    if content_type.startswith(UPLOAD_PREFIXES) or content_type in UPLOAD_TYPES:
        return settings.max_upload_bytes
    return settings.max_json_bytes


def human_size(size: int) -> str:
    """1048576 → "1 MB": the limit as a person reads it in the message."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} B"


def _declared_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class BodyLimit:
    """Refuses a declared Content-Length over the limit at once, without calling the app, and
    counts the bytes of every other body as the app receives them: the message that passes the
    limit raises BodyTooLarge instead of reaching the app, so nothing past it is ever held."""

    def __init__(self, app: ASGIApp, reject: Reject) -> None:
        self.app = app
        self.reject = reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(media_type(scope), scope.get("path", ""))
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await self.reject(scope, receive, send, limit)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Normally the app's own handler has answered; this catches the paths it does not
            # cover (middleware reading the body). A response cannot be sent twice.
            if started:
                raise
            await self.reject(scope, receive, send, limit)
