"""The figures flow in a real Chromium on the Bến Tre demo data: Giồng Trôm enters its 2023-Q1
figures (it has no report yet), sees the rates and a Vietnamese error as it types, submits; the
Cục returns it with a comment; the office sees why on its board, corrects and resubmits; the Cục
approves; the 2023-Q1 ranking now includes Giồng Trôm."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.demo.figures import OFFICES, carried_to_next, quarter_values
from app.demo.loader import DEMO_PASSWORD, load

pytestmark = pytest.mark.browser

RULE = "Số việc thi hành xong cộng đình chỉ không được vượt số có điều kiện thi hành"
COMMENT = "Số việc đình chỉ chưa khớp các quyết định đình chỉ; đề nghị đối chiếu và nộp lại."


@pytest.fixture
def demo(session):
    return load(session)


def q1_figures() -> dict[str, int]:
    office = OFFICES["GIONGTROM"]
    q4 = quarter_values(office, 4)
    return quarter_values(office, 1, (carried_to_next(q4, "viec"), carried_to_next(q4, "tien")))


def dotted(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login\?bye=1$"))


def shot(page: Page, results_dir, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(results_dir / name), full_page=True)


def assert_no_csp_violation(errors: list[str]) -> None:
    violations = [e for e in errors if "Content Security Policy" in e]
    assert not violations, violations


def test_enter_return_correct_approve_and_rank(page, demo, results_dir, console_errors):
    figures = q1_figures()

    # --- Giồng Trôm's clerk: the board says what to do, the form computes as it is typed ----
    log_in(page, "giongtrom")
    todo = page.locator("section.board")
    expect(todo).to_contain_text("Số liệu kỳ 2023-Q1")
    expect(todo).to_contain_text("Chưa báo cáo")
    expect(todo).to_contain_text(re.compile(r"quá hạn [\d.]+ ngày"))
    shot(page, results_dir, "figures-board-reporter.png")
    page.get_by_role("link", name="Nhập số liệu kỳ 2023-Q1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Số liệu kỳ 2023-Q1")

    case_rate = page.locator("#rate-ty_le_viec .rate-value")
    money_rate = page.locator("#rate-ty_le_tien .rate-value")
    expect(case_rate).to_have_text("—")
    for code, value in figures.items():
        if code.startswith("tien_"):
            page.locator(f"#f-{code}").fill(dotted(value))  # as a clerk types money
    expect(money_rate).to_have_text(re.compile(r"^\d+,\d\d\s%$"))
    enforceable = figures["viec_co_dieu_kien"]
    for code in (
        "viec_cu_chuyen_sang",
        "viec_thu_ly_moi",
        "viec_uy_thac",
        "viec_co_dieu_kien",
        "viec_chua_co_dieu_kien",
        "viec_dinh_chi",
    ):
        page.get_by_label(_label(code)).fill(str(figures[code]))
    # Completed + terminated above enforceable: the rule's message appears beside the field.
    done = page.get_by_label("Số việc thi hành xong", exact=True)
    done.press_sequentially(str(enforceable), delay=20)
    beside = page.locator("#i-viec_thi_hanh_xong")
    expect(beside).to_contain_text(RULE)
    expect(beside.locator(".issue.error")).to_be_visible()
    expect(page.locator("#figures-results")).to_contain_text("Lỗi: 1")
    field_box, issue_box = done.bounding_box(), beside.bounding_box()
    assert 0 <= issue_box["y"] - (field_box["y"] + field_box["height"]) < 30  # right under it
    expect(page.locator("#d-viec_tong_thu_ly")).to_have_text(
        dotted(figures["viec_cu_chuyen_sang"] + figures["viec_thu_ly_moi"])
    )
    shot(page, results_dir, "figures-form-error.png")

    done.fill(str(figures["viec_thi_hanh_xong"]))
    expect(beside).to_be_empty()
    rate = (figures["viec_thi_hanh_xong"] + figures["viec_dinh_chi"]) * 100 / enforceable
    expect(case_rate).to_have_text(re.compile(f"^{rate:.2f}".replace(".", ",") + r"\s%$"))
    expect(page.locator("#figures-results")).to_contain_text("Kiểm tra không phát hiện sai sót.")
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    expect(page.locator("p.notice")).to_have_text("Đã nộp báo cáo. Cục sẽ kiểm tra, duyệt số liệu.")
    report_url = page.url.split("?")[0]
    log_out(page)

    # --- the Cục returns it with a comment ---------------------------------------------------
    log_in(page, "cuc.tccb")
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile("huyện Giồng Trôm$")))
    expect(row).to_contain_text("Đã nộp")
    row.get_by_role("link", name=re.compile("Kiểm tra, duyệt")).click()
    expect(page).to_have_url(report_url)
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator("#e-comment")).to_contain_text("Hãy ghi rõ nội dung đơn vị cần sửa")
    page.get_by_label("Nội dung đơn vị cần sửa").fill(COMMENT)
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.locator("p.notice")).to_contain_text("Đã trả lại báo cáo")
    log_out(page)

    # --- the office sees why on its board, corrects and resubmits ----------------------------
    log_in(page, "giongtrom")
    returned = page.locator(".returned-box")
    expect(returned).to_contain_text(COMMENT)
    expect(returned).to_contain_text("cuc.tccb")
    shot(page, results_dir, "figures-board-returned.png")
    page.get_by_role("link", name="Sửa và nộp lại kỳ 2023-Q1").click()
    expect(page.locator(".returned-box")).to_contain_text(COMMENT)
    terminated = page.get_by_label("Số việc đình chỉ thi hành", exact=True)
    terminated.fill(str(figures["viec_dinh_chi"] - 1))
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    # The address was already the report's: wait for the answer before logging out.
    expect(page.locator("p.notice")).to_have_text("Đã nộp báo cáo. Cục sẽ kiểm tra, duyệt số liệu.")
    log_out(page)

    # --- the Cục approves; the ranking includes Giồng Trôm ---------------------------------
    log_in(page, "cuc.tccb")
    page.goto(report_url)
    page.get_by_role("button", name="Duyệt báo cáo").click()
    expect(page.locator("p.notice")).to_contain_text("Đã duyệt báo cáo")
    expect(page.locator("#f-viec_thi_hanh_xong")).to_have_count(0)  # locked now
    page.goto("/")
    expect(page.locator(".board-counts")).to_contain_text("5/9")
    shot(page, results_dir, "figures-board-reviewer.png")

    page.get_by_role("link", name="Xếp hạng kỳ 2023-Q1").click()
    table = page.locator(".ranking-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("Huyện Giồng Trôm")
    expect(page.locator("svg.bar-chart")).to_contain_text("Huyện Giồng Trôm")
    shot(page, results_dir, "figures-rankings.png")
    assert_no_csp_violation(console_errors)


def _label(code: str) -> str:
    return {
        "viec_cu_chuyen_sang": "Số việc cũ chuyển sang",
        "viec_thu_ly_moi": "Số việc thụ lý mới",
        "viec_uy_thac": "Số việc ủy thác",
        "viec_co_dieu_kien": "Số việc có điều kiện thi hành",
        "viec_chua_co_dieu_kien": "Số việc chưa có điều kiện thi hành",
        "viec_dinh_chi": "Số việc đình chỉ thi hành",
    }[code]
