"""The figures form of one office and period: sections Về việc and Về tiền, derived totals and
both rates recomputed as the clerk types, save and submit, and the report's history. The
reviewer's decisions are in review.py."""

import asyncio
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me, UnitRef
from app.web.client import Api, ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.flash import done_word
from app.web.forms import digits, posted_version, read_form
from app.web.i18n import N_, gettext
from app.web.reports import client as reports_client
from app.web.reports import common as fig
from app.web.reports.common import SECTIONS, Typed, period_code, value_errors
from app.web.reports.models import (
    Evaluation,
    Indicator,
    Metric,
    Period,
    ReportDetail,
    Validation,
)
from app.web.templating import render

router = APIRouter()
PAGE = "reports/report.html"
Values = dict[str, int | None]
STALE = N_(
    "Someone else changed this report while you were working on it. Reload the page to see "
    "the current figures, then make your change again."
)
NOT_SUBMITTED = N_(
    "The figures are saved as a draft, but the report cannot be submitted until the fields "
    "marked below are fixed."
)
NOT_SAVED = N_("The figures were not saved: please correct the fields marked below.")
DONE = {
    "saved": N_("The figures have been saved as a draft."),
    "submitted": N_("The report has been submitted. The Cục will review it."),
    "approved": N_("The report has been approved; its figures are now locked."),
    "returned": N_("The report has been returned to the office with your comment."),
    "reopened": N_("The report has been reopened; the office can correct it."),
    "unlocked": N_("The period has been reopened for this office."),
    "imported": N_("The figures from the file have been imported."),
}


class NotReporting(Exception):
    """The unit asked for does not report figures (an internal office, an outside partner)."""


@dataclass
class Sheet:
    """One unit's figures for one period, and what the page needs to show them."""

    unit: UnitRef
    period: Period
    metrics: list[Metric]
    indicators: list[Indicator]
    targets: dict[str, float | None]
    report: ReportDetail | None = None
    writable: bool = True  # the period takes this unit's changes (open, or a lock exception)
    # The office's figures of last quarter and of the same quarter last year.
    earlier: tuple[Values | None, Values | None] = (None, None)

    @property
    def sections(self) -> list[tuple[str, str, list[Metric]]]:
        return [
            (code, gettext(title), [m for m in self.metrics if m.dimension == code])
            for code, title in SECTIONS
        ]

    @property
    def status(self) -> str | None:
        return self.report.status if self.report else None


@dataclass
class View:
    """What the user typed and what is wrong with it."""

    typed: Typed
    evaluation: Evaluation
    errors: dict[str, str] = field(default_factory=dict)
    message: str | None = None
    review: dict[str, str] = field(default_factory=dict)  # comment / reason typed
    review_errors: dict[str, str] = field(default_factory=dict)


async def _writable(api: Api, period: Period, unit_id: int) -> bool:
    if period.is_open:
        return True
    return any(e.unit.id == unit_id for e in await reports_client.exceptions(api, period.code))


async def _dry_run(api: Api, unit_id: int, code: str) -> Validation | None:
    """None when the API refuses the unit or period (the page then says why)."""
    try:
        return await reports_client.validate(api, unit_id, code, {})
    except ApiError as error:
        if error.status != 422:
            raise
        return None


async def load_sheet(
    api: Api, *, report: ReportDetail | None = None, unit_id: int = 0, code: str = ""
) -> Sheet:
    if report is not None:
        metrics, indicators, period = await asyncio.gather(
            reports_client.metrics(api),
            reports_client.indicators(api),
            reports_client.period(api, report.period),
        )
        unit, targets = report.unit, report.targets
        earlier = (report.previous_quarter, report.same_quarter_last_year)
    else:
        found, metrics, indicators, period, blank = await asyncio.gather(
            api.unit(unit_id),
            reports_client.metrics(api),
            reports_client.indicators(api),
            reports_client.period(api, code),
            _dry_run(api, unit_id, code),
        )
        if not found.reports_figures:
            raise NotReporting()
        unit = UnitRef.model_validate(found.model_dump())
        # The blank form's dry run brings the targets and the office's earlier figures.
        targets = blank.targets if blank else {}
        earlier = (blank.previous_quarter, blank.same_quarter_last_year) if blank else (None, None)
    writable = await _writable(api, period, unit.id)
    return Sheet(unit, period, metrics, indicators, targets, report, writable, earlier)


async def evaluate_typed(
    api: Api, unit_id: int, code: str, typed: Typed
) -> tuple[Evaluation, dict[str, str]]:
    """The API's dry run on what was typed; a value it cannot read is named, and the rest are
    evaluated without it."""
    try:
        return await reports_client.validate(api, unit_id, code, typed.values), {}
    except ApiError as error:
        errors = value_errors(error) if error.status == 422 else {}
        if not errors:
            raise
    evaluation = await reports_client.validate(api, unit_id, code, typed.without(set(errors)))
    return evaluation, errors


def render_sheet(
    request: Request,
    me: Me,
    sheet: Sheet,
    view: View,
    *,
    status: int = 200,
    push_url: str | None = None,
) -> Response:
    report = sheet.report
    # What the API allows: on a report its own allowed_actions; before one exists, entering
    # figures (reports.write) while the period takes this unit's changes.
    can = set(report.allowed_actions) if report else set()
    if report is None and "reports.write" in me.permissions and sheet.writable:
        can = {"update", "submit"}
    done = done_word(request)
    context: dict[str, Any] = {
        "sheet": sheet,
        "report": report,
        "view": view,
        "metrics": sheet.metrics,
        "indicators": sheet.indicators,
        "targets": sheet.targets,
        "can": can,
        "editable": "update" in can,
        # Reopening a closed period for one office (a lock exception) manages periods.
        "manages_periods": "periods.manage" in me.permissions,
        "writer": "reports.write" in me.permissions,
        "action_url": f"/reports/{report.id}" if report else "/reports/new",
        "notice": gettext(DONE[done]) if done in DONE else None,
        "due": fig.due_note(sheet.period.due_on),
        "year_end": sheet.period.quarter == 4,
        "fig": fig,
    }
    headers = {"HX-Push-Url": push_url} if push_url else None
    return render(request, PAGE, context, block="report_page", status=status, headers=headers)


def _other_errors(error: ApiError) -> str | None:
    """Messages about something other than a figure (the unit, the period …), for the top."""
    others = [m for name, m in error.field_errors.items() if not name.startswith("values.")]
    if others:
        return " ".join(others)
    return None if error.field_errors else error.message


# ---- pages ---------------------------------------------------------------------------------


@router.get("/reports/new")
async def new_report(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    unit_id = digits(params.get("unit_id")) or me.unit.id
    code = period_code(params.get("period"))
    if code is None:
        newest = fig.newest_open(await reports_client.periods(api))
        if newest is None:
            return error_page(request, 404)
        code = newest.code
    existing = await reports_client.report_for(api, unit_id, code)
    if existing is not None:
        return redirect(request, f"/reports/{existing.id}")
    try:
        sheet = await load_sheet(api, unit_id=unit_id, code=code)
    except NotReporting:
        return error_page(request, 400, gettext("This unit does not report figures."))
    view = View(Typed.from_values({}, sheet.metrics), Evaluation())
    return render_sheet(request, me, sheet, view)


@router.get("/reports/{report_id:int}")
async def report_page(request: Request, report_id: int, api: ApiDep, me: CurrentUser) -> Response:
    report = await reports_client.report(api, report_id)
    sheet = await load_sheet(api, report=report)
    view = View(Typed.from_values(report.values, sheet.metrics), report)
    return render_sheet(request, me, sheet, view)


# ---- the live results ----------------------------------------------------------------------


@router.post("/reports/live")
async def live_results(request: Request, api: ApiDep, _me: CurrentUser) -> Response:
    """Derived totals, both rates and the issues for what is typed; nothing is saved."""
    form = await read_form(request)
    unit_id, code = digits(form.get("unit_id")), period_code(form.get("period"))
    if unit_id is None or code is None:
        return error_page(request, 400)
    metrics, indicators, goal = await asyncio.gather(
        reports_client.metrics(api),
        reports_client.indicators(api),
        reports_client.targets(api, int(code[:4]), unit_id),
    )
    typed = Typed.from_form(form, metrics)
    evaluation, errors = await evaluate_typed(api, unit_id, code, typed)
    context = {
        "metrics": metrics,
        "indicators": indicators,
        "targets": goal.effective or {},
        "view": View(typed, evaluation, errors),
        "fig": fig,
        "year_end": code.endswith("Q4"),  # before it, a rate is progress toward the year
    }
    return render(request, "reports/_live.html", context)


# ---- saving and submitting -----------------------------------------------------------------


async def _submit(
    request: Request, api: Api, me: Me, sheet: Sheet, report: ReportDetail, typed: Typed
) -> Response:
    try:
        await reports_client.transition(api, report.id, "submit", report.version)
    except ApiError as error:
        if error.status not in (409, 412, 422):
            raise
        sheet.report = report
        view = View(typed, report, value_errors(error))
        view.message = gettext(NOT_SUBMITTED) if view.errors else error.message
        return render_sheet(
            request, me, sheet, view, status=error.status, push_url=f"/reports/{report.id}"
        )
    return redirect(request, f"/reports/{report.id}?done=submitted")


async def _refused(
    request: Request, api: Api, me: Me, sheet: Sheet, typed: Typed, error: ApiError
) -> Response:
    """Show the form again with what was typed and why the API refused it."""
    if error.status not in (409, 412, 422):
        raise error
    evaluation, unreadable = await evaluate_typed(api, sheet.unit.id, sheet.period.code, typed)
    view = View(typed, evaluation, {**unreadable, **value_errors(error)})
    if error.status == 412:
        view.message = gettext(STALE)
    elif error.status == 409:
        view.message = error.message
    else:
        view.message = _other_errors(error) or gettext(NOT_SAVED)
    return render_sheet(request, me, sheet, view, status=error.status)


@router.post("/reports/new")
async def create_report(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    form = await read_form(request)
    unit_id, code = digits(form.get("unit_id")), period_code(form.get("period"))
    if unit_id is None or code is None:
        return error_page(request, 400)
    try:
        sheet = await load_sheet(api, unit_id=unit_id, code=code)
    except NotReporting:
        return error_page(request, 400, gettext("This unit does not report figures."))
    typed = Typed.from_form(form, sheet.metrics)
    try:
        report = await reports_client.create_report(api, unit_id, code, typed.given)
    except ApiError as error:
        return await _refused(request, api, me, sheet, typed, error)
    if form.get("action") == "submit":
        return await _submit(request, api, me, sheet, report, typed)
    return redirect(request, f"/reports/{report.id}?done=saved")


@router.post("/reports/{report_id:int}")
async def save_report(request: Request, report_id: int, api: ApiDep, me: CurrentUser) -> Response:
    form = await read_form(request)
    report = await reports_client.report(api, report_id)
    sheet = await load_sheet(api, report=report)
    typed = Typed.from_form(form, sheet.metrics)
    version = posted_version(form)
    try:
        saved = await reports_client.update_report(api, report_id, typed.values, version)
    except ApiError as error:
        return await _refused(request, api, me, sheet, typed, error)
    if form.get("action") == "submit":
        return await _submit(request, api, me, sheet, saved, typed)
    return redirect(request, f"/reports/{report_id}?done=saved")
