from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.lang import Lang
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import create_once, with_etag
from app.core.types import Id
from app.models.awards import (
    CouncilVote,
    NominationCreate,
    NominationDecide,
    NominationPublic,
    NominationReject,
    NominationStatus,
    NominationUpdate,
)
from app.models.base import Page
from app.models.facts import (
    AssessmentIn,
    AssessmentPublic,
    InitiativeIn,
    InitiativePublic,
    PersonFacts,
)
from app.services.awards import facts, nominations

router = APIRouter(tags=["nominations"])


@router.get("/nominations", responses=READ_ERRORS)
def list_nominations(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    lang: Lang,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    status: NominationStatus | None = None,
    award_type: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Z0-9_]+$")] = None,
) -> Page[NominationPublic]:
    items, total = nominations.list_nominations(
        session,
        actor,
        year=year,
        status=status,
        award_type=award_type,
        limit=paging.limit,
        offset=paging.offset,
        lang=lang,
    )
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post(
    "/nominations", status_code=201, response_model=NominationPublic, responses=WRITE_ERRORS
)
def create_nomination(
    data: NominationCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    """A unit proposes a candidate (a person or a unit) for an award type and year."""

    def work() -> tuple[NominationPublic, int, str]:
        created = nominations.create_nomination(session, actor, data)
        return created, created.version, f"/api/v1/nominations/{created.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/nominations/{nomination_id}", response_model=NominationPublic, responses=READ_ERRORS)
def get_nomination(
    nomination_id: Id, session: SessionDep, actor: CurrentActor, lang: Lang
) -> JSONResponse:
    """The council's rule (`vote_rule`), its vote's outcome (`vote.rule`) and a council
    rejection's `reason` are in the language of Accept-Language."""
    found = nominations.get_nomination(session, actor, nomination_id, lang=lang)
    return with_etag(found, found.version)


@router.patch(
    "/nominations/{nomination_id}", response_model=NominationPublic, responses=WRITE_ERRORS
)
def update_nomination(
    nomination_id: Id,
    data: NominationUpdate,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
) -> JSONResponse:
    """Achievements and the dossier checklist, while the nomination is a draft."""
    found = nominations.update_nomination(
        session, actor, nomination_id, data, expected_version=expected
    )
    return with_etag(found, found.version)


@router.post(
    "/nominations/{nomination_id}/submit", response_model=NominationPublic, responses=WRITE_ERRORS
)
def submit(
    nomination_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch, lang: Lang
) -> JSONResponse:
    """Refused (422) while a document the award asks for is missing from the dossier."""
    found = nominations.submit(session, actor, nomination_id, expected_version=expected, lang=lang)
    return with_etag(found, found.version)


@router.post(
    "/nominations/{nomination_id}/vote", response_model=NominationPublic, responses=WRITE_ERRORS
)
def vote(
    nomination_id: Id,
    data: CouncilVote,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Record the council's vote; below the rule's threshold the nomination is rejected with the reason."""
    found = nominations.record_vote(
        session, actor, nomination_id, data, expected_version=expected, lang=lang
    )
    return with_etag(found, found.version)


@router.post(
    "/nominations/{nomination_id}/decide", response_model=NominationPublic, responses=WRITE_ERRORS
)
def decide(
    nomination_id: Id,
    data: NominationDecide,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Make the award: on `decision_id`, or on a new decision (`number`, `signed_on`, `issuer_id`)."""
    found = nominations.decide(
        session, actor, nomination_id, data, expected_version=expected, lang=lang
    )
    return with_etag(found, found.version)


@router.post(
    "/nominations/{nomination_id}/reject", response_model=NominationPublic, responses=WRITE_ERRORS
)
def reject(
    nomination_id: Id,
    data: NominationReject,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    found = nominations.reject(
        session, actor, nomination_id, data.reason, expected_version=expected, lang=lang
    )
    return with_etag(found, found.version)


@router.get("/people/{person_id}/facts", responses=READ_ERRORS)
def person_facts(person_id: Id, session: SessionDep, actor: CurrentActor) -> PersonFacts:
    """Yearly assessments, discipline and recognised initiatives: what award rules read."""
    return facts.person_facts(session, actor, person_id)


@router.put("/people/{person_id}/assessments", responses=WRITE_ERRORS)
def set_assessment(
    person_id: Id, data: AssessmentIn, session: SessionDep, actor: CurrentActor
) -> AssessmentPublic:
    """Create or replace the person's assessment (and discipline) for a year."""
    return facts.set_assessment(session, actor, person_id, data)


@router.post("/initiatives", status_code=201, responses=WRITE_ERRORS)
def add_initiative(
    data: InitiativeIn, session: SessionDep, actor: CurrentActor
) -> InitiativePublic:
    """A recognised initiative (sáng kiến) with its authors, year and scope."""
    return facts.add_initiative(session, actor, data)
