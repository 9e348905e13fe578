"""Pages of the awards area (filled in by its own change)."""

from fastapi import APIRouter

router = APIRouter()
