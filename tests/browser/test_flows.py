"""The key flows in a real browser: log in, browse the tree, fix a form, log out for good."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def assert_no_csp_violation(errors: list[str]) -> None:
    violations = [e for e in errors if "Content Security Policy" in e]
    assert not violations, violations


def test_log_in_and_see_my_office(page, world, results_dir, console_errors):
    log_in(page, "reporter_a1")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    account = page.locator("section", has=page.get_by_role("heading", name="Tài khoản của bạn"))
    expect(account).to_contain_text("Chi cục THADS huyện Giồng Trôm")
    expect(account).to_contain_text("Cán bộ báo cáo")
    page.screenshot(path=str(results_dir / "home.png"), full_page=True)
    assert_no_csp_violation(console_errors)


def test_browse_the_unit_tree_to_a_chi_cuc(page, world, console_errors):
    log_in(page, "reviewer_a")
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Đơn vị"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đơn vị")

    # Search as you type narrows the tree (htmx), then open the office's page.
    page.get_by_label("Tìm đơn vị theo tên hoặc mã").press_sequentially("giong", delay=30)
    expect(page.locator("#unit-results")).to_contain_text("Tìm thấy 2 đơn vị")
    expect(page).to_have_url(re.compile(r"/units\?q=giong$"))
    page.get_by_role("link", name="Chi cục THADS huyện Giồng Trôm").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Chi cục THADS huyện Giồng Trôm")
    expect(page.get_by_role("navigation", name="Đường dẫn")).to_contain_text(
        "Cục THADS tỉnh Bến Tre"
    )
    expect(page.locator("#unit-people")).to_contain_text("Nguyễn Văn An")
    expect(page.get_by_text("Công an huyện Giồng Trôm")).to_be_visible()
    assert_no_csp_violation(console_errors)


def test_tree_opens_with_the_keyboard(page, world):
    log_in(page, "reviewer_a")
    page.goto("/units")
    summary = page.locator("summary", has_text="Chi cục THADS huyện Giồng Trôm")
    partner = page.get_by_role("link", name="Công an huyện Giồng Trôm")
    expect(partner).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(partner).to_be_visible()


def test_create_a_person_after_fixing_the_form(page, world, results_dir, console_errors):
    log_in(page, "reporter_a1")
    page.goto("/people")
    page.get_by_role("link", name="Thêm cá nhân").click()

    page.get_by_label("Năm sinh").fill("18x")
    page.get_by_label("Chức vụ").fill("Chấp hành viên")
    page.get_by_role("button", name="Thêm cá nhân").click()

    name = page.get_by_label("Họ và tên")
    expect(page.locator("#e-full_name")).to_have_text("Không được để trống")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("Không được để trống"))
    expect(page.locator("#e-birth_year")).to_have_text("Phải là số nguyên")
    expect(page.get_by_label("Năm sinh")).to_have_value("18x")
    expect(page.get_by_label("Chức vụ")).to_have_value("Chấp hành viên")
    expect(name).to_be_focused()  # the keyboard lands on the first field to fix
    # The message sits right under its own field.
    field_box = name.bounding_box()
    error_box = page.locator("#e-full_name").bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 40
    assert abs(error_box["x"] - field_box["x"]) < 5
    page.screenshot(path=str(results_dir / "person-form-errors.png"), full_page=True)

    name.fill("Trương Thị Mỹ Duyên")
    page.get_by_label("Năm sinh").fill("1992")
    page.get_by_role("button", name="Thêm cá nhân").click()

    expect(page).to_have_url(re.compile(r"/people\?q=.+&created=\d+$"))
    expect(page.get_by_role("status").first).to_have_text("Đã thêm cá nhân.")
    expect(page.locator("tr.just-added")).to_contain_text("Trương Thị Mỹ Duyên")

    # Search as you type finds her without diacritics, and the URL follows.
    search = page.get_by_label("Tên", exact=True)
    search.fill("")
    search.press_sequentially("my duyen", delay=30)
    expect(page).to_have_url(re.compile(r"/people\?q=my(\+|%20)duyen"))
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Trương Thị Mỹ Duyên")
    assert_no_csp_violation(console_errors)


def test_logout_makes_the_old_session_cookie_useless(page, browser, base_url, world):
    log_in(page, "reporter_a1")
    cookie = next(c for c in page.context.cookies() if c["name"] == "thidua_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login\?bye=1$"))
    expect(page.get_by_role("status")).to_have_text("Bạn đã đăng xuất.")

    thief = browser.new_context(base_url=base_url)
    try:
        thief.add_cookies([{**cookie}])
        stolen = thief.new_page()
        stolen.goto("/people")
        expect(stolen).to_have_url(re.compile(r"/login\?next=%2Fpeople$"))
        expect(stolen.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    finally:
        thief.close()


def test_english_switch(page, world):
    page.goto("/login")
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.get_by_label("Username")).to_be_visible()
