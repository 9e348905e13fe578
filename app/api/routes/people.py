from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.lang import Lang
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import create_once, with_etag
from app.core.types import Id, ShortText
from app.models.assignments import AssignmentPublic
from app.models.awards import AwardPublic
from app.models.base import Page
from app.models.people import PersonCreate, PersonPublic, PersonUpdate
from app.services import people, person_awards
from app.services.awards import eligibility

router = APIRouter(tags=["people"])


@router.get("/people", responses=READ_ERRORS)
def list_people(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    q: Annotated[
        ShortText | None, Query(description="Part of the name, diacritics optional")
    ] = None,
    unit_id: Annotated[Id | None, Query(description="People of this unit and its subunits")] = None,
    external: bool | None = None,
    active: bool | None = None,
) -> Page[PersonPublic]:
    rows, total = people.list_people(
        session,
        actor,
        q=q,
        unit_id=unit_id,
        external=external,
        active=active,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=[people.to_public(p, u, actor) for p, u in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/people", status_code=201, response_model=PersonPublic, responses=WRITE_ERRORS)
def create_person(
    data: PersonCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    def work() -> tuple[PersonPublic, int, str]:
        person, unit = people.create_person(session, actor, data)
        return people.to_public(person, unit, actor), person.version, f"/api/v1/people/{person.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/people/{person_id}", response_model=PersonPublic, responses=READ_ERRORS)
def get_person(person_id: Id, session: SessionDep, actor: CurrentActor) -> JSONResponse:
    person, unit = people.get_person(session, actor, person_id)
    return with_etag(people.to_public(person, unit, actor), person.version)


@router.patch("/people/{person_id}", response_model=PersonPublic, responses=WRITE_ERRORS)
def update_person(
    person_id: Id, data: PersonUpdate, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    person, unit = people.update_person(session, actor, person_id, data, expected_version=expected)
    return with_etag(people.to_public(person, unit, actor), person.version)


@router.get("/people/{person_id}/assignments", responses=READ_ERRORS)
def list_assignments(
    person_id: Id, session: SessionDep, actor: CurrentActor, paging: PageDep
) -> Page[AssignmentPublic]:
    """The person's units through time, oldest first, each named as it was when the assignment
    began (and as it is now). Visible to whoever sees the person."""
    every = people.list_assignments(session, actor, person_id)
    return Page(
        items=every[paging.offset : paging.offset + paging.limit],
        total=len(every),
        limit=paging.limit,
        offset=paging.offset,
    )


@router.get("/people/{person_id}/awards", responses=READ_ERRORS)
def list_person_awards(
    person_id: Id,
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    lang: Lang,
    include_revoked: bool = False,
) -> Page[AwardPublic]:
    """The person's award history across the units they served in, newest first; each award's
    unit and issuer named as they were on the decision's signing date. Visible to whoever sees
    the person (their current unit in the caller's scope)."""
    items, total = person_awards.person_awards(
        session,
        actor,
        person_id,
        include_revoked=include_revoked,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=eligibility.localised(items, lang),
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )
