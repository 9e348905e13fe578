"""The 1 July 2025 restructuring of the test world, as a plan: the Tổng cục becomes the Cục
Quản lý THADS, the two provinces' Cục merge into THADS tỉnh Vĩnh Long, Bến Tre's two Chi cục
into one Phòng THADS khu vực and Trà Vinh's into another (an illustrative mapping)."""

from datetime import date
from typing import Any

from sqlmodel import Session

from app.models.restructurings import RestructuringPlan
from app.services.restructuring.events import apply_plan
from app.services.scope import Actor
from tests.factories import World

JULY_2025 = date(2025, 7, 1)


def plan_2025(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Sắp xếp tổ chức hệ thống THADS từ 01/7/2025",
        "effective_on": "2025-07-01",
        "basis": {"number": "1898/QĐ-BTP", "signed_on": "2025-06-25"},
        "events": [
            {
                "kind": "rename",
                "units": ["TC"],
                "name": "Cục Quản lý Thi hành án dân sự",
                "level": "enforcement_management",
            },
            {
                "kind": "merge",
                "units": ["CUC_A", "CUC_B"],
                "new_units": [
                    {
                        "code": "THADS_VL",
                        "name": "Thi hành án dân sự tỉnh Vĩnh Long",
                        "kind": "provincial_enforcement",
                        "parent": "TC",
                    }
                ],
                "basis": {"number": "202/2025/QH15", "signed_on": "2025-06-12"},
            },
            {
                "kind": "merge",
                "units": ["CC_A1", "CC_A2"],
                "new_units": [
                    {
                        "code": "PKV_1",
                        "name": "Phòng Thi hành án dân sự khu vực 1 - Vĩnh Long",
                        "kind": "area_office",
                        "parent": "THADS_VL",
                    }
                ],
            },
            {
                "kind": "merge",
                "units": ["CC_B1"],
                "new_units": [
                    {
                        "code": "PKV_2",
                        "name": "Phòng Thi hành án dân sự khu vực 2 - Vĩnh Long",
                        "kind": "area_office",
                        "parent": "THADS_VL",
                    }
                ],
            },
        ],
        **overrides,
    }


def restructure(session: Session, world: World, plan: dict[str, Any] | None = None) -> None:
    """Apply the plan as the system (the CLI's actor) and remember the new units."""
    done = apply_plan(
        session, Actor.system(), RestructuringPlan.model_validate(plan or plan_2025())
    )
    session.commit()
    for unit in done.created:
        world.units[unit.code] = unit
