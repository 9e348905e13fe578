"""Friendly error pages in Vietnamese, with the security headers, never a stack trace."""

from fastapi.testclient import TestClient

from app.api.main import create_api
from app.web.main import create_web
from tests.web.conftest import signed_in


def test_unknown_page_is_a_vietnamese_404(web, world):
    response = web.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text and "Về trang chủ" in response.text
    assert "Content-Security-Policy" in response.headers


def test_unit_outside_scope_is_404(web, world):
    signed_in(web, "reporter_a1")
    response = web.get(f"/units/{world.unit_id('CUC_B')}")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.text


def test_bad_query_values_are_a_400_page_not_a_crash(web, world):
    signed_in(web, "reporter_a1")
    assert web.get("/units/not-a-number").status_code == 400
    assert web.get("/people?page=abc&unit_id=zz").status_code == 200


def _broken_api():
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        raise RuntimeError("database on fire")

    return app


def test_an_api_failure_is_a_friendly_500_page(world):
    with TestClient(create_web(_broken_api()), raise_server_exceptions=False) as client:
        client.cookies.set("thidua_session", world.tokens["reporter_a1"])
        response = client.get("/")
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.text and "database on fire" not in response.text
    assert response.headers["X-Frame-Options"] == "DENY"


def test_a_bug_in_a_page_is_a_friendly_500_page_with_headers(world):
    web = create_web(create_api())

    @web.get("/boom")
    async def boom() -> None:
        raise ValueError("secret internals")

    with TestClient(web, raise_server_exceptions=False) as client:
        client.cookies.set("lang", "en")
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "secret internals" not in response.text
    assert "Content-Security-Policy" in response.headers
