"""/api/docs works without internet: Swagger UI is vendored, pinned, checked and same-origin."""

import hashlib
import re
from pathlib import Path

from app.api import docs

VENDORED = Path(docs.STATIC_DIR) / "swagger_ui"


def test_vendored_swagger_ui_matches_its_recorded_sha256_and_version():
    lines = (VENDORED / "swagger-ui.sha256").read_text().strip().splitlines()
    recorded = dict(reversed(line.split()) for line in lines)
    assert set(recorded) == {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"}
    for name, digest in recorded.items():
        assert hashlib.sha256((VENDORED / name).read_bytes()).hexdigest() == digest, name
    bundle = (VENDORED / "swagger-ui-bundle.js").read_bytes()
    assert f'"{docs.SWAGGER_UI_VERSION}"'.encode() in bundle
    assert docs.SWAGGER_UI_VERSION in (VENDORED / "SOURCE.txt").read_text()


def test_the_docs_page_loads_only_same_origin_files_and_no_inline_code(api):
    r = api.get("/api/docs")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    page = r.text
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    assert scripts, "the page loads no script"
    for attrs, body in scripts:
        assert body.strip() == "", "inline script"
        assert re.search(r'src="/api/static/[^"]+"', attrs), attrs
    assert "<style" not in page and "style=" not in page
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls and all(u.startswith("/api/static/") for u in urls), urls
    assert "//" not in "".join(urls)
    assert 'data-openapi-url="/api/v1/openapi.json"' in page


def test_the_docs_assets_are_served_with_their_types(api):
    page = api.get("/api/docs").text
    expected = {
        "swagger-ui-bundle.js": "javascript",
        "docs.js": "javascript",
        "swagger-ui.css": "text/css",
        "favicon-32x32.png": "image/png",
    }
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    for name, kind in expected.items():
        url = next(u for u in urls if u.split("?")[0].endswith("/" + name))
        r = api.get(url)
        assert r.status_code == 200, url
        assert kind in r.headers["content-type"], (url, r.headers["content-type"])
        assert r.headers["x-content-type-options"] == "nosniff"


def test_the_init_script_names_no_other_host():
    init = (Path(docs.STATIC_DIR) / "docs.js").read_text()
    assert "http" not in init
    assert "validatorUrl: null" in init  # the default loads a badge from a public validator


def test_the_docs_page_carries_the_pages_csp_without_unsafe_inline(api):
    r = api.get("/api/docs")
    csp = r.headers["content-security-policy"]
    directives = dict(
        (d.split()[0], d.split()[1:]) for d in (p.strip() for p in csp.split(";")) if d
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert r.headers["x-frame-options"] == "DENY"


def test_the_json_api_keeps_its_closed_policy(api):
    r = api.get("/api/v1/health")
    assert r.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_builtin_cdn_pages_are_gone(api):
    assert api.get("/api/docs/oauth2-redirect").status_code == 404
    assert api.get("/docs").status_code == 404
    assert "cdn.jsdelivr.net" not in api.get("/api/docs").text
