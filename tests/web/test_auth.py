"""Logging in and out: the cookie holds only the API's token, logout kills it server-side."""

from http.cookies import SimpleCookie

import pytest
from fastapi.testclient import TestClient

from app.core.config import get_settings
from app.main import create_app
from tests.factories import PASSWORD
from tests.web.conftest import log_in, login_form, page_token, signed_in
from tests.web.html import one, text
from tests.web.test_session import OFF_SITE, browser_target


def _cookie_attrs(set_cookie_headers: list[str], name: str) -> tuple[str, str]:
    for header in set_cookie_headers:
        if header.startswith(name + "="):
            cookie = SimpleCookie()
            cookie.load(header)
            return cookie[name].value, header.lower()
    raise AssertionError(f"no Set-Cookie for {name}: {set_cookie_headers}")


def test_login_sets_an_httponly_samesite_cookie_holding_only_the_api_token(web, world, api):
    response = log_in(web, "reporter_a1")

    assert response.status_code == 303 and response.headers["location"] == "/"
    value, header = _cookie_attrs(response.headers.get_list("set-cookie"), "thidua_session")
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    assert "secure" not in header  # plain http: a Secure cookie would never come back
    # Nothing but the opaque token: it is accepted as-is by the API as a bearer token.
    assert " " not in value and "|" not in value and "." not in value
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {value}"})
    assert me.status_code == 200 and me.json()["username"] == "reporter_a1"


def test_over_https_the_cookie_is_secure_and_host_prefixed(https_web, world):
    response = log_in(https_web, "reporter_a1")

    value, header = _cookie_attrs(response.headers.get_list("set-cookie"), "__Host-thidua_session")
    assert value and "secure" in header and "httponly" in header and "path=/" in header
    assert "domain=" not in header
    assert "Strict-Transport-Security" in https_web.get("/").headers


def test_wrong_password_shows_a_vietnamese_message_and_sets_no_session(web, world):
    response = log_in(web, "reporter_a1", "not the password")

    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in text(one(response, ".error-summary"))
    assert login_form(response)["username"] == "reporter_a1"  # the username is kept
    assert not any(h.startswith("thidua_session=") for h in response.headers.get_list("set-cookie"))


def test_login_without_the_double_submit_token_is_refused(web, world):
    web.get("/login")  # sets the login cookie, but the post forgets the hidden field
    response = web.post(
        "/login",
        data={"username": "reporter_a1", "password": PASSWORD},
        follow_redirects=False,
    )

    assert response.status_code == 403
    assert "thidua_session" not in response.headers.get("set-cookie", "")


def test_login_token_from_another_browser_is_refused(web, world):
    token = login_form(web.get("/login"))["csrf_token"]
    web.cookies.set("thidua_login_csrf", "someone-elses-cookie")
    response = web.post(
        "/login",
        data={"username": "reporter_a1", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_logout_revokes_the_token_so_the_old_cookie_is_rejected(web, world, api):
    signed_in(web, "reporter_a1")
    old = web.cookies.get("thidua_session")
    token = page_token(web)

    response = web.post("/logout", data={"csrf_token": token}, follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert 'thidua_session=""' in response.headers["set-cookie"]
    # A copy of the old cookie is useless: the pages send it to the login page…
    web.cookies.clear()
    web.cookies.set("thidua_session", old)
    again = web.get("/people", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"] == "/login?next=%2Fpeople"
    # …because the API itself no longer accepts it.
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"}).status_code == 401


def test_signed_out_visitor_is_sent_to_login_and_back_after(web, world):
    first = web.get("/units?q=giong", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Funits%3Fq%3Dgiong"

    page = web.get(first.headers["location"])
    assert login_form(page)["next"] == "/units?q=giong"
    done = web.post(
        "/login",
        data={
            "username": "reporter_a1",
            "password": PASSWORD,
            "next": "/units?q=giong",
            "csrf_token": login_form(page)["csrf_token"],
        },
        follow_redirects=False,
    )
    assert done.headers["location"] == "/units?q=giong"


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_leaves_the_site(web, target):
    response = web.get("/lang/vi", params={"next": target}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    assert browser_target(response.headers["location"]) == "testserver"


def test_login_never_sends_the_browser_off_the_site(web, world):
    # One world for the whole table (a login each): the table is long and the world is not cheap.
    for target in OFF_SITE:
        web.cookies.clear()
        page = web.get("/login", params={"next": target})
        assert login_form(page)["next"] == "/", target  # the form does not carry it on

        # A forged form that posts the value anyway.
        response = log_in_from(web, page.text, next=target)
        assert response.status_code == 303, target
        assert response.headers["location"] == "/", target
        assert browser_target(response.headers["location"]) == "testserver", target

        # Already signed in: the login page redirects at once, to the same safe place.
        again = web.get("/login", params={"next": target}, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == "/", target


@pytest.mark.parametrize("target", ["/reports?period=2022-Q4", "/units/3", "/"])
def test_login_and_language_switch_return_to_a_page_on_the_site(web, world, target):
    assert (
        web.get("/lang/en", params={"next": target}, follow_redirects=False).headers["location"]
        == target
    )
    page = web.get("/login", params={"next": target})
    assert login_form(page)["next"] == target
    response = log_in_from(web, page.text, next=target)
    assert response.headers["location"] == target


def log_in_from(web, page_html: str, next: str):
    return web.post(
        "/login",
        data={
            "username": "reporter_a1",
            "password": PASSWORD,
            "next": next,
            "csrf_token": login_form(page_html)["csrf_token"],
        },
        follow_redirects=False,
    )


def test_htmx_call_with_a_dead_session_gets_hx_redirect(web, world):
    web.cookies.set("thidua_session", "revoked-or-made-up")
    response = web.get(
        "/people?q=an",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/people?q=a"},
        follow_redirects=False,
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == "/login?next=%2Fpeople%3Fq%3Da"
    assert response.text == ""


def test_login_page_redirects_a_signed_in_user_home(web, world):
    signed_in(web, "reporter_a1")
    response = web.get("/login", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"


def test_the_login_throttle_counts_the_browsers_address_not_the_web_servers(world):
    """The pages reach the API in process but pass on the browser's address: a throttled
    browser does not throttle a colleague's browser elsewhere."""
    app = create_app()
    with (
        TestClient(app, client=("203.0.113.7", 40000), raise_server_exceptions=False) as throttled,
        TestClient(app, client=("198.51.100.23", 40000), raise_server_exceptions=False) as other,
    ):
        for _ in range(get_settings().login_max_failures):
            assert log_in(throttled, "reporter_a1", "not the password").status_code == 401
        refused = log_in(throttled, "reporter_a1")
        assert refused.status_code == 429
        assert "Đăng nhập sai quá nhiều lần" in refused.text
        assert not any(
            h.startswith("thidua_session=") for h in refused.headers.get_list("set-cookie")
        )
        assert log_in(other, "reporter_a1").status_code == 303
