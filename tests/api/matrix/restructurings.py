"""Restructurings: previewed by administrators and reviewers, applied by administrators, read
by reviewers, within scope."""

import json

from app.models.restructurings import RestructuringPlan
from app.services.restructuring import plans
from app.services.scope import Actor
from tests.api.matrix.core import ADMIN, ADMIN_REVIEWER, Ctx, Op, unit_code


def _rename(code: str) -> dict:
    return {
        "title": "Đổi tên đơn vị",
        "effective_on": "2025-07-01",
        "basis": {"number": "12/QĐ-BTP"},
        "events": [{"kind": "rename", "units": [code], "name": f"{code} (tên mới)"}],
    }


def restructuring_id(ctx: Ctx, scope: str) -> int:
    """A restructuring of the caller's province (renaming CC_A1) or of the other (CC_B1)."""
    plan = RestructuringPlan.model_validate(_rename(unit_code(ctx, scope)))
    row = plans.run(ctx.session, Actor.system(), plan, dry_run=False)
    return row.id  # type: ignore[union-attr,return-value]


ROWS: list[Op] = [
    Op(
        "POST",
        "/restructurings",
        ADMIN_REVIEWER,
        200,
        action="restructurings.preview",  # a dry run; applying is restructurings.write
        target=unit_code,
        target_in="body",
        request=lambda ctx: {"params": {"dry_run": "true"}, "json": _rename(ctx.target)},
    ),
    Op(
        "POST",
        "/restructurings/upload",
        ADMIN_REVIEWER,
        200,
        action="restructurings.preview",
        target=unit_code,
        target_in="body",
        request=lambda ctx: {
            "params": {"dry_run": "true"},
            "files": {"file": ("plan.json", json.dumps(_rename(ctx.target)), "application/json")},
        },
    ),
    Op(
        "GET",
        "/restructurings/template.xlsx",
        ADMIN_REVIEWER,
        200,
        action="restructurings.preview",
    ),
    Op("GET", "/restructurings", ADMIN_REVIEWER, 200, action="restructurings.read"),
    Op(
        "GET",
        "/restructurings/{restructuring_id}",
        ADMIN_REVIEWER,
        200,
        action="restructurings.read",
        target=restructuring_id,
    ),
    Op(
        "POST",
        "/restructurings/{restructuring_id}/revert",
        ADMIN,
        200,
        writes=True,
        action="restructurings.write",
        target=restructuring_id,
    ),
]
