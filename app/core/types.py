"""Column and field types shared by every model."""

from datetime import UTC, datetime
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError
from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, UTC out, on every engine (SQLite drops tzinfo otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Identifiers are PostgreSQL INTEGER: a larger number is invalid input (422), never a driver
# overflow (SQLite cannot even bind integers past 2**63).
MAX_ID = 2_147_483_647
Id = Annotated[int, Ge(1), Le(MAX_ID)]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _no_control_chars(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# Every text a client sends goes through one of these: PostgreSQL refuses NUL bytes.
SafeStr = Annotated[
    str, StringConstraints(strip_whitespace=True), AfterValidator(_no_control_chars)
]
# Text kept exactly as sent (passwords, login names): not stripped, but NUL refused all the same.
ExactText = Annotated[str, AfterValidator(_no_control_chars)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=255),
    AfterValidator(_no_control_chars),
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255), AfterValidator(_no_control_chars)
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=5000),
    AfterValidator(_no_control_chars),
]
Code = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.\-]+$"
    ),
]


def field_error(field: str, message: str) -> PydanticCustomError:
    """Raised from a model validator: the error belongs to `field` (a check across fields), so
    clients can show it beside that field instead of on the whole body."""
    return PydanticCustomError("field_error", message, {"field": field})
