"""Restructurings: the list of those applied in the user's scope, one as it was recorded (and
its revert, confirmed), and a new plan: upload or paste → the API's dry run → apply.

The plan is read by the API only (.xlsx or JSON). After the preview the page carries the plan
as the API read it, in a hidden field, so that applying it needs no second upload; the API
validates it again when it is applied. What the user may do comes from the API: `/me`
permissions for previewing and applying, `allowed_actions` for reverting."""

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from app.core.config import get_settings
from app.core.limits import human_size
from app.web.api_models import Me
from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.errors import PageForbidden
from app.web.flash import done_word
from app.web.forms import posted_version, read_form
from app.web.i18n import N_, gettext
from app.web.paging import Paging
from app.web.templating import render
from app.web.units import client as units_client
from app.web.units.models import EVENT_LABELS, PlanPreview, Restructuring

router = APIRouter()
PAGE_SIZE = 25
# The plan travels back in a hidden field: bounded well under the pages' 1 MB form limit.
MAX_PLAN_CHARS = 500_000
MAX_PASTED_CHARS = 500_000
KINDS = {".xlsx": units_client.XLSX, ".json": "application/json"}
FIELD_NAMES = {
    "title": N_("Title"),
    "effective_on": N_("Effective from"),
    "basis": N_("Legal basis"),
    "events": N_("Events"),
    "units": N_("Existing units"),
    "new_units": N_("New units"),
    "successors": N_("Units taking over"),
    "name": N_("New name"),
    "code": N_("Code"),
    "level": N_("Level"),
    "kind": N_("Kind"),
    "parent": N_("Parent unit"),
    "number": N_("Number"),
    "signed_on": N_("Signed on"),
    "file": N_("File"),
    "body": N_("Plan"),
    "content-type": N_("File type"),
}


@dataclass(frozen=True)
class PlanError:
    """One of the API's errors about a plan, named for a planner: which event, which part."""

    field: str
    where: str
    message: str
    event: int | None  # the event's index in the plan, when it is about one


def describe(field: str) -> tuple[str, int | None]:
    """events.3.new_units.0.code → ("Event 4 · New units 1 · Code", 3)."""
    parts = field.split(".")
    names: list[str] = []
    event = None
    if parts[0] == "events" and len(parts) > 1 and parts[1].isdigit():
        event = int(parts[1])
        names.append(gettext("Event %(number)s", number=event + 1))
        parts = parts[2:]
    for part in parts:
        if part.isdigit() and names:
            names[-1] = f"{names[-1]} {int(part) + 1}"
        elif part in FIELD_NAMES:
            names.append(gettext(FIELD_NAMES[part]))
        else:
            names.append(part)
    return " · ".join(names) or gettext("Plan"), event


def plan_errors(error: ApiError) -> list[PlanError]:
    found = []
    for problem in error.problem.errors:
        where, event = describe(problem.field)
        found.append(PlanError(problem.field, where, problem.message, event))
    if not found:
        found.append(PlanError("", gettext("Plan"), error.message, None))
    return found


@dataclass(frozen=True)
class PlannedRow:
    """One event of the plan as it will be sent, for the table beside its errors."""

    number: int
    label: str
    units: str
    takers: str
    detail: str


def plan_rows(plan: Any) -> list[PlannedRow]:
    events = plan.get("events") if isinstance(plan, dict) else None
    if not isinstance(events, list):
        return []
    rows = []
    for i, event in enumerate(events):
        if not isinstance(event, dict):
            continue
        kind = str(event.get("kind") or "")
        new = [n for n in event.get("new_units") or [] if isinstance(n, dict)]
        takers = [f"{n.get('name')} ({n.get('code')})" for n in new]
        takers += [str(c) for c in event.get("successors") or []]
        detail = event.get("name") or event.get("parent") or event.get("code") or ""
        rows.append(
            PlannedRow(
                number=i + 1,
                label=gettext(EVENT_LABELS[kind]) if kind in EVENT_LABELS else kind,
                units=", ".join(str(c) for c in event.get("units") or []),
                takers=", ".join(takers),
                detail=str(detail),
            )
        )
    return rows


# ---- the list and one restructuring -------------------------------------------------------


@router.get("/restructurings")
async def restructuring_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    paging = Paging.from_request(request, PAGE_SIZE)
    found = await units_client.restructurings(api, limit=paging.size, offset=paging.offset)
    context = {
        "items": found.items,
        "paging": paging.with_total(found.total),
        "can_plan": "restructurings.preview" in me.permissions,
    }
    return render(request, "units/restructurings.html", context, block="results")


@router.get("/restructurings/template.xlsx")
async def plan_template(api: ApiDep, _me: CurrentUser) -> Response:
    """The API's blank plan, passed on (the browser has no bearer token for the API)."""
    return Response(
        await units_client.plan_template(api),
        media_type=units_client.XLSX,
        headers={"Content-Disposition": 'attachment; filename="phuong-an-sap-xep.xlsx"'},
    )


def _new_page(request: Request, me: Me, context: dict[str, Any], status: int = 200) -> Response:
    context.setdefault("errors", [])
    context.setdefault("preview", None)
    context.setdefault("plan_json", "")
    context.setdefault("pasted", "")
    context.setdefault("message", None)
    rows = plan_rows(context.get("plan"))
    by_event: dict[int, list[PlanError]] = {}
    for problem in context["errors"]:
        if problem.event is not None:
            by_event.setdefault(problem.event, []).append(problem)
    context.update(
        rows=rows,
        by_event=by_event,
        can_apply="restructurings.write" in me.permissions,
        max_upload=human_size(get_settings().max_upload_bytes),
    )
    return render(request, "units/restructuring_new.html", context, status=status)


@router.get("/restructurings/new")
async def new_plan(request: Request, me: CurrentUser) -> Response:
    if "restructurings.preview" not in me.permissions:
        raise PageForbidden()
    return _new_page(request, me, {})


async def _posted_plan(request: Request) -> tuple[bytes, str, str] | str:
    """The uploaded file or the pasted JSON, with its type and what to show again in the text
    area; or why there is nothing to preview."""
    form = await request.form()
    upload = form.get("file")
    pasted = form.get("pasted")
    pasted = pasted[:MAX_PASTED_CHARS] if isinstance(pasted, str) else ""
    if isinstance(upload, UploadFile) and upload.filename:
        name = upload.filename[-120:]
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix not in KINDS:
            return gettext("Choose an .xlsx or .json file.")
        limit = get_settings().max_upload_bytes
        content = await upload.read(limit + 1)
        if len(content) > limit:
            return gettext("The file is too large (at most %(size)s).", size=human_size(limit))
        return content, KINDS[suffix], pasted
    if pasted.strip():
        return pasted.encode("utf-8"), "application/json", pasted
    return gettext("Choose a plan file, or paste the plan as JSON.")


@router.post("/restructurings/new")
async def preview(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    posted = await _posted_plan(request)
    if isinstance(posted, str):
        return _new_page(request, me, {"message": posted}, 422)
    content, content_type, pasted = posted
    try:
        found = await units_client.preview_plan(api, content, content_type)
    except ApiError as error:
        if error.status != 422:
            raise
        plan = _json_or_none(pasted)
        context = {"errors": plan_errors(error), "pasted": pasted, "plan": plan}
        return _new_page(request, me, context, 422)
    return _preview_page(request, me, found, pasted)


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def _preview_page(request: Request, me: Me, found: PlanPreview, pasted: str = "") -> Response:
    plan_json = json.dumps(found.plan, ensure_ascii=False, separators=(",", ":"))
    context: dict[str, Any] = {"preview": found, "plan": found.plan, "pasted": pasted}
    if len(plan_json) <= MAX_PLAN_CHARS:
        context["plan_json"] = plan_json
    else:
        context["message"] = gettext(
            "This plan is too large to apply from this page: apply it with the API or the "
            "command line."
        )
    return _new_page(request, me, context)


@router.post("/restructurings/apply")
async def apply(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    form = await read_form(request)
    text = form.get("plan", "")
    plan = _json_or_none(text) if len(text) <= MAX_PLAN_CHARS else None
    if not isinstance(plan, dict):
        return error_page(request, 400)
    try:
        done = await units_client.apply_plan(api, plan)
    except ApiError as error:
        if error.status != 422:
            raise
        # Refused now (the tree changed since the preview): the plan and why, nothing applied.
        context = {"errors": plan_errors(error), "plan": plan}
        return _new_page(request, me, context, 422)
    return redirect(request, f"/restructurings/{done.id}?done=applied")


@router.get("/restructurings/{restructuring_id}")
async def restructuring_page(
    request: Request, restructuring_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    found = await units_client.restructuring(api, restructuring_id)
    context = {"item": found, "done": done_word(request)}
    return render(request, "units/restructuring.html", context)


async def _confirm_page(
    request: Request, found: Restructuring, message: str | None = None, status: int = 200
) -> Response:
    context = {"item": found, "message": message}
    return render(request, "units/restructuring_revert.html", context, status=status)


@router.get("/restructurings/{restructuring_id}/revert")
async def confirm_revert(
    request: Request, restructuring_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    found = await units_client.restructuring(api, restructuring_id)
    if "revert" not in found.allowed_actions:
        raise PageForbidden()
    return await _confirm_page(request, found)


@router.post("/restructurings/{restructuring_id}/revert")
async def revert(
    request: Request, restructuring_id: int, api: ApiDep, _me: CurrentUser
) -> Response:
    values = await read_form(request)
    try:
        await units_client.revert(api, restructuring_id, posted_version(values))
    except ApiError as error:
        if error.status not in (409, 412):
            raise
        message = error.message
        if error.status == 412:
            message = gettext(
                "Someone changed this restructuring while you were reading it. Check it again "
                "below before you revert it."
            )
        found = await units_client.restructuring(api, restructuring_id)
        return await _confirm_page(request, found, message, error.status)
    return redirect(request, f"/restructurings/{restructuring_id}?done=reverted")
