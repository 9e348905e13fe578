"""Headers every API response carries: nothing is sniffed, framed or cached."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# The interactive docs are a page: they get the pages' policy (scripts, styles, images and
# requests from this host only, no inline script); everything else is JSON or a file.
DOCS_PATHS = ("/api/docs", "/api/static/")
STATIC_PATHS = ("/api/static/",)
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"


class ApiHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                path: str = scope["path"]
                if path.startswith(STATIC_PATHS):
                    # The vendored Swagger UI (1.7 MB): revalidated by ETag, not fetched anew.
                    headers.setdefault("Cache-Control", "no-cache")
                for name, value in API_HEADERS.items():
                    headers.setdefault(name, value)
                is_docs = path.startswith(DOCS_PATHS)
                headers.setdefault("Content-Security-Policy", DOCS_CSP if is_docs else API_CSP)
                headers.append("Vary", "Authorization, Accept-Language")
            await send(message)

        await self.app(scope, receive, send_with_headers)
