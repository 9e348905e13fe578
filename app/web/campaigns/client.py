"""Typed calls to the campaigns part of the JSON API (and the catalogues its forms read).

Every function takes the page's `Api` and lets `ApiError` propagate."""

from typing import Any

import httpx
from pydantic import TypeAdapter

from app.web.api_models import Page
from app.web.campaigns.models import (
    AwardType,
    Campaign,
    Criterion,
    Document,
    Exemplar,
    Indicator,
    Metric,
    Period,
    Progress,
    Registration,
    RegistrationSummary,
    Review,
)
from app.web.client import Api

MAX_PAGE = 500
MAX_ROWS = 5000


async def _list(api: Api, model: type, path: str, **params: Any) -> list[Any]:
    """A plain JSON array (criteria, exemplars, reviews)."""
    response = await api.call("GET", path, params=params)
    return TypeAdapter(list[model]).validate_python(response.json())  # type: ignore[valid-type]


# --- campaigns ------------------------------------------------------------------------------
async def campaigns(
    api: Api, *, limit: int = 50, offset: int = 0, **filters: Any
) -> Page[Campaign]:
    return await api.fetch(Page[Campaign], "/campaigns", limit=limit, offset=offset, **filters)


async def all_campaigns(api: Api, **filters: Any) -> list[Campaign]:
    return await api.fetch_all(Campaign, "/campaigns", most=MAX_ROWS, **filters)


async def campaign(api: Api, campaign_id: int) -> Campaign:
    return await api.fetch(Campaign, f"/campaigns/{campaign_id}")


async def create_campaign(api: Api, data: dict[str, Any]) -> Campaign:
    return await api.write(Campaign, "POST", "/campaigns", json=data)


async def update_campaign(
    api: Api, campaign_id: int, changes: dict[str, Any], version: int
) -> Campaign:
    return await api.write(
        Campaign, "PATCH", f"/campaigns/{campaign_id}", json=changes, version=version
    )


async def move_campaign(api: Api, campaign_id: int, action: str, version: int) -> Campaign:
    """`launch` (draft → launched) or `close` (launched → closed)."""
    return await api.write(Campaign, "POST", f"/campaigns/{campaign_id}/{action}", version=version)


# --- documents ------------------------------------------------------------------------------
async def documents(api: Api, campaign_id: int) -> list[Document]:
    return await api.fetch_all(Document, f"/campaigns/{campaign_id}/documents", most=MAX_ROWS)


async def add_document(api: Api, campaign_id: int, data: dict[str, Any]) -> Document:
    return await api.write(Document, "POST", f"/campaigns/{campaign_id}/documents", json=data)


async def attach_file(
    api: Api, campaign_id: int, document_id: int, *, name: str, content_type: str, content: bytes
) -> Document:
    response = await api.call(
        "PUT",
        f"/campaigns/{campaign_id}/documents/{document_id}/file",
        content=content,
        headers={"Content-Type": content_type, "X-Filename": name},
    )
    return Document.model_validate(response.json())


async def document_file(api: Api, campaign_id: int, document_id: int) -> httpx.Response:
    return await api.call(
        "GET",
        f"/campaigns/{campaign_id}/documents/{document_id}/file",
        headers={"Accept": "*/*"},
    )


# --- criteria and progress ------------------------------------------------------------------
async def criteria(api: Api, campaign_id: int) -> list[Criterion]:
    return await _list(api, Criterion, f"/campaigns/{campaign_id}/criteria")


async def add_criterion(api: Api, campaign_id: int, data: dict[str, Any]) -> Criterion:
    return await api.write(Criterion, "POST", f"/campaigns/{campaign_id}/criteria", json=data)


async def remove_criterion(api: Api, campaign_id: int, criterion_id: int) -> None:
    await api.call("DELETE", f"/campaigns/{campaign_id}/criteria/{criterion_id}")


async def progress(api: Api, campaign_id: int, *, preview: bool = False) -> Progress:
    params = {"preview": "true"} if preview else {}
    return await api.fetch(Progress, f"/campaigns/{campaign_id}/progress", **params)


# --- registrations --------------------------------------------------------------------------
async def registrations(api: Api, campaign_id: int) -> RegistrationSummary:
    return await api.fetch(RegistrationSummary, f"/campaigns/{campaign_id}/registrations")


async def register(api: Api, campaign_id: int, data: dict[str, Any]) -> Registration:
    return await api.write(
        Registration, "POST", f"/campaigns/{campaign_id}/registrations", json=data
    )


async def move_registration(
    api: Api,
    campaign_id: int,
    registration_id: int,
    action: str,
    version: int,
    *,
    reason: str | None = None,
) -> Registration:
    """`submit` (the unit), `accept` or `return` with a reason (the managing unit)."""
    return await api.write(
        Registration,
        "POST",
        f"/campaigns/{campaign_id}/registrations/{registration_id}/{action}",
        json={"comment": reason} if action == "return" else None,
        version=version,
    )


# --- exemplars and reviews ------------------------------------------------------------------
async def exemplars(api: Api, campaign_id: int) -> list[Exemplar]:
    return await _list(api, Exemplar, f"/campaigns/{campaign_id}/exemplars")


async def unit_exemplars(api: Api, unit_id: int) -> list[Exemplar]:
    return await _list(api, Exemplar, "/exemplars", unit_id=unit_id)


async def add_exemplar(api: Api, campaign_id: int, data: dict[str, Any]) -> Exemplar:
    return await api.write(Exemplar, "POST", f"/campaigns/{campaign_id}/exemplars", json=data)


async def reviews(api: Api, campaign_id: int) -> list[Review]:
    return await _list(api, Review, f"/campaigns/{campaign_id}/reviews")


async def add_review(api: Api, campaign_id: int, data: dict[str, Any]) -> Review:
    return await api.write(Review, "POST", f"/campaigns/{campaign_id}/reviews", json=data)


# --- catalogues the forms read --------------------------------------------------------------
async def indicators(api: Api) -> list[Indicator]:
    return (await api.fetch(Page[Indicator], "/indicators", limit=MAX_PAGE)).items


async def metrics(api: Api) -> list[Metric]:
    return (await api.fetch(Page[Metric], "/metrics", limit=MAX_PAGE)).items


async def periods(api: Api) -> list[Period]:
    page = await api.fetch(Page[Period], "/periods", limit=MAX_PAGE)
    return page.items


async def award_types(api: Api) -> list[AwardType]:
    return (await api.fetch(Page[AwardType], "/award-types", limit=MAX_PAGE)).items
