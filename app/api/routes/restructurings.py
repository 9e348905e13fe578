import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from app.api.deps import CurrentActor, IfMatch, PageDep, SessionDep
from app.api.lang import Lang
from app.api.openapi import BINARY, READ_ERRORS, WRITE_ERRORS, file_body
from app.api.problems import issue_from_pydantic
from app.api.responses import with_etag
from app.api.uploads import Upload, read_upload
from app.core.errors import FieldIssue, Invalid
from app.core.messages import translate
from app.core.types import Id
from app.models.base import Page
from app.models.restructurings import (
    PlanPreview,
    RestructuringPlan,
    RestructuringPreview,
    RestructuringPublic,
)
from app.services.restructuring import plans, revert, workbook
from app.services.scope import authorize, require_write_token

router = APIRouter(tags=["restructurings"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PLAN_SCHEMA = {"$ref": "#/components/schemas/RestructuringPlan"}


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
    if not dry_run:  # a dry run keeps nothing: a read-only token may preview
        require_write_token(actor)
    result = plans.run(session, actor, plan, dry_run=dry_run)
    if isinstance(result, RestructuringPreview):
        return JSONResponse(result.model_dump(mode="json"), status_code=200)
    return with_etag(
        plans.to_public(result, actor), result.version, 201, f"/api/v1/restructurings/{result.id}"
    )


def _placed(
    issues: list[FieldIssue], sheet: workbook.SheetPlan | None, lang: str
) -> list[FieldIssue]:
    """Each error of a plan read from a workbook also names the sheet and row it came from
    (the field stays the plan's, as for JSON)."""
    if sheet is None:
        return issues
    placed = []
    for issue in issues:
        where = sheet.where(issue.field)
        if where is None:
            placed.append(issue)
            continue
        problem = translate(issue.message, lang, issue.params)
        params = {"sheet": where[0], "row": where[1], "problem": problem}
        placed.append(
            FieldIssue(issue.field, "Sheet {sheet}, row {row}: {problem}", issue.code, params)
        )
    return placed


def _raw_plan(upload: Upload) -> tuple[Any, workbook.SheetPlan | None]:
    if upload.content_type == XLSX:
        sheet = workbook.read_plan(upload.content)
        return sheet.plan, sheet
    if upload.content_type in ("application/json", ""):
        try:
            return json.loads(upload.content or b"null"), None
        except (ValueError, UnicodeDecodeError):
            raise Invalid(FieldIssue(upload.field, "Invalid value", "json_invalid")) from None
    raise Invalid(
        FieldIssue(upload.field, "Unsupported file type; send JSON or .xlsx", "unsupported")
    )


@router.post(
    "/restructurings/upload",
    status_code=201,
    response_model=RestructuringPublic,
    responses={
        **WRITE_ERRORS,
        200: {
            "model": PlanPreview,
            "description": "dry_run=true: what applying the plan would do, and the plan as read",
        },
    },
    openapi_extra=file_body(
        {"application/json": {"schema": PLAN_SCHEMA}, XLSX: {"schema": BINARY}},
        [XLSX, "application/json"],
    ),
)
async def upload_restructuring(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    lang: Lang,
    dry_run: Annotated[
        bool, Query(description="Preview only: apply, describe and roll back")
    ] = False,
) -> JSONResponse:
    """A plan as a file: an .xlsx in the layout of GET /restructurings/template.xlsx, or a
    JSON plan, sent as the `file` part of a multipart form (`curl -F file=@plan.xlsx`) or raw
    with its Content-Type. Read within the upload limits (413 past the body limit), validated
    and applied as POST /restructurings does; the errors of a workbook also name its sheet and
    row. The dry run's answer carries the plan as read, to apply without sending the file
    again."""
    upload = await read_upload(request)
    raw, sheet = await run_in_threadpool(_raw_plan, upload)
    try:
        plan = RestructuringPlan.model_validate(raw)
    except ValidationError as exc:
        issues = [issue_from_pydantic(e) for e in exc.errors()]  # type: ignore[arg-type]
        raise Invalid(*_placed(issues, sheet, lang)) from None
    if not dry_run:
        require_write_token(actor)
    try:
        result = await run_in_threadpool(plans.run, session, actor, plan, dry_run=dry_run)
    except Invalid as exc:
        exc.errors = _placed(exc.errors, sheet, lang)
        raise
    if isinstance(result, RestructuringPreview):
        read = PlanPreview(**result.model_dump(), plan=plan.model_dump(mode="json"))
        return JSONResponse(read.model_dump(mode="json"), status_code=200)
    return with_etag(
        plans.to_public(result, actor), result.version, 201, f"/api/v1/restructurings/{result.id}"
    )


@router.get(
    "/restructurings/template.xlsx",
    response_class=Response,
    responses={**READ_ERRORS, 200: {"content": {XLSX: {}}, "description": "An empty plan"}},
)
def restructuring_template(actor: CurrentActor) -> Response:
    """An .xlsx plan to fill in: the plan sheet, the events sheet with an example row, and a
    sheet explaining each column in Vietnamese. Upload it to POST /restructurings/upload."""
    authorize(actor, "restructurings.preview")
    name = "phuong-an-sap-xep.xlsx"
    return Response(
        workbook.template(),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/restructurings", responses=READ_ERRORS)
def list_restructurings(
    session: SessionDep, actor: CurrentActor, paging: PageDep
) -> Page[RestructuringPublic]:
    """Restructurings of your scope, newest first, and those that made your unit out of units
    your scope now inherits (readable, not revertible: `allowed_actions` says)."""
    rows, total = plans.list_restructurings(
        session, actor, limit=paging.limit, offset=paging.offset
    )
    owned = plans.owned_ids(session, actor, [r.id for r in rows])  # type: ignore[misc]
    return Page(
        items=[plans.to_public(r, actor, owned=r.id in owned) for r in rows],
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
    owned = bool(plans.owned_ids(session, actor, [restructuring_id]))
    return with_etag(plans.to_public(row, actor, owned=owned), row.version)


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
