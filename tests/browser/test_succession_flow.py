"""The organisation through time in Chromium, on the demo run to today: the reviewer of THADS
tỉnh Vĩnh Long (`vinhlong.tccb`) reads the board of the current quarter, follows Bến Tre's
2022 history through succession, and reads and previews restructurings. The demo is built
once for the module (it takes seconds); the tests only read, except the preview, which keeps
nothing."""

import json
import re
from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, col, select

from app.core.db import get_engine
from app.core.types import utcnow
from app.demo import loader
from app.models.periods import Period
from app.models.units import Unit
from app.services.levels import ensure_levels
from app.services.reports.reports import local_date
from tests.conftest import _empty_all_tables

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _clean_database() -> None:
    """Overrides the per-test emptying: the module's demo stays for all its tests."""


@pytest.fixture(scope="module")
def demo(database: None) -> Iterator[dict[str, object]]:
    _empty_all_tables()
    today = local_date(utcnow())
    with Session(get_engine(), expire_on_commit=False) as session:
        ensure_levels(session)
        loader.load(session, today=today)
        ids = {u.code: u.id for u in session.exec(select(Unit)).all()}
        current = session.exec(
            select(Period).where(Period.due_on >= today).order_by(col(Period.due_on))
        ).first()
        assert current is not None
    yield {"ids": ids, "today": today, "period": current}
    _empty_all_tables()


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(loader.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_the_board_shows_the_current_quarter_due_in_days(page: Page, demo, console_errors):
    period: Period = demo["period"]  # type: ignore[assignment]
    today: date = demo["today"]  # type: ignore[assignment]
    log_in(page, "vinhlong.tccb")
    board = page.locator("main")
    days = (period.due_on - today).days
    expect(board).to_contain_text(f"Hạn nộp {period.due_on:%d/%m/%Y}")
    if days > 1:
        expect(board).to_contain_text(f"còn {days} ngày")
    expect(board).not_to_contain_text("quá hạn")
    table = page.get_by_role("table").filter(has_text=f"kỳ {period.code}")
    rows = table.locator("tbody tr").filter(has_text="Phòng Thi hành án dân sự khu vực")
    expect(rows).to_have_count(7)
    # One office's figures came back with the reviewer's words; one has not started.
    expect(rows.filter(has_text="Bị trả lại")).to_have_count(1)
    expect(rows.filter(has_text="Bị trả lại")).to_contain_text("đề nghị đối chiếu")
    expect(rows.filter(has_text="Chưa báo cáo").first).to_be_visible()
    assert not console_errors, console_errors


def test_ben_tre_2022_through_succession(page: Page, demo, console_errors):
    ids: dict[str, int] = demo["ids"]  # type: ignore[assignment]
    log_in(page, "vinhlong.tccb")
    page.goto(f"/units/{ids['THADS-VINHLONG']}")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Kế thừa từ")
    timeline.get_by_role("link", name="Cục Thi hành án dân sự tỉnh Bến Tre").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cục Thi hành án dân sự tỉnh Bến Tre")
    expect(page.locator("#timeline")).to_contain_text("Đơn vị kế thừa")
    expect(page.locator("#timeline")).to_contain_text("Thi hành án dân sự tỉnh Vĩnh Long")
    # The 2022 award summary of the old Cục, read by its successor's reviewer: the article's
    # table, its issuers named as they were in 2022.
    page.goto(f"/summary?year=2022&unit_id={ids['CTHADS-BENTRE']}")
    expect(page.locator("main")).to_contain_text("Khen thưởng năm 2022 của Cục Thi hành án dân sự")
    table = page.locator("#summary-table")
    expect(table).to_contain_text("Tổng cục Thi hành án dân sự")
    expect(table).not_to_contain_text("Cục Quản lý Thi hành án dân sự")
    total = page.locator("main").get_by_text(re.compile(r"^\d+ lượt khen thưởng$"))
    expect(total).to_have_text("259 lượt khen thưởng")
    assert not console_errors, console_errors


def test_the_restructuring_as_recorded_and_a_new_plan_previewed(page: Page, demo, console_errors):
    log_in(page, "vinhlong.tccb")
    page.goto("/units")
    page.get_by_role("link", name="Sắp xếp tổ chức").first.click()
    listed = page.get_by_role("table")
    expect(listed).to_contain_text("01/07/2025")
    listed.get_by_role("link").first.click()
    record = page.locator("main")
    expect(record).to_contain_text("202/2025/QH15")
    expect(record).to_contain_text("Cục Thi hành án dân sự tỉnh Bến Tre")
    expect(record).to_contain_text("Phòng Thi hành án dân sự khu vực 1 - Vĩnh Long")
    expect(record).to_contain_text("minh họa, chưa được xác nhận")
    expect(record).to_contain_text("cá nhân được chuyển sang đơn vị kế thừa")
    # The successor's reviewer reads it; reverting is for the Cục Quản lý above.
    expect(page.get_by_role("button", name="Hoàn tác")).to_have_count(0)
    expect(page.get_by_role("link", name="Hoàn tác")).to_have_count(0)

    # A new plan: the reviewer previews it; only an administrator applies.
    page.goto("/restructurings/new")
    plan = {
        "title": "Hợp nhất khu vực 6 và 7 (thử)",
        "effective_on": (demo["today"]).isoformat(),  # type: ignore[union-attr]
        "basis": {"number": "01/QĐ-THADS", "signed_on": demo["today"].isoformat()},  # type: ignore[union-attr]
        "events": [
            {
                "kind": "merge",
                "units": ["PKV6-VINHLONG", "PKV7-VINHLONG"],
                "new_units": [
                    {
                        "code": "PKV67-VINHLONG",
                        "name": "Phòng Thi hành án dân sự khu vực 6 - Vĩnh Long (mới)",
                        "kind": "area_office",
                        "parent": "THADS-VINHLONG",
                    }
                ],
            }
        ],
    }
    page.get_by_label("Hoặc dán phương án dạng JSON").fill(json.dumps(plan, ensure_ascii=False))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("#plan-preview")).to_contain_text("chưa có gì thay đổi")
    events = page.locator("#plan-events")
    expect(events).to_contain_text("Phòng Thi hành án dân sự khu vực 7 - Vĩnh Long")
    expect(events).to_contain_text("Phòng Thi hành án dân sự khu vực 6 - Vĩnh Long (mới)")
    expect(page.locator("main")).to_contain_text("kv7.vinhlong")
    expect(page.locator("main")).to_contain_text("cá nhân được chuyển sang đơn vị kế thừa")
    expect(page.get_by_role("button", name="Áp dụng")).to_have_count(0)
    # Nothing was kept: the office still stands under its own name.
    page.goto("/units?q=khu vực 7")
    expect(page.locator("main")).to_contain_text("Phòng Thi hành án dân sự khu vực 7 - Vĩnh Long")
    assert not console_errors, console_errors
