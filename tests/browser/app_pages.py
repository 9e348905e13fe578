"""Every page of the app, as each demo role reaches it: the list the accessibility and layout
tests walk. Pages that need an id (a report, a unit, a person, a campaign, a decision, a
nomination) take the first one the role's own list links to, so each id is in the role's scope."""

import re

from playwright.sync_api import Page, expect

from app.demo.loader import DEMO_PASSWORD

# One user per kind of demo account: an office's reporter, the province's reviewer, the admin.
ROLES = {"reporter": "giongtrom", "reviewer": "cuc.tccb", "admin": "admin"}

LIST_PAGES = [
    ("home", "/"),
    ("reports", "/reports"),
    ("rankings", "/rankings"),
    ("units", "/units"),
    ("people", "/people"),
    ("campaigns", "/campaigns"),
    ("awards", "/awards"),
    ("decisions", "/decisions"),
    ("eligibility", "/eligibility"),
    ("eligibility results", "/eligibility?year=2022&award_type=CSTDCS"),
    ("nominations", "/nominations"),
    ("summary", "/summary"),
    ("account", "/account"),
    ("new person", "/people/new"),
    ("new nomination", "/nominations/new"),
]
# (name, list page, pattern of a link to one object on it)
DETAIL_PAGES = [
    ("report", "/reports", r"^/reports/\d+$"),
    ("unit", "/units", r"^/units/\d+$"),
    ("person", "/people", r"^/people/\d+$"),
    ("campaign", "/campaigns", r"^/campaigns/\d+$"),
    ("decision", "/decisions", r"^/decisions/\d+$"),
    ("nomination", "/nominations", r"^/nominations/\d+$"),
]


# An office's reporter has no nomination or decision of its own in the demo year.
NOTHING_TO_LINK = {("reporter", "nomination"), ("reporter", "decision")}


def log_in(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/$"))


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page).to_have_url(re.compile(r"/login"))


def first_link(page: Page, list_url: str, pattern: str) -> str | None:
    page.goto(list_url)
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    return next((h for h in hrefs if re.match(pattern, h)), None)


def pages_for(page: Page, role: str) -> list[tuple[str, str]]:
    """The (name, url) of every page the logged-in role can open; the admin adds user admin."""
    found = list(LIST_PAGES)
    if role == "reporter":  # the open period's figures form, with its live rates panel
        found.append(("figures form", "/reports/new"))
    else:
        found += [("new campaign", "/campaigns/new"), ("new decision", "/decisions/new")]
        found += [("restructurings", "/restructurings"), ("new plan", "/restructurings/new")]
    for name, list_url, pattern in DETAIL_PAGES:
        href = first_link(page, list_url, pattern)
        if href is None and (role, name) in NOTHING_TO_LINK:
            continue
        assert href, f"{role}: no {name} linked from {list_url}"
        found.append((name, href))
    if role == "admin":
        found.append(("users", "/admin/users"))
        href = first_link(page, "/admin/users", r"^/admin/users/\d+$")
        assert href, "admin: no user linked from /admin/users"
        found.append(("user", href))
    return found


# Pages seen without signing in.
PUBLIC_PAGES = [("login", "/login"), ("api docs", "/api/docs")]
