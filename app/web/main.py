"""The HTMX pages. They read and write only through the JSON API (app/web/client.py)."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.core.config import get_settings
from app.core.limits import BodyLimit, BodyTooLarge, human_size
from app.core.messages import translate
from app.web import error_pages
from app.web.account import auth, profile, users
from app.web.awards import decisions, history, nomination, nominations, summary
from app.web.campaigns import criteria, detail, documents, exemplars, lists, registrations
from app.web.client import ApiConnector
from app.web.error_pages import ErrorPageMiddleware
from app.web.flash import FlashMiddleware
from app.web.home import board
from app.web.i18n import LANGUAGES, LanguageMiddleware, current_language, translations
from app.web.reports import charts, files, form, review
from app.web.reports import lists as report_lists
from app.web.security import SecurityHeadersMiddleware, csrf_guard
from app.web.templating import HTMX_FILE, STATIC_DIR, static_url
from app.web.units import people, restructurings, tree


def warm_up() -> None:
    """Read the catalogs and hash the static files now, not inside the first requests."""
    for lang in LANGUAGES:
        translations(lang)
    for name in (
        HTMX_FILE,
        "app.css",
        "reports.css",
        "campaigns.css",
        "awards.css",
        "app.js",
        "nav.js",
        "combobox.js",
        "favicon.svg",
    ):
        static_url(name)


def body_too_large(request: Request, limit: int) -> Response:
    detail = translate(
        "Request body too large (at most {limit})",
        current_language(),
        {"limit": human_size(limit)},
    )
    return error_pages.error_page(request, 413, detail)


async def reject_body(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    await body_too_large(Request(scope, receive), limit)(scope, receive, send)


def create_web(api: ASGIApp | None) -> FastAPI:
    """The pages app; `api` is the JSON API app, called in process unless API_URL is set."""
    connector = ApiConnector(api, get_settings().api_url)
    warm_up()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await connector.aclose()

    web = FastAPI(
        title="thidua pages",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        # Every state-changing request must carry the anti-forgery token.
        dependencies=[Depends(csrf_guard)],
    )
    web.state.connector = connector
    web.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # Order matters where paths overlap: /campaigns/new before /campaigns/{id}.
    for module in (
        auth,
        board,
        tree,
        people,
        restructurings,
        users,
        profile,
        form,
        review,
        files,
        report_lists,
        charts,
        lists,
        detail,
        documents,
        criteria,
        registrations,
        exemplars,
        history,
        decisions,
        nominations,
        nomination,
        summary,
    ):
        web.include_router(module.router)
    error_pages.install(web)

    @web.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        return body_too_large(request, exc.limit)

    # Added inside out: the security headers wrap everything, errors are rendered in language;
    # bodies are bounded before the CSRF check or any form parsing reads them.
    web.add_middleware(BodyLimit, reject=reject_body)
    web.add_middleware(FlashMiddleware)
    web.add_middleware(ErrorPageMiddleware)
    web.add_middleware(LanguageMiddleware)
    web.add_middleware(SecurityHeadersMiddleware)
    return web
