"""The unit tree of the user's scope, a unit's page, and (administrators) its edit form."""

import asyncio
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Level, Me, Unit
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.forms import (
    DateFields,
    FormResult,
    blank_to_none,
    date_for_input,
    posted_version,
    read_form,
    refused,
)
from app.web.i18n import gettext
from app.web.paging import Paging
from app.web.templating import render, wants_fragment
from app.web.units import client as units_client

router = APIRouter()
SEARCH_PAGE_SIZE = 50
PEOPLE_PAGE_SIZE = 20
MAX_ANCESTORS = 8
UNIT_FIELDS = ("code", "name", "kind", "address", "valid_from", "valid_to")


@dataclass
class Node:
    unit: Unit
    children: list["Node"] = field(default_factory=list)


def build_tree(units: list[Unit]) -> list[Node]:
    """Nest a tree-ordered list; a unit whose parent is out of scope is a root."""
    nodes = {u.id: Node(u) for u in units}
    roots: list[Node] = []
    for unit in units:
        parent = nodes.get(unit.parent_id) if unit.parent_id is not None else None
        (parent.children if parent else roots).append(nodes[unit.id])
    return roots


def read_as_of(raw: str | None) -> tuple[date | None, str | None]:
    """The `as_of` day of a past structure (dd/mm/yyyy or ISO); an unreadable one is named."""
    dates = DateFields()
    converted = dates.convert("as_of", (raw or "")[:10])
    if dates.unreadable:
        return None, gettext("Enter a date as dd/mm/yyyy")
    return (date.fromisoformat(converted) if converted else None), None


@router.get("/units")
async def unit_tree(
    request: Request, api: ApiDep, _me: CurrentUser, q: str = "", as_of: str = ""
) -> Response:
    q = q.strip()[:100]
    day, as_of_error = read_as_of(as_of)
    paging = Paging.from_request(request, SEARCH_PAGE_SIZE)
    context: dict[str, Any] = {
        "q": q,
        "tree": [],
        "results": None,
        "paging": paging,
        "as_of": day,
        "as_of_text": as_of.strip()[:10],
        "as_of_error": as_of_error,
    }
    when = {"as_of": day.isoformat()} if day else {}
    if q:
        found = await api.units(q=q, limit=paging.size, offset=paging.offset, **when)
        context["results"] = found.items
        context["paging"] = paging.with_total(found.total)
    else:
        context["tree"] = build_tree(await api.all_units(**when))
    return render(
        request, "units/tree.html", context, block="results", status=422 if as_of_error else 200
    )


async def _no_levels() -> list[Level]:
    return []


async def _ancestors(api: Api, unit: Unit) -> list[Unit]:
    """The unit's parents within the user's scope, from the top down (for the breadcrumb)."""
    chain: list[Unit] = []
    parent_id = unit.parent_id
    while parent_id is not None and len(chain) < MAX_ANCESTORS:
        try:
            parent = await api.unit(parent_id, as_of=unit.as_of.isoformat() if unit.as_of else None)
        except ApiError as error:
            if error.status == 404:
                break
            raise
        chain.insert(0, parent)
        parent_id = parent.parent_id
    return chain


def _unit_values(unit: Unit) -> dict[str, str]:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "address": unit.address or "",
        "valid_from": date_for_input(unit.valid_from),
        "valid_to": date_for_input(unit.valid_to),
        "version": str(unit.version),
    }


async def _unit_page(
    request: Request,
    api: Api,
    _me: Me,
    unit: Unit,
    *,
    form: FormResult | None = None,
    status: int = 200,
    block: str | None = None,
) -> Response:
    paging = Paging.from_request(request, PEOPLE_PAGE_SIZE)
    context: dict[str, Any] = {
        "unit": unit,
        "form": form or FormResult(values=_unit_values(unit)),
        "saved": request.query_params.get("saved") == "1",
        # A past state is read only: changes apply to the unit as it is today.
        "can_edit": "update" in unit.allowed_actions and unit.as_of is None,
        "level_options": [],
    }
    fragment = block if wants_fragment(request) else None
    if fragment == "unit_form":
        levels = await units_client.levels(api)
        context["level_options"] = [(level.code, level.name) for level in levels]
        return render(request, "units/unit.html", context, block=block, status=status)
    if fragment == "people":  # a page of the people list: nothing else is redrawn
        people = await api.people(unit_id=unit.id, limit=paging.size, offset=paging.offset)
        context.update(people=people.items, paging=paging.with_total(people.total))
        return render(request, "units/unit.html", context, block=block, status=status)
    when = {"as_of": unit.as_of.isoformat()} if unit.as_of else {}
    children, people, ancestors, levels = await asyncio.gather(
        api.all_units(parent_id=unit.id, **when),
        api.people(unit_id=unit.id, limit=paging.size, offset=paging.offset),
        _ancestors(api, unit),
        units_client.levels(api) if context["can_edit"] else _no_levels(),
    )
    context.update(
        level_options=[(level.code, level.name) for level in levels],
        children=children,
        people=people.items,
        paging=paging.with_total(people.total),
        ancestors=ancestors,
    )
    return render(request, "units/unit.html", context, block=block, status=status)


@router.get("/units/{unit_id}")
async def unit_page(request: Request, unit_id: int, api: ApiDep, me: CurrentUser) -> Response:
    day, _error = read_as_of(request.query_params.get("as_of"))
    unit = await api.unit(unit_id, as_of=day.isoformat() if day else None)
    return await _unit_page(request, api, me, unit, block="people")


@router.get("/units/{unit_id}/timeline")
async def unit_timeline(request: Request, unit_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    """The unit through time: names, parents and levels with their dates, the restructuring
    events with their legal basis, and the units before and after it."""
    found = await units_client.history(api, unit_id)
    return render(request, "units/_timeline.html", {"history": found})


@router.post("/units/{unit_id}")
async def update_unit(request: Request, unit_id: int, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    dates = DateFields()
    changes = {
        "code": values.get("code", ""),
        "name": values.get("name", ""),
        "kind": values.get("kind", ""),
        "address": blank_to_none(values.get("address")),
        "valid_from": dates.convert("valid_from", values.get("valid_from")),
        "valid_to": dates.convert("valid_to", values.get("valid_to")),
    }
    version = posted_version(values)
    try:
        await api.update_unit(unit_id, changes, version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        stale = gettext(
            "Someone else changed this unit while you were editing it. Reload the page to "
            "see the current details, then make your change again."
        )
        form = refused(error, values, UNIT_FIELDS, stale=stale, dates=dates)
        unit = await api.unit(unit_id)
        return await _unit_page(
            request, api, me, unit, form=form, status=error.status, block="unit_form"
        )
    return redirect(request, f"/units/{unit_id}?saved=1")
