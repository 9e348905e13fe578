"""The whole service: the JSON API under /api, the HTMX pages everywhere else."""

from typing import Any

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from app.api.main import create_api
from app.web.main import create_web


class ThiduaApp:
    """Sends /api/… to the API and everything else to the pages; the pages reach the API
    in process through the same object the public uses (or over HTTP when API_URL is set)."""

    def __init__(self, api: FastAPI, web: Any) -> None:
        self.api = api
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.web(scope, receive, send)
            return
        path: str = scope.get("path", "")
        target = self.api if path == "/api" or path.startswith("/api/") else self.web
        await target(scope, receive, send)


def create_app() -> ThiduaApp:
    api = create_api()
    return ThiduaApp(api, create_web(api))


app = create_app()
