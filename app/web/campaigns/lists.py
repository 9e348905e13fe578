"""Campaigns: the list (search by title or document number, filters, the parent → children
tree), the new and edit forms, launch and close, the home board's section, and the exemplar
titles shown on a unit's page. The detail page and its sections are in campaigns_detail.py."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import AREA_OFFICE_RANK, PROVINCIAL_AGENCY_RANK, Me, Unit
from app.web.campaigns import client as campaigns_client
from app.web.campaigns.board import CampaignTask, build_tasks
from app.web.campaigns.common import conflict_message
from app.web.campaigns.models import (
    KIND_LABELS,
    STATUS_LABELS,
    Campaign,
    options,
)
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.errors import PageForbidden
from app.web.forms import (
    DateFields,
    FormResult,
    blank_to_none,
    checked,
    date_for_input,
    digits,
    posted_version,
    read_posted,
)
from app.web.i18n import N_, gettext
from app.web.paging import Paging
from app.web.templating import render
from app.web.units.options import unit_options

router = APIRouter()
PAGE_SIZE = 25
MAX_ANCESTORS = 8
CAMPAIGN_FIELDS = (
    "title",
    "kind",
    "launched_by_id",
    "owner_unit_id",
    "parent_id",
    "year",
    "starts_on",
    "ends_on",
    "slogan",
    "objectives",
    "key_content",
    "participant_ids",
)
# Participants come from the provincial agency down, by the rank of their level in the API's
# table of levels.


def is_area_office(unit: Unit) -> bool:
    return unit.level is not None and unit.level.rank == AREA_OFFICE_RANK and not unit.is_external


SELECTIONS = ("districts", "none")  # the buttons above the participants' boxes
NO_PARTICIPANTS = N_(
    "No participating unit is ticked. A campaign without participants cannot be launched: tick "
    "the units (for example with “Select every district office”), or confirm below that you will "
    "add them later."
)


async def board_tasks(api: Api, me: Me) -> list[CampaignTask]:
    """What launched campaigns ask of the user's unit, for the home board."""
    return await build_tasks(api, me)


# --- the list -------------------------------------------------------------------------------
def _year(value: str | None) -> int | None:
    year = digits(value)
    return year if year is not None and 2000 <= year <= 2100 else None


def _tree(campaigns: list[Campaign]) -> list[tuple[Campaign, int]]:
    """Parents before their children, indented by depth; a campaign whose parent is not in the
    list starts a branch of its own. Siblings keep the API's order (newest first)."""
    by_id = {c.id: c for c in campaigns}
    children: dict[int | None, list[Campaign]] = {}
    for c in campaigns:
        parent = c.parent.id if c.parent and c.parent.id in by_id else None
        children.setdefault(parent, []).append(c)
    rows: list[tuple[Campaign, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        kids = children.get(parent, [])
        if parent is not None:  # a plan's drives read best in calendar order
            kids = sorted(kids, key=lambda c: (c.starts_on is None, c.starts_on, c.id))
        for child in kids:
            rows.append((child, depth))
            if depth < 10:
                walk(child.id, depth + 1)

    walk(None, 0)
    return rows


@router.get("/campaigns")
async def campaign_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    q = params.get("q", "").strip()[:100]
    kind = params.get("kind", "")
    kind = kind if kind in KIND_LABELS else ""
    status = params.get("status", "")
    status = status if status in STATUS_LABELS else ""
    year = _year(params.get("year"))
    filters: dict[str, Any] = {
        "q": q or None,
        "kind": kind or None,
        "status": status or None,
        "year": year,
    }
    searching = any(v is not None for v in filters.values())
    paging = Paging.from_request(request, PAGE_SIZE)
    if searching:
        found = await campaigns_client.campaigns(
            api, limit=paging.size, offset=paging.offset, **filters
        )
        rows = [(c, 0) for c in found.items]
        paging = paging.with_total(found.total)
    else:
        everything = await campaigns_client.all_campaigns(api)
        rows = _tree(everything)
        paging = paging.with_total(len(everything))
    context = {
        "q": q,
        "kind": kind,
        "status": status,
        "year": year or "",
        "typed_year": params.get("year", "")[:4],
        "searching": searching,
        "rows": rows,
        "paging": paging,
        "kind_options": options(KIND_LABELS),
        "status_options": options(STATUS_LABELS),
        "can_create": "campaigns.write" in me.permissions,
    }
    return render(request, "campaigns/list.html", context, block="results")


# --- the new and edit forms -----------------------------------------------------------------
def _participant_groups(units: list[Unit]) -> list[tuple[str, list[Unit], bool]]:
    """(label, units, whether they are the Chi cục / Phòng khu vực that "select every district
    office" ticks)."""
    internal = [
        u for u in units if not u.is_external and u.level and u.level.rank >= PROVINCIAL_AGENCY_RANK
    ]
    offices = [u for u in internal if is_area_office(u)]
    others = [u for u in internal if not is_area_office(u)]
    groups = []
    if offices:
        groups.append((gettext("Enforcement offices (Chi cục, Phòng khu vực)"), offices, True))
    if others:
        groups.append((gettext("The department and its offices"), others, False))
    return groups


def _select(action: str, chosen: set[str], units: list[Unit]) -> set[str]:
    """What the participants' buttons do: tick every district office (keeping the other boxes
    as they were), or untick everything."""
    if action == "districts":
        return chosen | {str(u.id) for u in units if is_area_office(u)}
    if action == "none":
        return set()
    return chosen


async def _form_page(
    request: Request,
    api: Api,
    me: Me,
    form: FormResult,
    selected: set[str],
    *,
    campaign: Campaign | None = None,
    status: int = 200,
    select: str = "",
    confirm_empty: bool = False,
) -> Response:
    units, campaigns = await asyncio.gather(api.all_units(), campaigns_client.all_campaigns(api))
    selected = _select(select, selected, units)
    # The units above the user may launch campaigns it takes part in (the Ministry, the
    # General Department); the API names them in /me.
    launchers: list[tuple[int, str]] = [(u.id, u.name) for u in me.ancestors]
    launchers += unit_options(units)
    known = {value for value, _label in launchers}
    if campaign is not None and campaign.launched_by.id not in known:
        launchers.insert(0, (campaign.launched_by.id, campaign.launched_by.name))
    parents = [(c.id, c.title) for c in campaigns if campaign is None or c.id != campaign.id]
    context = {
        "form": form,
        "campaign": campaign,
        "selected": selected,
        "kind_options": options(KIND_LABELS),
        "launcher_options": launchers,
        "owner_options": unit_options(units, internal_only=True),
        "parent_options": parents,
        "groups": _participant_groups(units),
        "confirm_empty": confirm_empty,
        "action": f"/campaigns/{campaign.id}/edit" if campaign else "/campaigns/new",
    }
    return render(request, "campaigns/form.html", context, block="campaign_form", status=status)


def _require_editor(me: Me) -> None:
    """The empty form is offered to whom the API lets create campaigns (it decides the POST)."""
    if "campaigns.write" not in me.permissions:
        raise PageForbidden()


def _campaign_values(campaign: Campaign) -> dict[str, str]:
    return {
        "title": campaign.title,
        "kind": campaign.kind,
        "launched_by_id": str(campaign.launched_by.id),
        "owner_unit_id": str(campaign.owner_unit.id),
        "parent_id": str(campaign.parent.id) if campaign.parent else "",
        "year": str(campaign.year or ""),
        "starts_on": date_for_input(campaign.starts_on),
        "ends_on": date_for_input(campaign.ends_on),
        "slogan": campaign.slogan or "",
        "objectives": campaign.objectives or "",
        "key_content": campaign.key_content or "",
        "version": str(campaign.version),
    }


def _payload(
    values: dict[str, str], participants: list[str], dates: DateFields, *, editing: bool
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": values.get("title", ""),
        "parent_id": blank_to_none(values.get("parent_id")),
        "year": blank_to_none(values.get("year")),
        "starts_on": dates.convert("starts_on", values.get("starts_on")),
        "ends_on": dates.convert("ends_on", values.get("ends_on")),
        "slogan": blank_to_none(values.get("slogan")),
        "objectives": blank_to_none(values.get("objectives")),
        "key_content": blank_to_none(values.get("key_content")),
        "participant_ids": [n for p in participants if (n := digits(p)) is not None],
    }
    # A blank choice is left out on creation, so the API reports it as required beside it.
    for name in ("kind", "launched_by_id"):
        if blank_to_none(values.get(name)) or editing:
            data[name] = blank_to_none(values.get(name))
    if not editing and blank_to_none(values.get("owner_unit_id")):
        data["owner_unit_id"] = values["owner_unit_id"]
    return data


@router.get("/campaigns/new")
async def new_campaign(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    _require_editor(me)
    values = {"owner_unit_id": str(me.unit.id), "launched_by_id": str(me.unit.id)}
    return await _form_page(request, api, me, FormResult(values=values), set())


@router.post("/campaigns/new")
async def create_campaign(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    posted = await read_posted(request)
    participants = posted.all("participant_ids")
    selection = posted.values.get("select", "")
    if selection in SELECTIONS:  # a participants' button, without JavaScript: nothing is saved
        form = FormResult(values=posted.values)
        return await _form_page(request, api, me, form, set(participants), select=selection)
    # The API keeps a campaign with no participant as a draft it will not launch; a form sent
    # with none (a box-ticking click overtaken by the submit, say) is confirmed before it is.
    if not participants and not checked(posted.values, "confirm_no_participants"):
        warning = {"participant_ids": gettext(NO_PARTICIPANTS)}
        form = FormResult(values=posted.values, errors=warning)
        return await _form_page(request, api, me, form, set(), status=422, confirm_empty=True)
    dates = DateFields()
    data = _payload(posted.values, participants, dates, editing=False)
    try:
        created = await campaigns_client.create_campaign(api, data)
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=posted.values)
        form.add_api_error(error, CAMPAIGN_FIELDS, body_field="ends_on")
        dates.explain(form)
        return await _form_page(
            request,
            api,
            me,
            form,
            set(participants),
            status=error.status,
            confirm_empty=not participants,
        )
    return redirect(request, f"/campaigns/{created.id}?done=created")


@router.get("/campaigns/participants")
async def participant_choices(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    """The participants fieldset again, with every district office (or nothing) ticked."""
    units = await api.all_units()
    chosen = set(request.query_params.getlist("participant_ids"))
    chosen = _select(request.query_params.get("select", ""), chosen, units)
    context = {"form": FormResult(), "selected": chosen, "groups": _participant_groups(units)}
    return render(request, "campaigns/_participants.html", context)


@router.get("/campaigns/{campaign_id}/edit")
async def edit_campaign(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    campaign = await campaigns_client.campaign(api, campaign_id)
    if "update" not in campaign.allowed_actions:
        raise PageForbidden()
    selected = {str(u.id) for u in campaign.participants}
    return await _form_page(
        request,
        api,
        me,
        FormResult(values=_campaign_values(campaign)),
        selected,
        campaign=campaign,
    )


@router.post("/campaigns/{campaign_id}/edit")
async def update_campaign(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    participants = posted.all("participant_ids")
    selection = posted.values.get("select", "")
    if selection in SELECTIONS:  # a participants' button, without JavaScript: nothing is saved
        campaign = await campaigns_client.campaign(api, campaign_id)
        form = FormResult(values=posted.values)
        return await _form_page(
            request, api, me, form, set(participants), campaign=campaign, select=selection
        )
    dates = DateFields()
    data = _payload(posted.values, participants, dates, editing=True)
    version = posted_version(posted.values)
    try:
        await campaigns_client.update_campaign(api, campaign_id, data, version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        form = FormResult(values=posted.values)
        if error.status == 422:
            form.add_api_error(error, CAMPAIGN_FIELDS, body_field="ends_on")
            dates.explain(form)
        else:
            form.message = conflict_message(error)
        campaign = await campaigns_client.campaign(api, campaign_id)
        return await _form_page(
            request, api, me, form, set(participants), campaign=campaign, status=error.status
        )
    return redirect(request, f"/campaigns/{campaign_id}?done=saved")


# --- the unit page's exemplar section -------------------------------------------------------
@router.get("/units/{unit_id}/exemplars")
async def unit_exemplars(request: Request, unit_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    found = await campaigns_client.unit_exemplars(api, unit_id)
    if not found:
        return Response(status_code=200, content=b"", media_type="text/html")
    return render(
        request, "campaigns/_unit_exemplars.html", {"exemplars": found, "unit_id": unit_id}
    )
