"""Pages of the figures area (filled in by its own change)."""

from fastapi import APIRouter

router = APIRouter()
