"""What the campaigns pages share: reading forms with repeated fields, the API's field errors
beside prefixed inputs, numbers typed the Vietnamese way."""

from dataclasses import dataclass, field

from starlette.datastructures import FormData
from starlette.requests import Request

from app.web.client import ApiError
from app.web.forms import FormResult
from app.web.i18n import gettext

CSRF_FIELD = "csrf_token"


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
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != CSRF_FIELD}
    return PostedForm(values=values, raw=form)


def digits(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def plain_integer(value: str | None) -> str | None:
    """ "5.000" or "5 000" (grouped the Vietnamese way) → "5000"; anything else as typed."""
    value = (value or "").strip()
    if not value:
        return None
    compact = value.replace(".", "").replace(" ", "").replace("\u00a0", "")
    return compact if compact.isdigit() else value


def plain_decimal(value: str | None) -> str | None:
    """ "81,5" (decimal comma) → "81.5"; "81.5" stays; anything else as typed (the API says why)."""
    value = (value or "").strip().removesuffix("%").strip()
    if not value:
        return None
    return value.replace(",", ".") if value.count(",") == 1 and "." not in value else value


def absorb(
    form: FormResult,
    error: ApiError,
    fields: tuple[str, ...],
    *,
    prefix: str = "",
    body_field: str | None = None,
) -> None:
    """The API's messages beside the inputs they name (`prefix` + API field); a message about
    the whole request ("body") beside `body_field`; any other one above the form."""
    for name, text in error.field_errors.items():
        key = name.split(".")[0]
        if key == "body" and body_field:
            form.errors.setdefault(body_field, text)
        elif key in fields:
            form.errors.setdefault(prefix + key, text)
        else:
            form.message = text if not form.message else f"{form.message} {text}"
    if not error.field_errors:
        form.message = error.message


def conflict_message(error: ApiError) -> str:
    """412: someone else changed it; 409: the state does not allow it (the API says why)."""
    if error.status == 412:
        return gettext(
            "Someone else changed this campaign while you were working on it. Reload the page "
            "to see the current state, then try again."
        )
    # A refused launch names the field at fault (no participants): its message says why.
    return next(iter(error.field_errors.values()), error.message)


def required(data: dict[str, object], *names: str) -> dict[str, object]:
    """Leave out the required fields left blank, so the API names them as missing (a null
    would be reported as the wrong type)."""
    for name in names:
        if data.get(name) in (None, ""):
            data.pop(name, None)
    return data
