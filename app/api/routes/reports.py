import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.lang import Lang
from app.api.openapi import BINARY, READ_ERRORS, WRITE_ERRORS, errors, file_body
from app.api.responses import create_once, with_etag
from app.api.uploads import read_upload
from app.core.errors import FieldIssue, Invalid
from app.core.types import Id
from app.models.base import Page
from app.models.reports import (
    ReportComment,
    ReportCreate,
    ReportDetail,
    ReportPatch,
    ReportPublic,
    ReportReason,
    ReportStatus,
    ReportValidation,
)
from app.services.reports import exports, imports, reports

router = APIRouter(tags=["reports"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 10 * 1024 * 1024
IMPORT_JSON = {
    "type": "object",
    "properties": {
        "rows": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "unit": {"type": "string", "description": "unit code"},
                    "period": {"type": "string", "description": "period code"},
                    "values": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
            },
        }
    },
}
PeriodCode = Annotated[
    str, Query(pattern=r"^\d{4}-Q[1-4]$", max_length=7, description="e.g. 2022-Q4")
]


@router.get("/reports", responses=READ_ERRORS)
def list_reports(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    lang: Lang,
    period: Annotated[str | None, Query(pattern=r"^\d{4}-Q[1-4]$", max_length=7)] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    unit_id: Id | None = None,
    parent_id: Annotated[Id | None, Query(description="Reports of units under this one")] = None,
    status: ReportStatus | None = None,
    late: bool | None = None,
) -> Page[ReportPublic]:
    """Reports of your subtree, newest period first, with their indicators computed."""
    items, total = reports.list_reports(
        session,
        actor,
        period=period,
        year=year,
        unit_id=unit_id,
        parent_id=parent_id,
        status=status,
        late=late,
        limit=paging.limit,
        offset=paging.offset,
        lang=lang,
    )
    return Page(items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.post("/reports", status_code=201, response_model=ReportDetail, responses=WRITE_ERRORS)
def create_report(
    data: ReportCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
    lang: Lang,
) -> JSONResponse:
    """A draft for a unit and period; values may be partial. One report per unit and period (409)."""

    def work() -> tuple[ReportDetail, int, str]:
        report = reports.create_report(session, actor, data, lang=lang)
        return report, report.version, f"/api/v1/reports/{report.id}"

    return create_once(session, actor, request, key, data, work)


@router.post("/reports/validate", responses=READ_ERRORS)
def validate_report(
    data: ReportCreate, session: SessionDep, actor: CurrentActor, lang: Lang
) -> ReportValidation:
    """Dry run: derived values, indicators, issues, and the attainment against the unit's
    targets for these values; nothing is saved."""
    return reports.validate(session, actor, data, lang=lang)


@router.post(
    "/reports/import",
    responses={
        **errors(401, 403, 422),
        200: {"description": "Import summary (applied, or what a dry run would do)"},
    },
    response_model_exclude_none=True,
    openapi_extra=file_body(
        {
            "application/json": {"schema": IMPORT_JSON},
            "text/csv": {"schema": BINARY},
            XLSX: {"schema": BINARY},
        },
        ["text/csv", XLSX, "application/json"],
    ),
)
async def import_reports(
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    lang: Lang,
    dry_run: Annotated[bool, Query(description="Report what would change; write nothing")] = False,
    preview: Annotated[
        int, Query(ge=0, le=200, description="Also describe what the first N valid rows do")
    ] = 0,
) -> imports.ImportSummary:
    """Bulk figures keyed by unit code and period code, as JSON `{"rows": [...]}`, CSV (columns
    unit, period and metric codes) or .xlsx (the export layout or a report template). All rows or
    none: one bad row → 422 naming the row and field, nothing written.

    Send the file raw with its Content-Type, or as the `file` part of a multipart/form-data
    form (`curl -F file=@q4.csv`): the part's type decides the format, or else its file name's
    extension (.csv, .xlsx, .json)."""
    upload = await read_upload(request)
    body, kind = upload.content, upload.content_type
    if len(body) > MAX_UPLOAD:
        raise Invalid(
            FieldIssue(
                "file", "At most {max_length} characters", "too_large", {"max_length": MAX_UPLOAD}
            )
        )
    if kind in ("application/json", ""):
        try:
            parsed = json.loads(body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise Invalid(FieldIssue("body", "Invalid value", "json_invalid")) from None
        rows = imports.rows_from_json(parsed)
    elif kind in ("text/csv", "application/csv"):
        rows = await run_in_threadpool(imports.rows_from_csv, body)
    elif kind == XLSX:
        rows = await run_in_threadpool(imports.rows_from_xlsx, body)
    else:
        raise Invalid(
            FieldIssue(
                upload.field, "Unsupported file type; send JSON, CSV or .xlsx", "unsupported"
            )
        )
    summary = await run_in_threadpool(
        imports.import_rows, session, actor, rows, dry_run=dry_run, lang=lang, preview=preview
    )
    if summary.rejected:
        problem = Invalid(
            *[FieldIssue(f"rows.{e.row}.{e.field}", e.message, "import") for e in summary.errors],
            detail="Nothing was imported: some rows are invalid",
        )
        raise problem
    return summary


@router.get(
    "/reports/export",
    response_class=Response,
    responses={
        **READ_ERRORS,
        200: {"content": {"text/csv": {}, XLSX: {}}, "description": "The figures"},
    },
)
def export_reports(
    session: SessionDep,
    actor: CurrentActor,
    lang: Lang,
    period: PeriodCode,
    format: Literal["csv", "xlsx"] = "csv",
    status: ReportStatus | None = None,
) -> Response:
    """One row per report: unit, period, status, inputs, derived values, indicators."""
    header, table = exports.export_rows(session, actor, period, status=status, lang=lang)
    name = f"so-lieu-{period}.{format}"
    if format == "xlsx":
        content, media = exports.to_xlsx(header, table, f"Số liệu {period}"), XLSX
    else:
        content, media = exports.to_csv(header, table), "text/csv; charset=utf-8"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get(
    "/reports/template",
    response_class=Response,
    responses={**READ_ERRORS, 200: {"content": {XLSX: {}}, "description": "The entry sheet"}},
)
def report_template(
    session: SessionDep, actor: CurrentActor, unit_id: Id, period: PeriodCode
) -> Response:
    """An .xlsx entry sheet for one unit and period, pre-filled; upload it to /reports/import."""
    name, content = exports.template(session, actor, unit_id, period)
    return Response(
        content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/reports/{report_id}", response_model=ReportDetail, responses=READ_ERRORS)
def get_report(report_id: Id, session: SessionDep, actor: CurrentActor, lang: Lang) -> JSONResponse:
    report = reports.get_report(session, actor, report_id, lang=lang)
    return with_etag(report, report.version)


@router.patch("/reports/{report_id}", response_model=ReportDetail, responses=WRITE_ERRORS)
def patch_report(
    report_id: Id,
    data: ReportPatch,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Change some values (null clears one). Only drafts and returned reports; approved → 409."""
    report = reports.update_values(
        session, actor, report_id, data.values, expected_version=expected, lang=lang
    )
    return with_etag(report, report.version)


@router.post("/reports/{report_id}/submit", response_model=ReportDetail, responses=WRITE_ERRORS)
def submit_report(
    report_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch, lang: Lang
) -> JSONResponse:
    """Refused (422, naming the fields) while a value is missing or an `error` rule fails."""
    report = reports.submit(session, actor, report_id, expected_version=expected, lang=lang)
    return with_etag(report, report.version)


@router.post("/reports/{report_id}/approve", response_model=ReportDetail, responses=WRITE_ERRORS)
def approve_report(
    report_id: Id, session: SessionDep, actor: CurrentActor, expected: IfMatch, lang: Lang
) -> JSONResponse:
    """Reviewers: approve a submitted report; its figures are locked and start to rank."""
    report = reports.approve(session, actor, report_id, expected_version=expected, lang=lang)
    return with_etag(report, report.version)


@router.post("/reports/{report_id}/return", response_model=ReportDetail, responses=WRITE_ERRORS)
def return_report(
    report_id: Id,
    data: ReportComment,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Reviewers: send a submitted report back with a comment saying what to fix."""
    report = reports.return_report(
        session, actor, report_id, data.comment, expected_version=expected, lang=lang
    )
    return with_etag(report, report.version)


@router.post("/reports/{report_id}/reopen", response_model=ReportDetail, responses=WRITE_ERRORS)
def reopen_report(
    report_id: Id,
    data: ReportReason,
    session: SessionDep,
    actor: CurrentActor,
    expected: IfMatch,
    lang: Lang,
) -> JSONResponse:
    """Reviewers: unlock an approved report, with the reason."""
    report = reports.reopen(
        session, actor, report_id, data.reason, expected_version=expected, lang=lang
    )
    return with_etag(report, report.version)
