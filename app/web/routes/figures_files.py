"""Figures as files: the Excel entry sheet and the exports (streamed from the API, which the
browser cannot call without a bearer token), and the upload → preview → apply of an import."""

import asyncio
import base64
import binascii
import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from openpyxl import load_workbook
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.web import api_figures
from app.web.client import Api
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.errors import PageForbidden
from app.web.forms import read_form
from app.web.i18n import N_, gettext
from app.web.models_figures import ImportSummary, Metric, Report
from app.web.routes.figures_common import can_write, digits, period_code
from app.web.session import safe_next
from app.web.templating import render

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {".xlsx": XLSX, ".csv": "text/csv", ".json": "application/json"}
MAX_UPLOAD = 2 * 1024 * 1024
SHOWN_ROWS = 50
TEMPLATE_SHEET = "Báo cáo"
META_SHEET = "_thidua"
UNIT_HEADERS = ("unit", "unit_code", "mã đơn vị")
PERIOD_HEADERS = ("period", "kỳ", "ky")
FIELD_NAMES = {
    "unit": N_("Unit code"),
    "period": N_("Period"),
    "status": N_("Status"),
    "file": N_("File"),
    "content-type": N_("File type"),
}
_GROUPED = re.compile(r"^\d{1,3}([. \u00a0]\d{3})+$")


def _download(name: str, media: str, content: bytes) -> Response:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:120] or "download"
    return Response(
        content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{safe}"'}
    )


@router.get("/reports/template")
async def template(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    unit_id = digits(request.query_params.get("unit_id"))
    code = period_code(request.query_params.get("period"))
    if unit_id is None or code is None:
        return error_page(request, 400)
    name, content = await api_figures.template(api, unit_id, code)
    return _download(name, XLSX, content)


@router.get("/reports/export")
async def export(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    params = request.query_params
    code = period_code(params.get("period"))
    fmt = params.get("format", "csv")
    status = params.get("status") or None
    if code is None or fmt not in ("csv", "xlsx"):
        return error_page(request, 400)
    name, media, content = await api_figures.export(api, code, fmt, status)
    return _download(name, media, content)


# ---- reading an uploaded file for the preview ----------------------------------------------


@dataclass
class FileRow:
    unit: str
    period: str
    values: dict[str, int] = field(default_factory=dict)


def _number(raw: Any) -> int | None:
    """The cell as the API will read it, or None (the API reports what it cannot read)."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    text = str(raw).strip()
    if _GROUPED.match(text):
        text = re.sub(r"[. \u00a0]", "", text)
    return int(text) if text.isdigit() else None


def _table(header: list[Any], records: list[list[Any]], inputs: set[str]) -> list[FileRow]:
    names = [str(h).strip().lower() if h is not None else "" for h in header]
    unit_col = next((i for i, n in enumerate(names) if n in UNIT_HEADERS), None)
    period_col = next((i for i, n in enumerate(names) if n in PERIOD_HEADERS), None)
    if unit_col is None or period_col is None:
        return []
    rows = []
    for record in records:
        cells = list(record) + [None] * (len(names) - len(record))
        if not any(c not in (None, "") for c in cells):
            continue
        values = {}
        for i, name in enumerate(names):
            number = _number(cells[i]) if name in inputs else None
            if number is not None:
                values[name] = number
        rows.append(
            FileRow(
                str(cells[unit_col] or "").strip(), str(cells[period_col] or "").strip(), values
            )
        )
    return rows


def _read_xlsx(content: bytes, inputs: set[str]) -> list[FileRow]:
    book = load_workbook(io.BytesIO(content), data_only=True)
    if META_SHEET in book.sheetnames:  # one report's entry sheet
        meta = book[META_SHEET]
        sheet = book[TEMPLATE_SHEET] if TEMPLATE_SHEET in book.sheetnames else book.worksheets[0]
        values = {}
        for row in sheet.iter_rows(min_row=1, max_col=3, values_only=True):
            code = row[0] if row else None
            number = _number(row[2]) if len(row) >= 3 else None
            if isinstance(code, str) and code in inputs and number is not None:
                values[code] = number
        return [FileRow(str(meta["B1"].value or ""), str(meta["B2"].value or ""), values)]
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    return _table(rows[0], rows[1:], inputs) if rows else []


def read_file(content: bytes, content_type: str, inputs: set[str]) -> list[FileRow]:
    """What the file would write, read the way the API reads it (for the preview only: the API
    decides). An unreadable file gives no rows; the API's dry run says why."""
    try:
        if content_type == XLSX:
            return _read_xlsx(content, inputs)
        if content_type == "text/csv":
            lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            return _table(lines[0], lines[1:], inputs) if lines else []
        body = json.loads(content)
        items = body.get("rows") if isinstance(body, dict) else body
        return [
            FileRow(
                str(item.get("unit") or item.get("unit_code") or ""),
                str(item.get("period") or ""),
                {
                    k: n
                    for k, v in (item.get("values") or {}).items()
                    if k in inputs and (n := _number(v)) is not None
                },
            )
            for item in items or []
            if isinstance(item, dict)
        ]
    except Exception:  # a broken file of any kind: the API's answer explains it
        return []


# ---- the preview ---------------------------------------------------------------------------


@dataclass
class Change:
    code: str
    name: str
    before: int | None
    after: int | None


@dataclass
class RowPreview:
    unit_code: str
    unit_name: str
    period: str
    kind: str  # new, update, unchanged
    changes: list[Change]


@dataclass
class Preview:
    filename: str
    content_type: str
    content_b64: str
    summary: ImportSummary
    metrics: list[Metric]
    rows: list[RowPreview] = field(default_factory=list)
    hidden_rows: int = 0

    def field_name(self, code: str) -> str:
        if code in FIELD_NAMES:
            return gettext(FIELD_NAMES[code])
        metric = next((m for m in self.metrics if m.code == code), None)
        return metric.name if metric else code


async def _current(api: Api, periods: set[str]) -> dict[tuple[str, str], Report]:
    found = await asyncio.gather(*(api_figures.all_reports(api, period=p) for p in periods))
    return {(r.unit.code, r.period): r for reports in found for r in reports}


async def build_preview(api: Api, filename: str, content: bytes, content_type: str) -> Preview:
    summary, metrics = await asyncio.gather(
        api_figures.import_file(api, content, content_type, dry_run=True),
        api_figures.metrics(api),
    )
    preview = Preview(
        filename, content_type, base64.b64encode(content).decode("ascii"), summary, metrics
    )
    if summary.rejected:
        return preview
    inputs = [m for m in metrics if m.is_input]
    rows = await run_in_threadpool(read_file, content, content_type, {m.code for m in inputs})
    valid_periods = {r.period for r in rows if period_code(r.period)}
    current = await _current(api, valid_periods) if valid_periods else {}
    for row in rows:
        report = current.get((row.unit, row.period))
        before = report.values if report else {}
        changes = [
            Change(m.code, m.name, before.get(m.code), row.values[m.code])
            for m in inputs
            if m.code in row.values and before.get(m.code) != row.values[m.code]
        ]
        kind = "new" if report is None else ("update" if changes else "unchanged")
        name = report.unit.name if report else ""
        if len(preview.rows) < SHOWN_ROWS:
            preview.rows.append(RowPreview(row.unit, name, row.period, kind, changes))
        else:
            preview.hidden_rows += 1
    return preview


def _panel(request: Request, context: dict[str, Any], status: int = 200) -> Response:
    return render(
        request, "pages/figures_import.html", context, block="import_panel", status=status
    )


@router.post("/reports/import")
async def upload(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if not can_write(me):
        raise PageForbidden()
    form = await request.form()
    back = safe_next(str(form.get("back") or ""), "/reports")
    upload = form.get("file")
    context: dict[str, Any] = {"back": back}
    if not isinstance(upload, UploadFile) or not upload.filename:
        context["upload_error"] = gettext("Choose a file to upload.")
        return _panel(request, context, 422)
    filename = upload.filename[-120:]
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    content = await upload.read(MAX_UPLOAD + 1)
    if suffix not in KINDS:
        context["upload_error"] = gettext("Choose an .xlsx, .csv or .json file.")
        return _panel(request, context, 422)
    if len(content) > MAX_UPLOAD:
        context["upload_error"] = gettext("The file is too large (at most 2 MB).")
        return _panel(request, context, 422)
    context["preview"] = await build_preview(api, filename, content, KINDS[suffix])
    return _panel(request, context, 422 if context["preview"].summary.rejected else 200)


@router.post("/reports/import/apply")
async def apply(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    if not can_write(me):
        raise PageForbidden()
    form = await read_form(request)
    back = safe_next(form.get("back"), "/reports")
    content_type = form.get("content_type", "")
    try:
        content = base64.b64decode(form.get("content", ""), validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if content_type not in KINDS.values() or not content or len(content) > MAX_UPLOAD:
        return error_page(request, 400)
    summary = await api_figures.import_file(api, content, content_type, dry_run=False)
    if summary.applied:
        joiner = "&" if "?" in back else "?"
        return redirect(request, f"{back}{joiner}done=imported")
    # Refused now (someone changed a report meanwhile): show why, nothing was written.
    preview = await build_preview(api, form.get("filename", "")[:120], content, content_type)
    return _panel(request, {"back": back, "preview": preview}, 422)
