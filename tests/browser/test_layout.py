"""Every page on a 1366×768 laptop and on a 390×844 phone: the page never scrolls sideways (wide
tables and charts scroll inside their card), no control hides under another element (a sticky
panel, a neighbour), the navigation folds away on the phone, and chart text stays legible."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlmodel import Session

from app.demo.loader import load
from tests.browser.app_pages import PUBLIC_PAGES, ROLES, log_in, pages_for

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "laptop": {"viewport": {"width": 1366, "height": 768}, "device_scale_factor": 1},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
}

# Scroll each visible control into view (last to first, so each lands at the top edge where a
# sticky panel sits, then first to last for the bottom edge) and ask what is drawn at its centre.
COVERED_CONTROLS = """() => {
  const controls = [...document.querySelectorAll(
    "main a[href], main button, main input, main select, main textarea, main summary, header a[href], header button")]
    .filter(el => el.checkVisibility({visibilityProperty: true}) && el.type !== "hidden"
                  && el.getBoundingClientRect().width > 1);
  const covered = [];
  for (const order of [[...controls].reverse(), controls]) {
    for (const el of order) {
      el.scrollIntoView({block: "nearest", inline: "nearest"});
      const box = el.getClientRects()[0];
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !(el.labels && [...el.labels].includes(hit))) {
        const name = (el.id ? "#" + el.id : el.tagName.toLowerCase()) + " " +
          (el.textContent || el.name || "").trim().slice(0, 40);
        const by = hit.tagName.toLowerCase() + (hit.className ? "." + String(hit.className).split(" ")[0] : "");
        covered.push(name + " under " + by);
      }
    }
  }
  return [...new Set(covered)];
}"""

# On a laptop every column of a table is in view (a table that scrolls sideways hides some),
# and a select shows its chosen option whole.
LAPTOP_CLIPPING = """() => {
  const clipped = [];
  for (const wrap of document.querySelectorAll("main .table-wrap")) {
    if (wrap.checkVisibility() && wrap.scrollWidth > wrap.clientWidth + 1) {
      const caption = wrap.querySelector("caption");
      clipped.push("table scrolls sideways: " + (caption ? caption.textContent.trim() : wrap.id));
    }
  }
  const context = document.createElement("canvas").getContext("2d");
  for (const select of document.querySelectorAll("main select")) {
    const option = select.options[select.selectedIndex];
    if (!option || !select.checkVisibility()) continue;
    const style = getComputedStyle(select);
    context.font = style.font;
    const needed = context.measureText(option.text).width + parseFloat(style.paddingLeft) + 24;
    if (needed > select.clientWidth) clipped.push("select cut off: " + option.text);
  }
  return clipped;
}"""

CHART_TEXT = """() => [...document.querySelectorAll("main svg text")]
  .filter(t => t.checkVisibility() && t.textContent.trim())
  .map(t => ({text: t.textContent.trim().slice(0, 30),
              px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
              height: t.getBoundingClientRect().height}))"""


@pytest.fixture
def demo(session: Session) -> dict[str, int]:
    return load(session)


@pytest.fixture(params=VIEWPORTS)
def screen(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def context(browser: Browser, base_url: str, screen: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=base_url, locale="vi-VN", **VIEWPORTS[screen])
    context.set_default_timeout(10_000)
    yield context
    context.close()


def layout_problems(page: Page, screen: str) -> list[str]:
    page.wait_for_load_state("networkidle")
    problems = []
    # A phone browser zooms out to show a page wider than the screen, and innerWidth follows;
    # the screen's own width does not.
    window = min(page.evaluate("window.innerWidth"), page.viewport_size["width"])
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > window:
        problems.append(f"the page is {width} px wide in a {window} px window")
    problems += [f"covered: {c}" for c in page.evaluate(COVERED_CONTROLS)]
    if screen == "laptop":
        problems += page.evaluate(LAPTOP_CLIPPING)
    if screen == "phone":
        for text in page.evaluate(CHART_TEXT):
            if text["px"] < 10 or text["height"] < 10:
                problems.append(f"chart text {text['text']!r} at {text['px']:.1f} px")
                break
    page.evaluate("window.scrollTo(0, 0)")
    return problems


def check_pages(page: Page, pages: list[tuple[str, str]], screen: str, shots) -> dict:
    found = {}
    for name, url in pages:
        response = page.goto(url)
        assert response is not None and response.ok, (name, url)
        page.screenshot(
            path=str(shots / f"{screen}-{name.replace(' ', '-')}.png"), full_page=True, scale="css"
        )
        problems = layout_problems(page, screen)
        if problems:
            found[f"{name} {url}"] = problems
    return found


def report(found: dict) -> str:
    return "\n" + "\n".join(f"{p}\n  " + "\n  ".join(v) for p, v in found.items())


@pytest.mark.parametrize("role", ["reporter", "admin"])
def test_every_page_fits_the_screen(page, demo, role, screen, results_dir):
    shots = results_dir / "layout" / role
    shots.mkdir(parents=True, exist_ok=True)
    log_in(page, ROLES[role])
    found = check_pages(page, pages_for(page, role), screen, shots)
    assert not found, report(found)


def test_signed_out_pages_fit_the_screen(page, demo, screen, results_dir):
    shots = results_dir / "layout" / "signed-out"
    shots.mkdir(parents=True, exist_ok=True)
    found = check_pages(page, PUBLIC_PAGES, screen, shots)
    assert not found, report(found)


def test_the_phone_menu_folds_away_and_opens(page, demo, screen, results_dir):
    log_in(page, ROLES["reviewer"])
    menu = page.get_by_role("navigation", name="Trình đơn chính")
    units = menu.get_by_role("link", name="Đơn vị")
    if screen == "laptop":
        expect(units).to_be_visible()
        expect(page.get_by_role("button", name="Trình đơn chính")).to_be_hidden()
        return
    toggle = page.get_by_role("button", name="Trình đơn chính")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(units).to_be_hidden()
    page.screenshot(path=str(results_dir / "layout" / "phone-menu-closed.png"))
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= 160, header  # the content starts in the first screen

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.screenshot(path=str(results_dir / "layout" / "phone-menu-open.png"))
    units.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đơn vị")
