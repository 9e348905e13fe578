"""A campaign's exemplars (a unit or person, the reason, the solutions, the period) and its
reviews (preliminary and final)."""

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.campaigns import client as campaigns_client
from app.web.campaigns.common import required
from app.web.campaigns.detail import after, detail_page
from app.web.campaigns.sections import SectionForms
from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.forms import DateFields, FormResult, blank_to_none, read_posted
from app.web.i18n import gettext

router = APIRouter()
EXEMPLAR_FIELDS = ("unit_id", "person_id", "reason", "solutions", "from_on", "to_on")
REVIEW_FIELDS = ("kind", "held_on", "title", "summary")


@router.post("/campaigns/{campaign_id}/exemplars")
async def add_exemplar(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    values = posted.values
    dates = DateFields()
    person = blank_to_none(values.get("ex_person_id"))
    unit = blank_to_none(values.get("ex_unit_id"))
    data: dict[str, Any] = {
        "reason": values.get("ex_reason", ""),
        "solutions": blank_to_none(values.get("ex_solutions")),
        "from_on": dates.convert("ex_from_on", values.get("ex_from_on")),
        "to_on": dates.convert("ex_to_on", values.get("ex_to_on")),
    }
    if person:
        data["person_id"] = person
    elif unit:
        data["unit_id"] = unit
    try:
        await campaigns_client.add_exemplar(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        body_field = "ex_unit_id" if not (person or unit) else "ex_to_on"
        form.add_api_error(error, EXEMPLAR_FIELDS, prefix="ex_", body_field=body_field)
        if not (person or unit):
            form.errors["ex_unit_id"] = gettext("Choose the unit (or one of its people).")
        dates.explain(form)
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="exemplars",
            forms=SectionForms(exemplar=form),
            status=422,
        )
    return await after(request, api, me, campaign_id, "exemplars", "exemplar")


@router.post("/campaigns/{campaign_id}/reviews")
async def add_review(request: Request, campaign_id: int, api: ApiDep, me: CurrentUser) -> Response:
    posted = await read_posted(request)
    values = posted.values
    dates = DateFields()
    data: dict[str, Any] = {
        "held_on": dates.convert("rv_held_on", values.get("rv_held_on")),
        "title": values.get("rv_title", ""),
        "summary": blank_to_none(values.get("rv_summary")),
    }
    data["kind"] = blank_to_none(values.get("rv_kind"))
    required(data, "kind", "held_on")
    try:
        await campaigns_client.add_review(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        form.add_api_error(error, REVIEW_FIELDS, prefix="rv_")
        dates.explain(form)
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="reviews",
            forms=SectionForms(review=form),
            status=422,
        )
    return await after(request, api, me, campaign_id, "reviews", "review")
