"""The pages through a TestClient on the whole app (pages + API in process), and helpers that
log in the way a browser does: read the form's token, post the form, keep the cookie."""

import re
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.demo.loader import DEMO_PASSWORD, load
from app.main import create_app
from tests.factories import PASSWORD

META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]*)">')
FIELD_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def landed(response, url: str, done: str) -> None:
    """After an action: the address is the resource's own page (a reload shows its true state)
    and what was done travels once, in the flash cookie scoped to that page."""
    assert response.headers["location"] == url, response.headers.get("location")
    assert f"thidua_done={done};" in response.headers.get("set-cookie", "")


def csrf_in(html: str) -> str:
    """The anti-forgery token the page carries (meta tag)."""
    found = META_CSRF.search(html)
    assert found, "the page carries no csrf-token meta tag"
    return found.group(1)


def form_csrf_in(html: str) -> str:
    found = FIELD_CSRF.search(html)
    assert found, "the page has no form with a csrf_token field"
    return unescape(found.group(1))


def log_in(client: TestClient, username: str, password: str = PASSWORD, next: str = "/"):
    page = client.get("/login")
    assert page.status_code == 200
    return client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "next": next,
            "csrf_token": form_csrf_in(page.text),
        },
        follow_redirects=False,
    )


def page_token(client: TestClient, path: str = "/") -> str:
    """Open a page as the signed-in user and return the CSRF token it carries."""
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    return csrf_in(response.text)


@pytest.fixture
def web() -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def https_web() -> Iterator[TestClient]:
    with TestClient(
        create_app(), base_url="https://testserver", raise_server_exceptions=False
    ) as client:
        yield client


def signed_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    response = log_in(client, username, password)
    assert response.status_code == 303, response.text[:500]
    return client


@pytest.fixture
def demo(session: Session) -> dict[str, int]:
    """The Bến Tre 2022 demo units, people and users (password demo-2022)."""
    return load(session)


@pytest.fixture
def demo_password() -> str:
    return DEMO_PASSWORD
