"""The campaigns acceptance flow in Chromium on the Bến Tre demo year: the Cục's reviewer reads
the 2022 plan (documents, every Chi cục's progress with the numbers, registrations, exemplars),
creates a campaign with a criterion tiered by caseload and launches it; Thạnh Phú's reporter
finds it on the home board and registers."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from app.demo.loader import DEMO_PASSWORD, load

pytestmark = pytest.mark.browser

PLAN_2022 = "Tổ chức thực hiện phong trào thi đua “Đồng Khởi mới” trong các cơ quan Thi hành án dân sự năm 2022"
NEW_TITLE = "Đợt thi đua cao điểm về đích năm 2022 (kiểm thử)"
CHI_CUC = [
    "thành phố Bến Tre",
    "huyện Ba Tri",
    "huyện Bình Đại",
    "huyện Châu Thành",
    "huyện Chợ Lách",
    "huyện Giồng Trôm",
    "huyện Mỏ Cày Bắc",
    "huyện Mỏ Cày Nam",
    "huyện Thạnh Phú",
]


@pytest.fixture
def demo(session: Session) -> dict[str, int]:
    return load(session)


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login"))


def assert_no_csp_violation(errors: list[str]) -> None:
    violations = [e for e in errors if "Content Security Policy" in e]
    assert not violations, violations


def read_the_2022_plan(page: Page, results_dir) -> None:
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Phong trào thi đua"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phong trào thi đua")
    page.get_by_label("Tên phong trào hoặc số văn bản").press_sequentially("258/KH", delay=30)
    expect(page.locator("#campaign-results")).to_contain_text("Tìm thấy 1 phong trào")
    page.get_by_role("link", name=PLAN_2022).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_2022)

    documents = page.locator("#documents")
    document = documents.get_by_role("row").filter(has_text="258/KH-CTHADS")
    expect(document).to_contain_text("02/03/2022")
    expect(document).to_contain_text("Kế hoạch")
    expect(document).to_contain_text("Cục Thi hành án dân sự tỉnh Bến Tre")

    progress = page.locator("#progress")
    cases = progress.locator("article.cmp-criterion").first
    expect(cases.get_by_role("heading", level=3)).to_contain_text(
        "Tỷ lệ thi hành xong về việc ≥ 81,50 %"
    )
    rows = cases.locator("tbody tr")
    expect(rows).to_have_count(9)
    for office in CHI_CUC:
        expect(rows.filter(has_text=office)).to_have_count(1)
    ba_tri = rows.filter(has_text="huyện Ba Tri")
    for value in ("Đạt", "83,60 %", "≥ 81,50 %", "1.081", "1.293"):
        expect(ba_tri).to_contain_text(value)
    expect(rows.filter(has_text="huyện Bình Đại")).to_contain_text("Chưa đạt")
    expect(cases.get_by_role("img")).to_have_count(1)
    cases.scroll_into_view_if_needed()
    cases.screenshot(path=str(results_dir / "campaign-progress-chart.png"), caret="initial")

    registrations = page.locator("#registrations")
    expect(registrations.get_by_role("row").filter(has_text="huyện Giồng Trôm")).to_contain_text(
        "Đã chấp nhận"
    )
    expect(registrations.get_by_role("row").filter(has_text="huyện Mỏ Cày Bắc")).to_contain_text(
        "Đã gửi, chờ xem xét"
    )
    expect(registrations.locator(".cmp-not-registered li")).to_have_text(
        [
            "Chi cục Thi hành án dân sự huyện Chợ Lách",
            "Chi cục Thi hành án dân sự huyện Mỏ Cày Nam",
        ]
    )
    exemplars = page.locator("#exemplars article")
    expect(exemplars).to_have_count(2)
    expect(exemplars.nth(0)).to_contain_text("Giồng Trôm")
    expect(exemplars.nth(1)).to_contain_text("Thạnh Phú")
    expect(exemplars.nth(0)).to_contain_text("Tham mưu Ban Chỉ đạo thi hành án dân sự cùng cấp")
    page.screenshot(path=str(results_dir / "campaign-detail.png"), full_page=True, caret="initial")


def create_tiered_campaign_and_launch(page: Page, results_dir) -> None:
    page.goto("/campaigns")
    page.get_by_role("link", name="Phong trào mới").click()
    page.get_by_label("Tiêu đề").fill(NEW_TITLE)
    page.get_by_label("Loại phong trào").select_option("cao_diem")
    page.get_by_label("Năm (không bắt buộc)").fill("2022")
    page.get_by_label("Thuộc phong trào (cấp trên)").select_option(label=PLAN_2022)
    page.get_by_label("Từ ngày").fill("01/10/2022")
    page.get_by_label("Đến ngày").fill("31/12/2022")
    page.get_by_role("button", name="Chọn tất cả Chi cục").click()
    participants = page.locator("#participants input[type=checkbox]:checked")
    expect(participants).to_have_count(9)
    page.get_by_role("button", name="Tạo phong trào").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.get_by_role("status").first).to_contain_text("Đã tạo phong trào ở dạng nháp")
    expect(page.locator(".cmp-meta")).to_contain_text("Nháp")

    # A criterion whose threshold depends on the office's caseload, entered band by band.
    progress = page.locator("#progress")
    progress.locator("summary", has_text="Thêm tiêu chí").click()
    page.get_by_label(re.compile(r"^Tỷ lệ\W*$")).select_option("ty_le_viec")
    page.get_by_label("Đánh giá theo kỳ").select_option("2022-Q4")
    page.get_by_label("Chỉ tiêu theo số việc (theo khoảng)").check()
    expect(page.locator("#f-crit_threshold")).to_be_hidden()  # the flat threshold gives way
    bands = page.locator("#tier-rows")
    bands.get_by_label("Từ (số việc)").nth(0).fill("0")
    bands.get_by_label("Đến (số việc)").nth(0).fill("1.300")
    bands.get_by_label("Chỉ tiêu (%)").nth(0).fill("85")
    page.get_by_role("button", name="Thêm dòng").click()
    expect(bands.get_by_label("Từ (số việc)")).to_have_count(2)
    bands.get_by_label("Từ (số việc)").nth(1).fill("1.301")
    bands.get_by_label("Chỉ tiêu (%)").nth(1).fill("80")
    page.get_by_role("button", name="Thêm dòng").click()  # one too many: take it out again
    expect(bands.get_by_label("Từ (số việc)")).to_have_count(3)
    bands.get_by_role("button", name="Xóa dòng").nth(2).click()
    expect(bands.get_by_label("Từ (số việc)")).to_have_count(2)
    page.get_by_role("button", name="Lưu tiêu chí").click()

    expect(progress.get_by_role("status")).to_have_text("Đã thêm tiêu chí.")
    criterion = progress.locator("article.cmp-criterion")
    expect(criterion.get_by_role("heading", level=3)).to_contain_text(
        "Tỷ lệ thi hành xong về việc theo số việc · kỳ 2022-Q4"
    )
    expect(criterion).to_contain_text("từ 0 đến 1.300 việc: ≥ 85,00 %")
    expect(criterion).to_contain_text("từ 1.301 việc trở lên: ≥ 80,00 %")
    expect(criterion.locator("tbody tr")).to_have_count(9)
    # Each office with its caseload, the band applied and the numbers behind its rate.
    offices = criterion.locator("tbody tr")
    thanh_phu = offices.filter(has_text="huyện Thạnh Phú")
    for value in ("Đạt", "87,95 %", "≥ 85,00 %", "1.271", "từ 0 đến 1.300 việc", "861", "979"):
        expect(thanh_phu).to_contain_text(value)
    cho_lach = offices.filter(has_text="huyện Chợ Lách")  # 81,18 % < 85 % in the small band
    for value in ("Chưa đạt", "81,18 %", "≥ 85,00 %", "1.112"):
        expect(cho_lach).to_contain_text(value)
    ba_tri = offices.filter(has_text="huyện Ba Tri")  # 83,60 % ≥ 80 % in the large band
    for value in ("Đạt", "≥ 80,00 %", "1.747", "từ 1.301 việc trở lên"):
        expect(ba_tri).to_contain_text(value)
    criterion.scroll_into_view_if_needed()
    criterion.screenshot(path=str(results_dir / "campaign-tiered-chart.png"), caret="initial")

    page.get_by_role("button", name="Phát động").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã phát động phong trào")
    expect(page.locator(".cmp-meta")).to_contain_text("Đã phát động")


def register_from_the_board(page: Page, results_dir) -> None:
    board = page.locator("#board-campaigns")
    item = board.locator("li.board-campaign").filter(has_text=NEW_TITLE)
    expect(item).to_contain_text("Đơn vị chưa đăng ký thi đua trong phong trào này.")
    board.scroll_into_view_if_needed()
    board.screenshot(path=str(results_dir / "campaign-board.png"), caret="initial")
    item.get_by_role("link", name="Đăng ký").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    form = page.locator("#registration-form")
    expect(form.get_by_label("Đơn vị")).to_have_value(re.compile(r"\d+"))
    expect(form.get_by_label("Đơn vị")).to_contain_text(
        "Chi cục Thi hành án dân sự huyện Thạnh Phú"
    )
    form.get_by_label("Tập thể lao động xuất sắc").check()
    form.get_by_label("Ghi chú (không bắt buộc)").fill("Phấn đấu hoàn thành trước 31/12/2022")
    form.get_by_role("button", name="Đăng ký").click()

    registrations = page.locator("#registrations")
    expect(registrations.get_by_role("status")).to_contain_text("Đã lưu bản đăng ký ở dạng nháp")
    row = registrations.get_by_role("row").filter(has_text="huyện Thạnh Phú")
    expect(row).to_contain_text("Nháp, chưa gửi")
    row.get_by_role("button", name="Gửi đăng ký").click()
    expect(registrations.get_by_role("status")).to_have_text(
        "Đã gửi bản đăng ký tới đơn vị quản lý phong trào."
    )
    expect(registrations.get_by_role("row").filter(has_text="huyện Thạnh Phú")).to_contain_text(
        "Đã gửi, chờ xem xét"
    )


def test_plan_documents_progress_then_a_tiered_campaign_a_chi_cuc_registers_for(
    page, demo, results_dir, console_errors
):
    log_in(page, "cuc.tccb")
    read_the_2022_plan(page, results_dir)
    create_tiered_campaign_and_launch(page, results_dir)
    log_out(page)

    log_in(page, "thanhphu")
    register_from_the_board(page, results_dir)
    page.goto("/")
    item = page.locator("#board-campaigns li.board-campaign").filter(has_text=NEW_TITLE)
    expect(item).to_contain_text("Đơn vị đã gửi đăng ký, đang chờ đơn vị quản lý xem xét.")
    assert_no_csp_violation(console_errors)


def test_the_progress_chart_reads_at_1024_pixels(page, demo, results_dir, console_errors):
    page.set_viewport_size({"width": 1024, "height": 768})
    log_in(page, "cuc.tccb")
    page.goto("/campaigns?q=258/KH")
    page.get_by_role("link", name=PLAN_2022).click()
    chart = page.locator("#progress svg.cmp-chart").first
    box = chart.bounding_box()
    assert box and 600 < box["width"] <= 1024
    page.locator("#progress article.cmp-criterion").nth(1).screenshot(
        path=str(results_dir / "campaign-progress-1024.png")
    )
    # Preview counts figures not yet approved (the managing unit's switch, htmx).
    page.goto("/campaigns?q=cao+diem+quy+iv")
    page.get_by_role("link", name="Đợt thi đua cao điểm quý IV năm 2022").click()
    first = page.locator("#progress article.cmp-criterion").first
    expect(first).to_contain_text("Chưa báo cáo: 7")
    page.get_by_label("Xem trước: tính cả số liệu chưa được duyệt").check()
    expect(page.locator("#progress")).to_contain_text("Đang xem trước")
    expect(page.locator("#progress article.cmp-criterion").first).to_contain_text("Chưa báo cáo: 3")
    assert_no_csp_violation(console_errors)
