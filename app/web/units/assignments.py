"""A person's units through time, as the person page reads them from
GET /api/v1/people/{id}/assignments, and the person's award history across units."""

from datetime import date

from app.web.api_models import ApiModel, UnitRef
from app.web.client import Api


class Assignment(ApiModel):
    valid_from: date | None = None
    valid_to: date | None = None
    unit: UnitRef  # as it was when the assignment began
    unit_now: UnitRef
    position: str | None = None
    basis: str | None = None
    by_restructuring: bool = False


async def assignments(api: Api, person_id: int) -> list[Assignment]:
    return await api.fetch_all(Assignment, f"/people/{person_id}/assignments")
