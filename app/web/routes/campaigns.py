"""Pages of the campaigns area (filled in by its own change)."""

from typing import Any

from fastapi import APIRouter

from app.web.api_models import Me
from app.web.client import Api

router = APIRouter()


async def board_tasks(api: Api, me: Me) -> list[Any]:
    """What launched campaigns ask of the user's unit, for the home board."""
    return []
