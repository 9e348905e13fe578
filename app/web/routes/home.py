"""The home page: who I am, my unit, and what my scope reaches."""

import asyncio

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.deps import ApiDep, CurrentUser
from app.web.templating import render

router = APIRouter()


@router.get("/")
async def home(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    all_units, internal_units, all_people, external_people, children = await asyncio.gather(
        api.units(limit=1),
        api.units(limit=1, external=False),
        api.people(limit=1),
        api.people(limit=1, external=True),
        api.all_units(parent_id=me.unit.id),
    )
    context = {
        "unit_count": all_units.total,
        "internal_unit_count": internal_units.total,
        "external_unit_count": all_units.total - internal_units.total,
        "people_count": all_people.total,
        "external_people_count": external_people.total,
        "internal_children": [u for u in children if not u.is_external],
        "external_children": [u for u in children if u.is_external],
    }
    return render(request, "pages/home.html", context)
