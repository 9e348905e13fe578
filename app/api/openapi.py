"""Documented error responses, and the OpenAPI rewrite that completes what FastAPI cannot infer:
problem+json errors, the headers the API sends, binary files and file uploads."""

from typing import Any

from fastapi import FastAPI, routing
from fastapi.openapi.utils import get_openapi

from app.api import responses
from app.models.base import Problem

_DESCRIPTIONS = {
    401: "Missing, invalid, expired or revoked access token",
    403: "The role or the token's scope does not allow this",
    404: "No such object in the caller's unit subtree",
    409: "The object's state does not allow this",
    412: "If-Match does not match the current ETag",
    422: "Invalid input; every failing field is listed in `errors`",
    429: "Too many attempts; see Retry-After",
    503: "The database is not reachable",
}

BINARY = {"type": "string", "format": "binary"}
UPLOAD = "FileUpload"
MULTIPART = "multipart/form-data"

ETAG = {
    "description": 'The object\'s version, e.g. "3": send it back in If-Match to change it',
    "required": True,
    "schema": {"type": "string"},
}
LOCATION = {
    "description": "The URL of the created object",
    "required": True,
    "schema": {"type": "string"},
}
REPLAYED = {
    "description": "`true` when this is the stored answer to an earlier request with the same "
    "Idempotency-Key: nothing new was created",
    "schema": {"type": "string", "enum": ["true"]},
}
RETRY_AFTER = {
    "description": "Seconds to wait before trying again",
    "schema": {"type": "integer", "minimum": 0},
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": Problem, "description": _DESCRIPTIONS[code]} for code in codes}


READ_ERRORS = errors(401, 403, 404, 422)
WRITE_ERRORS = errors(401, 403, 404, 409, 412, 422)


def file_body(raw: dict[str, dict[str, Any]], part_types: list[str]) -> dict[str, Any]:
    """A request body sent raw (its Content-Type says what it is) or as the `file` part of a
    multipart form (the part's type, or else its file name's extension, says)."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                **raw,
                MULTIPART: {
                    "schema": {"$ref": f"#/components/schemas/{UPLOAD}"},
                    "encoding": {"file": {"contentType": ", ".join(part_types)}},
                },
            },
        }
    }


def _uses(endpoint: Any, helper: object) -> bool:
    """Whether the endpoint calls this response helper (the only places ETags are set)."""
    code = getattr(endpoint, "__code__", None)
    names = code.co_names if code else ()
    return any(endpoint.__globals__.get(name) is helper for name in names)


def _success(operation: dict[str, Any], status: int | None) -> dict[str, Any] | None:
    found = operation.get("responses", {})
    if status is not None and str(status) in found:
        return found[str(status)]
    return next((found[code] for code in sorted(found) if code.startswith("2")), None)


def _declare_headers(schema: dict[str, Any], routes: list[Any]) -> None:
    # Included routers are walked as FastAPI walks them for the document itself.
    for route in routing.iter_route_contexts(routes):
        if not isinstance(route.original_route, routing.APIRoute) or route.endpoint is None:
            continue
        created = _uses(route.endpoint, responses.create_once)
        if not (created or _uses(route.endpoint, responses.with_etag)):
            continue
        for method in route.methods or ():
            operation = schema["paths"].get(route.path_format, {}).get(method.lower())
            success = _success(operation or {}, route.status_code)
            if success is None:
                continue
            headers = success.setdefault("headers", {})
            headers["ETag"] = ETAG
            if created:
                headers["Location"] = LOCATION
                headers["Idempotent-Replayed"] = REPLAYED


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _complete_responses(operation: dict[str, Any]) -> None:
    for code, response in operation.get("responses", {}).items():
        if code[0] in "45":
            response["content"] = {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
            if code in ("429", "503"):
                response.setdefault("headers", {})["Retry-After"] = RETRY_AFTER
            continue
        content = response.get("content", {})
        for media_type, media in content.items():
            if not _is_json(media_type) and not media.get("schema"):
                media["schema"] = dict(BINARY)
        if any(_is_json(t) for t in content) and not all(_is_json(t) for t in content):
            # One operation answering JSON or a file by `format`: generated clients read the
            # first media type they know, so the files come first and a file is never parsed
            # as JSON (a JSON answer then arrives as bytes).
            response["content"] = dict(sorted(content.items(), key=lambda item: _is_json(item[0])))


def install(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                _complete_responses(operation)
        _declare_headers(schema, app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components[UPLOAD] = {
            "title": UPLOAD,
            "type": "object",
            "required": ["file"],
            "properties": {"file": {**BINARY, "description": "The file"}},
        }
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
