"""A decision names its issuer as the issuer was on the signing day: a decision of the Tổng cục
signed in 2022 still reads "Tổng cục Thi hành án dân sự" after the unit became the Cục Quản lý
THADS. One lookup per distinct signing day (decisions cluster on few days)."""

from collections import defaultdict
from datetime import date

from sqlmodel import Session

from app.models.awards import Decision
from app.models.units import UnitRef
from app.services.unit_history import refs_on


def issuers_as_signed(session: Session, decisions: list[Decision]) -> dict[int, UnitRef]:
    """Decision id → its issuer as of its signing day."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for d in decisions:
        by_day[d.signed_on].add(d.issuer_id)
    named = {day: refs_on(session, ids, day) for day, ids in by_day.items()}
    return {d.id: named[d.signed_on][d.issuer_id] for d in decisions}  # type: ignore[misc]
