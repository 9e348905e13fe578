"""Where the pages may send a browser after login or a language switch: paths on this site only.

OFF_SITE lists values a browser (or a proxy that decodes the path) would take off the site, or
that no page of ours ever writes; the route tests in test_auth.py send the same values through
the real redirects."""

import re

import pytest

from app.web.session import safe_next

EVIL = "evil.example"
OFF_SITE = [
    # An empty authority: "///host" and more slashes are "//host" to a browser.
    f"///{EVIL}",
    f"////{EVIL}/x",
    f"//{EVIL}",
    f"//{EVIL}/x",
    f"//{EVIL}@x",
    f"///{EVIL}/%2e%2e",
    # A backslash is a slash to a browser.
    f"/\\{EVIL}",
    f"\\\\{EVIL}",
    f"\\/{EVIL}",
    f"/\\/{EVIL}",
    f"/x\\..\\\\{EVIL}",
    # Percent-encoded slashes and backslashes, once or twice.
    f"%2F%2F{EVIL}",
    f"/%2F/{EVIL}",
    f"/%2f%2f{EVIL}",
    f"/%5C{EVIL}",
    f"/%5C%5C{EVIL}",
    f"/%5c/{EVIL}",
    f"/%252F/{EVIL}",
    f"/%25252F/{EVIL}",
    # Tabs and newlines are dropped by a browser; spaces and controls trimmed at the ends.
    f"/\t/{EVIL}",
    f"/\n/{EVIL}",
    f"/\r\n/{EVIL}",
    f" //{EVIL}",
    f"\t//{EVIL}",
    f"/{EVIL}\x00",
    f"/%09/{EVIL}",
    f"/%0A/{EVIL}",
    f"/%00/{EVIL}",
    f"/ /{EVIL}",
    f"/\u200b/{EVIL}",  # zero-width space
    f"/\u2028/{EVIL}",  # line separator
    # Dot segments can normalise into "//host".
    f"/.//{EVIL}",
    f"/./%2F/{EVIL}",
    f"/%2e//{EVIL}",
    f"/x/..//{EVIL}",
    # Schemes, absolute URLs and relative paths.
    f"https://{EVIL}",
    f"HTTPS://{EVIL}/",
    f"https:/{EVIL}",
    f"http:{EVIL}",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    EVIL,
    "reports",
    "",
    "/" + "a" * 2001,
]

ON_SITE = [
    "/",
    "/units/3",
    "/reports?period=2022-Q4",
    "/units?q=giong",
    "/people?q=Nguy%E1%BB%85n",
    "/people/12/edit#history",
    "/awards?back=%2F%2Fwhatever",  # the query is this page's business, not a target
    "/figures/files?period=2022-Q4&unit=7",
    "/đơn-vị",
]


def browser_target(location: str) -> str:
    """Roughly where a browser on http://testserver/ goes for this Location (WHATWG URL
    parsing): it drops tabs and newlines, trims spaces and controls at the ends, reads
    backslashes as slashes and skips any number of slashes before a host."""
    cleaned = "".join(c for c in location if c not in "\t\n\r").strip("".join(map(chr, range(33))))
    cleaned = cleaned.replace("\\", "/")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    rest = cleaned[scheme.end() :] if scheme else cleaned
    if scheme and scheme.group(1).lower() not in {"http", "https"}:
        return scheme.group(1).lower()  # javascript:, data:… — not a page of this site
    host = re.match(r"/{2,}([^/?#]*)", rest)
    if host:
        return host.group(1).rpartition("@")[2]
    if scheme and scheme.group(1).lower() != "http":
        return rest.split("/")[0]  # "https:host" from an http page: that host
    return "testserver"


@pytest.mark.parametrize("value", OFF_SITE)
def test_off_site_and_odd_targets_fall_back_to_the_default(value):
    assert safe_next(value) == "/"
    assert safe_next(value, "/reports") == "/reports"


@pytest.mark.parametrize("value", ON_SITE)
def test_paths_on_this_site_are_kept_as_they_are(value):
    assert safe_next(value) == value
    assert browser_target(value) == "testserver"


def test_none_is_the_default():
    assert safe_next(None, "/awards") == "/awards"


def test_the_table_covers_what_a_browser_would_take_off_site():
    """A sanity check of the table itself: the first values really leave the site unguarded."""
    assert browser_target(f"///{EVIL}") == EVIL
    assert browser_target(f"/\t/{EVIL}") == EVIL
    assert browser_target(f"/\\{EVIL}") == EVIL
    assert browser_target(f" //{EVIL}") == EVIL
    assert browser_target(f"//{EVIL}@x") == "x"
    assert browser_target("/units/3") == "testserver"
