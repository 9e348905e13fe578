from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentActor, SessionDep
from app.api.lang import Lang
from app.api.openapi import READ_ERRORS
from app.core.types import Id
from app.models.targets import TargetsPublic, TargetsPut
from app.services.reports import catalogue, predecessors, rankings, targets

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
    lang: Lang,
    parent_id: Annotated[
        Id | None, Query(description="Rank the offices under this unit (default: yours)")
    ] = None,
    preview: Annotated[
        bool, Query(description="Include figures not yet approved (marked)")
    ] = False,
    as_of: Annotated[
        date | None,
        Query(
            description="Name the offices, and place them under the parent, as the structure "
            "was on this day (default: the period's end)"
        ),
    ] = None,
) -> rankings.Ranking:
    """Targets met first, then the case rate, then the money rate; ties share a rank. A parent
    made after the period (a merger's successor) ranks its predecessors' offices, and says so."""
    return rankings.ranking(
        session, actor, period, parent_id, preview=preview, as_of=as_of, lang=lang
    )


@router.get("/trends", responses=READ_ERRORS)
def get_trend(
    session: SessionDep,
    actor: CurrentActor,
    unit_id: Annotated[Id, Query(description="The unit whose figures to follow")],
) -> predecessors.Trend:
    """A unit's figures period by period. Before the unit existed, its predecessors' inputs
    summed metric by metric, the rates recomputed from the sums (never averaged)."""
    return predecessors.trend(session, actor, catalogue.load(session), unit_id)


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
