"""The reviewer's decisions on a report: approve, return with a comment, reopen with a reason,
and a closed period reopened for one office (a lock exception). A refusal shows the report's
form again with the message beside the reviewer's field."""

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.client import ApiError
from app.web.deps import ApiDep, CurrentUser
from app.web.error_pages import error_page, redirect
from app.web.forms import digits, posted_version, read_form
from app.web.i18n import N_, gettext
from app.web.reports import client as reports_client
from app.web.reports.common import Typed, period_code
from app.web.reports.form import STALE, View, load_sheet, render_sheet
from app.web.reports.models import Evaluation

router = APIRouter()

REVIEW_FIELDS = {
    "approve": None,
    "return": ("comment", N_("Say what the office must correct before returning the report.")),
    "reopen": ("reason", N_("Give the reason for reopening the approved report.")),
}
DONE_AFTER = {"approve": "approved", "return": "returned", "reopen": "reopened"}


@router.post("/reports/{report_id:int}/{action}")
async def review_report(
    request: Request, report_id: int, action: str, api: ApiDep, me: CurrentUser
) -> Response:
    if action not in REVIEW_FIELDS:
        return error_page(request, 404)
    form = await read_form(request)
    version = posted_version(form)
    needs = REVIEW_FIELDS[action]
    typed = {needs[0]: form.get(needs[0], "")[:2000]} if needs else {}
    errors: dict[str, str] = {}
    message = None
    if needs and not typed[needs[0]].strip():
        errors[needs[0]] = gettext(needs[1])
    else:
        try:
            await reports_client.transition(api, report_id, action, version, typed or None)
        except ApiError as error:
            if error.status not in (409, 412, 422):
                raise
            message = gettext(STALE) if error.status == 412 else error.message
            errors = {k: v for k, v in error.field_errors.items() if k in typed}
        else:
            return redirect(request, f"/reports/{report_id}?done={DONE_AFTER[action]}")
    report = await reports_client.report(api, report_id)
    sheet = await load_sheet(api, report=report)
    view = View(Typed.from_values(report.values, sheet.metrics), report, message=message)
    view.review, view.review_errors = typed, errors
    return render_sheet(request, me, sheet, view, status=422 if errors else 409)


@router.post("/reports/unlock")
async def unlock_period(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    """Reviewers: reopen a closed period for one office (a lock exception), with the reason."""
    form = await read_form(request)
    unit_id, code = digits(form.get("unit_id")), period_code(form.get("period"))
    if unit_id is None or code is None:
        return error_page(request, 400)
    reason = form.get("unlock_reason", "")[:2000]
    back = await reports_client.report_for(api, unit_id, code)
    target = f"/reports/{back.id}" if back else f"/reports/new?unit_id={unit_id}&period={code}"
    errors: dict[str, str] = {}
    message = None
    if not reason.strip():
        errors["unlock_reason"] = gettext(
            "Give the reason for reopening the period for this office."
        )
    else:
        try:
            await reports_client.add_exception(api, code, unit_id, reason)
        except ApiError as error:
            if error.status not in (409, 422):
                raise
            message = error.message
            if "reason" in error.field_errors:
                errors["unlock_reason"] = error.field_errors["reason"]
        else:
            joiner = "&" if "?" in target else "?"
            return redirect(request, f"{target}{joiner}done=unlocked")
    report = await reports_client.report(api, back.id) if back else None
    sheet = await load_sheet(api, report=report, unit_id=unit_id, code=code)
    values = report.values if report else {}
    view = View(Typed.from_values(values, sheet.metrics), report or Evaluation(), message=message)
    view.review, view.review_errors = {"unlock_reason": reason}, errors
    return render_sheet(request, me, sheet, view, status=422 if errors else 409)
