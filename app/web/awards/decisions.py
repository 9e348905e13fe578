"""Award decisions: the list, one decision with its awards, and the new-decision form whose
recipients are added row by row (the API's errors come back beside their row)."""

import asyncio
import re
import uuid
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me, Page
from app.web.awards import client as awards_client
from app.web.awards.common import (
    DECISION_KINDS,
    context,
    default_year,
    issuer_options,
    remember_types,
    type_options,
    year_param,
)
from app.web.awards.models import CampaignRef
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import redirect
from app.web.errors import PageForbidden
from app.web.forms import DateFields, FormResult, blank_to_none, digits, read_form
from app.web.i18n import gettext
from app.web.paging import Paging
from app.web.templating import render, wants_fragment

router = APIRouter()
PAGE_SIZE = 25
MAX_ROWS = 500
DECISION_FIELDS = ("number", "signed_on", "issuer_id", "kind", "year", "campaign_id", "title")
ROW_KEY = re.compile(r"^awards\.(\d{1,3})\.(award_type|recipient|recipient_label)$")
API_ROW = re.compile(r"^awards\.(\d+)(?:\.(\w+))?")


# --- list and detail ----------------------------------------------------------------------
@router.get("/decisions")
async def decision_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    kind = params.get("kind", "")
    filters = {
        "year": year_param(params.get("year")),
        "issuer_id": digits(params.get("issuer_id")),
        "kind": kind if kind in DECISION_KINDS else "",
        "q": params.get("q", "").strip()[:100],
    }
    paging = Paging.from_request(request, PAGE_SIZE)
    found = await awards_client.decisions(
        api,
        limit=paging.size,
        offset=paging.offset,
        year=filters["year"],
        issuer_id=filters["issuer_id"],
        kind=filters["kind"] or None,
        q=filters["q"] or None,
    )
    ctx = context(me, filters=filters, decisions=found.items, paging=paging.with_total(found.total))
    if wants_fragment(request) and request.headers.get("hx-target") == "decision-results":
        return render(request, "awards/decisions.html", ctx, block="results")
    ctx["issuers"] = await issuer_options(api, me)
    return render(request, "awards/decisions.html", ctx)


@router.get("/decisions/new")
async def new_decision(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if "decisions.write" not in me.permissions:  # the empty form only for whom may record one
        raise PageForbidden()
    year = await default_year(api)
    values = {
        "year": str(year),
        "kind": "cong_trang",
        "issuer_id": str(me.unit.id),
    }
    return await _form_page(request, api, me, FormResult(values=values), [{}])


@router.get("/decisions/{decision_id}")
async def decision_page(
    request: Request, decision_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    found, types = await asyncio.gather(
        awards_client.decision(api, decision_id), awards_client.award_types(api)
    )
    remember_types(types)
    awards = found.awards
    ctx = context(
        me,
        decision=found,
        awards=awards,
        collective=sum(1 for a in awards if a.recipient_kind == "collective"),
        external=sum(1 for a in awards if a.is_external),
        revoked=sum(1 for a in awards if a.revoked_at),
        created=request.query_params.get("created") == "1",
    )
    return render(request, "awards/decision.html", ctx)


# --- the new-decision form ----------------------------------------------------------------
def _rows(values: dict[str, str]) -> list[dict[str, str]]:
    """The recipient rows as typed, in their order on the page."""
    found: dict[int, dict[str, str]] = {}
    for key, value in values.items():
        match = ROW_KEY.match(key)
        if match:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return [found[i] for i in sorted(found)][:MAX_ROWS]


def _blank(row: dict[str, str]) -> bool:
    return not (row.get("award_type") or row.get("recipient"))


def _row_payload(row: dict[str, str]) -> dict[str, Any]:
    line: dict[str, Any] = {"award_type": row.get("award_type", "")}
    kind, _sep, ident = row.get("recipient", "").partition(":")
    if kind == "person" and ident.isdigit():
        line["recipient_person_id"] = int(ident)
    elif kind == "unit" and ident.isdigit():
        line["recipient_unit_id"] = int(ident)
    return line


def _payload(values: dict[str, str], rows: list[dict[str, str]], dates: DateFields) -> dict:
    data: dict[str, Any] = {
        "number": values.get("number", "").strip(),
        "signed_on": dates.convert("signed_on", values.get("signed_on")),
        "kind": values.get("kind", ""),
        "year": values.get("year", "").strip(),
        "title": blank_to_none(values.get("title")),
        "campaign_id": blank_to_none(values.get("campaign_id")),
        "awards": [_row_payload(row) for row in rows],
    }
    if blank_to_none(values.get("issuer_id")):
        data["issuer_id"] = values["issuer_id"]
    if data["signed_on"] is None:
        del data["signed_on"]  # reported by the API as required, beside the field
    return data


def _explain(error: ApiError, form: FormResult) -> None:
    """Each API message beside its field or its row (the API counts rows from 0, as we do)."""
    for problem in error.problem.errors:
        field, text = problem.field, problem.message
        row = API_ROW.match(field)
        if row:
            index, part = int(row.group(1)), row.group(2)
            if part == "award_type":
                key = f"awards.{index}.award_type"
            elif part and part.startswith("recipient"):
                key = f"awards.{index}.recipient"
            else:
                key = f"awards.{index}"
            form.errors.setdefault(key, text)
        elif field == "awards":
            form.errors.setdefault("awards", text)
        elif field.split(".")[0] in DECISION_FIELDS:
            form.errors.setdefault(field.split(".")[0], text)
        else:
            form.message = f"{form.message} {text}" if form.message else text
    if not error.problem.errors:
        form.message = error.message


async def _campaigns(api: Api) -> list[CampaignRef]:
    try:
        page = await api.fetch(Page[CampaignRef], "/campaigns", limit=200)
    except ApiError as error:
        if error.status in (403, 404):
            return []
        raise
    return page.items


async def _form_page(
    request: Request,
    api: Api,
    me: Me,
    form: FormResult,
    rows: list[dict[str, str]],
    *,
    status: int = 200,
    focus_row: int | None = None,
    block: str = "decision_form",
) -> Response:
    if block == "rows" and wants_fragment(request):
        types = await awards_client.award_types(api)
        issuers: list[tuple[int, str]] = []
        campaigns: list[CampaignRef] = []
    else:
        types, issuers, campaigns = await asyncio.gather(
            awards_client.award_types(api), issuer_options(api, me), _campaigns(api)
        )
    ctx = context(
        me,
        form=form,
        rows=rows,
        focus_row=focus_row,
        type_groups=type_options(remember_types(types)),
        issuers=[(str(i), name) for i, name in issuers],
        campaigns=[(str(c.id), c.title) for c in campaigns],
        kinds=[(code, gettext(text)) for code, text in DECISION_KINDS.items()],
        idempotency_key=uuid.uuid4().hex,
    )
    return render(request, "awards/decision_form.html", ctx, block=block, status=status)


@router.post("/decisions/new")
async def create_decision(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    """Save the decision, or (htmx) add or remove a recipient row keeping everything typed.

    The role is not checked here: the API answers 403 to anyone who may not decide."""
    values = await read_form(request)
    rows = _rows(values)
    action = values.get("action", "")
    if action == "add_row":
        rows.append({})
        return await _form_page(
            request,
            api,
            me,
            FormResult(values=values),
            rows,
            focus_row=len(rows) - 1,
            block="rows",
        )
    if action.startswith("remove:"):
        index = digits(action.removeprefix("remove:"))
        if index is not None and index < len(rows):
            del rows[index]
        return await _form_page(
            request, api, me, FormResult(values=values), rows or [{}], block="rows"
        )
    sent = [row for row in rows if not _blank(row)]
    dates = DateFields()
    try:
        created = await awards_client.create_decision(
            api, _payload(values, sent, dates), key=values.get("idempotency_key") or None
        )
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=values)
        _explain(error, form)
        dates.explain(form)
        return await _form_page(request, api, me, form, sent or [{}], status=error.status)
    return redirect(request, f"/decisions/{created.id}?created=1")
