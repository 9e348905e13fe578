"""Pages of the awards area: the award history search with revocation, the recipient picker,
and the award sections of the unit and person pages. Decisions, nominations, eligibility and
the annual summary live in the awards_*.py modules, included here."""

import asyncio
import re
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from starlette.responses import Response

from app.web.awards import client as awards_client
from app.web.awards.common import (
    context,
    issuer_options,
    parse_recipient,
    recipient_label,
    remember_types,
    type_options,
    year_param,
)
from app.web.awards.models import PersonFacts
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.forms import digits, read_form
from app.web.i18n import gettext
from app.web.paging import Paging
from app.web.session import safe_next
from app.web.templating import render, wants_fragment

router = APIRouter()

PAGE_SIZE = 25
FRAGMENT_LIMIT = 50
SIDES = {"internal": False, "external": True}
PICKER_FIELD = re.compile(r"^(awards\.\d{1,3}\.recipient|candidate|who)$")


# --- the recipient picker -----------------------------------------------------------------
def _picker_field(request: Request) -> str:
    field = request.query_params.get("field", "")
    if not PICKER_FIELD.match(field):
        raise HTTPException(400)
    return field


async def _matches(api: Api, q: str) -> dict[str, Any]:
    """People and units (in and outside the sector) whose name matches what was typed."""
    people: list[Any] = []
    units: list[Any] = []
    if len(q) >= 2:
        found_people, found_units = await asyncio.gather(
            awards_client.find_people(api, q), awards_client.find_units(api, q)
        )
        people, units = found_people.items, found_units.items
    return {"q": q, "people": people, "units": units}


def _typed(request: Request, field: str) -> str:
    params = request.query_params
    return (params.get(f"{field}_q") or params.get("q") or "").strip()[:100]


@router.get("/awards/recipients")
async def recipient_search(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    """The picker's list of matches for what was typed."""
    field = _picker_field(request)
    ctx = {"field": field, **await _matches(api, _typed(request, field))}
    return render(request, "awards/_picker_results.html", ctx)


@router.get("/awards/recipients/pick")
async def recipient_pick(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    """The picker with a person or unit chosen (or empty again, to change the choice)."""
    field = _picker_field(request)
    value = request.query_params.get("recipient", "")
    parsed = parse_recipient(value)
    shown = ""
    if parsed is not None:
        try:
            shown = await recipient_label(api, value)
        except ApiError as error:
            if error.status != 404:
                raise
            parsed = None
    ctx = {
        "field": field,
        "value": f"{parsed[0]}:{parsed[1]}" if parsed else "",
        "shown": shown,
    }
    return render(request, "awards/_picker.html", ctx)


# --- the award history ----------------------------------------------------------------------
def _history_filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    who = params.get("who", "")
    if not parse_recipient(who):
        if digits(params.get("person")):
            who = f"person:{digits(params.get('person'))}"
        elif digits(params.get("unit")):
            who = f"unit:{digits(params.get('unit'))}"
        else:
            who = ""
    side = params.get("side", "")
    return {
        "year": year_param(params.get("year")),
        "issuer_id": digits(params.get("issuer_id")),
        "type": (params.get("type") or "").strip().upper()[:32],
        "who": who,
        "side": side if side in SIDES else "",
        "revoked": params.get("revoked") in ("1", "on"),
    }


def _award_query(filters: dict[str, Any]) -> dict[str, Any]:
    parsed = parse_recipient(filters["who"])
    query: dict[str, Any] = {
        "year": filters["year"],
        "issuer_id": filters["issuer_id"],
        "type": filters["type"] if re.fullmatch(r"[A-Z0-9_]+", filters["type"]) else None,
        "external": SIDES.get(filters["side"]),
        "include_revoked": "true" if filters["revoked"] else None,
    }
    if parsed and parsed[0] == "person":
        query["recipient_person_id"] = parsed[1]
    elif parsed:
        query["recipient_unit_id"] = parsed[1]
    return query


async def _typed_recipient(api: Api, request: Request, filters: dict[str, Any]) -> Any:
    """Enter in the picker's box searches with the name as typed: a single match becomes the
    filter; otherwise the matches are offered (the list open) and the filter waits for a pick."""
    typed = _typed(request, "who") if not filters["who"] else ""
    if not typed or wants_fragment(request):
        return None
    found = await _matches(api, typed)
    if len(found["people"]) + len(found["units"]) != 1:
        return found
    one = found["people"][0] if found["people"] else found["units"][0]
    filters["who"] = f"{'person' if found['people'] else 'unit'}:{one.id}"
    return None


@router.get("/awards")
async def award_history(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    filters = _history_filters(request)
    matches = await _typed_recipient(api, request, filters)
    paging = Paging.from_request(request, PAGE_SIZE)
    found = await awards_client.awards(
        api, limit=paging.size, offset=paging.offset, **_award_query(filters)
    )
    ctx = context(
        me,
        filters=filters,
        awards=found.items,
        paging=paging.with_total(found.total),
    )
    if wants_fragment(request) and request.headers.get("hx-target") == "award-results":
        return render(request, "awards/history.html", ctx, block="results")
    types, issuers, who_label = await asyncio.gather(
        awards_client.award_types(api),
        issuer_options(api, me),
        _who_label(api, request, filters["who"]),
    )
    ctx.update(
        type_groups=type_options(remember_types(types)),
        issuers=issuers,
        who_label=who_label,
        who_typed=matches["q"] if matches else "",
        who_found=matches,
    )
    return render(request, "awards/history.html", ctx, block="results")


async def _who_label(api: Api, request: Request, who: str) -> str:
    if not who:
        return ""
    given = request.query_params.get("who_label", "").strip()[:300]
    if given and request.query_params.get("who") == who:
        return given
    try:
        return await recipient_label(api, who)
    except ApiError as error:
        if error.status != 404:
            raise
        return ""


@router.post("/awards/{award_id}/revoke")
async def revoke(request: Request, award_id: int, api: ApiDep, me: CurrentUser) -> Response:
    """Revoke with the reason (a reviewer's confirm step: the form opens, then confirms)."""
    values = await read_form(request)
    view = "decision" if values.get("view") == "decision" else "history"
    what = values.get("what", "")[:500]
    try:
        award = await awards_client.revoke_award(api, award_id, values.get("reason", "").strip())
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        message = error.field_errors.get("reason") or error.message
        if error.status == 409:
            message = gettext("This award was already revoked. Reload the page to see it.")
        if not wants_fragment(request):
            return error_page(request, error.status, message)
        ctx = context(me, award_id=award_id, view=view, what=what, error=message)
        return render(request, "awards/_revoke.html", ctx, status=error.status)
    if not wants_fragment(request):
        return redirect(request, _back(request))
    ctx = context(me, award=award, view=view)
    headers = {"HX-Retarget": f"#award-{award.id}", "HX-Reswap": "outerHTML"}
    return render(request, "awards/_row.html", ctx, headers=headers)


def _back(request: Request) -> str:
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc != request.url.netloc:
        return "/awards"
    return safe_next(referer.path + (f"?{referer.query}" if referer.query else ""), "/awards")


# --- sections of the unit and person pages --------------------------------------------------
@router.get("/units/{unit_id}/awards")
async def unit_awards(request: Request, unit_id: int, api: ApiDep, me: CurrentUser) -> Response:
    """The unit's own (collective) awards, for its page; nothing when it has none."""
    found = await awards_client.awards(api, recipient_unit_id=unit_id, limit=FRAGMENT_LIMIT)
    if not found.items:
        return Response(status_code=200)
    ctx = context(me, awards=found.items, total=found.total, more=f"/awards?unit={unit_id}")
    return render(request, "awards/_unit.html", ctx)


@router.get("/people/{person_id}/awards")
async def person_awards(request: Request, person_id: int, api: ApiDep, me: CurrentUser) -> Response:
    """The person's awards in every unit they served in (each unit named as it was when the
    decision was signed) and yearly facts (assessments, initiatives), for their page."""
    found, facts = await asyncio.gather(
        awards_client.person_awards(api, person_id, limit=FRAGMENT_LIMIT),
        _facts(api, person_id),
    )
    has_facts = facts is not None and (facts.assessments or facts.initiatives)
    if not found.items and not has_facts:
        return Response(status_code=200)
    ctx = context(
        me,
        awards=found.items,
        total=found.total,
        facts=facts,
        more=f"/awards?person={person_id}",
    )
    return render(request, "awards/_person.html", ctx)


async def _facts(api: Api, person_id: int) -> PersonFacts | None:
    try:
        return await awards_client.person_facts(api, person_id)
    except ApiError as error:
        if error.status in (403, 404):
            return None
        raise
