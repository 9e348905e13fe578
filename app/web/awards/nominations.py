"""Nominations: the list and the new-nomination form (candidate found with the picker, the
dossier checklist of the award). One nomination's page and its steps are in nomination.py."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me
from app.web.awards import client as awards_client
from app.web.awards.common import (
    NOMINATION_STATUSES,
    context,
    default_year,
    parse_recipient,
    recipient_label,
    remember_types,
    type_options,
    year_param,
)
from app.web.awards.models import AwardType, DossierItem
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.errors import PageForbidden
from app.web.forms import FormResult, blank_to_none, checked, digits, read_form
from app.web.i18n import N_, gettext
from app.web.paging import Paging
from app.web.templating import render
from app.web.units.options import unit_options

router = APIRouter()
PAGE_SIZE = 25
NOMINATION_FIELDS = ("proposer_id", "year", "award_type", "candidate", "achievements")
VOTE_FIELDS = ("members", "present", "yes", "secret_ballot", "held_on")
DECIDE_FIELDS = ("decision_id", "number", "signed_on", "issuer_id", "citation")
STALE = N_(
    "Someone else changed this nomination while you were looking at it. Reload the page to see "
    "its current state, then try again."
)


CANDIDATE = {"candidate_person_id": "candidate", "candidate_unit_id": "candidate"}


def messages(error: ApiError, form: FormResult, fields: tuple[str, ...]) -> None:
    """The API's messages beside the fields they name (dossier items included)."""
    candidate = "candidate" in fields
    form.add_api_error(
        error,
        fields,
        nested=("dossier",),
        aliases=CANDIDATE if candidate else None,
        body_field="candidate" if candidate else None,
    )


def dossier_of(types: list[AwardType], code: str) -> list[DossierItem]:
    """The documents the API asks of a nomination for this award (before one exists)."""
    return next((t.dossier for t in types if t.code == code), [])


def missing_documents(error: ApiError, form: FormResult, items: list[DossierItem]) -> None:
    names = {item.code: item.label for item in items}
    missing = [
        names.get(code, code)
        for p in error.problem.errors
        if (code := p.field.removeprefix("dossier.")) != p.field
    ]
    if missing:
        form.message = gettext(
            "The dossier is not complete. Missing: %(documents)s.", documents="; ".join(missing)
        )


def ticked(values: dict[str, str]) -> set[str]:
    return {
        k.removeprefix("dossier.")
        for k in values
        if k.startswith("dossier.") and checked(values, k)
    }


# --- list ---------------------------------------------------------------------------------
@router.get("/nominations")
async def nomination_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    status = params.get("status", "")
    filters = {
        "year": year_param(params.get("year")),
        "status": status if status in NOMINATION_STATUSES else "",
        "award_type": (params.get("award_type") or "").strip().upper()[:32],
    }
    paging = Paging.from_request(request, PAGE_SIZE)
    found, types = await asyncio.gather(
        awards_client.nominations(
            api,
            limit=paging.size,
            offset=paging.offset,
            year=filters["year"],
            status=filters["status"] or None,
            award_type=filters["award_type"] if filters["award_type"].isidentifier() else None,
        ),
        awards_client.award_types(api),
    )
    ctx = context(
        me,
        filters=filters,
        nominations=found.items,
        paging=paging.with_total(found.total),
        type_groups=type_options(remember_types(types)),
        created=digits(params.get("created")),
    )
    return render(request, "awards/nominations.html", ctx, block="results")


# --- the new-nomination form --------------------------------------------------------------
async def _new_form(
    request: Request, api: Api, me: Me, form: FormResult, *, status: int = 200
) -> Response:
    types, units = await asyncio.gather(
        awards_client.award_types(api), api.all_units(external=False)
    )
    award_type = form.values.get("award_type", "")
    ctx = context(
        me,
        form=form,
        type_groups=type_options(remember_types(types)),
        proposers=unit_options(units, internal_only=True),
        codes=dossier_of(types, award_type),
        done=ticked(form.values),
    )
    return render(
        request, "awards/nomination_form.html", ctx, block="nomination_form", status=status
    )


@router.get("/nominations/new")
async def new_nomination(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if "nominations.write" not in me.permissions:  # the empty form only for whom may nominate
        raise PageForbidden()
    params = request.query_params
    year = year_param(params.get("year")) or await default_year(api)
    values = {
        "proposer_id": str(digits(params.get("proposer_id")) or me.unit.id),
        "year": str(year),
        "award_type": (params.get("award_type") or "").strip().upper()[:32],
    }
    candidate = params.get("candidate", "")
    if parse_recipient(candidate):
        try:
            values["candidate_label"] = await recipient_label(api, candidate)
            values["candidate"] = candidate
        except ApiError as error:
            if error.status != 404:
                raise
    return await _new_form(request, api, me, FormResult(values=values))


@router.get("/nominations/new/dossier")
async def new_nomination_dossier(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    award_type = (request.query_params.get("award_type") or "").strip().upper()[:32]
    ctx = context(
        me,
        form=FormResult(values={"award_type": award_type}),
        codes=dossier_of(await awards_client.award_types(api), award_type),
        done=set(),
    )
    return render(request, "awards/nomination_form.html", ctx, block="dossier")


def _nomination_payload(values: dict[str, str]) -> dict[str, Any]:
    award_type = values.get("award_type", "")
    data: dict[str, Any] = {
        "year": values.get("year", "").strip(),
        "award_type": award_type,
        "achievements": blank_to_none(values.get("achievements")),
        "dossier": dict.fromkeys(ticked(values), True),  # the API knows the award's list
    }
    if blank_to_none(values.get("proposer_id")):
        data["proposer_id"] = values["proposer_id"]
    parsed = parse_recipient(values.get("candidate"))
    if parsed and parsed[0] == "person":
        data["candidate_person_id"] = parsed[1]
    elif parsed:
        data["candidate_unit_id"] = parsed[1]
    return data


@router.post("/nominations/new")
async def create_nomination(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    values = await read_form(request)
    try:
        created = await awards_client.create_nomination(api, _nomination_payload(values))
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=values)
        messages(error, form, NOMINATION_FIELDS)
        return await _new_form(request, api, me, form, status=error.status)
    return redirect(request, f"/nominations/{created.id}?created=1")
