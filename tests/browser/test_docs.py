"""/api/docs in a real browser: Swagger UI renders from this host alone, within the CSP."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_api_docs_render_offline_within_the_csp(page, base_url, console_errors):
    origin = urlsplit(base_url).netloc
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    page.goto("/api/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("thidua API")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    assert hosts - {origin} <= {""}, hosts  # data: URLs have no host; nothing else is fetched
    violations = [e for e in console_errors if "Content Security Policy" in e]
    assert not violations, violations
