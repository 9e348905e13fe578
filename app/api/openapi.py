"""Documented error responses, and the OpenAPI rewrite that types them as problem+json."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

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


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"model": Problem, "description": _DESCRIPTIONS[code]} for code in codes}


READ_ERRORS = errors(401, 403, 404, 422)
WRITE_ERRORS = errors(401, 403, 404, 409, 412, 422)


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
                for code, response in operation.get("responses", {}).items():
                    if code[0] in "45":
                        response["content"] = {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        }
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
