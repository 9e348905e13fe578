"""The pages through a TestClient on the whole app (pages + API in process), and helpers that
log in the way a browser does: read the form's token, post the form, keep the cookie."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.demo.loader import DEMO_PASSWORD, load
from app.main import create_app
from tests.factories import PASSWORD
from tests.web.html import csrf_token, form_fields, one


def landed(response, url: str, done: str) -> None:
    """After an action: the address is the resource's own page (a reload shows its true state)
    and what was done travels once, in the flash cookie scoped to that page."""
    assert response.headers["location"] == url, response.headers.get("location")
    assert f"thidua_done={done};" in response.headers.get("set-cookie", "")


def login_form(page) -> dict[str, str]:
    """The login form's fields as the page wrote them (its own token, the next page…)."""
    return form_fields(one(page, 'form[action="/login"]'))


def log_in(client: TestClient, username: str, password: str = PASSWORD, next: str = "/"):
    page = client.get("/login")
    assert page.status_code == 200
    return client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "next": next,
            "csrf_token": login_form(page)["csrf_token"],
        },
        follow_redirects=False,
    )


def page_token(client: TestClient, path: str = "/") -> str:
    """Open a page as the signed-in user and return the CSRF token it carries."""
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    return csrf_token(response)


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
