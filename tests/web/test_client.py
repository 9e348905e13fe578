"""The typed API client: in process by default, or a remote API over real HTTP (API_URL)."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from app.api.main import create_api
from app.core.config import get_settings
from app.core.types import utcnow
from app.models.users import AccessToken
from app.web.main import create_web
from bench.live import live_server
from tests.web.conftest import log_in


@pytest.fixture
def remote_api_url(monkeypatch):
    with live_server(create_api(), name="uvicorn-remote-api") as url:
        monkeypatch.setenv("API_URL", url)
        get_settings.cache_clear()
        yield url
        get_settings.cache_clear()


def test_pages_work_against_a_remote_api_over_http(remote_api_url, world):
    # No API app handed over: every call has to go over the network to API_URL.
    with TestClient(create_web(None), raise_server_exceptions=False) as web:
        assert log_in(web, "reporter_a1").status_code == 303
        home = web.get("/")
        people = web.get("/people?q=an", headers={"HX-Request": "true"})

    assert home.status_code == 200 and "Chi cục THADS huyện Giồng Trôm" in home.text
    assert "Nguyễn Văn An" in people.text


def test_an_expired_session_sends_the_user_to_log_in_again(web, world, session):
    assert log_in(web, "reporter_a1").status_code == 303
    assert web.get("/", follow_redirects=False).status_code == 200
    token = session.exec(
        select(AccessToken).where(AccessToken.name == "login").order_by(AccessToken.id.desc())
    ).first()
    token.expires_at = utcnow() - timedelta(seconds=1)
    session.add(token)
    session.commit()

    response = web.get("/account", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Faccount"
    assert 'thidua_session=""' in response.headers["set-cookie"]
