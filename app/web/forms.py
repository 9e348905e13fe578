"""The web floor's one form kit: from an HTML form to an API payload and back. What the user
typed is kept as typed, numbers are read the Vietnamese way, the API validates, and its field
errors (nested paths included) come back beside the inputs."""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request

from app.web.client import ApiError
from app.web.i18n import gettext

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
CSRF_FIELD = "csrf_token"

_GROUPED = re.compile(r"^\d{1,3}([.,\s\u00a0]\d{3})+$")
_INTEGER = re.compile(r"^-?\d{1,16}$")
_SEPARATORS = re.compile(r"[.,\s\u00a0]")


@dataclass
class PostedForm:
    """The text fields (last value of each name) and every value of the repeated ones."""

    values: dict[str, str] = field(default_factory=dict)
    raw: FormData | None = None

    def all(self, name: str) -> list[str]:
        if self.raw is None:
            return []
        return [v for v in self.raw.getlist(name) if isinstance(v, str)]


async def read_posted(request: Request) -> PostedForm:
    """Text fields only, trimmed of nothing (the API strips what it should); files stay in raw."""
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
    return PostedForm(values=values, raw=form)


async def read_form(request: Request) -> dict[str, str]:
    return (await read_posted(request)).values


# ---- numbers typed in forms and queries ------------------------------------------------------


def digits(value: str | None, *, size: int = 12) -> int | None:
    """An id, a version or a year: ASCII digits only, fewer than `size` of them; else None."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < size else None


def posted_version(values: Mapping[str, str]) -> int:
    """The version a form was read at (its hidden "version" field), for If-Match; 0 if absent,
    which the API answers with 412 rather than overwriting a change it cannot see."""
    return digits(values.get("version")) or 0


def parse_integer(raw: str | None) -> int | str | None:
    """ "1.234.567" (or 1,234,567 or 1 234 567) → 1234567; blank → None. Anything else is sent
    as typed, so the API names what is wrong with it, in the page's language."""
    text = (raw or "").strip()
    if not text:
        return None
    if _GROUPED.match(text):
        text = _SEPARATORS.sub("", text)
    if _INTEGER.match(text):
        return int(text)
    return text[:40]


def parse_decimal(raw: str | None) -> str | None:
    """ "81,5" (decimal comma) → "81.5"; "81.5" stays; anything else as typed (the API says why)."""
    value = (raw or "").strip().removesuffix("%").strip()
    if not value:
        return None
    return value.replace(",", ".") if value.count(",") == 1 and "." not in value else value


# ---- the API's field errors beside the inputs ------------------------------------------------


def api_errors(
    error: ApiError,
    fields: Collection[str] = (),
    *,
    prefix: str = "",
    body_field: str | None = None,
    nested: Collection[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """The API's messages keyed by the input that shows them, and those no input shows.

    "title" or "title.0" → `prefix` + "title" when "title" is one of `fields` (an alias maps an
    API name to an input first); a path under one of `nested` ("tiers.0.max_caseload",
    "dossier.<code>", "values.<metric>") is kept whole, for a repeated row or item; a message about
    the whole request ("body") goes beside `body_field`."""
    found: dict[str, str] = {}
    others: list[str] = []
    for problem in error.problem.errors:
        name, text = problem.field, problem.message
        head = name.split(".")[0]
        head = (aliases or {}).get(head, head)
        if head in nested and "." in name:
            found.setdefault(name, text)
        elif head == "body" and body_field:
            found.setdefault(body_field, text)
        elif head in fields:
            found.setdefault(prefix + head, text)
        elif text not in others:
            others.append(text)
    return found, others


def blank_to_none(value: str | None) -> str | None:
    return value if value and value.strip() else None


def checked(form: dict[str, str], name: str) -> bool:
    return form.get(name) in ("on", "true", "1", "yes")


def date_for_input(value: date | str | None) -> str:
    """An ISO date from the API as the form shows it: dd/mm/yyyy."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


@dataclass
class FormResult:
    """What the user typed and what is wrong with it, field by field."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    message: str | None = None  # for the whole form (a conflict, a refusal…)

    @property
    def invalid(self) -> bool:
        return bool(self.errors or self.message)

    def add_api_error(self, error: ApiError, fields: Collection[str] = (), **where: Any) -> None:
        """The API's messages beside the inputs they name (api_errors, with its prefix,
        body_field, nested and aliases); any other one, or the whole answer when it names no
        field, above the form."""
        found, others = api_errors(error, fields, **where)
        for key, text in found.items():
            self.errors.setdefault(key, text)
        for text in others:
            self.message = text if not self.message else f"{self.message} {text}"
        if not error.problem.errors:
            self.message = error.message


class DateFields:
    """dd/mm/yyyy (or yyyy-mm-dd) in the form, ISO for the API.

    An unreadable date is still sent as typed, so the API refuses the whole request (nothing is
    written) and reports the other fields too; its message for that field is then replaced by
    one that names the format the user sees."""

    def __init__(self) -> None:
        self.unreadable: set[str] = set()

    def convert(self, name: str, value: str | None) -> str | None:
        value = blank_to_none(value)
        if value is None:
            return None
        for pattern in DATE_FORMATS:
            try:
                return datetime.strptime(value.strip(), pattern).date().isoformat()
            except ValueError:
                continue
        self.unreadable.add(name)
        return value

    def explain(self, result: FormResult) -> None:
        for name in self.unreadable:
            result.errors[name] = gettext("Enter a date as dd/mm/yyyy")


def refused(
    error: ApiError,
    values: dict[str, str],
    fields: Collection[str],
    *,
    stale: str,
    dates: DateFields | None = None,
) -> FormResult:
    """The form again after the API refused a change: on 412 someone else changed the record
    meanwhile (`stale` says so); otherwise each of the API's errors beside its field."""
    form = FormResult(values=values)
    if error.status == 412:
        form.message = stale
    else:
        form.add_api_error(error, fields)
        if dates is not None:
            dates.explain(form)
    return form
