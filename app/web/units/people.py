"""People: search as you type, filters, pages; the new and edit forms."""

import asyncio
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Person
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
    read_form,
    refused,
)
from app.web.i18n import gettext
from app.web.paging import Paging
from app.web.templating import render
from app.web.units.assignments import assignments
from app.web.units.options import unit_options

router = APIRouter()
PAGE_SIZE = 25
KINDS = {"internal": False, "external": True}
PERSON_FIELDS = (
    "full_name",
    "unit_id",
    "is_external",
    "organisation",
    "gender",
    "birth_year",
    "position",
    "recruited_on",
    "is_active",
    "effective_on",
)


@router.get("/people")
async def people_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    q = params.get("q", "").strip()[:100]
    unit_id = digits(params.get("unit_id"))
    kind = params.get("kind", "")
    paging = Paging.from_request(request, PAGE_SIZE)
    found, units = await asyncio.gather(
        api.people(
            q=q or None,
            unit_id=unit_id,
            external=KINDS.get(kind),
            limit=paging.size,
            offset=paging.offset,
        ),
        api.all_units(),
    )
    context = {
        "q": q,
        "unit_id": unit_id,
        "kind": kind if kind in KINDS else "",
        "people": found.items,
        "paging": paging.with_total(found.total),
        "unit_options": unit_options(units),
        "created": digits(params.get("created")),
        "can_edit": "people.write" in me.permissions,
    }
    return render(request, "units/people.html", context, block="results")


def _person_values(person: Person) -> dict[str, str]:
    return {
        "full_name": person.full_name,
        "unit_id": str(person.unit.id),
        "is_external": "on" if person.is_external else "",
        "organisation": person.organisation or "",
        "gender": person.gender or "",
        "birth_year": str(person.birth_year or ""),
        "position": person.position or "",
        "recruited_on": date_for_input(person.recruited_on),
        "is_active": "on" if person.is_active else "",
        "version": str(person.version),
    }


def _payload(values: dict[str, str], dates: DateFields, *, editing: bool) -> dict[str, Any]:
    """What the user typed, as the API reads it; the API does the validating."""
    data: dict[str, Any] = {
        "full_name": values.get("full_name", ""),
        "is_external": checked(values, "is_external"),
        "organisation": blank_to_none(values.get("organisation")),
        "gender": blank_to_none(values.get("gender")),
        "birth_year": blank_to_none(values.get("birth_year")),
        "position": blank_to_none(values.get("position")),
        "recruited_on": dates.convert("recruited_on", values.get("recruited_on")),
    }
    # A missing unit is reported by the API as "required", beside the select.
    if blank_to_none(values.get("unit_id")):
        data["unit_id"] = values["unit_id"]
    if editing:
        data["is_active"] = checked(values, "is_active")
        # The first day in the new unit; the API reads it only when the unit changes.
        effective_on = dates.convert("effective_on", values.get("effective_on"))
        if effective_on is not None:
            data["effective_on"] = effective_on
    return data


async def _form_page(
    request: Request,
    api: Api,
    form: FormResult,
    *,
    person: Person | None = None,
    status: int = 200,
) -> Response:
    units = await api.all_units()
    context = {
        "form": form,
        "person": person,
        "unit_options": unit_options(units),
        "action": f"/people/{person.id}/edit" if person else "/people/new",
    }
    return render(request, "units/person_form.html", context, block="person_form", status=status)


@router.get("/people/new")
async def new_person(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if "people.write" not in me.permissions:  # the empty form only for whom the API lets add
        raise PageForbidden()
    return await _form_page(request, api, FormResult(values={"unit_id": str(me.unit.id)}))


@router.post("/people/new")
async def create_person(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    values = await read_form(request)
    dates = DateFields()
    try:
        person = await api.create_person(_payload(values, dates, editing=False))
    except ApiError as error:
        if error.status != 422:
            raise
        form = FormResult(values=values)
        form.add_api_error(error, PERSON_FIELDS)
        dates.explain(form)
        return await _form_page(request, api, form, status=422)
    return redirect(request, f"/people?q={quote(person.full_name, safe='')}&created={person.id}")


@router.get("/people/{person_id}")
async def person_page(request: Request, person_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    person, timeline = await asyncio.gather(api.person(person_id), assignments(api, person_id))
    context = {
        "person": person,
        "assignments": timeline,
        "saved": request.query_params.get("saved") == "1",
        "can_edit": "update" in person.allowed_actions,
    }
    return render(request, "units/person.html", context)


@router.get("/people/{person_id}/edit")
async def edit_person(request: Request, person_id: int, api: ApiDep, _me: CurrentUser) -> Response:
    person = await api.person(person_id)
    if "update" not in person.allowed_actions:
        raise PageForbidden()
    return await _form_page(request, api, FormResult(values=_person_values(person)), person=person)


@router.post("/people/{person_id}/edit")
async def update_person(
    request: Request, person_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    values = await read_form(request)
    dates = DateFields()
    version = posted_version(values)
    try:
        await api.update_person(person_id, _payload(values, dates, editing=True), version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        stale = gettext(
            "Someone else changed this person while you were editing. Reload the page to "
            "see the current details, then make your change again."
        )
        form = refused(error, values, PERSON_FIELDS, stale=stale, dates=dates)
        person = await api.person(person_id)
        return await _form_page(request, api, form, person=person, status=error.status)
    return redirect(request, f"/people/{person_id}?saved=1")
