"""Registrations for a campaign's titles: the people of a unit as options, registering, and
moving a registration (submit, accept, return with a reason)."""

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.campaigns import client as campaigns_client
from app.web.campaigns.detail import after, detail_page
from app.web.campaigns.sections import SectionForms, people_of
from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.errors import PageNotFound
from app.web.forms import FormResult, blank_to_none, digits, posted_version, read_posted
from app.web.i18n import gettext
from app.web.templating import render

router = APIRouter()
REGISTRATION_FIELDS = ("unit_id", "person_id", "titles", "note")


@router.get("/campaigns/{campaign_id}/people-options")
async def people_options(
    request: Request,
    campaign_id: int,  # noqa: ARG001 - the URL names the campaign the form belongs to
    api: ApiDep,
    _me: CurrentUser,
) -> Response:
    """The <option>s of a unit's people (registration and exemplar forms)."""
    params = request.query_params
    unit_id = digits(params.get("reg_unit_id") or params.get("ex_unit_id"))
    people = await people_of(api, unit_id)
    return render(request, "campaigns/_person_options.html", {"people": people})


@router.post("/campaigns/{campaign_id}/registrations")
async def register(request: Request, campaign_id: int, api: ApiDep, me: CurrentUser) -> Response:
    posted = await read_posted(request)
    values = posted.values
    titles = posted.all("reg_titles")
    data: dict[str, Any] = {
        "titles": titles,
        "note": blank_to_none(values.get("reg_note")),
        "person_id": blank_to_none(values.get("reg_person_id")),
    }
    if blank_to_none(values.get("reg_unit_id")):
        data["unit_id"] = values["reg_unit_id"]
    try:
        await campaigns_client.register(api, campaign_id, data)
    except ApiError as error:
        if error.status not in (409, 422):
            raise
        form = FormResult(values=values)
        form.add_api_error(error, REGISTRATION_FIELDS, prefix="reg_")
        if "reg_titles" in form.errors and not titles:
            form.errors["reg_titles"] = gettext("Choose at least one title.")
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="registrations",
            forms=SectionForms(registration=form, titles=set(titles)),
            status=error.status,
        )
    return await after(request, api, me, campaign_id, "registrations", "registered")


@router.post("/campaigns/{campaign_id}/registrations/{registration_id}/{action}")
async def move_registration(
    request: Request,
    campaign_id: int,
    registration_id: int,
    action: str,
    api: ApiDep,
    me: CurrentUser,
) -> Response:
    if action not in ("submit", "accept", "return"):
        raise PageNotFound()
    posted = await read_posted(request)
    version = posted_version(posted.values)
    reason = (posted.values.get("reason") or "").strip()
    forms = SectionForms()
    try:
        await campaigns_client.move_registration(
            api, campaign_id, registration_id, action, version, reason=reason or None
        )
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        if error.status == 422 and action == "return":
            forms.return_errors[registration_id] = gettext(
                "Give the reason, so the unit knows what to fix."
            )
            forms.return_reasons[registration_id] = reason
        elif error.status == 412:
            forms.row_errors[registration_id] = gettext(
                "Someone else changed this registration meanwhile. The list now shows its "
                "current state; try again if it is still needed."
            )
        else:
            forms.row_errors[registration_id] = error.message
        return await detail_page(
            request,
            api,
            me,
            campaign_id,
            block="registrations",
            forms=forms,
            status=error.status,
        )
    return await after(request, api, me, campaign_id, "registrations", action)
