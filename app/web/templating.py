"""Jinja (autoescaped, i18n) and the one render helper: the page for a normal request, the named
block for an htmx request (jinja2-fragments)."""

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.requests import Request
from starlette.responses import Response

from app.core.config import get_settings
from app.core.limits import human_size
from app.web import labels
from app.web.formatting import FILTERS
from app.web.i18n import current_language, translations
from app.web.security import page_csrf_token
from app.web.session import current_path

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
# Each feature package keeps its templates beside its routes; "reports/report.html" is
# app/web/reports/templates/report.html. Names starting with "_" are partials.
FEATURES = ("account", "home", "units", "reports", "campaigns", "awards")
STATIC_DIR = WEB_DIR / "static"
HTMX_FILE = "htmx-2.0.11.min.js"


@cache
def static_url(name: str) -> str:
    """A cache-busting URL: the file's content hash in the query."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


def _gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def build_environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(TEMPLATES_DIR),
                PrefixLoader(
                    {name: FileSystemLoader(WEB_DIR / name / "templates") for name in FEATURES}
                ),
            ]
        ),
        # Every template is HTML: escape everything, always.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(FILTERS)
    env.globals.update(
        static_url=static_url,
        htmx_file=HTMX_FILE,
        role_label=labels.role_label,
        gender_label=labels.gender_label,
        role_options=labels.role_options,
        gender_options=labels.gender_options,
    )
    # Macro libraries as globals: a block rendered alone (htmx) does not run the page's imports.
    env.globals["forms"] = env.get_template("_forms.html").module
    env.globals["unit_ui"] = env.get_template("units/_tree.html").module
    return env


def _base_context(request: Request) -> dict[str, Any]:
    return {
        "me": getattr(request.state, "me", None),
        "csrf_token": page_csrf_token(request),
        "lang": current_language(),
        "here": current_path(request),
        "demo_mode": get_settings().demo_mode,
        "max_upload": human_size(get_settings().max_upload_bytes),
    }


templates = Jinja2Blocks(env=build_environment(), context_processors=[_base_context])


def wants_fragment(request: Request) -> bool:
    """An htmx call that swaps part of a page (not a boosted link, not a history restore)."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"
    )


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    block: str | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    context = dict(context or {})
    if block and wants_fragment(request):
        return templates.TemplateResponse(
            request, name, context, status_code=status, headers=headers, block_name=block
        )
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)
