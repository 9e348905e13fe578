"""The figures' calls to the JSON API: periods, metrics, reports and their workflow, validation,
rankings, completeness, targets, and the files (template, export, import)."""

import re
from datetime import date
from typing import Any

import httpx
from pydantic import TypeAdapter

from app.web.api_models import ApiModel, Page
from app.web.client import Api, ApiError
from app.web.reports.models import (
    Completeness,
    ImportProblem,
    ImportSummary,
    Indicator,
    LockException,
    Metric,
    Period,
    Ranking,
    Report,
    ReportDetail,
    Targets,
    Trend,
    Validation,
)

MAX_PAGE = 500
MAX_PREVIEW = 200  # the API describes at most this many rows of a dry run
MAX_REPORTS = 5000
_ROW_FIELD = re.compile(r"^rows\.(\d+)\.(.+)$")


def _filename(response: httpx.Response, default: str) -> str:
    found = re.search(r'filename="([^"]+)"', response.headers.get("content-disposition", ""))
    return found.group(1) if found else default


# ---- definitions ---------------------------------------------------------------------------


async def periods(api: Api, **filters: Any) -> list[Period]:
    """Every period (newest first), optionally of one year or status."""
    page = await api.fetch(Page[Period], "/periods", limit=MAX_PAGE, **filters)
    return page.items


async def period(api: Api, code: str) -> Period:
    return await api.fetch(Period, f"/periods/{code}")


async def metrics(api: Api) -> list[Metric]:
    return (await api.fetch(Page[Metric], "/metrics", limit=MAX_PAGE)).items


async def indicators(api: Api) -> list[Indicator]:
    return (await api.fetch(Page[Indicator], "/indicators", limit=MAX_PAGE)).items


async def targets(api: Api, year: int, unit_id: int | None = None) -> Targets:
    return await api.fetch(Targets, "/targets", year=year, unit_id=unit_id)


async def exceptions(api: Api, period_code: str) -> list[LockException]:
    response = await api.call("GET", f"/periods/{period_code}/exceptions")
    return TypeAdapter(list[LockException]).validate_python(response.json())


async def add_exception(api: Api, period_code: str, unit_id: int, reason: str) -> None:
    await api.call(
        "POST", f"/periods/{period_code}/exceptions", json={"unit_id": unit_id, "reason": reason}
    )


# ---- reports -------------------------------------------------------------------------------


async def reports(api: Api, *, limit: int = 50, offset: int = 0, **filters: Any) -> Page[Report]:
    return await api.fetch(Page[Report], "/reports", limit=limit, offset=offset, **filters)


async def all_reports(api: Api, **filters: Any) -> list[Report]:
    return await api.fetch_all(Report, "/reports", most=MAX_REPORTS, **filters)


async def trend(api: Api, unit_id: int) -> Trend:
    """The unit's figures period by period, its predecessors' summed before it existed."""
    return await api.fetch(Trend, "/trends", unit_id=unit_id)


async def report_for(api: Api, unit_id: int, period_code: str) -> Report | None:
    page = await reports(api, limit=1, unit_id=unit_id, period=period_code)
    return page.items[0] if page.items else None


async def report(api: Api, report_id: int) -> ReportDetail:
    return await api.fetch(ReportDetail, f"/reports/{report_id}")


async def create_report(
    api: Api, unit_id: int, period_code: str, values: dict[str, Any]
) -> ReportDetail:
    data = {"unit_id": unit_id, "period": period_code, "values": values}
    return await api.write(ReportDetail, "POST", "/reports", json=data)


async def update_report(
    api: Api, report_id: int, values: dict[str, Any], version: int
) -> ReportDetail:
    path = f"/reports/{report_id}"
    return await api.write(ReportDetail, "PATCH", path, json={"values": values}, version=version)


async def transition(
    api: Api, report_id: int, action: str, version: int, body: dict[str, str] | None = None
) -> ReportDetail:
    """submit, approve, return (body: comment) or reopen (body: reason)."""
    path = f"/reports/{report_id}/{action}"
    return await api.write(ReportDetail, "POST", path, json=body, version=version)


async def validate(api: Api, unit_id: int, period_code: str, values: dict[str, Any]) -> Validation:
    """The API's dry run: derived values, rates, every rule's issues, the targets, and the
    office's earlier figures (so a blank form shows them too)."""
    data = {"unit_id": unit_id, "period": period_code, "values": values}
    return await api.write(Validation, "POST", "/reports/validate", json=data)


# ---- rankings ------------------------------------------------------------------------------


async def completeness(api: Api, period_code: str, parent_id: int | None = None) -> Completeness:
    return await api.fetch(Completeness, "/completeness", period=period_code, parent_id=parent_id)


async def ranking(
    api: Api,
    period_code: str,
    *,
    preview: bool = False,
    parent_id: int | None = None,
    as_of: date | None = None,
) -> Ranking:
    return await api.fetch(
        Ranking,
        "/rankings",
        period=period_code,
        preview="true" if preview else None,
        parent_id=parent_id,
        as_of=as_of.isoformat() if as_of else None,
    )


# ---- files ---------------------------------------------------------------------------------


async def template(api: Api, unit_id: int, period_code: str) -> tuple[str, bytes]:
    response = await api.call(
        "GET", "/reports/template", params={"unit_id": unit_id, "period": period_code}
    )
    return _filename(response, f"bao-cao-{period_code}.xlsx"), response.content


async def export(
    api: Api, period_code: str, fmt: str, status: str | None = None
) -> tuple[str, str, bytes]:
    response = await api.call(
        "GET",
        "/reports/export",
        params={"period": period_code, "format": fmt, "status": status},
    )
    media = response.headers.get("content-type", "application/octet-stream")
    return _filename(response, f"so-lieu-{period_code}.{fmt}"), media, response.content


class ImportChange(ApiModel):
    metric: str
    before: int | None = None
    after: int | None = None


class ImportRowPreview(ApiModel):
    row: int
    unit: str
    unit_name: str = ""
    period: str
    kind: str  # new, update, unchanged
    changes: list[ImportChange] = []


class ImportPreview(ImportSummary):
    """A dry run's summary with what its first rows would do, as the API read the file."""

    rows: list[ImportRowPreview] | None = None  # the API sends none without `preview`


async def import_file(
    api: Api, content: bytes, content_type: str, *, dry_run: bool, preview: int = 0
) -> ImportPreview:
    """The API's import summary (with `preview`, what the first rows would change); a refused
    file (422) comes back as a summary with its errors by row and field, so the page shows them
    the same way. The API reads the file, within its limits; the page never parses it."""
    params = {"dry_run": "true" if dry_run else "false"}
    if preview:
        params["preview"] = str(min(preview, MAX_PREVIEW))
    try:
        response = await api.call(
            "POST",
            "/reports/import",
            params=params,
            content=content,
            headers={"Content-Type": content_type},
        )
    except ApiError as error:
        if error.status != 422:
            raise
        problems = []
        for item in error.problem.errors:
            found = _ROW_FIELD.match(item.field)
            row, name = (int(found.group(1)), found.group(2)) if found else (0, item.field)
            problems.append(ImportProblem(row=row, field=name, message=item.message))
        if not problems:
            problems.append(ImportProblem(row=0, field="file", message=error.message))
        return ImportPreview(
            dry_run=dry_run, rejected=len({p.row for p in problems}), errors=problems
        )
    return ImportPreview.model_validate(response.json())
