"""The API's body limit: 413 problem+json, sent before authentication or parsing."""

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from app.api.problems import body_too_large
from app.core.limits import BodyLimit


async def reject(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    await body_too_large(Request(scope, receive), limit)(scope, receive, send)


def install(api: FastAPI) -> None:
    # Added before the headers middleware, so the refusal carries the API's headers too.
    api.add_middleware(BodyLimit, reject=reject)
