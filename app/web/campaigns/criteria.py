"""A campaign's criteria: a flat threshold, or caseload bands each with its own threshold
(rows added and removed with htmx), and removing a criterion."""

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.campaigns import client as campaigns_client
from app.web.campaigns.common import required
from app.web.campaigns.detail import after, detail_page
from app.web.campaigns.sections import SectionForms, TierRow
from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.forms import (
    FormResult,
    PostedForm,
    blank_to_none,
    parse_decimal,
    parse_integer,
    read_posted,
)
from app.web.i18n import gettext
from app.web.templating import render

router = APIRouter()
CRITERION_FIELDS = ("indicator", "period", "threshold", "caseload_metric", "tiers", "description")


def _tier_rows(posted: PostedForm) -> list[TierRow]:
    mins, maxes, thresholds = (
        posted.all("tier_min"),
        posted.all("tier_max"),
        posted.all("tier_threshold"),
    )
    rows = []
    for index in range(max(len(mins), len(maxes), len(thresholds))):
        row = TierRow(
            min=mins[index].strip() if index < len(mins) else "",
            max=maxes[index].strip() if index < len(maxes) else "",
            threshold=thresholds[index].strip() if index < len(thresholds) else "",
        )
        if row.min or row.max or row.threshold:
            rows.append(row)
    return rows


@router.get("/campaigns/{campaign_id}/criteria/tier-row")
async def tier_row(request: Request, campaign_id: int, _me: CurrentUser) -> Response:
    """One more empty caseload band for the criterion form."""
    context = {"row": TierRow(), "campaign_id": campaign_id}
    return render(request, "campaigns/_tier_row.html", context)


@router.get("/campaigns/{campaign_id}/criteria/no-row")
async def no_row(campaign_id: int, _me: CurrentUser) -> Response:  # noqa: ARG001
    """The answer to "remove this band": nothing (htmx deletes the row)."""
    return Response(status_code=200, content=b"", media_type="text/html")


@router.post("/campaigns/{campaign_id}/criteria")
async def add_criterion(
    request: Request, campaign_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    posted = await read_posted(request)
    values = posted.values
    tiered = values.get("crit_mode") == "tiers"
    rows = _tier_rows(posted)
    data: dict[str, Any] = {
        "indicator": values.get("crit_indicator", ""),
        "period": values.get("crit_period", ""),
        "description": blank_to_none(values.get("crit_description")),
    }
    if tiered:
        data["tiers"] = [
            {
                "min_caseload": parse_integer(row.min),
                "max_caseload": parse_integer(row.max),
                "threshold": parse_decimal(row.threshold),
            }
            for row in rows
        ]
        data["caseload_metric"] = blank_to_none(values.get("crit_caseload_metric"))
    else:
        data["threshold"] = parse_decimal(values.get("crit_threshold"))
    required(data, "indicator", "period")
    try:
        await campaigns_client.add_criterion(api, campaign_id, data)
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        body_field = "crit_tiers" if tiered else "crit_threshold"
        form.add_api_error(
            error, CRITERION_FIELDS, prefix="crit_", body_field=body_field, nested=("tiers",)
        )
        for key in [k for k in form.errors if k.startswith("tiers.")]:
            text = form.errors.pop(key)
            _, index, *rest = key.split(".")
            if rest and index.isdigit() and int(index) < len(rows):
                name = {"min_caseload": "min", "max_caseload": "max"}.get(rest[0], rest[0])
                rows[int(index)].errors.setdefault(name, text)
            elif not rest:
                form.errors.setdefault("crit_tiers", text)
        # The API checks "threshold or tiers" only once the fields are valid: say it now.
        if tiered and not rows:
            form.errors["crit_tiers"] = gettext("Add at least one caseload band.")
        elif not tiered and data.get("threshold") is None:
            form.errors["crit_threshold"] = gettext("Enter the threshold (a percentage).")
        if any(row.errors for row in rows):
            form.errors.setdefault(
                "crit_tiers", gettext("Some caseload bands need attention (see each row).")
            )
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="progress",
            forms=SectionForms(criterion=form, tiers=rows or [TierRow()]),
            status=422,
        )
    return await after(request, api, me, campaign_id, "progress", "criterion")


@router.post("/campaigns/{campaign_id}/criteria/{criterion_id}/delete")
async def remove_criterion(
    request: Request, campaign_id: int, criterion_id: int, api: ApiDep, me: CurrentUser
) -> Response:
    await campaigns_client.remove_criterion(api, campaign_id, criterion_id)
    return await after(request, api, me, campaign_id, "progress", "criterion_removed")
