"""My account: API tokens (secret shown once), my sessions, my password."""

import re

from fastapi.testclient import TestClient

from tests.factories import PASSWORD
from tests.web.conftest import log_in, page_token, signed_in


def test_a_new_token_is_shown_once_works_and_can_be_revoked(web, world, api):
    signed_in(web, "reporter_a1")
    token = page_token(web, "/account")

    created = web.post(
        "/account/tokens",
        data={
            "csrf_token": token,
            "name": "Hệ thống thống kê",
            "scope": "read",
            "expires_in_days": "30",
        },
        headers={"HX-Request": "true"},
    )

    assert created.status_code == 200 and "<html" not in created.text
    secret = re.search(r'<code id="new-token">([^<]+)</code>', created.text).group(1)
    assert "chỉ hiển thị một lần" in created.text
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["scope"] == "read"
    page = web.get("/account").text
    assert secret not in page and "Hệ thống thống kê" in page

    token_id = re.search(r'action="/account/tokens/(\d+)/revoke"', page).group(1)
    revoked = web.post(
        f"/account/tokens/{token_id}/revoke", data={"csrf_token": token}, follow_redirects=False
    )
    assert revoked.status_code == 303
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "Bạn chưa có mã truy cập cá nhân nào." in web.get("/account").text


def test_token_form_errors_beside_fields(web, world):
    signed_in(web, "reporter_a1")
    response = web.post(
        "/account/tokens",
        data={"csrf_token": page_token(web), "name": "", "scope": "read", "expires_in_days": "999"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert '<p class="field-error" id="e-name">Không được để trống</p>' in response.text
    assert (
        '<p class="field-error" id="e-expires_in_days">Phải nhỏ hơn hoặc bằng 365</p>'
        in response.text
    )


def test_ending_another_session_logs_that_browser_out(web, world):
    signed_in(web, "reporter_a1")
    with TestClient(web.app) as laptop:
        signed_in(laptop, "reporter_a1")
        html = web.get("/account").text
        ends = set(re.findall(r'action="(/account/sessions/\d+/end)"', html))
        assert len(ends) == 3  # this browser, the laptop, and the test's own API session
        # The current session is marked; end all the others.
        current = re.search(
            r'Phiên này</span></td>.*?action="(/account/sessions/\d+/end)"', html, re.S
        ).group(1)
        for other in ends - {current}:
            ended = web.post(other, data={"csrf_token": page_token(web)}, follow_redirects=False)
            assert ended.status_code == 303

        assert (
            len(set(re.findall(r'action="(/account/sessions/\d+/end)"', web.get("/account").text)))
            == 1
        )
        assert laptop.get("/", follow_redirects=False).headers["location"] == "/login"
    assert web.get("/", follow_redirects=False).status_code == 200


def test_change_password_requires_the_current_one(web, world):
    signed_in(web, "reporter_a1")
    token = page_token(web, "/account")
    wrong = web.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": "sai",
            "new_password": "mật khẩu mới dài",
            "new_password_confirm": "mật khẩu mới dài",
        },
    )
    assert wrong.status_code == 422
    assert (
        '<p class="field-error" id="e-current_password">Mật khẩu hiện tại không đúng</p>'
        in wrong.text
    )

    ok = web.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "mật khẩu mới dài",
            "new_password_confirm": "mật khẩu mới dài",
        },
    )
    assert ok.status_code == 200 and "Đã đổi mật khẩu." in ok.text
    assert web.get("/", follow_redirects=False).status_code == 200  # this session lives on
    other = TestClient(web.app)
    assert log_in(other, "reporter_a1", "mật khẩu mới dài").status_code == 303
