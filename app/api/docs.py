"""/api/docs: Swagger UI served from this application, so it works without internet.

FastAPI's own page loads Swagger UI from a CDN (unpinned, without integrity) and starts it with an
inline script, which our CSP forbids. Here the page loads the vendored, pinned bundle
(static/swagger_ui, sha256 in swagger-ui.sha256) and a small init file, all from this host.
"""

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

SWAGGER_UI_VERSION = "5.35.0"
STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/api/static"
DOCS_PATH = "/api/docs"


def asset(name: str) -> str:
    # The version in the query string makes a browser fetch the new bundle after an upgrade.
    return f"{STATIC_PREFIX}/{name}?v={SWAGGER_UI_VERSION}"


def docs_page(title: str, openapi_url: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<link rel="icon" type="image/png" href="{asset("swagger_ui/favicon-32x32.png")}">
<link rel="stylesheet" href="{asset("swagger_ui/swagger-ui.css")}">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{escape(openapi_url)}"></div>
<script src="{asset("swagger_ui/swagger-ui-bundle.js")}"></script>
<script src="{asset("docs.js")}"></script>
</body>
</html>
"""


def install(api: FastAPI) -> None:
    """Needs FastAPI(docs_url=None): this route replaces the built-in page."""
    page = docs_page(f"{api.title} — Swagger UI", api.openapi_url or "")
    api.mount(STATIC_PREFIX, StaticFiles(directory=STATIC_DIR), name="api-static")

    @api.get(DOCS_PATH, include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(page)
