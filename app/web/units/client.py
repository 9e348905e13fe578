"""The units' calls to the JSON API beyond the shared client: levels, history and
restructurings."""

from typing import Any

from app.web.api_models import Level, Page
from app.web.client import Api
from app.web.units.models import PlanPreview, Restructuring, UnitHistory


async def levels(api: Api) -> list[Level]:
    """The unit levels in the API's table, by rank (the edit form's choices)."""
    return await api.fetch_all(Level, "/unit-levels")


async def history(api: Api, unit_id: int) -> UnitHistory:
    return await api.fetch(UnitHistory, f"/units/{unit_id}/history")


# ---- restructurings ------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def restructurings(api: Api, *, limit: int, offset: int) -> Page[Restructuring]:
    return await api.fetch(Page[Restructuring], "/restructurings", limit=limit, offset=offset)


async def restructuring(api: Api, restructuring_id: int) -> Restructuring:
    return await api.fetch(Restructuring, f"/restructurings/{restructuring_id}")


async def preview_plan(api: Api, content: bytes, content_type: str) -> PlanPreview:
    """The API's dry run of a plan file (.xlsx or JSON), which reads it within its limits."""
    response = await api.call(
        "POST",
        "/restructurings/upload",
        params={"dry_run": "true"},
        content=content,
        headers={"Content-Type": content_type},
    )
    return PlanPreview.model_validate(response.json())


async def apply_plan(api: Api, plan: Any) -> Restructuring:
    return await api.write(Restructuring, "POST", "/restructurings", json=plan)


async def revert(api: Api, restructuring_id: int, version: int) -> Restructuring:
    return await api.write(
        Restructuring, "POST", f"/restructurings/{restructuring_id}/revert", version=version
    )


async def plan_template(api: Api) -> bytes:
    return (await api.call("GET", "/restructurings/template.xlsx")).content
