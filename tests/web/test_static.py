"""htmx is vendored, pinned and checked; the pages configure it for a strict CSP."""

import hashlib
import json
import re
from pathlib import Path

from app.web import templating
from tests.web.conftest import signed_in
from tests.web.html import one, select

STATIC = Path(templating.STATIC_DIR)


def test_vendored_htmx_matches_its_recorded_sha256_and_version():
    line = (STATIC / "htmx.sha256").read_text().strip()
    digest, name = line.split()
    version = re.fullmatch(r"htmx-(\d+\.\d+\.\d+)\.min\.js", name).group(1)
    content = (STATIC / name).read_bytes()

    assert hashlib.sha256(content).hexdigest() == digest
    assert version.startswith("2.")
    assert f'version:"{version}"'.encode() in content
    assert name == templating.HTMX_FILE


def _htmx_config(page) -> dict:
    return json.loads(one(page, 'meta[name="htmx-config"]')["content"])


def _deferred_script(page, name: str) -> bool:
    """Whether the page loads /static/<name> (with its version) as a deferred script."""
    return any(
        re.fullmatch(rf"/static/{re.escape(name)}\?v=[0-9a-f]+", script["src"])
        and script.has_attr("defer")
        for script in select(page, "script[src]")
    )


def test_pages_load_the_pinned_htmx_and_configure_it(web, world):
    page = web.get("/login").text
    assert _deferred_script(page, templating.HTMX_FILE)
    config = _htmx_config(page)

    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["selfRequestsOnly"] is True
    assert config["historyCacheSize"] == 0  # no copy of the pages in localStorage
    rules = config["responseHandling"]

    def first_rule(status: str) -> dict:
        return next(r for r in rules if re.fullmatch(r["code"].replace(".", r"\d"), status))

    for status in ("200", "422", "409", "412"):
        assert first_rule(status)["swap"] is True, status
    for status in ("204", "403", "404", "500"):
        assert first_rule(status)["swap"] is False, status
    assert first_rule("500")["error"] is True


def test_static_files_are_served_with_their_types(web):
    assert (
        web.get(f"/static/{templating.HTMX_FILE}")
        .headers["content-type"]
        .startswith(("application/javascript", "text/javascript"))
    )
    assert web.get("/static/app.css").headers["content-type"].startswith("text/css")


def test_the_phone_menu_button_is_wired_by_a_script_from_this_host(web, world):
    page = signed_in(web, "reviewer_a").get("/").text

    # The button starts hidden: without the script the menu simply stays open.
    button = one(page, "button.nav-toggle")
    assert button.has_attr("hidden") and button["aria-expanded"] == "false"
    assert button["aria-controls"] == "main-nav" and one(page, "#main-nav")
    assert _deferred_script(page, "nav.js")
    assert (
        web.get("/static/nav.js")
        .headers["content-type"]
        .startswith(("application/javascript", "text/javascript"))
    )
