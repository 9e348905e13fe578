from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from app.api.deps import CurrentActor, IfMatch, PageDep, SessionDep
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import with_etag
from app.core.types import Id
from app.models.base import Page
from app.models.restructurings import (
    RestructuringPlan,
    RestructuringPreview,
    RestructuringPublic,
)
from app.services.restructuring import plans, revert
from app.services.scope import require_write_token

router = APIRouter(tags=["restructurings"])


@router.post(
    "/restructurings",
    status_code=201,
    response_model=RestructuringPublic,
    responses={
        **WRITE_ERRORS,
        200: {
            "model": RestructuringPreview,
            "description": "dry_run=true: what applying the plan would do; nothing is kept",
        },
    },
)
def apply_restructuring(
    plan: RestructuringPlan,
    session: SessionDep,
    actor: CurrentActor,
    dry_run: Annotated[
        bool, Query(description="Preview only: apply, describe and roll back")
    ] = False,
) -> JSONResponse:
    """Apply a restructuring plan in one transaction: its events (create, rename, move,
    merge, split, dissolve) change the unit tree from `effective_on` on, with their legal
    basis; the users of a unit that ends follow its single successor; everything is audited.
    The answer (and the preview) lists the events, the units created, ended and changed, the
    users moved or to be moved, whose scope grows, the open reports and running campaigns of
    the units that end."""
    require_write_token(actor)
    result = plans.run(session, actor, plan, dry_run=dry_run)
    if isinstance(result, RestructuringPreview):
        return JSONResponse(result.model_dump(mode="json"), status_code=200)
    return with_etag(
        plans.to_public(result, actor), result.version, 201, f"/api/v1/restructurings/{result.id}"
    )


@router.get("/restructurings", responses=READ_ERRORS)
def list_restructurings(
    session: SessionDep, actor: CurrentActor, paging: PageDep
) -> Page[RestructuringPublic]:
    """Restructurings of your scope, newest first."""
    rows, total = plans.list_restructurings(
        session, actor, limit=paging.limit, offset=paging.offset
    )
    return Page(
        items=[plans.to_public(r, actor) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get(
    "/restructurings/{restructuring_id}",
    response_model=RestructuringPublic,
    responses=READ_ERRORS,
)
def get_restructuring(
    restructuring_id: Id, session: SessionDep, actor: CurrentActor
) -> JSONResponse:
    row = plans.get_restructuring(session, actor, restructuring_id)
    return with_etag(plans.to_public(row, actor), row.version)


@router.post(
    "/restructurings/{restructuring_id}/revert",
    response_model=RestructuringPublic,
    responses=WRITE_ERRORS,
)
def revert_restructuring(
    restructuring_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    """Undo an applied restructuring while nothing newer depends on it (else 409): its units
    take their old values back, the units it created go, the users it moved go home."""
    row = revert.revert(session, actor, restructuring_id, expected_version=expected)
    return with_etag(plans.to_public(row, actor), row.version)
