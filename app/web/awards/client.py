"""The awards area's calls to the JSON API: decisions, awards, eligibility, nominations, the
annual summary, people's facts. Errors propagate as ApiError (NotAuthenticated for 401)."""

from typing import Any

import httpx

from app.web.api_models import Page, Person, Unit
from app.web.awards.models import (
    Award,
    AwardType,
    Decision,
    Eligibility,
    Nomination,
    PersonFacts,
    Summary,
)
from app.web.client import Api

SEARCH_LIMIT = 8


# --- catalogue ----------------------------------------------------------------------------
async def award_types(api: Api) -> list[AwardType]:
    page = await api.fetch(Page[AwardType], "/award-types", limit=500)  # every type: one page
    return page.items


# --- decisions and awards -----------------------------------------------------------------
async def decisions(
    api: Api, *, limit: int = 25, offset: int = 0, **filters: Any
) -> Page[Decision]:
    return await api.fetch(Page[Decision], "/decisions", limit=limit, offset=offset, **filters)


async def decision(api: Api, decision_id: int) -> Decision:
    return await api.fetch(Decision, f"/decisions/{decision_id}")


async def create_decision(api: Api, data: dict[str, Any], key: str | None = None) -> Decision:
    headers = {"Idempotency-Key": key} if key else None
    response = await api.call("POST", "/decisions", json=data, headers=headers)
    return Decision.model_validate(response.json())


async def awards(api: Api, *, limit: int = 25, offset: int = 0, **filters: Any) -> Page[Award]:
    return await api.fetch(Page[Award], "/awards", limit=limit, offset=offset, **filters)


async def person_awards(api: Api, person_id: int, *, limit: int = 25) -> Page[Award]:
    """The person's award history across units (GET /people/{id}/awards)."""
    return await api.fetch(Page[Award], f"/people/{person_id}/awards", limit=limit)


async def revoke_award(api: Api, award_id: int, reason: str) -> Award:
    response = await api.call("POST", f"/awards/{award_id}/revoke", json={"reason": reason})
    return Award.model_validate(response.json())


# --- eligibility and the summary ----------------------------------------------------------
async def eligibility(api: Api, **params: Any) -> Eligibility:
    return await api.fetch(Eligibility, "/eligibility", **params)


async def summary(api: Api, **params: Any) -> Summary:
    return await api.fetch(Summary, "/summary/awards", **params)


async def summary_file(api: Api, file_format: str, **params: Any) -> httpx.Response:
    """The .docx or .xlsx file as the API answers it (content type and file name kept)."""
    return await api.call("GET", "/summary/awards", params={**params, "format": file_format})


# --- nominations --------------------------------------------------------------------------
async def nominations(
    api: Api, *, limit: int = 25, offset: int = 0, **filters: Any
) -> Page[Nomination]:
    return await api.fetch(Page[Nomination], "/nominations", limit=limit, offset=offset, **filters)


async def nomination(api: Api, nomination_id: int) -> Nomination:
    return await api.fetch(Nomination, f"/nominations/{nomination_id}")


async def create_nomination(api: Api, data: dict[str, Any]) -> Nomination:
    return await api.write(Nomination, "POST", "/nominations", json=data)


async def update_nomination(
    api: Api, nomination_id: int, changes: dict[str, Any], version: int
) -> Nomination:
    return await api.write(
        Nomination, "PATCH", f"/nominations/{nomination_id}", json=changes, version=version
    )


async def transition(
    api: Api, nomination_id: int, action: str, version: int, data: dict[str, Any] | None = None
) -> Nomination:
    """submit, vote, decide or reject, with the version the page showed."""
    return await api.write(
        Nomination, "POST", f"/nominations/{nomination_id}/{action}", json=data, version=version
    )


# --- people and units (recipient search, facts) -------------------------------------------
async def person_facts(api: Api, person_id: int) -> PersonFacts:
    return await api.fetch(PersonFacts, f"/people/{person_id}/facts")


async def find_people(api: Api, q: str) -> Page[Person]:
    return await api.fetch(Page[Person], "/people", q=q, limit=SEARCH_LIMIT)


async def find_units(api: Api, q: str) -> Page[Unit]:
    return await api.fetch(Page[Unit], "/units", q=q, limit=SEARCH_LIMIT)


async def units_of_kind(api: Api, kind: str) -> list[Unit]:
    page = await api.fetch(Page[Unit], "/units", kind=kind, limit=500)
    return page.items
