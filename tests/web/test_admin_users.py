"""User administration: administrators only; create, deactivate, reactivate, reset password."""

import re

from tests.factories import PASSWORD
from tests.web.conftest import log_in, page_token, signed_in


def test_a_reporter_gets_a_403_page_for_admin_pages(web, world):
    signed_in(web, "reporter_a1")
    for path in ("/admin/users", "/admin/users/new", f"/admin/users/{world.users['admin_a'].id}"):
        response = web.get(path)
        assert response.status_code == 403
        assert "Bạn không có quyền truy cập trang này" in response.text
    assert 'href="/admin/users"' not in web.get("/").text


def test_admin_lists_users_of_their_scope(web, world):
    signed_in(web, "admin_a")
    html = web.get("/admin/users").text
    assert "reporter_a1" in html and "Cán bộ báo cáo" in html
    assert "reporter_b1" not in html  # another province


def test_admin_creates_a_user_after_fixing_errors(web, world):
    signed_in(web, "admin_a")
    token = page_token(web, "/admin/users/new")
    form = {
        "csrf_token": token,
        "username": "Bad Name!",
        "full_name": "Nguyễn Văn Mới",
        "role": "reporter",
        "unit_id": str(world.unit_id("CC_A2")),
        "password": "short",
    }
    bad = web.post("/admin/users/new", data=form)
    assert bad.status_code == 422
    assert '<p class="field-error" id="e-username">Sai định dạng</p>' in bad.text
    assert '<p class="field-error" id="e-password">Tối thiểu 8 ký tự</p>' in bad.text
    assert 'value="Nguyễn Văn Mới"' in bad.text and "short" not in bad.text  # never echo passwords

    good = web.post(
        "/admin/users/new",
        data={**form, "username": "moi.thanhphu", "password": "mật khẩu đủ dài"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert "Đã tạo tài khoản." in web.get(good.headers["location"]).text
    web.cookies.clear()
    assert log_in(web, "moi.thanhphu", "mật khẩu đủ dài").status_code == 303


def test_deactivated_user_cannot_log_in_and_reactivation_lets_them_back(web, world):
    signed_in(web, "admin_a")
    user_id = world.users["reporter_a2"].id
    token = page_token(web, f"/admin/users/{user_id}")

    off = web.post(
        f"/admin/users/{user_id}/active",
        data={"csrf_token": token, "version": "1", "active": "false"},
        headers={"HX-Request": "true"},
    )
    assert off.status_code == 200 and "Đã vô hiệu hóa" in off.text and "<html" not in off.text

    other = web.__class__(web.app)
    assert log_in(other, "reporter_a2").status_code == 401

    on = web.post(
        f"/admin/users/{user_id}/active",
        data={"csrf_token": token, "version": "2", "active": "true"},
        follow_redirects=False,
    )
    assert on.status_code == 303
    assert log_in(other, "reporter_a2").status_code == 303


def test_admin_cannot_deactivate_themselves(web, world):
    signed_in(web, "admin_a")
    user_id = world.users["admin_a"].id
    html = web.get(f"/admin/users/{user_id}").text
    assert re.search(r'<button type="submit" class="btn danger" disabled', html)
    response = web.post(
        f"/admin/users/{user_id}/active",
        data={"csrf_token": page_token(web), "version": "1", "active": "false"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "Bạn không thể tự vô hiệu hóa tài khoản của mình" in response.text


def test_admin_resets_a_password(web, world):
    signed_in(web, "admin_a")
    user_id = world.users["reporter_a1"].id
    token = page_token(web, f"/admin/users/{user_id}")

    mismatch = web.post(
        f"/admin/users/{user_id}/password",
        data={"csrf_token": token, "password": "một hai ba bốn", "password_confirm": "khác"},
    )
    assert mismatch.status_code == 422
    assert "Hai mật khẩu nhập vào không giống nhau" in mismatch.text

    done = web.post(
        f"/admin/users/{user_id}/password",
        data={
            "csrf_token": token,
            "password": "một hai ba bốn",
            "password_confirm": "một hai ba bốn",
        },
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 200 and "Đã đặt lại mật khẩu" in done.text
    other = web.__class__(web.app)
    assert log_in(other, "reporter_a1", PASSWORD).status_code == 401
    assert log_in(other, "reporter_a1", "một hai ba bốn").status_code == 303
