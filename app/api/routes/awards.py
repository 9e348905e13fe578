from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.lang import Lang
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import ENVELOPE_ALIAS, Envelope, create_once, page_or_array, with_etag
from app.core.types import Id, ShortText, utcnow
from app.models.awards import (
    AwardPublic,
    AwardTypePublic,
    DecisionCreate,
    DecisionKind,
    DecisionPublic,
    DecisionUpdate,
    RecipientKind,
    Revocation,
)
from app.models.base import Page
from app.services.awards import awards, eligibility, nominations
from app.services.awards import summary as award_summary
from app.services.reports.reports import local_date

router = APIRouter(tags=["awards"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Year = Annotated[int, Query(ge=2000, le=2100)]
TypeCode = Annotated[str, Query(min_length=1, max_length=32, pattern=r"^[A-Z0-9_]+$")]


@router.get(
    "/award-types",
    responses=READ_ERRORS,
    response_model=Page[AwardTypePublic] | list[AwardTypePublic],
    description="Titles, forms and unit grades, with who confers them and under which legal "
    "regimes." + ENVELOPE_ALIAS,
)
def list_award_types(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    lang: Lang,
    envelope: Envelope = True,
) -> Page[AwardTypePublic] | list[AwardTypePublic]:
    found = nominations.list_award_types(session, actor, lang)
    return page_or_array(found, paging, envelope)


@router.get("/awards/{award_id}", responses=READ_ERRORS)
def get_award(award_id: Id, session: SessionDep, actor: CurrentActor, lang: Lang) -> AwardPublic:
    return eligibility.localised(awards.get_award(session, actor, award_id), lang)


@router.get("/decisions", responses=READ_ERRORS)
def list_decisions(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    issuer_id: Id | None = None,
    kind: DecisionKind | None = None,
    q: Annotated[ShortText | None, Query(description="Part of the number or title")] = None,
) -> Page[DecisionPublic]:
    items, total = awards.list_decisions(
        session,
        actor,
        year=year,
        issuer_id=issuer_id,
        kind=kind,
        q=q,
        limit=paging.limit,
        offset=paging.offset,
    )
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post("/decisions", status_code=201, response_model=DecisionPublic, responses=WRITE_ERRORS)
def create_decision(
    data: DecisionCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
    lang: Lang,
) -> JSONResponse:
    """A decision with its awards. Refused (422, naming the row): an authority conferring above
    its level, the same achievement twice, a title for the wrong kind of recipient."""

    def work() -> tuple[DecisionPublic, int, str]:
        created = eligibility.localised(awards.create_decision(session, actor, data), lang)
        return created, created.version, f"/api/v1/decisions/{created.id}"

    return create_once(session, actor, request, key, data, work)


@router.get("/decisions/{decision_id}", response_model=DecisionPublic, responses=READ_ERRORS)
def get_decision(
    decision_id: Id, session: SessionDep, actor: CurrentActor, lang: Lang
) -> JSONResponse:
    found = eligibility.localised(awards.get_decision(session, actor, decision_id), lang)
    return with_etag(found, found.version)


@router.patch("/decisions/{decision_id}", response_model=DecisionPublic, responses=WRITE_ERRORS)
def update_decision(
    decision_id: Id,
    data: DecisionUpdate,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Correct the number, date, title or campaign (awards are revoked, not edited)."""
    updated = awards.update_decision(session, actor, decision_id, data, expected_version=expected)
    eligibility.localised(updated, lang)
    return with_etag(updated, updated.version)


@router.get("/awards", responses=READ_ERRORS)
def list_awards(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    lang: Lang,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    issuer_id: Id | None = None,
    type: TypeCode | None = None,
    recipient_unit_id: Id | None = None,
    recipient_person_id: Id | None = None,
    external: bool | None = None,
    unit_id: Annotated[Id | None, Query(description="Awards to this unit's subtree")] = None,
    include_revoked: bool = False,
) -> Page[AwardPublic]:
    """Award history: filter by year, issuer, type, recipient (unit or person), internal/external."""
    items, total = awards.list_awards(
        session,
        actor,
        year=year,
        issuer_id=issuer_id,
        award_type=type,
        recipient_unit_id=recipient_unit_id,
        recipient_person_id=recipient_person_id,
        external=external,
        unit_id=unit_id,
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


@router.post("/awards/{award_id}/revoke", responses=WRITE_ERRORS)
def revoke_award(
    award_id: Id, data: Revocation, session: SessionDep, actor: CurrentActor, lang: Lang
) -> AwardPublic:
    """Revoke with the reason: the award leaves the summary; the audit keeps it."""
    return eligibility.localised(awards.revoke_award(session, actor, award_id, data.reason), lang)


@router.get("/eligibility", responses=READ_ERRORS)
def get_eligibility(
    session: SessionDep,
    actor: CurrentActor,
    year: Year,
    award_type: TypeCode,
    unit_id: Annotated[
        Id | None, Query(description="Candidates of this unit's subtree (default: yours)")
    ] = None,
    recipient: RecipientKind | None = None,
    lang: Lang = "vi",
) -> eligibility.Eligibility:
    """Every candidate with each criterion met / not met / unknown and its evidence, under the
    legal regime of the year."""
    return eligibility.evaluate(
        session, actor, year, award_type, unit_id=unit_id, recipient=recipient, lang=lang
    )


@router.get(
    "/summary/awards",
    responses={
        **READ_ERRORS,
        200: {
            "content": {"application/json": {}, DOCX: {}, XLSX: {}},
            "description": "The summary",
        },
    },
    response_model=award_summary.AwardSummary,
)
def summary(
    session: SessionDep,
    actor: CurrentActor,
    year: Year,
    lang: Lang,
    unit_id: Id | None = None,
    format: Literal["json", "docx", "xlsx"] = "json",
    include_all: Annotated[
        bool, Query(description="Also count base titles (LĐTT, TTLĐTT)")
    ] = False,
    as_of: Annotated[
        date | None,
        Query(
            description="Name the unit and the issuers as the structure was on this day "
            "(default: the statistics year's end, 30/09)"
        ),
    ] = None,
) -> Response:
    """The year's awards to a unit's subtree by issuer × type × collective/individual × internal/external.
    A unit made after the year (a merger's successor) sums its predecessors' awards and says so."""
    result = award_summary.summarise(
        session, actor, year, unit_id, include_all=include_all, as_of=as_of, lang=lang
    )
    if format == "docx":
        content, media = award_summary.to_docx(result, today=local_date(utcnow())), DOCX
    elif format == "xlsx":
        content, media = award_summary.to_xlsx(result), XLSX
    else:
        return JSONResponse(result.model_dump(mode="json"))
    name = f"tong-hop-khen-thuong-{year}.{format}"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
