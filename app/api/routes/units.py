from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import create_once, with_etag
from app.core.types import Id, ShortText
from app.models.base import Page
from app.models.levels import UnitLevelPublic
from app.models.unit_history import UnitHistory
from app.models.units import KIND_DOC, LevelCodeText, UnitCreate, UnitPublic, UnitUpdate
from app.services import levels, unit_history, units

router = APIRouter(tags=["units"])

AsOf = Annotated[
    date | None,
    Query(description="A day (YYYY-MM-DD): the units as they were then; none: as they are now"),
]


@router.get("/units", responses=READ_ERRORS)
def list_units(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    parent_id: Annotated[Id | None, Query(description="Direct children of this unit")] = None,
    subtree_of: Annotated[Id | None, Query(description="This unit and everything under it")] = None,
    kind: Annotated[LevelCodeText | None, Query(description=KIND_DOC)] = None,
    external: Annotated[
        bool | None, Query(description="Only external (true) or internal (false)")
    ] = None,
    q: Annotated[ShortText | None, Query(description="Code or name, diacritics optional")] = None,
    as_of: AsOf = None,
) -> Page[UnitPublic]:
    """Units of your subtree in tree order (today's tree). With `as_of`, the units that existed
    that day, with the code, name, parent and level they had then (the filters read those too)."""
    rows, total = units.list_units(
        session,
        actor,
        parent_id=parent_id,
        subtree_of=subtree_of,
        kind=kind,
        external=external,
        q=q,
        as_of=as_of,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[units.to_public(u, actor, v, as_of) for u, v in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/units", status_code=201, response_model=UnitPublic, responses=WRITE_ERRORS)
def create_unit(
    data: UnitCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    def work() -> tuple[UnitPublic, int, str]:
        unit = units.create_unit(session, actor, data)
        return units.to_public(unit, actor), unit.version, f"/api/v1/units/{unit.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/units/{unit_id}", response_model=UnitPublic, responses=READ_ERRORS)
def get_unit(
    unit_id: Id, session: SessionDep, actor: CurrentActor, as_of: AsOf = None
) -> JSONResponse:
    """The unit; with `as_of`, as it was that day (404 if it did not exist then)."""
    if as_of is None:
        unit = units.get_unit(session, actor, unit_id)
        return with_etag(units.to_public(unit, actor), unit.version)
    unit, version = unit_history.get_as_of(session, actor, unit_id, as_of)
    return with_etag(units.to_public(unit, actor, version, as_of), unit.version)


@router.get("/units/{unit_id}/history", responses=READ_ERRORS)
def unit_history_of(unit_id: Id, session: SessionDep, actor: CurrentActor) -> UnitHistory:
    """The unit through time: its versions (name, code, parent, level, with their dates), the
    restructuring events that changed it with their legal basis, and the units it succeeded
    and that succeeded it."""
    return unit_history.history(session, actor, unit_id)


@router.patch("/units/{unit_id}", response_model=UnitPublic, responses=WRITE_ERRORS)
def update_unit(
    unit_id: Id, data: UnitUpdate, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    unit = units.update_unit(session, actor, unit_id, data, expected_version=expected)
    return with_etag(units.to_public(unit, actor), unit.version)


@router.get("/unit-levels", responses=READ_ERRORS)
def list_unit_levels(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    as_of: Annotated[date | None, Query(description="Only the levels in use on this day")] = None,
    reports_figures: Annotated[
        bool | None, Query(description="Only the levels whose units report (true) or not")
    ] = None,
) -> Page[UnitLevelPublic]:
    """The levels a unit's `kind` names, from the State down to external organisations: what
    each is called, whether its units report figures, are reviewed by the unit above, and at
    which authority they confer awards."""
    rows, total = levels.list_levels(
        session,
        actor,
        as_of=as_of,
        reports_figures=reports_figures,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[UnitLevelPublic.model_validate(row) for row in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )
