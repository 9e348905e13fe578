from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentActor, SessionDep
from app.api.openapi import READ_ERRORS
from app.core.types import Id
from app.models.targets import TargetsPublic, TargetsPut
from app.services.reports import rankings, targets

router = APIRouter(tags=["rankings"])
PeriodCode = Annotated[
    str, Query(pattern=r"^\d{4}-Q[1-4]$", max_length=7, description="e.g. 2022-Q4")
]
Year = Annotated[int, Query(ge=2000, le=2100, description="Statistics year")]


@router.get("/rankings", responses=READ_ERRORS)
def get_ranking(
    session: SessionDep,
    actor: CurrentActor,
    period: PeriodCode,
    parent_id: Annotated[
        Id | None, Query(description="Rank the offices under this unit (default: yours)")
    ] = None,
    preview: Annotated[
        bool, Query(description="Include figures not yet approved (marked)")
    ] = False,
) -> rankings.Ranking:
    """Targets met first, then the case rate, then the money rate; ties share a rank."""
    return rankings.ranking(session, actor, period, parent_id, preview=preview)


@router.get("/completeness", responses=READ_ERRORS)
def get_completeness(
    session: SessionDep,
    actor: CurrentActor,
    period: PeriodCode,
    parent_id: Annotated[
        Id | None, Query(description="Offices under this unit (default: yours)")
    ] = None,
) -> rankings.Completeness:
    """Which offices reported, on time or late, and which not yet (late ones first)."""
    return rankings.completeness(session, actor, period, parent_id)


@router.get("/targets", responses=READ_ERRORS)
def get_targets(
    session: SessionDep,
    actor: CurrentActor,
    year: Year,
    unit_id: Annotated[
        Id | None, Query(description="Also give this unit's effective targets")
    ] = None,
) -> TargetsPublic:
    """The year's default targets and the overrides within your subtree (percent)."""
    return targets.list_targets(session, actor, year, unit_id)


@router.put("/targets", responses={**READ_ERRORS, **{409: READ_ERRORS[422]}})
def put_targets(
    data: TargetsPut, session: SessionDep, actor: CurrentActor, year: Year
) -> TargetsPublic:
    """Administrators: set targets (value null removes one). An override on a unit applies to its subtree."""
    return targets.put_targets(session, actor, year, data)
