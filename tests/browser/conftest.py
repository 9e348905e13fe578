"""A real Chromium (Debian's) driving the real app served by uvicorn on a free local port.

The server shares the test database; each test builds its data with the `world` fixture."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from app.main import create_app
from bench.live import live_server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with live_server(create_app(), name="uvicorn-for-browser-tests") as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed (apt-get install chromium): browser tests need it")
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 1280, "height": 800}, locale="vi-VN"
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def console_errors() -> list[str]:
    return []


@pytest.fixture
def page(context: BrowserContext, console_errors: list[str]) -> Page:
    page = context.new_page()
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    return page


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS
