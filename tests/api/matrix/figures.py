"""Periods, holidays, the metric catalogue, reports, rankings and targets.

Rows here run on `figures_world` (tests/reporting.py): the THADS catalogue, the four 2022
quarters open and 2021-Q4 closed, the 2022 targets.
"""

from datetime import date

from sqlmodel import select

from app.models.periods import Holiday, LockException, Period
from app.models.reports import ReportCreate
from app.services.reports import reports
from app.services.scope import Actor
from tests.api.matrix.core import (
    ADMIN,
    ADMIN_REVIEWER,
    ALL,
    STAFF,
    Ctx,
    Op,
    Target,
    home_unit_id,
    unit_code,
    unit_id,
)
from tests.reporting import GOOD

FIGURES = ("figures_world",)
PERIOD = "2022-Q4"


def report_in(state: str) -> Target:
    """A 2022-Q4 report of CC_A1 (in scope) or CC_B1 (out), brought to `state`."""

    def make(ctx: Ctx, scope: str) -> int:
        system = Actor.system()
        data = ReportCreate(unit_id=unit_id(ctx, scope), period=PERIOD, values=GOOD)
        report_id = reports.create_report(ctx.session, system, data).id
        if state in ("submitted", "approved"):
            reports.submit(ctx.session, system, report_id, expected_version=None)
        if state == "approved":
            reports.approve(ctx.session, system, report_id, expected_version=None)
        return report_id

    return make


def lock_exception(ctx: Ctx, scope: str) -> int:
    """A lock exception on the closed 2021-Q4 for CC_A1 (in scope) or CC_B1 (out)."""
    period = ctx.session.exec(select(Period).where(Period.code == "2021-Q4")).one()
    exc = LockException(
        period_id=period.id, unit_id=unit_id(ctx, scope), reason="Bổ sung số liệu", created_by="x"
    )
    ctx.session.add(exc)
    ctx.session.commit()
    return exc.id  # type: ignore[return-value]


def national_day(ctx: Ctx) -> None:
    ctx.session.add(Holiday(day=date(2022, 9, 2), name="Quốc khánh"))
    ctx.session.commit()


ROWS: list[Op] = [
    # Periods are the same for every unit: no scope cells.
    Op("GET", "/periods", ALL, 200, action="reports.read", needs=FIGURES),
    Op(
        "POST",
        "/periods",
        ADMIN_REVIEWER,
        201,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        request=lambda ctx: {"json": {"year": 2023, "quarter": 1}},
    ),
    Op(
        "GET",
        "/periods/{code}",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        path_params={"code": PERIOD},
    ),
    Op(
        "PATCH",
        "/periods/{code}",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"code": PERIOD},
        request=lambda ctx: {"json": {"due_on": "2022-10-10"}},
    ),
    Op(
        "POST",
        "/periods/{code}/open",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"code": "2021-Q4"},
    ),
    Op(
        "POST",
        "/periods/{code}/close",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"code": PERIOD},
    ),
    Op(
        "GET",
        "/periods/{code}/exceptions",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        path_params={"code": "2021-Q4"},
    ),
    Op(
        "POST",
        "/periods/{code}/exceptions",
        ADMIN_REVIEWER,
        201,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"code": "2021-Q4"},
        target=unit_id,
        target_in="body",
        request=lambda ctx: {"json": {"unit_id": ctx.target, "reason": "Bổ sung số liệu"}},
    ),
    Op(
        "DELETE",
        "/periods/{code}/exceptions/{exception_id}",
        ADMIN_REVIEWER,
        204,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"code": "2021-Q4"},
        target=lock_exception,
    ),
    Op("GET", "/holidays", ALL, 200, action="reports.read", needs=FIGURES),
    Op(
        "POST",
        "/holidays",
        ADMIN_REVIEWER,
        201,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        request=lambda ctx: {"json": {"day": "2023-04-30", "name": "Ngày Thống nhất"}},
    ),
    Op(
        "DELETE",
        "/holidays/{day}",
        ADMIN_REVIEWER,
        204,
        writes=True,
        action="periods.manage",
        needs=FIGURES,
        path_params={"day": "2022-09-02"},
        setup=national_day,
    ),
    Op("GET", "/metrics", ALL, 200, action="reports.read", needs=FIGURES),
    Op("GET", "/indicators", ALL, 200, action="reports.read", needs=FIGURES),
    Op("GET", "/validation-rules", ALL, 200, action="reports.read", needs=FIGURES),
    # A report's unit named in a body is a reference: out of scope it is a 422 on unit_id.
    Op("GET", "/reports", ALL, 200, action="reports.read", needs=FIGURES),
    Op(
        "POST",
        "/reports",
        STAFF,
        201,
        writes=True,
        action="reports.write",
        needs=FIGURES,
        target=unit_id,
        target_in="body",
        request=lambda ctx: {"json": {"unit_id": ctx.target, "period": PERIOD, "values": GOOD}},
    ),
    Op(
        "POST",
        "/reports/validate",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=unit_id,
        target_in="body",
        request=lambda ctx: {"json": {"unit_id": ctx.target, "period": PERIOD, "values": GOOD}},
    ),
    Op(
        "POST",
        "/reports/import",
        STAFF,
        200,
        writes=True,
        action="reports.write",
        needs=FIGURES,
        target=unit_code,
        target_in="body",
        request=lambda ctx: {
            "json": {"rows": [{"unit": ctx.target, "period": PERIOD, "values": GOOD}]}
        },
    ),
    Op(
        "GET",
        "/reports/export",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        request=lambda ctx: {"params": {"period": PERIOD}},
    ),
    Op(
        "GET",
        "/reports/template",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"unit_id": ctx.target, "period": PERIOD}},
    ),
    Op(
        "GET",
        "/reports/{report_id}",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=report_in("draft"),
    ),
    Op(
        "PATCH",
        "/reports/{report_id}",
        STAFF,
        200,
        writes=True,
        action="reports.write",
        needs=FIGURES,
        target=report_in("draft"),
        request=lambda ctx: {"json": {"values": {"viec_thi_hanh_xong": 499000}}},
    ),
    Op(
        "POST",
        "/reports/{report_id}/submit",
        STAFF,
        200,
        writes=True,
        action="reports.write",
        needs=FIGURES,
        target=report_in("draft"),
    ),
    Op(
        "POST",
        "/reports/{report_id}/approve",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="reports.review",
        needs=FIGURES,
        target=report_in("submitted"),
    ),
    Op(
        "POST",
        "/reports/{report_id}/return",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="reports.review",
        needs=FIGURES,
        target=report_in("submitted"),
        request=lambda ctx: {"json": {"comment": "Số liệu về tiền chưa khớp"}},
    ),
    Op(
        "POST",
        "/reports/{report_id}/reopen",
        ADMIN_REVIEWER,
        200,
        writes=True,
        action="reports.review",
        needs=FIGURES,
        target=report_in("approved"),
        request=lambda ctx: {"json": {"reason": "Điều chỉnh theo kiểm tra"}},
    ),
    Op(
        "GET",
        "/rankings",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=home_unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"period": PERIOD, "parent_id": ctx.target}},
    ),
    Op(
        "GET",
        "/trends",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=home_unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"unit_id": ctx.target}},
    ),
    Op(
        "GET",
        "/completeness",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=home_unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"period": PERIOD, "parent_id": ctx.target}},
    ),
    Op(
        "GET",
        "/targets",
        ALL,
        200,
        action="reports.read",
        needs=FIGURES,
        target=unit_id,
        target_in="query",
        request=lambda ctx: {"params": {"year": 2022, "unit_id": ctx.target}},
    ),
    Op(
        "PUT",
        "/targets",
        ADMIN,
        200,
        writes=True,
        action="targets.write",
        needs=FIGURES,
        target=unit_id,
        target_in="body",
        request=lambda ctx: {
            "params": {"year": 2022},
            "json": {"items": [{"indicator": "ty_le_viec", "unit_id": ctx.target, "value": 85}]},
        },
    ),
]
