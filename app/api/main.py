"""The JSON API: /api/v1, OpenAPI at /api/v1/openapi.json, docs at /api/docs."""

from fastapi import APIRouter, FastAPI

from app.api import docs, limits, openapi, problems
from app.api.headers import ApiHeaders
from app.api.routes import (
    audit,
    auth,
    awards,
    campaigns,
    health,
    metrics,
    nominations,
    people,
    periods,
    rankings,
    reports,
    restructurings,
    tokens,
    units,
    users,
)

API_PREFIX = "/api/v1"


def create_api() -> FastAPI:
    api = FastAPI(
        title="thidua API",
        version="1",
        description=(
            "Emulation and commendation for civil judgment enforcement offices (THADS). "
            "Bearer tokens from POST /api/v1/auth/token or personal tokens; errors are "
            "application/problem+json; lists are {items, total, limit, offset}."
        ),
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # served by app.api.docs from vendored files, not a CDN
        redoc_url=None,
    )
    router = APIRouter(prefix=API_PREFIX)
    for module in (
        health,
        auth,
        units,
        restructurings,
        people,
        users,
        tokens,
        periods,
        metrics,
        reports,
        rankings,
        campaigns,
        awards,
        nominations,
        audit,
    ):
        router.include_router(module.router)
    api.include_router(router)
    problems.install(api)
    openapi.install(api)
    docs.install(api)
    limits.install(api)
    api.add_middleware(ApiHeaders)
    return api
