"""Figures as files: the Excel entry sheet and the exports (streamed from the API, which the
browser cannot call without a bearer token), and the upload → preview → apply of an import."""

import asyncio
import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.core.config import get_settings
from app.core.limits import human_size
from app.web.client import Api
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.forms import digits, read_form
from app.web.i18n import N_, gettext
from app.web.reports import client as reports_client
from app.web.reports.common import period_code
from app.web.reports.models import Metric
from app.web.session import safe_next
from app.web.templating import render

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = {".xlsx": XLSX, ".csv": "text/csv", ".json": "application/json"}
SHOWN_ROWS = 50
FIELD_NAMES = {
    "unit": N_("Unit code"),
    "period": N_("Period"),
    "status": N_("Status"),
    "file": N_("File"),
    "content-type": N_("File type"),
}


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
    name, content = await reports_client.template(api, unit_id, code)
    return _download(name, XLSX, content)


@router.get("/reports/export")
async def export(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    params = request.query_params
    code = period_code(params.get("period"))
    fmt = params.get("format", "csv")
    status = params.get("status") or None
    if code is None or fmt not in ("csv", "xlsx"):
        return error_page(request, 400)
    name, media, content = await reports_client.export(api, code, fmt, status)
    return _download(name, media, content)


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
    summary: reports_client.ImportPreview
    metrics: list[Metric]
    rows: list[RowPreview] = field(default_factory=list)
    hidden_rows: int = 0

    def field_name(self, code: str) -> str:
        if code in FIELD_NAMES:
            return gettext(FIELD_NAMES[code])
        metric = next((m for m in self.metrics if m.code == code), None)
        return metric.name if metric else code


async def build_preview(api: Api, filename: str, content: bytes, content_type: str) -> Preview:
    """The API's dry run, which reads the file within its limits and says what each row would
    change; the page only names the metrics."""
    summary, metrics = await asyncio.gather(
        reports_client.import_file(api, content, content_type, dry_run=True, preview=SHOWN_ROWS),
        reports_client.metrics(api),
    )
    preview = Preview(
        filename, content_type, base64.b64encode(content).decode("ascii"), summary, metrics
    )
    if summary.rejected:
        return preview
    names = {m.code: m.name for m in metrics}
    for row in (summary.rows or [])[:SHOWN_ROWS]:
        changes = [
            Change(c.metric, names.get(c.metric, c.metric), c.before, c.after) for c in row.changes
        ]
        preview.rows.append(RowPreview(row.unit, row.unit_name, row.period, row.kind, changes))
    shown = len(preview.rows)
    preview.hidden_rows = max(0, summary.created + summary.updated + summary.unchanged - shown)
    return preview


def _panel(request: Request, context: dict[str, Any], status: int = 200) -> Response:
    return render(request, "reports/import.html", context, block="import_panel", status=status)


@router.post("/reports/import")
async def upload(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    form = await request.form()
    back = safe_next(str(form.get("back") or ""), "/reports")
    upload = form.get("file")
    context: dict[str, Any] = {"back": back}
    if not isinstance(upload, UploadFile) or not upload.filename:
        context["upload_error"] = gettext("Choose a file to upload.")
        return _panel(request, context, 422)
    filename = upload.filename[-120:]
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    limit = get_settings().max_upload_bytes
    content = await upload.read(limit + 1)
    if suffix not in KINDS:
        context["upload_error"] = gettext("Choose an .xlsx, .csv or .json file.")
        return _panel(request, context, 422)
    if len(content) > limit:
        context["upload_error"] = gettext("The file is too large (at most %(size)s).") % {
            "size": human_size(limit)
        }
        return _panel(request, context, 422)
    context["preview"] = await build_preview(api, filename, content, KINDS[suffix])
    return _panel(request, context, 422 if context["preview"].summary.rejected else 200)


@router.post("/reports/import/apply")
async def apply(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    form = await read_form(request)
    back = safe_next(form.get("back"), "/reports")
    content_type = form.get("content_type", "")
    try:
        content = base64.b64decode(form.get("content", ""), validate=True)
    except (binascii.Error, ValueError):
        content = b""
    if (
        content_type not in KINDS.values()
        or not content
        or len(content) > get_settings().max_upload_bytes
    ):
        return error_page(request, 400)
    summary = await reports_client.import_file(api, content, content_type, dry_run=False)
    if summary.applied:
        joiner = "&" if "?" in back else "?"
        return redirect(request, f"{back}{joiner}done=imported")
    # Refused now (someone changed a report meanwhile): show why, nothing was written.
    preview = await build_preview(api, form.get("filename", "")[:120], content, content_type)
    return _panel(request, {"back": back, "preview": preview}, 422)
