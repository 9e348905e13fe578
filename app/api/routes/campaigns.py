from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.openapi import BINARY, READ_ERRORS, WRITE_ERRORS, file_body
from app.api.responses import create_once, no_content, with_etag
from app.api.uploads import read_upload
from app.core.types import Id, ShortText
from app.models.base import Page
from app.models.campaigns import (
    CampaignCreate,
    CampaignKind,
    CampaignProgress,
    CampaignPublic,
    CampaignStatus,
    CampaignUpdate,
    CriterionCreate,
    CriterionPublic,
    DocumentCreate,
    DocumentPublic,
    ExemplarCreate,
    ExemplarPublic,
    RegistrationCreate,
    RegistrationPublic,
    RegistrationSummary,
    ReviewCreate,
    ReviewPublic,
)
from app.models.reports import ReportComment
from app.services.campaigns import campaigns, criteria, documents, participation

router = APIRouter(tags=["campaigns"])


@router.get("/campaigns", responses=READ_ERRORS)
def list_campaigns(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    q: Annotated[
        ShortText | None, Query(description="Title (diacritics optional) or a document number")
    ] = None,
    kind: CampaignKind | None = None,
    status: CampaignStatus | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    parent_id: Id | None = None,
    participant_id: Annotated[
        Id | None, Query(description="Campaigns this unit takes part in")
    ] = None,
) -> Page[CampaignPublic]:
    """Campaigns managed in your subtree or that a unit of your subtree takes part in."""
    rows, total = campaigns.list_campaigns(
        session,
        actor,
        q=q,
        kind=kind,
        status=status,
        year=year,
        parent_id=parent_id,
        participant_id=participant_id,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(
        items=campaigns.publish(session, actor, rows),
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/campaigns", status_code=201, response_model=CampaignPublic, responses=WRITE_ERRORS)
def create_campaign(
    data: CampaignCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    """A draft campaign managed by your unit (or `owner_unit_id` in your subtree)."""

    def work() -> tuple[CampaignPublic, int, str]:
        created = campaigns.create_campaign(session, actor, data)
        return created, created.version, f"/api/v1/campaigns/{created.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/campaigns/{campaign_id}", response_model=CampaignPublic, responses=READ_ERRORS)
def get_campaign(campaign_id: Id, session: SessionDep, actor: CurrentActor) -> JSONResponse:
    found = campaigns.get_campaign(session, actor, campaign_id)
    return with_etag(found, found.version)


@router.patch("/campaigns/{campaign_id}", response_model=CampaignPublic, responses=WRITE_ERRORS)
def update_campaign(
    campaign_id: Id,
    data: CampaignUpdate,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
) -> JSONResponse:
    updated = campaigns.update_campaign(
        session, actor, campaign_id, data, expected_version=expected
    )
    return with_etag(updated, updated.version)


@router.post(
    "/campaigns/{campaign_id}/launch", response_model=CampaignPublic, responses=WRITE_ERRORS
)
def launch_campaign(
    campaign_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    """Draft → launched: every participating unit sees it on its board and may register."""
    updated = campaigns.launch(session, actor, campaign_id, expected)
    return with_etag(updated, updated.version)


@router.post(
    "/campaigns/{campaign_id}/close", response_model=CampaignPublic, responses=WRITE_ERRORS
)
def close_campaign(
    campaign_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    updated = campaigns.close(session, actor, campaign_id, expected)
    return with_etag(updated, updated.version)


@router.get("/documents", responses=READ_ERRORS)
def search_documents(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    number: Annotated[
        ShortText | None, Query(description="Part of the number, e.g. 258/KH")
    ] = None,
) -> Page[DocumentPublic]:
    """Legal-basis documents across the campaigns you can see."""
    items, total = documents.list_documents(
        session, actor, number=number, limit=paging.limit, offset=paging.offset
    )
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.get("/campaigns/{campaign_id}/documents", responses=READ_ERRORS)
def list_documents(
    campaign_id: Id, session: SessionDep, actor: CurrentActor, paging: PageDep
) -> Page[DocumentPublic]:
    items, total = documents.list_documents(
        session, actor, campaign_id=campaign_id, limit=paging.limit, offset=paging.offset
    )
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post("/campaigns/{campaign_id}/documents", status_code=201, responses=WRITE_ERRORS)
def add_document(
    campaign_id: Id, data: DocumentCreate, session: SessionDep, actor: CurrentActor
) -> DocumentPublic:
    return documents.add_document(session, actor, campaign_id, data)


@router.put(
    "/campaigns/{campaign_id}/documents/{document_id}/file",
    responses=WRITE_ERRORS,
    openapi_extra=file_body(
        {t: {"schema": BINARY} for t in sorted(documents.ALLOWED_TYPES)},
        sorted(documents.ALLOWED_TYPES),
    ),
)
async def attach_file(
    campaign_id: Id,
    document_id: Id,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    filename: Annotated[
        str | None,
        Header(alias="X-Filename", description="The file's name, for a raw body"),
    ] = None,
) -> DocumentPublic:
    """Attach the document's file (PDF, Word or image, at most MAX_UPLOAD_BYTES, 5 MiB by
    default). Send it raw with its Content-Type and the file name in `X-Filename`, or as the
    `file` part of a multipart/form-data form (`curl -F file=@01-CT-TU.pdf`): the part's type,
    or else its file name's extension, says what it is. A larger body is refused with 413 as it
    streams."""
    upload = await read_upload(request)
    return await run_in_threadpool(
        documents.attach_file,
        session,
        actor,
        campaign_id,
        document_id,
        name=upload.filename or filename or "tep-dinh-kem",
        content_type=upload.content_type,
        content=upload.content,
    )


@router.get(
    "/campaigns/{campaign_id}/documents/{document_id}/file",
    response_class=Response,
    responses={
        **READ_ERRORS,
        200: {
            "content": {
                t: {} for t in ["application/octet-stream", *sorted(documents.ALLOWED_TYPES)]
            },
            "description": "The file, with the type it was attached as",
        },
    },
)
def read_file(
    campaign_id: Id, document_id: Id, session: SessionDep, actor: CurrentActor
) -> Response:
    name, kind, content = documents.read_file(session, actor, campaign_id, document_id)
    safe = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in "._-")) or "tep"
    return Response(
        content, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{safe}"'}
    )


@router.delete(
    "/campaigns/{campaign_id}/documents/{document_id}", status_code=204, responses=WRITE_ERRORS
)
def remove_document(
    campaign_id: Id, document_id: Id, session: SessionDep, actor: CurrentActor
) -> Response:
    documents.remove_document(session, actor, campaign_id, document_id)
    return no_content()


@router.get("/campaigns/{campaign_id}/criteria", responses=READ_ERRORS)
def list_criteria(
    campaign_id: Id, session: SessionDep, actor: CurrentActor
) -> list[CriterionPublic]:
    return criteria.list_criteria(session, actor, campaign_id)


@router.post("/campaigns/{campaign_id}/criteria", status_code=201, responses=WRITE_ERRORS)
def add_criterion(
    campaign_id: Id, data: CriterionCreate, session: SessionDep, actor: CurrentActor
) -> CriterionPublic:
    """A threshold on an indicator at a period, flat or tiered by caseload."""
    return criteria.add_criterion(session, actor, campaign_id, data)


@router.delete(
    "/campaigns/{campaign_id}/criteria/{criterion_id}", status_code=204, responses=WRITE_ERRORS
)
def remove_criterion(
    campaign_id: Id, criterion_id: Id, session: SessionDep, actor: CurrentActor
) -> Response:
    criteria.remove_criterion(session, actor, campaign_id, criterion_id)
    return no_content()


@router.get("/campaigns/{campaign_id}/progress", responses=READ_ERRORS)
def campaign_progress(
    campaign_id: Id,
    session: SessionDep,
    actor: CurrentActor,
    preview: Annotated[bool, Query(description="Include figures not yet approved")] = False,
) -> CampaignProgress:
    """Each criterion for each participating office: met, not met or not yet reported, with the numbers."""
    return criteria.progress(session, actor, campaign_id, preview=preview)


@router.get("/campaigns/{campaign_id}/registrations", responses=READ_ERRORS)
def list_registrations(
    campaign_id: Id, session: SessionDep, actor: CurrentActor
) -> RegistrationSummary:
    """Registrations, and the participating units that have not registered yet."""
    return participation.list_registrations(session, actor, campaign_id)


@router.post("/campaigns/{campaign_id}/registrations", status_code=201, responses=WRITE_ERRORS)
def register(
    campaign_id: Id, data: RegistrationCreate, session: SessionDep, actor: CurrentActor
) -> RegistrationPublic:
    """A participating unit registers itself (or one of its people) for the titles it aims at."""
    return participation.create_registration(session, actor, campaign_id, data)


@router.post(
    "/campaigns/{campaign_id}/registrations/{registration_id}/submit", responses=WRITE_ERRORS
)
def submit_registration(
    campaign_id: Id,
    registration_id: Id,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
) -> RegistrationPublic:
    return participation.transition_registration(
        session, actor, campaign_id, registration_id, "submit", expected_version=expected
    )


@router.post(
    "/campaigns/{campaign_id}/registrations/{registration_id}/accept", responses=WRITE_ERRORS
)
def accept_registration(
    campaign_id: Id,
    registration_id: Id,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
) -> RegistrationPublic:
    return participation.transition_registration(
        session, actor, campaign_id, registration_id, "accept", expected_version=expected
    )


@router.post(
    "/campaigns/{campaign_id}/registrations/{registration_id}/return", responses=WRITE_ERRORS
)
def return_registration(
    campaign_id: Id,
    registration_id: Id,
    data: ReportComment,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
) -> RegistrationPublic:
    return participation.transition_registration(
        session,
        actor,
        campaign_id,
        registration_id,
        "return",
        reason=data.comment,
        expected_version=expected,
    )


@router.get("/campaigns/{campaign_id}/exemplars", responses=READ_ERRORS)
def list_exemplars(
    campaign_id: Id, session: SessionDep, actor: CurrentActor
) -> list[ExemplarPublic]:
    return participation.list_exemplars(session, actor, campaign_id=campaign_id)


@router.post("/campaigns/{campaign_id}/exemplars", status_code=201, responses=WRITE_ERRORS)
def add_exemplar(
    campaign_id: Id, data: ExemplarCreate, session: SessionDep, actor: CurrentActor
) -> ExemplarPublic:
    """Name a unit or a person an exemplar (điển hình), with the reason and the solutions to learn from."""
    return participation.add_exemplar(session, actor, campaign_id, data)


@router.get("/exemplars", responses=READ_ERRORS)
def exemplars_of_unit(
    session: SessionDep, actor: CurrentActor, unit_id: Id
) -> list[ExemplarPublic]:
    """A unit's exemplar titles (the unit itself and its people), across campaigns."""
    return participation.list_exemplars(session, actor, unit_id=unit_id)


@router.get("/campaigns/{campaign_id}/reviews", responses=READ_ERRORS)
def list_reviews(campaign_id: Id, session: SessionDep, actor: CurrentActor) -> list[ReviewPublic]:
    return participation.list_reviews(session, actor, campaign_id)


@router.post("/campaigns/{campaign_id}/reviews", status_code=201, responses=WRITE_ERRORS)
def add_review(
    campaign_id: Id, data: ReviewCreate, session: SessionDep, actor: CurrentActor
) -> ReviewPublic:
    """A mid-term (sơ kết) or final (tổng kết) review, dated, with its summary."""
    return participation.add_review(session, actor, campaign_id, data)
