"""The list of reports of the user's scope: filters (period, status, office, late), pages, the
export links and the bulk upload."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from app.web.deps import ApiDep, CurrentUser
from app.web.flash import done_word
from app.web.forms import digits
from app.web.i18n import gettext
from app.web.paging import Paging
from app.web.reports import client as reports_client
from app.web.reports import common as fig
from app.web.reports.common import period_code
from app.web.reports.form import DONE
from app.web.reports.models import STATUS_LABELS
from app.web.templating import render
from app.web.units.options import unit_options

router = APIRouter()
PAGE_SIZE = 25
LATE = {"true": True, "false": False}


@router.get("/reports")
async def reports_list(request: Request, api: ApiDep, me: CurrentUser) -> Response:
    params = request.query_params
    code = period_code(params.get("period"))
    status = params.get("status", "")
    status = status if status in STATUS_LABELS else ""
    unit_id = digits(params.get("unit_id"))
    late = params.get("late", "")
    late = late if late in LATE else ""
    paging = Paging.from_request(request, PAGE_SIZE)
    found, periods, units, indicators = await asyncio.gather(
        reports_client.reports(
            api,
            limit=paging.size,
            offset=paging.offset,
            period=code,
            status=status or None,
            unit_id=unit_id,
            late=late or None,
        ),
        reports_client.periods(api),
        api.all_units(external=False),
        reports_client.indicators(api),
    )
    reporting = [u for u in units if u.reports_figures]
    done = done_word(request)
    context: dict[str, Any] = {
        "reports": found.items,
        "indicators": indicators,
        "paging": paging.with_total(found.total),
        "periods": periods,
        "period": code or "",
        "status": status,
        "statuses": [(k, gettext(v)) for k, v in STATUS_LABELS.items()],
        "unit_id": unit_id,
        "unit_options": unit_options(reporting),
        "late": late,
        "writer": "reports.write" in me.permissions,
        "notice": gettext(DONE[done]) if done in DONE else None,
        "back": "/reports",
        "fig": fig,
    }
    return render(request, "reports/list.html", context, block="results")
