"""Vietnamese by default, English on request: gettext over the Babel catalogs in locales/.

The .po files are read at start-up (no compile step). The language of the request being served
lives in a context variable, set by `LanguageMiddleware` from the `lang` cookie, so templates,
routes and the API client all speak the same language.
"""

from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.types import ASGIApp, Receive, Scope, Send

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANG_COOKIE = "lang"

_current: ContextVar[str] = ContextVar("thidua_web_lang", default=DEFAULT_LANGUAGE)


def catalog_files(lang: str) -> list[Path]:
    """messages.po and one catalog per area of the product (figures.po, campaigns.po, …)."""
    return sorted((LOCALES_DIR / lang / "LC_MESSAGES").glob("*.po"))


@cache
def translations(lang: str) -> Translations:
    merged: Translations | None = None
    for path in catalog_files(lang):
        with path.open("rb") as po:
            catalog = read_po(po, locale=lang)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        part = Translations(buffer)
        if merged is None:
            merged = part
        else:
            merged.merge(part)
    assert merged is not None, f"no catalog for {lang}"
    return merged


def pick(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current.get()


def set_language(lang: str) -> None:
    _current.set(pick(lang))


def gettext(message: str, **params: object) -> str:
    text = translations(current_language()).gettext(message)
    return text % params if params else text


_ = gettext


def N_(message: str) -> str:
    """Marks a constant for extraction; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    text = translations(current_language()).ngettext(singular, plural, n)
    return text % {"num": n, **params}


def accept_language() -> str:
    """What the API is told, so its error messages come back in the page's language."""
    return "en" if current_language() == "en" else "vi"


def cookie_language(cookie_header: str) -> str:
    for part in cookie_header.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == LANG_COOKIE:
            return pick(value.strip())
    return DEFAULT_LANGUAGE


class LanguageMiddleware:
    """Sets the request's language before anything renders."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            cookie = ""
            for name, value in scope.get("headers", []):
                if name == b"cookie":
                    cookie += value.decode("latin-1") + ";"
            token = _current.set(cookie_language(cookie))
            try:
                await self.app(scope, receive, send)
            finally:
                _current.reset(token)
            return
        await self.app(scope, receive, send)
