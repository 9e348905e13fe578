"""What the campaigns pages share beyond the form kit (app/web/forms.py): the words for a
refused change, and required fields left out so the API names them."""

from app.web.client import ApiError
from app.web.i18n import gettext


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
