"""The pages' only way to data: the public JSON API, over HTTP.

In process by default (httpx.ASGITransport on the API app, one small client per page request so
the API sees the browser's address for login throttling), or a remote API when API_URL is set.
Every call carries the session's bearer token and the page's language.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.types import ASGIApp

from app.web.api_models import (
    Me,
    Page,
    Person,
    Problem,
    Token,
    TokenCreated,
    TokenGrant,
    Unit,
    User,
)
from app.web.i18n import accept_language

API = "/api/v1"
IN_PROCESS_URL = "http://api.internal"
TIMEOUT = httpx.Timeout(30.0)
MAX_PAGE = 500
MAX_UNITS = 5000

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def if_match(version: int) -> dict[str, str]:
    """The header that makes a write conditional on the version the user's form was built on."""
    return {"If-Match": f'"{version}"'}


class ApiError(Exception):
    """A 4xx/5xx answer, with its problem+json body (messages already in the page's language)."""

    def __init__(self, status: int, problem: Problem) -> None:
        super().__init__(f"{status} {problem.title}")
        self.status = status
        self.problem = problem

    @property
    def message(self) -> str:
        return self.problem.detail or self.problem.title

    @property
    def field_errors(self) -> dict[str, str]:
        """The first message for each failing field, keyed by the API's field name."""
        found: dict[str, str] = {}
        for error in self.problem.errors:
            found.setdefault(error.field, error.message)
        return found


class NotAuthenticated(ApiError):
    """401: the token is missing, expired or revoked."""


def _problem(response: httpx.Response) -> Problem:
    try:
        return Problem.model_validate(response.json())
    except (ValueError, ValidationError):
        return Problem(status=response.status_code, title=response.reason_phrase)


class Api:
    """Typed calls for one page request."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        token: str | None,
        *,
        user_agent: str | None = None,
        forwarded_for: str | None = None,
    ) -> None:
        self._http = http
        self.token = token
        self._user_agent = user_agent
        self._forwarded_for = forwarded_for

    async def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        data: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = {"Accept": "application/json", "Accept-Language": accept_language()}
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        if self._user_agent:
            sent["User-Agent"] = self._user_agent[:255]
        if self._forwarded_for:
            sent["X-Forwarded-For"] = self._forwarded_for
        sent.update(headers or {})
        clean = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
        response = await self._http.request(
            method, API + path, params=clean, json=json, data=data, content=content, headers=sent
        )
        if response.status_code >= 400:
            error = NotAuthenticated if response.status_code == 401 else ApiError
            raise error(response.status_code, _problem(response))
        return response

    async def _get(self, model: type[M], path: str, **params: Any) -> M:
        return model.model_validate((await self._send("GET", path, params=params)).json())

    # --- for the per-area modules (reports_client.py, campaigns_client.py, awards_client.py) ---------
    async def call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """Any API call; raises ApiError (NotAuthenticated for 401) on a 4xx/5xx answer."""
        if content is None:
            return await self._send(method, path, params=params, json=json, headers=headers)
        return await self._send(method, path, params=params, content=content, headers=headers)

    async def fetch(self, model: type[M], path: str, **params: Any) -> M:
        """GET and validate into a page-side model."""
        return await self._get(model, path, **params)

    async def write(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        json: Any = None,
        version: int | None = None,
    ) -> M:
        """A change, conditional on `version` (If-Match) when given; the answer validated."""
        headers = if_match(version) if version is not None else None
        response = await self._send(method, path, json=json, headers=headers)
        return model.model_validate(response.json())

    async def fetch_all(
        self, item: type[T], path: str, *, most: int = MAX_UNITS, **params: Any
    ) -> list[T]:
        """Every item of a paged list (limit/offset), page after page, up to `most`."""
        found: list[T] = []
        while len(found) < most:
            page = await self._get(Page[item], path, limit=MAX_PAGE, offset=len(found), **params)  # type: ignore[valid-type]
            found.extend(page.items)
            if not page.items or len(found) >= page.total:
                break
        return found

    # --- sessions -------------------------------------------------------------------------
    async def login(self, username: str, password: str) -> TokenGrant:
        response = await self._send(
            "POST", "/auth/token", data={"username": username, "password": password}
        )
        return TokenGrant.model_validate(response.json())

    async def logout(self) -> None:
        await self._send("POST", "/auth/logout")

    async def me(self) -> Me:
        return await self._get(Me, "/me")

    async def sessions(self) -> Page[Token]:
        return await self._get(Page[Token], "/auth/sessions", limit=100)

    async def end_session(self, session_id: int) -> None:
        await self._send("DELETE", f"/auth/sessions/{session_id}")

    async def change_password(self, current_password: str, new_password: str) -> None:
        await self._send(
            "POST",
            "/me/password",
            json={"current_password": current_password, "new_password": new_password},
        )

    # --- units ----------------------------------------------------------------------------
    async def units(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> Page[Unit]:
        return await self._get(Page[Unit], "/units", limit=limit, offset=offset, **filters)

    async def all_units(self, **filters: Any) -> list[Unit]:
        """Every unit of the scope matching the filters, in tree order."""
        return await self.fetch_all(Unit, "/units", **filters)

    async def unit(self, unit_id: int, *, as_of: str | None = None) -> Unit:
        """The unit; with `as_of` (ISO day), as it was that day."""
        return await self._get(Unit, f"/units/{unit_id}", as_of=as_of)

    async def update_unit(self, unit_id: int, changes: dict[str, Any], version: int) -> Unit:
        return await self.write(Unit, "PATCH", f"/units/{unit_id}", json=changes, version=version)

    # --- people ---------------------------------------------------------------------------
    async def people(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> Page[Person]:
        return await self._get(Page[Person], "/people", limit=limit, offset=offset, **filters)

    async def person(self, person_id: int) -> Person:
        return await self._get(Person, f"/people/{person_id}")

    async def create_person(self, data: dict[str, Any]) -> Person:
        return Person.model_validate((await self._send("POST", "/people", json=data)).json())

    async def update_person(self, person_id: int, changes: dict[str, Any], version: int) -> Person:
        return await self.write(
            Person, "PATCH", f"/people/{person_id}", json=changes, version=version
        )

    # --- users ----------------------------------------------------------------------------
    async def users(self, *, limit: int = 50, offset: int = 0, **filters: Any) -> Page[User]:
        return await self._get(Page[User], "/users", limit=limit, offset=offset, **filters)

    async def user(self, user_id: int) -> User:
        return await self._get(User, f"/users/{user_id}")

    async def create_user(self, data: dict[str, Any]) -> User:
        return User.model_validate((await self._send("POST", "/users", json=data)).json())

    async def update_user(self, user_id: int, changes: dict[str, Any], version: int) -> User:
        return await self.write(User, "PATCH", f"/users/{user_id}", json=changes, version=version)

    async def reset_password(self, user_id: int, password: str) -> None:
        await self._send("POST", f"/users/{user_id}/password", json={"password": password})

    # --- personal API tokens --------------------------------------------------------------
    async def tokens(self) -> Page[Token]:
        return await self._get(Page[Token], "/tokens", limit=100)

    async def create_token(self, data: dict[str, Any]) -> TokenCreated:
        response = await self._send("POST", "/tokens", json=data)
        return TokenCreated.model_validate(response.json())

    async def revoke_token(self, token_id: int) -> None:
        await self._send("DELETE", f"/tokens/{token_id}")


def _client_address(request: Request) -> tuple[str, int]:
    if request.client:
        return request.client.host, request.client.port
    return "127.0.0.1", 0


class ApiConnector:
    """Opens the HTTP client a page request talks to the API with."""

    def __init__(self, api: ASGIApp | None, base_url: str = "") -> None:
        self._api = api
        self._base_url = base_url.rstrip("/")
        self._shared: httpx.AsyncClient | None = None

    @property
    def remote(self) -> bool:
        return bool(self._base_url)

    @asynccontextmanager
    async def http(self, request: Request) -> AsyncIterator[httpx.AsyncClient]:
        if self.remote:
            if self._shared is None:
                self._shared = httpx.AsyncClient(base_url=self._base_url, timeout=TIMEOUT)
            yield self._shared
            return
        if self._api is None:
            raise RuntimeError("no API: pass the API app or set API_URL")
        transport = httpx.ASGITransport(
            app=self._api, client=_client_address(request), raise_app_exceptions=False
        )
        async with httpx.AsyncClient(
            transport=transport, base_url=IN_PROCESS_URL, timeout=TIMEOUT, trust_env=False
        ) as client:
            yield client

    @asynccontextmanager
    async def open(self, request: Request, token: str | None) -> AsyncIterator[Api]:
        async with self.http(request) as http:
            yield Api(
                http,
                token,
                user_agent=request.headers.get("user-agent"),
                # A remote API sees the web server's address; tell it the browser's.
                forwarded_for=_client_address(request)[0] if self.remote else None,
            )

    async def aclose(self) -> None:
        if self._shared is not None:
            await self._shared.aclose()
            self._shared = None
