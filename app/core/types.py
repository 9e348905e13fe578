"""Column and field types shared by every model."""

import unicodedata
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


# Characters that draw nothing: a value made only of these (and spaces) looks empty on screen,
# so it is refused; at either end of a value they are trimmed like spaces. Inside a value they
# stay (a joiner can be meaningful); search and duplicate checks ignore them (services.text).
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u2800\u3164\ufeff\uffa0"
)
# Embeddings, overrides and isolates reorder what is shown ("Trojan source"): the text on screen
# is not the text stored. The plain direction marks (U+200E, U+200F) are harmless and allowed.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NOT_DRAWN = frozenset({"Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"})
LINE_BREAKS_AND_TABS = frozenset("\n\r\t")


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in INVISIBLE


def _trim(value: str) -> str:
    start, end = 0, len(value)
    while start < end and _blank(value[start]):
        start += 1
    while end > start and _blank(value[end - 1]):
        end -= 1
    return value[start:end]


def clean_text(value: str, *, multiline: bool = False) -> str:
    """What every free text and name goes through: NFC (one stored form for what looks the same),
    no control or direction-override characters, invisible ends trimmed, never only invisible."""
    _no_control_chars(value)
    value = unicodedata.normalize("NFC", value)
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise PydanticCustomError(
                "text_bidi", "Must not contain text direction control characters"
            )
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in LINE_BREAKS_AND_TABS):
            raise PydanticCustomError("text_control", "Must not contain control characters")
    trimmed = _trim(value)
    if value and not any(
        unicodedata.category(ch) not in NOT_DRAWN and ch not in INVISIBLE for ch in trimmed
    ):
        raise PydanticCustomError("text_invisible", "Must contain visible characters")
    return trimmed


def _clean_line(value: str) -> str:
    return clean_text(value)


def _clean_lines(value: str) -> str:
    return clean_text(value, multiline=True)


# Every text a client sends goes through one of these: PostgreSQL refuses NUL bytes, and text
# that looks the same must be stored the same (NFC) and must show what it holds.
SafeStr = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_clean_line)]
# Text kept exactly as sent (passwords, login names): not stripped or normalised (a password
# hashed from other bytes would no longer match), but NUL refused all the same.
ExactText = Annotated[str, AfterValidator(_no_control_chars)]
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=255),
    AfterValidator(_clean_line),
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=255), AfterValidator(_clean_line)
]
# Several lines (a textarea): line breaks and tabs are kept, other control characters refused.
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=5000),
    AfterValidator(_clean_lines),
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
