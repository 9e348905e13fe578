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
from app.models.units import KIND_DOC, LevelCodeText, UnitCreate, UnitPublic, UnitUpdate
from app.services import levels, units

router = APIRouter(tags=["units"])


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
) -> Page[UnitPublic]:
    """Units of your subtree in tree order."""
    rows, total = units.list_units(
        session,
        actor,
        parent_id=parent_id,
        subtree_of=subtree_of,
        kind=kind,
        external=external,
        q=q,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[units.to_public(u, actor) for u in rows],
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
def get_unit(unit_id: Id, session: SessionDep, actor: CurrentActor) -> JSONResponse:
    unit = units.get_unit(session, actor, unit_id)
    return with_etag(units.to_public(unit, actor), unit.version)


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
