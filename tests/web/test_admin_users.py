"""User administration: administrators only; create, deactivate, reactivate, reset password."""

from tests.factories import PASSWORD
from tests.web.conftest import log_in, page_token, signed_in
from tests.web.html import field_error, form_fields, links, one, row, table_rows, text


def test_a_reporter_gets_a_403_page_for_admin_pages(web, world):
    signed_in(web, "reporter_a1")
    for path in ("/admin/users", "/admin/users/new", f"/admin/users/{world.users['admin_a'].id}"):
        response = web.get(path)
        assert response.status_code == 403
        assert "Bạn không có quyền truy cập trang này" in text(one(response, "main"))
    assert "/admin/users" not in links(web.get("/"))


def test_admin_lists_users_of_their_scope(web, world):
    signed_in(web, "admin_a")
    html = web.get("/admin/users").text
    username, _name, role, _unit, _status = table_rows(row(html, "reporter_a1"))[0]
    assert username == "reporter_a1" and role == "Cán bộ báo cáo"
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
    assert field_error(bad, "username") == "Sai định dạng"
    assert field_error(bad, "password") == "Tối thiểu 8 ký tự"
    kept = form_fields(one(bad, "#user-form"))
    assert kept["full_name"] == "Nguyễn Văn Mới" and kept["username"] == "Bad Name!"
    assert kept["password"] == "" and "short" not in bad.text  # never echo passwords

    good = web.post(
        "/admin/users/new",
        data={**form, "username": "moi.thanhphu", "password": "mật khẩu đủ dài"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    assert text(one(web.get(good.headers["location"]), "main .notice")) == "Đã tạo tài khoản."
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
    assert off.status_code == 200 and "<html" not in off.text
    assert text(one(off, "#user-status .badge")) == "Đã vô hiệu hóa"

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
    button = one(html, "#user-status button[type=submit]")
    assert "danger" in button["class"] and button.has_attr("disabled")
    assert text(one(html, f"#{button['aria-describedby']}")) == (
        "Bạn không thể tự vô hiệu hóa tài khoản của mình."
    )
    response = web.post(
        f"/admin/users/{user_id}/active",
        data={"csrf_token": page_token(web), "version": "1", "active": "false"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "Bạn không thể tự vô hiệu hóa tài khoản của mình" in text(
        one(response, "#user-status .error-summary")
    )


def test_admin_resets_a_password(web, world):
    signed_in(web, "admin_a")
    user_id = world.users["reporter_a1"].id
    token = page_token(web, f"/admin/users/{user_id}")

    mismatch = web.post(
        f"/admin/users/{user_id}/password",
        data={"csrf_token": token, "password": "một hai ba bốn", "password_confirm": "khác"},
    )
    assert mismatch.status_code == 422
    assert field_error(mismatch, "password_confirm") == "Hai mật khẩu nhập vào không giống nhau"

    done = web.post(
        f"/admin/users/{user_id}/password",
        data={
            "csrf_token": token,
            "password": "một hai ba bốn",
            "password_confirm": "một hai ba bốn",
        },
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 200
    assert "Đã đặt lại mật khẩu" in text(one(done, "#reset-form .notice"))
    other = web.__class__(web.app)
    assert log_in(other, "reporter_a1", PASSWORD).status_code == 401
    assert log_in(other, "reporter_a1", "một hai ba bốn").status_code == 303
