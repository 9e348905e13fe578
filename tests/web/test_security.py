"""CSRF on every state-changing page request, and the security headers on every response."""

import json
import re

import pytest
from fastapi.routing import APIRoute

from app.web.account import auth, profile, users
from app.web.home import board
from app.web.units import people, tree
from tests.web.conftest import page_token, signed_in
from tests.web.html import csrf_token, form_fields, inline_code, one, select

CSP_PARTS = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'self'",
]


def _people_total(api, world) -> int:
    return api.get("/api/v1/people", headers=world.headers("admin_a")).json()["total"]


def _assert_security_headers(response, *, authenticated_page: bool = True) -> None:
    csp = response.headers["Content-Security-Policy"]
    for part in CSP_PARTS:
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "HX-Request" in response.headers["Vary"]
    if authenticated_page:
        assert response.headers["Cache-Control"] == "no-store"


def test_security_headers_on_pages_fragments_errors_and_static(web, world):
    _assert_security_headers(web.get("/login"))
    signed_in(web, "reporter_a1")
    _assert_security_headers(web.get("/"))
    _assert_security_headers(web.get("/people?q=a", headers={"HX-Request": "true"}))
    _assert_security_headers(web.get("/no-such-page"))
    static = web.get("/static/app.css")
    _assert_security_headers(static, authenticated_page=False)
    assert "no-store" not in static.headers["Cache-Control"]


def test_a_page_post_without_the_csrf_token_is_refused_and_writes_nothing(web, world, api):
    signed_in(web, "reporter_a1")
    before = _people_total(api, world)
    form = {"full_name": "Người Giả Mạo", "unit_id": str(world.unit_id("CC_A1"))}

    missing = web.post("/people/new", data=form, follow_redirects=False)
    wrong = web.post("/people/new", data={**form, "csrf_token": "0" * 64}, follow_redirects=False)
    wrong_header = web.post(
        "/people/new", data=form, headers={"X-CSRF-Token": "f" * 64}, follow_redirects=False
    )

    for response in (missing, wrong, wrong_header):
        assert response.status_code == 403
        assert "Biểu mẫu đã hết hạn" in response.text
    assert _people_total(api, world) == before


def test_the_same_post_with_the_token_in_field_or_header_goes_through(web, world, api):
    signed_in(web, "reporter_a1")
    token = page_token(web, "/people/new")
    before = _people_total(api, world)
    unit = str(world.unit_id("CC_A1"))

    by_field = web.post(
        "/people/new",
        data={"full_name": "Võ Thị Hạnh", "unit_id": unit, "csrf_token": token},
        follow_redirects=False,
    )
    by_header = web.post(
        "/people/new",
        data={"full_name": "Võ Văn Hậu", "unit_id": unit},
        headers={"X-CSRF-Token": token, "HX-Request": "true"},
    )

    assert by_field.status_code == 303
    assert by_header.status_code == 200 and by_header.headers["HX-Redirect"].startswith("/people")
    assert _people_total(api, world) == before + 2


def test_the_token_is_in_the_meta_tag_body_headers_and_every_form(web, world):
    signed_in(web, "admin_a")
    html = web.get("/account").text
    token = csrf_token(html)

    assert len(token) == 64 and re.fullmatch(r"[0-9a-f]+", token)
    assert json.loads(one(html, "body")["hx-headers"]) == {"X-CSRF-Token": token}
    forms = select(html, 'form[method="post"]')
    assert len(forms) >= 3
    for form in forms:
        assert form_fields(form)["csrf_token"] == token, form.get("action")


def test_a_token_from_another_session_does_not_work(web, world):
    signed_in(web, "reporter_a2")
    other_token = page_token(web)
    web.cookies.clear()
    signed_in(web, "reporter_a1")

    response = web.post(
        "/account/password",
        data={"current_password": "x", "new_password": "y" * 10, "csrf_token": other_token},
    )
    assert response.status_code == 403


def _unsafe_page_routes() -> list[str]:
    paths = [
        route.path
        for module in (profile, users, auth, board, people, tree)
        for route in module.router.routes
        if isinstance(route, APIRoute) and route.methods & {"POST", "PUT", "PATCH", "DELETE"}
    ]
    assert len(paths) >= 10
    return sorted(paths)


@pytest.mark.parametrize("path", _unsafe_page_routes())
def test_every_state_changing_page_refuses_a_request_without_token(web, world, path):
    signed_in(web, "admin_a")
    url = path.replace("{unit_id}", str(world.unit_id("CC_A1")))
    url = re.sub(r"\{[a-z_]+\}", "1", url)

    response = web.post(url, data={"anything": "x"}, follow_redirects=False)

    assert response.status_code == 403, (path, response.status_code)


def test_pages_carry_no_inline_script_or_style(web, world):
    """The CSP forbids them; a page that used them would break in the browser."""
    signed_in(web, "admin_a")
    for path in (
        "/",
        "/units",
        f"/units/{world.unit_id('CC_A1')}",
        "/people",
        "/people/new",
        "/admin/users",
        "/admin/users/new",
        "/account",
    ):
        assert inline_code(web.get(path)) == [], path
