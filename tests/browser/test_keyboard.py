"""The keyboard in a real browser, on the Bến Tre demo year: the recipient picker is an ARIA
combobox (type, ArrowDown, Enter picks; Escape closes and keeps the text), Enter in a search
box searches, and a campaign sent with no participating unit is held back with a warning."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from app.demo.loader import load
from app.models.campaigns import Campaign
from tests.browser.app_pages import log_in

pytestmark = pytest.mark.browser

TITLE = "Chuyên đề thử phím Enter"


@pytest.fixture
def demo(session: Session) -> dict[str, int]:
    return load(session)


def assert_no_csp_violation(errors: list[str]) -> None:
    violations = [e for e in errors if "Content Security Policy" in e]
    assert not violations, violations


def test_the_recipient_picker_is_driven_by_the_keyboard(page: Page, demo, console_errors):
    log_in(page, "cuc.tccb")
    page.goto("/awards")
    box = page.get_by_role("combobox", name="Cá nhân hoặc đơn vị")
    listbox = page.locator("#res-who")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "res-who")

    box.press_sequentially("ba tri", delay=20)
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#st-who")).to_contain_text("kết quả")

    box.press("ArrowDown")
    first = options.nth(0)
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    if options.count() > 1:
        box.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        expect(first).to_have_attribute("aria-selected", "false")
        box.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    picked = first.inner_text().split("·")[0].strip()

    box.press("Enter")  # picks the active option; the search form is not sent
    expect(page.locator("#w-who .chosen-name")).to_have_text(picked)
    expect(page).to_have_url(re.compile(r"/awards$"))

    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page).to_have_url(re.compile(r"who=(person|unit)%3A\d+"))
    expect(page.locator("#w-who .chosen-name")).to_have_text(picked)
    assert_no_csp_violation(console_errors)


def test_escape_closes_the_list_and_keeps_the_text_then_enter_searches(page: Page, demo):
    log_in(page, "cuc.tccb")
    page.goto("/awards")
    box = page.get_by_role("combobox", name="Cá nhân hoặc đơn vị")
    box.press_sequentially("giong trom", delay=20)
    expect(page.locator("#res-who").get_by_role("option").first).to_be_visible()

    box.press("ArrowDown")
    box.press("Escape")
    expect(page.locator("#res-who")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".+"))
    expect(box).to_have_value("giong trom")
    expect(page).to_have_url(re.compile(r"/awards$"))

    box.press("Enter")  # the list is closed: Enter sends the search, with the name as typed
    expect(page).to_have_url(re.compile(r"who_q=giong\+trom"))
    box = page.get_by_role("combobox", name="Cá nhân hoặc đơn vị")
    expect(box).to_have_value("giong trom")
    # Several match: they are offered, the list open, to choose from with the keyboard.
    expect(box).to_have_attribute("aria-expanded", "true")
    box.focus()
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.locator("#w-who .chosen-name")).not_to_be_empty()


@pytest.mark.parametrize(
    ("url", "field", "typed", "param"),
    [
        ("/campaigns", "Tên phong trào hoặc số văn bản", "dong khoi", "q=dong"),
        ("/awards", "Năm", "2022", "year=2022"),
        ("/decisions", "Năm", "2022", "year=2022"),
        ("/people", "Tên", "nguyen", "q=nguyen"),
        ("/units", "Tìm đơn vị theo tên hoặc mã", "giong trom", "q=giong"),
    ],
)
def test_enter_in_a_search_box_searches(page: Page, demo, url, field, typed, param):
    log_in(page, "cuc.tccb")
    page.goto(url)
    box = page.locator("form[role=search]").get_by_label(field, exact=True)
    box.fill(typed)
    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(param)))
    expect(page.locator("form[role=search]").get_by_label(field, exact=True)).to_have_value(typed)


def test_a_campaign_without_participants_waits_for_a_confirmation(
    page: Page, demo, session: Session, console_errors
):
    log_in(page, "cuc.tccb")
    page.goto("/campaigns/new")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Loại phong trào").select_option("chuyen_de")
    page.get_by_role("button", name="Tạo phong trào").click()

    participants = page.locator("#participants")
    warning = participants.locator("#e-participant_ids")
    expect(warning).to_contain_text("Chưa chọn đơn vị tham gia nào")
    expect(page).to_have_url(re.compile(r"/campaigns/new$"))
    assert session.exec(select(Campaign).where(Campaign.title == TITLE)).first() is None
    expect(page.get_by_label("Tiêu đề")).to_have_value(TITLE)  # nothing typed is lost

    # "Select every district office", then the submit at once: the boxes are already ticked.
    page.get_by_role("button", name="Chọn tất cả Chi cục").click()
    page.get_by_role("button", name="Tạo phong trào").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status").first).to_contain_text("Đã tạo phong trào ở dạng nháp")
    expect(page.locator("main")).to_contain_text("9 đơn vị tham gia")
    assert_no_csp_violation(console_errors)


def test_confirming_creates_the_campaign_without_participants(page: Page, demo):
    log_in(page, "cuc.tccb")
    page.goto("/campaigns/new")
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Loại phong trào").select_option("chuyen_de")
    page.get_by_role("button", name="Tạo phong trào").click()
    page.get_by_label("Vẫn tạo phong trào khi chưa có đơn vị tham gia").check()
    page.get_by_role("button", name="Tạo phong trào").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".cmp-meta")).to_contain_text("Nháp")
