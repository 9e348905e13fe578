"""The home page: the "việc cần làm" board, under a compact header saying who I am, my unit and
what my scope reaches.

The user of an office that reports figures itself (the API says which units do, and none below
it does) sees the office's periods (status, due date, days left or overdue, what was returned
and why) with the way into the open period's figures; a user above reporting offices sees how
complete every office is for the open period, late and overdue ones first. Campaign tasks come
from the campaigns area."""

import asyncio
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.api_models import Me
from app.web.campaigns.lists import board_tasks
from app.web.client import Api
from app.web.deps import ApiDep, CurrentUser
from app.web.i18n import gettext
from app.web.reports import client as reports_client
from app.web.reports import common as fig
from app.web.reports.common import DueNote
from app.web.reports.models import Completeness, Period, Report, ReportDetail
from app.web.templating import render

router = APIRouter()
RETURNED = ("returned",)
TO_DO = (None, "draft", "returned")


@dataclass
class OfficeRow:
    period: Period
    report: Report | None
    due: DueNote | None = None  # only while something is still expected of the office
    detail: ReportDetail | None = None  # a returned report: the reviewer's words and history

    @property
    def status(self) -> str | None:
        return self.report.status if self.report else None

    def link(self, unit_id: int) -> str:
        if self.report:
            return f"/reports/{self.report.id}"
        return f"/reports/new?unit_id={unit_id}&period={self.period.code}"

    @property
    def action(self) -> str:
        code = self.period.code
        if self.report is None:
            return gettext("Enter the figures for %(period)s", period=code)
        if self.status == "draft":
            return gettext("Continue the figures for %(period)s", period=code)
        if self.status == "returned":
            return gettext("Correct and resubmit %(period)s", period=code)
        return gettext("See the report for %(period)s", period=code)


@dataclass
class OfficeBoard:
    reports_figures: bool
    rows: list[OfficeRow] = field(default_factory=list)
    current: OfficeRow | None = None

    @property
    def returned(self) -> list[OfficeRow]:
        return [r for r in self.rows if r.status in RETURNED]


async def office_board(api: Api, me: Me, periods: list[Period]) -> OfficeBoard:
    if not me.unit.reports_figures:
        return OfficeBoard(reports_figures=False)
    reports = await reports_client.all_reports(api, unit_id=me.unit.id)
    by_period = {r.period: r for r in reports}
    board = OfficeBoard(reports_figures=True)
    for period in sorted(periods, key=lambda p: p.sort_key, reverse=True):
        report = by_period.get(period.code)
        row = OfficeRow(period, report)
        if period.is_open and row.status in TO_DO:
            row.due = fig.due_note(period.due_on)
        board.rows.append(row)
    returned = [(row, row.report) for row in board.returned if row.report is not None]
    details = await asyncio.gather(
        *(reports_client.report(api, report.id) for _, report in returned)
    )
    for (row, _), detail in zip(returned, details, strict=True):
        row.detail = detail
    newest = fig.newest_open(periods)
    if newest is not None and newest.is_open:
        board.current = next(r for r in board.rows if r.period.code == newest.code)
    return board


async def province_board(api: Api, periods: list[Period], asked: str | None) -> Completeness | None:
    chosen = next((p for p in periods if p.code == asked), None) or fig.newest_open(periods)
    if chosen is None:
        return None
    return await reports_client.completeness(api, chosen.code)


@router.get("/")
async def home(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    (
        all_units,
        internal_units,
        all_people,
        external_people,
        children,
        periods,
        indicators,
        campaign_tasks,
    ) = await asyncio.gather(
        api.units(limit=1),
        api.units(limit=1, external=False),
        api.people(limit=1),
        api.people(limit=1, external=True),
        api.all_units(parent_id=me.unit.id),
        reports_client.periods(api),
        reports_client.indicators(api),
        board_tasks(api, me),
    )
    context: dict[str, Any] = {
        "unit_count": all_units.total,
        "internal_unit_count": internal_units.total,
        "external_unit_count": all_units.total - internal_units.total,
        "people_count": all_people.total,
        "external_people_count": external_people.total,
        "internal_children": [u for u in children if not u.is_external],
        "external_children": [u for u in children if u.is_external],
        "periods": sorted(periods, key=lambda p: p.sort_key, reverse=True),
        "indicators": indicators,
        "campaign_tasks": campaign_tasks,
        "office": None,
        "province": None,
        "writer": "reports.write" in me.permissions,
        "reviewer": "reports.review" in me.permissions,
        "fig": fig,
    }
    if me.unit.reports_figures and not any(u.reports_figures for u in children):
        context["office"] = await office_board(api, me, periods)
    else:
        asked = fig.period_code(request.query_params.get("period"))
        context["province"] = await province_board(api, periods, asked)
    return render(request, "home/board.html", context, block="board")
