"""One place that turns every error into application/problem+json, in the caller's language."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.errors import FieldIssue, ServiceError
from app.core.limits import BodyTooLarge, human_size
from app.core.messages import PYDANTIC_MESSAGES, pick_language, translate

log = logging.getLogger("thidua.api")
PROBLEM = "application/problem+json"

# Standard HTTP errors raised by the framework itself (404 route, 405 method…).
HTTP_TITLES = {
    404: "Not found",
    405: "Method not allowed",
    401: "Authentication required",
    403: "Not allowed",
}


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str | None = None,
    errors: list[FieldIssue] | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
) -> JSONResponse:
    lang = pick_language(request.headers.get("accept-language"))
    body = {
        "type": "about:blank",
        "title": translate(title, lang),
        "status": status,
        "detail": translate(detail, lang, params) if detail else None,
        "errors": [
            {"field": e.field, "message": translate(e.message, lang, e.params), "code": e.code}
            for e in errors or []
        ],
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def body_too_large(request: Request, limit: int) -> JSONResponse:
    return problem_response(
        request,
        413,
        "Request body too large",
        "Request body too large (at most {limit})",
        params={"limit": human_size(limit)},
    )


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    # Unions add the type name as a location step; it means nothing to a client.
    parts = [
        p for p in parts if not p.startswith(("function-", "int", "str", "date", "bool", "float"))
    ] or parts
    return ".".join(parts) or "body"


def issue_from_pydantic(err: dict[str, Any]) -> FieldIssue:
    kind = err.get("type", "value_error")
    ctx = dict(err.get("ctx") or {})
    message = PYDANTIC_MESSAGES.get(kind)
    if kind == "field_error":  # a check across fields, raised for one of them
        loc = (*tuple(err.get("loc", ())), str(ctx["field"]))
        return FieldIssue(_field_name(loc), str(err.get("msg") or "Invalid value"), kind)
    if kind in ("string_too_short", "too_short") and str(ctx.get("min_length")) == "1":
        message = "Must not be empty"
    if message is None:
        raw = str(ctx.get("error") or err.get("msg") or "Invalid value")
        message = raw.removeprefix("Value error, ")
        message = message[0].upper() + message[1:] if message else "Invalid value"
        if "NUL" in message:
            message = "Must not contain NUL characters"
        ctx = {}
    return FieldIssue(
        _field_name(tuple(err.get("loc", ()))), message, kind, {k: str(v) for k, v in ctx.items()}
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return problem_response(
            request, exc.status, exc.title, exc.detail, exc.errors, exc.headers, exc.params
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        issues = [issue_from_pydantic(e) for e in exc.errors()]
        return problem_response(request, 422, "Invalid input", "Some fields are invalid", issues)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, BodyTooLarge):  # raised while the body streamed in (app.api.limits)
            return body_too_large(request, exc.limit)
        if exc.status_code == 400:
            # The framework could not parse the body (not UTF-8, broken form): invalid input,
            # answered like malformed JSON so clients meet one documented status.
            issue = FieldIssue("body", "Invalid value", "body_invalid")
            return problem_response(
                request, 422, "Invalid input", "Some fields are invalid", [issue]
            )
        title = HTTP_TITLES.get(exc.status_code, "Bad request")
        return problem_response(
            request, exc.status_code, title, None, None, dict(exc.headers or {})
        )

    @app.exception_handler(StaleDataError)
    async def _lost_race(request: Request, exc: StaleDataError) -> JSONResponse:  # noqa: ARG001
        # Another request changed the record between our read and our conditional UPDATE:
        # nothing of this request was written. With If-Match the client's version is stale.
        if request.headers.get("if-match"):
            return problem_response(
                request, 412, "Precondition failed", "The record changed since you read it"
            )
        return problem_response(
            request, 409, "Conflict", "Another request changed this record at the same time"
        )

    @app.exception_handler(IntegrityError)
    async def _constraint(request: Request, exc: IntegrityError) -> JSONResponse:
        # Services check what they can first; a constraint that still fires lost a race with
        # a concurrent write (a unique key) or met a reference that vanished meanwhile.
        log.info("constraint on %s %s: %s", request.method, request.url.path, exc.orig)
        return problem_response(
            request, 409, "Conflict", "Another request changed this record at the same time"
        )

    @app.exception_handler(OperationalError)
    async def _busy(request: Request, exc: OperationalError) -> JSONResponse:
        if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
            # SQLite's single writer stayed busy past busy_timeout: ask the client to retry.
            return problem_response(
                request,
                503,
                "Service unavailable",
                "The database is busy; try again",
                headers={"Retry-After": "1"},
            )
        log.exception("database error on %s %s", request.method, request.url.path)
        return problem_response(
            request, 503, "Service unavailable", "The database is not reachable"
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:  # noqa: ARG001
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "Internal error")
