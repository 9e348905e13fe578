"""Friendly error pages (Vietnamese by default) and the redirect to the login page."""

import logging
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.client import ApiError, NotAuthenticated
from app.web.errors import CsrfRejected, LoginRequired, PageForbidden, PageNotFound
from app.web.flash import remember, split_done
from app.web.i18n import N_, gettext
from app.web.session import clear_session, current_path
from app.web.templating import render

log = logging.getLogger("thidua.web")

TITLES = {
    400: N_("The request could not be understood"),
    403: N_("You do not have access to this page"),
    404: N_("Page not found"),
    405: N_("The request could not be understood"),
    500: N_("Something went wrong"),
}
EXPLANATIONS = {
    400: N_("Please check the address or go back and try again."),
    403: N_("Your account does not allow this. If you think it should, ask an administrator."),
    404: N_("The page does not exist, or it belongs to a unit outside your scope."),
    405: N_("Please check the address or go back and try again."),
    500: N_("The system could not complete the request. Please try again in a moment."),
}
CSRF_EXPLANATION = N_(
    "The form was out of date or did not come from this site. Reload the page and try again."
)


def redirect(request: Request, url: str, status: int = 303) -> Response:
    """Go to `url`: a real redirect, or HX-Redirect for an htmx call (a full page load). A
    `done=` in the URL becomes a flash for that page, so the address stays the resource's."""
    url, done = split_done(url)
    response: Response
    if request.headers.get("hx-request") == "true":
        response = Response(status_code=200, headers={"HX-Redirect": url})
    else:
        response = RedirectResponse(url, status_code=status)
    if done:
        remember(request, response, url, done)
    return response


def to_login(request: Request) -> Response:
    target = current_path(request)
    url = "/login" + ("?" + urlencode({"next": target}) if target != "/" else "")
    response = redirect(request, url)
    clear_session(request, response)
    return response


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    shown = status if status in TITLES else (500 if status >= 500 else 400)
    context = {
        "status": status,
        "title": gettext(TITLES[shown]),
        "explanation": gettext(EXPLANATIONS[shown]),
        "detail": detail,
    }
    return render(request, "error.html", context, status=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, exc: LoginRequired) -> Response:  # noqa: ARG001
        return to_login(request)

    @app.exception_handler(CsrfRejected)
    async def _csrf(request: Request, exc: CsrfRejected) -> Response:  # noqa: ARG001
        return error_page(request, 403, gettext(CSRF_EXPLANATION))

    @app.exception_handler(PageForbidden)
    async def _forbidden(request: Request, exc: PageForbidden) -> Response:  # noqa: ARG001
        return error_page(request, 403)

    @app.exception_handler(PageNotFound)
    async def _not_found(request: Request, exc: PageNotFound) -> Response:  # noqa: ARG001
        return error_page(request, 404)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if isinstance(exc, NotAuthenticated):
            return to_login(request)
        if exc.status >= 500:
            log.error("API answered %s on %s %s", exc.status, request.method, request.url.path)
            return error_page(request, 500)
        if exc.status == 403:  # the API's reason: the rule is its own, so is the refusal
            return error_page(request, 403, exc.message)
        if exc.status == 404:
            return error_page(request, 404)
        return error_page(request, 400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:  # noqa: ARG001
        return error_page(request, 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_page(request, exc.status_code)


class ErrorPageMiddleware:
    """The last safety net: an unexpected exception becomes the friendly 500 page, rendered
    inside the language and security-header middlewares (Starlette's own handler is not)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            response = error_page(Request(scope), 500)
            await response(scope, receive, send)
