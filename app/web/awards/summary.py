"""Eligibility for a year and an award (each candidate with its criteria and evidence, under the
year's legal regime), and the annual award summary with its .docx / .xlsx downloads."""

import asyncio
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.awards import client as awards_client
from app.web.awards.common import (
    context,
    default_year,
    remember_types,
    type_options,
    year_param,
)
from app.web.awards.models import Candidate
from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.errors import PageNotFound
from app.web.forms import digits
from app.web.paging import Paging
from app.web.templating import render
from app.web.units.options import unit_options

router = APIRouter()
CANDIDATES_PER_PAGE = 50
RESULTS = {"eligible": True, "not_eligible": False, "unknown": None}
RECIPIENTS = ("individual", "collective")
FORMATS = ("docx", "xlsx")


def _keep(candidate: Candidate, result: str) -> bool:
    return result not in RESULTS or candidate.eligible is RESULTS[result]


def _nominate_url(year: int, award_type: str, candidate: Candidate) -> str:
    who = f"person:{candidate.person.id}" if candidate.person else f"unit:{candidate.unit.id}"
    query = {"year": year, "award_type": award_type, "candidate": who}
    return "/nominations/new?" + urlencode(query)


@router.get("/eligibility")
async def eligibility_page(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    year = year_param(params.get("year"))
    award_type = (params.get("award_type") or "").strip().upper()[:32]
    unit_id = digits(params.get("unit_id"))
    recipient = params.get("recipient", "")
    result = params.get("result", "")
    if params.get("only") == "eligible":
        result = "eligible"
    types, units = await asyncio.gather(
        awards_client.award_types(api), api.all_units(external=False)
    )
    year = year or await default_year(api)
    remember_types(types)
    chosen = next((t for t in types if t.code == award_type), None)
    filters = {
        "year": year,
        "award_type": award_type,
        "unit_id": unit_id or me.unit.id,
        "recipient": recipient if recipient in RECIPIENTS else "",
        "result": result if result in RESULTS else "",
    }
    ctx: dict[str, Any] = context(
        me,
        filters=filters,
        chosen=chosen,
        type_groups=type_options(types),
        units=unit_options(units, internal_only=True),
        found=None,
        candidates=[],
        problem=None,
    )
    if chosen is not None:
        try:
            found = await awards_client.eligibility(
                api,
                year=year,
                award_type=award_type,
                unit_id=unit_id,
                recipient=filters["recipient"] or None,
            )
        except ApiError as error:
            if error.status != 422:
                raise
            ctx["problem"] = "; ".join(e.message for e in error.problem.errors) or error.message
        else:
            kept = [c for c in found.candidates if _keep(c, filters["result"])]
            paging = Paging.from_request(request, CANDIDATES_PER_PAGE).with_total(len(kept))
            ctx.update(
                found=found,
                paging=paging,
                candidates=[
                    (c, _nominate_url(year, award_type, c))
                    for c in kept[paging.offset : paging.offset + paging.size]
                ],
            )
    return render(request, "awards/eligibility.html", ctx, block="results")


def _summary_params(request: Request, year: int) -> dict[str, Any]:
    params = request.query_params
    return {
        "year": year,
        "unit_id": digits(params.get("unit_id")),
        "include_all": "true" if params.get("include_all") in ("1", "on", "true") else None,
        "as_of": as_of.isoformat() if (as_of := _as_of(params.get("as_of"))) else None,
    }


def _as_of(raw: str | None) -> date | None:
    """The day of the date picker (ISO, as <input type=date> sends it); empty or unreadable:
    none, and the API names the units as of the year's end."""
    try:
        return date.fromisoformat((raw or "").strip()[:10])
    except ValueError:
        return None


@router.get("/summary")
async def summary_page(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    year = year_param(request.query_params.get("year")) or await default_year(api)
    query = _summary_params(request, year)
    found, units = await asyncio.gather(
        awards_client.summary(api, **query), api.all_units(external=False)
    )
    download = urlencode({k: v for k, v in query.items() if v is not None})
    ctx = context(
        me,
        summary=found,
        filters={**query, "unit_id": query["unit_id"] or found.unit.id},
        units=unit_options(units, internal_only=True),
        download=download,
    )
    return render(request, "awards/summary.html", ctx, block="results")


@router.get("/summary/download")
async def summary_download(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    """The .docx or .xlsx file straight from the API, with its name."""
    file_format = request.query_params.get("format", "")
    year = year_param(request.query_params.get("year"))
    if file_format not in FORMATS or year is None:
        raise PageNotFound()
    answer = await awards_client.summary_file(api, file_format, **_summary_params(request, year))
    headers = {
        "Content-Disposition": answer.headers.get(
            "content-disposition",
            f'attachment; filename="tong-hop-khen-thuong-{year}.{file_format}"',
        )
    }
    return Response(answer.content, media_type=answer.headers.get("content-type"), headers=headers)
