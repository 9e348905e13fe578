"""The awards year in a real browser, on the Bến Tre demo data: eligibility with its reasons,
two nominations through the council (one falls below the threshold, one passes), the award
decided, the person's history and the annual summary moving with it; and the decision form
with recipient rows and an error beside its row."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from app.demo.loader import DEMO_PASSWORD, load

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_year(session: Session) -> dict[str, int]:
    return load(session)


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def assert_no_csp_violation(errors: list[str]) -> None:
    violations = [e for e in errors if "Content Security Policy" in e]
    assert not violations, violations


def summary_count(page: Page, issuer: str, award: str, side: str = "Trong ngành") -> int:
    row = (
        page.locator("#summary-table tbody tr")
        .filter(has_text=issuer)
        .filter(has_text=award)
        .filter(has_text=side)
    )
    expect(row).to_have_count(1)
    return int(row.locator("td").last.inner_text().replace(".", ""))


def open_eligibility(page: Page) -> None:
    page.goto("/eligibility")
    page.get_by_label("Năm", exact=True).fill("2022")
    page.get_by_label("Danh hiệu, hình thức").select_option("CSTDCS")
    page.get_by_role("button", name="Xét tiêu chuẩn").click()


def nominate_from_eligibility(page: Page, index: int) -> str:
    """Open the eligibility list of those not yet eligible and nominate the index-th one."""
    open_eligibility(page)
    page.get_by_label("Hiển thị").select_option("not_eligible")
    page.get_by_role("button", name="Xét tiêu chuẩn").click()
    results = page.locator("#eligibility-results")
    link = results.get_by_role("link", name=re.compile("^Đề nghị ")).nth(index)
    href = link.get_attribute("href") or ""
    person_id = re.search(r"candidate=person%3A(\d+)", href).group(1)  # type: ignore[union-attr]
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đề nghị khen thưởng mới")
    expect(page.locator("#w-candidate .chosen-name")).not_to_be_empty()
    for box in page.locator("#dossier input[type=checkbox]").all():
        box.check()
    page.get_by_label("Thành tích", exact=True).fill("Sáng kiến cấp cơ sở năm 2022 (minh họa).")
    page.get_by_role("button", name="Ghi đề nghị").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã ghi đề nghị")
    page.get_by_role("button", name="Lưu và gửi Hội đồng").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã gửi đề nghị tới Hội đồng")
    return person_id


def record_vote(page: Page, members: str, present: str, yes: str) -> None:
    page.get_by_label("Tổng số thành viên Hội đồng").fill(members)
    page.get_by_label("Số thành viên có mặt").fill(present)
    page.get_by_label("Số phiếu đồng ý").fill(yes)
    page.get_by_label("Bỏ phiếu kín").check()
    page.get_by_role("button", name="Ghi kết quả bỏ phiếu").click()


def test_eligibility_nominations_vote_decision_history_and_summary(
    page, demo_year, results_dir, console_errors
):
    log_in(page, "cuc.tccb")

    page.goto("/summary?year=2022")
    expect(page.locator("#summary-table tbody tr")).to_have_count(12)
    before = summary_count(page, "Cục Thi hành án dân sự tỉnh Bến Tre", "Chiến sĩ thi đua cơ sở")
    assert before == 20

    # Eligibility: the regime of 2022, the candidates, each criterion with its evidence.
    open_eligibility(page)
    regime = page.get_by_label("Căn cứ pháp lý")
    expect(regime).to_contain_text("Luật Thi đua, khen thưởng 2003")
    expect(regime).to_contain_text("Nghị định 91/2017/NĐ-CP")
    results = page.locator("#eligibility-results")
    expect(results).to_contain_text("20 đạt tiêu chuẩn")
    expect(results).to_contain_text("Không quá 15 % số Lao động tiên tiến của đơn vị")
    expect(results).to_contain_text(
        "182 Lao động tiên tiến năm 2022 → tối đa 27 Chiến sĩ thi đua cơ sở"
    )
    expect(results).to_contain_text("Chưa có sáng kiến được công nhận cấp cơ sở trở lên năm 2022")
    expect(results.locator(".verdict.no").first).to_be_visible()
    page.screenshot(
        path=str(results_dir / "awards-eligibility.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 1600},
    )

    # A first nomination: the council votes below the threshold, so it is rejected.
    nominate_from_eligibility(page, 0)
    record_vote(page, "9", "8", "4")
    outcome = page.locator(".outcome").first
    expect(outcome).to_contain_text("Không thông qua")
    expect(outcome).to_contain_text("4/9 thành viên đồng ý")
    expect(outcome).to_contain_text("≥ 5 phiếu")
    expect(page.get_by_role("heading", name="Lý do không được chấp thuận")).to_be_visible()
    expect(page.locator(".badge.status-rejected")).to_have_text("Không được chấp thuận")

    # A second one passes, and the award is made on a new decision of the Cục.
    person_id = nominate_from_eligibility(page, 1)
    record_vote(page, "9", "8", "7")
    expect(page.locator(".outcome").first).to_contain_text("Thông qua")
    page.get_by_label("Quyết định mới", exact=True).check()
    page.get_by_label("Số quyết định mới").fill("420/QĐ-CTHADS")
    page.locator("#decide-form").get_by_label("Ngày ký").fill("28/12/2022")
    page.locator("#decide-form").get_by_label("Cấp khen thưởng").select_option(
        label="Cục Thi hành án dân sự tỉnh Bến Tre"
    )
    page.get_by_role("button", name="Quyết định khen thưởng").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã quyết định khen thưởng")
    expect(page.get_by_role("link", name="420/QĐ-CTHADS")).to_be_visible()

    # The person's page shows the new award in their history.
    page.goto(f"/people/{person_id}")
    history = page.locator("section", has=page.get_by_role("heading", name="Khen thưởng đã nhận"))
    expect(history).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(history).to_contain_text("420/QĐ-CTHADS")
    page.goto(f"/awards?person={person_id}&year=2022")
    expect(page.locator("#award-results")).to_contain_text("Chiến sĩ thi đua cơ sở")

    # The summary counts it.
    page.goto("/summary?year=2022")
    after = summary_count(page, "Cục Thi hành án dân sự tỉnh Bến Tre", "Chiến sĩ thi đua cơ sở")
    assert after == before + 1
    page.screenshot(path=str(results_dir / "awards-summary.png"), full_page=True)
    assert_no_csp_violation(console_errors)


def test_decision_form_rows_and_an_error_beside_its_row(
    page, demo_year, results_dir, console_errors
):
    log_in(page, "cuc.tccb")
    page.goto("/decisions/new")
    page.get_by_label("Số quyết định").fill("999/QĐ-TCTHADS")
    page.get_by_label("Ngày ký").fill("20/12/2022")
    page.get_by_label("Cấp khen thưởng").select_option(label="Tổng cục Thi hành án dân sự")

    page.get_by_label("Danh hiệu, hình thức (dòng 1)").select_option("TTLDXS")
    page.locator("#f-awards-0-recipient").press_sequentially("ba tri", delay=20)
    page.locator("#res-awards-0-recipient button", has_text="Chi cục").click()
    expect(page.locator("#w-awards-0-recipient .chosen-name")).to_contain_text(
        "Chi cục Thi hành án dân sự huyện Ba Tri"
    )
    page.get_by_role("button", name="Thêm dòng").click()
    expect(page.locator(".award-row")).to_have_count(2)
    page.wait_for_load_state("networkidle")  # each htmx swap settled before the next step
    page.get_by_label("Danh hiệu, hình thức (dòng 2)").select_option("GIAY_KHEN")
    page.locator("#f-awards-1-recipient").press_sequentially("công an huyện ba", delay=20)
    page.locator("#res-awards-1-recipient button").first.click()
    expect(page.locator("#w-awards-1-recipient .chosen-name")).to_contain_text("ngoài ngành")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Thêm dòng").click()
    expect(page.locator(".award-row")).to_have_count(3)
    page.wait_for_load_state("networkidle")
    page.get_by_label("Danh hiệu, hình thức (dòng 3)").select_option("GIAY_KHEN")
    page.get_by_role("button", name="Xóa dòng 3").click()
    expect(page.locator(".award-row")).to_have_count(2)
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Danh hiệu, hình thức (dòng 2)")).to_have_value("GIAY_KHEN")

    page.get_by_role("button", name="Lưu quyết định").click()
    error = page.locator("#e-awards-0-award_type")
    expect(error).to_contain_text(
        "Tổng cục Thi hành án dân sự không có thẩm quyền tặng Tập thể lao động xuất sắc"
    )
    # Everything typed is still there.
    expect(page.get_by_label("Số quyết định")).to_have_value("999/QĐ-TCTHADS")
    expect(page.locator("#w-awards-1-recipient .chosen-name")).to_contain_text("Công an")
    expect(page.get_by_label("Danh hiệu, hình thức (dòng 2)")).to_have_value("GIAY_KHEN")
    page.screenshot(path=str(results_dir / "awards-decision-form.png"), full_page=True)

    # Fix row 1 and save: the decision shows both recipients, inside and outside the sector.
    page.get_by_label("Danh hiệu, hình thức (dòng 1)").select_option("GIAY_KHEN")
    page.get_by_label("Loại hình khen thưởng").select_option("chuyen_de")
    page.get_by_role("button", name="Lưu quyết định").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định 999/QĐ-TCTHADS")
    table = page.locator("table").last
    expect(table).to_contain_text("Chi cục Thi hành án dân sự huyện Ba Tri")
    expect(table.locator(".badge.external")).to_have_count(1)
    assert_no_csp_violation(console_errors)
