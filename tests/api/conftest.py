"""API tests share one application object: building it (every route and schema) costs far more
than a test. It holds no state between requests; each test still gets its own client and an
emptied database, and any dependency override a test makes is dropped after it."""

from collections.abc import Iterator
from functools import lru_cache

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.main import create_api


@lru_cache
def shared_api() -> FastAPI:
    return create_api()


@pytest.fixture
def api() -> Iterator[TestClient]:
    app = shared_api()
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield client
    finally:
        app.dependency_overrides.clear()
