from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentActor, PageDep, SessionDep
from app.api.openapi import READ_ERRORS
from app.core.types import Code, Id
from app.models.audit import AuditPublic
from app.models.base import Page
from app.services import audit

router = APIRouter(tags=["audit"])


@router.get("/audit", responses=READ_ERRORS)
def list_audit(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    entity: Annotated[Code | None, Query(description="unit, person, user, token…")] = None,
    entity_id: Id | None = None,
) -> Page[AuditPublic]:
    """The change log of your subtree, newest first: who, when, what, before and after."""
    rows, total = audit.list_entries(
        session, actor, entity=entity, entity_id=entity_id, limit=paging.limit, offset=paging.offset
    )
    return Page(
        items=[AuditPublic.model_validate(r) for r in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )
