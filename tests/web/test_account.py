"""My account: API tokens (secret shown once), my sessions, my password."""

from fastapi.testclient import TestClient

from tests.factories import PASSWORD
from tests.web.conftest import log_in, page_token, signed_in
from tests.web.html import field_error, one, row, select, table_rows, text


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
    secret = text(one(created, "#new-token"))
    assert "chỉ hiển thị một lần" in text(one(created, ".secret"))
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["scope"] == "read"
    page = web.get("/account").text
    assert secret not in page  # not in the list, nor anywhere in the markup
    assert [cells[0] for cells in table_rows(one(page, "#tokens tbody"))] == ["Hệ thống thống kê"]

    revoke = one(row(page, "Hệ thống thống kê"), "form")["action"]
    assert revoke.startswith("/account/tokens/") and revoke.endswith("/revoke")
    revoked = web.post(revoke, data={"csrf_token": token}, follow_redirects=False)
    assert revoked.status_code == 303
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert (
        text(one(web.get("/account"), "#tokens .empty")) == "Bạn chưa có mã truy cập cá nhân nào."
    )


def test_token_form_errors_beside_fields(web, world):
    signed_in(web, "reporter_a1")
    response = web.post(
        "/account/tokens",
        data={"csrf_token": page_token(web), "name": "", "scope": "read", "expires_in_days": "999"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert field_error(response, "name") == "Không được để trống"
    assert field_error(response, "expires_in_days") == "Phải nhỏ hơn hoặc bằng 365"


def test_ending_another_session_logs_that_browser_out(web, world):
    signed_in(web, "reporter_a1")
    with TestClient(web.app) as laptop:
        signed_in(laptop, "reporter_a1")
        html = web.get("/account").text
        ends = {form["action"] for form in select(html, "#sessions tbody form")}
        assert len(ends) == 3  # this browser, the laptop, and the test's own API session
        # The current session is marked; end all the others.
        current = one(html, "#sessions tbody tr:has(.badge.ok)")
        assert "Phiên này" in text(current)
        current = one(current, "form")["action"]
        for other in ends - {current}:
            ended = web.post(other, data={"csrf_token": page_token(web)}, follow_redirects=False)
            assert ended.status_code == 303

        assert len(select(web.get("/account"), "#sessions tbody form")) == 1
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
    assert field_error(wrong, "current_password") == "Mật khẩu hiện tại không đúng"

    ok = web.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": PASSWORD,
            "new_password": "mật khẩu mới dài",
            "new_password_confirm": "mật khẩu mới dài",
        },
    )
    assert ok.status_code == 200 and "Đã đổi mật khẩu." in text(one(ok, "#password .notice"))
    assert web.get("/", follow_redirects=False).status_code == 200  # this session lives on
    other = TestClient(web.app)
    assert log_in(other, "reporter_a1", "mật khẩu mới dài").status_code == 303
