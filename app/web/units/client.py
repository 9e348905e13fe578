"""The units' calls to the JSON API beyond the shared client: levels and history."""

from app.web.api_models import Level
from app.web.client import Api
from app.web.units.models import UnitHistory


async def levels(api: Api) -> list[Level]:
    """The unit levels in the API's table, by rank (the edit form's choices)."""
    return await api.fetch_all(Level, "/unit-levels")


async def history(api: Api, unit_id: int) -> UnitHistory:
    return await api.fetch(UnitHistory, f"/units/{unit_id}/history")
