"""From an HTML form to an API payload and back: what the user typed is kept as typed, the API
validates, and its field errors come back beside the inputs."""

from dataclasses import dataclass, field
from datetime import date, datetime

from starlette.requests import Request

from app.web.client import ApiError
from app.web.i18n import gettext

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


async def read_form(request: Request) -> dict[str, str]:
    """Text fields only, trimmed of nothing (the API strips what it should)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}


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

    def add_api_error(self, error: ApiError, fields: tuple[str, ...]) -> None:
        """The API's messages beside the inputs they name; any other one above the form."""
        for name, text in error.field_errors.items():
            key = name.split(".")[0]
            if key in fields:
                self.errors.setdefault(key, text)
            else:
                self.message = text if not self.message else f"{self.message} {text}"
        if not error.field_errors:
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
