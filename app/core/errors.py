"""Errors the services raise; the API turns each into application/problem+json."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FieldIssue:
    field: str
    message: str  # an English message; translated when rendered (app.core.messages)
    code: str = "invalid"
    params: dict[str, Any] = field(default_factory=dict)


class ServiceError(Exception):
    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldIssue] | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        self.params = params or {}


class Unauthorized(ServiceError):
    status = 401
    title = "Authentication required"


class Forbidden(ServiceError):
    status = 403
    title = "Not allowed"


class NotFound(ServiceError):
    status = 404
    title = "Not found"


class Conflict(ServiceError):
    status = 409
    title = "Conflict"


class PreconditionFailed(ServiceError):
    status = 412
    title = "Precondition failed"


class Invalid(ServiceError):
    status = 422
    title = "Invalid input"

    def __init__(self, *issues: FieldIssue, detail: str | None = None) -> None:
        super().__init__(detail or "Some fields are invalid", errors=list(issues))


class TooManyRequests(ServiceError):
    status = 429
    title = "Too many requests"


class Unavailable(ServiceError):
    status = 503
    title = "Service unavailable"
