"""`thidua units restructure plan.json [--dry-run]`: the same plan as the API, from a file."""

import json
from datetime import date

from openpyxl import Workbook
from sqlmodel import select
from typer.testing import CliRunner

from app.cli import app
from app.models.units import Unit
from tests.restructuring import plan_2025


def _run(tmp_path, *args: str, plan=None):  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan or plan_2025(), ensure_ascii=False), "utf-8")
    return CliRunner().invoke(app, ["units", "restructure", str(path), *args])


def test_a_dry_run_prints_the_changes_and_keeps_nothing(tmp_path, session, world):
    done = _run(tmp_path, "--dry-run")
    assert done.exit_code == 0, done.output
    assert "dry run, nothing changed" in done.output
    assert (
        "merge: Cục THADS tỉnh Bến Tre, Cục THADS tỉnh Trà Vinh -> "
        "Thi hành án dân sự tỉnh Vĩnh Long"
    ) in done.output
    assert "users moved 7" in done.output
    assert (
        "move: Công an huyện Giồng Trôm -> under Phòng Thi hành án dân sự khu vực 1" in done.output
    )
    session.expire_all()
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is None


def test_applying_from_the_command_line(tmp_path, session, world):
    done = _run(tmp_path)
    assert done.exit_code == 0, done.output
    assert "applied as restructuring" in done.output
    session.expire_all()
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is not None


def test_a_refused_plan_says_why_and_fails(tmp_path, world):
    plan = plan_2025(events=[{"kind": "rename", "units": ["NOWHERE"], "name": "X"}])
    done = _run(tmp_path, plan=plan)
    assert done.exit_code == 1
    assert "events.0.units.0: No unit NOWHERE in your scope" in done.output
    broken = _run(tmp_path, plan={"title": "x"})
    assert broken.exit_code == 1 and "refused" in broken.output


def _workbook(path, events: list[list]) -> None:  # type: ignore[no-untyped-def]
    book = Workbook()
    head = book.active
    for row in [
        ["title", "Sắp xếp các Chi cục từ 01/7/2025"],
        ["effective_on", date(2025, 7, 1)],
        ["basis_number", "15/QĐ-CTHADS"],
        ["basis_date", date(2025, 6, 20)],
    ]:
        head.append(row)
    sheet = book.create_sheet("Sự kiện")
    sheet.append(["event", "kind", "units", "new_code", "new_name", "new_level", "new_parent"])
    for row in events:
        sheet.append(row)
    book.save(path)


def test_a_plan_from_a_spreadsheet(tmp_path, session, world):
    path = tmp_path / "plan.xlsx"
    _workbook(
        path,
        [
            [1, "split", "CC_A1", "N1", "Khu vực Bắc", "area_office", "CUC_A"],
            [1, None, None, "N2", "Khu vực Nam", "area_office", "CUC_A"],
            [None, "merge", "CC_B1", "PKV_B", "Khu vực Trà Vinh", "area_office", "CUC_B"],
        ],
    )
    refused = CliRunner().invoke(app, ["units", "restructure", str(path), "--dry-run"])
    # CC_A1's partner (EXT_A1) has no single successor to follow: the plan must place it.
    assert refused.exit_code == 1
    assert "events.0.units: The subunits of CC_A1 must be moved" in refused.output
    _workbook(
        path,
        [
            [1, "split", "CC_A1", "N1", "Khu vực Bắc", "area_office", "CUC_A"],
            [1, None, None, "N2", "Khu vực Nam", "area_office", "CUC_A"],
            [2, "dissolve", "EXT_A1"],
        ],
    )
    done = CliRunner().invoke(app, ["units", "restructure", str(path)])
    assert done.exit_code == 0, done.output
    assert "split: Chi cục THADS huyện Giồng Trôm -> Khu vực Bắc, Khu vực Nam" in done.output
    session.expire_all()
    assert session.exec(select(Unit).where(Unit.code == "N2")).one().parent_id == world.unit_id(
        "CUC_A"
    )


def test_a_spreadsheet_without_events_is_refused(tmp_path, world):
    path = tmp_path / "plan.xlsx"
    book = Workbook()
    book.active.append(["title", "x"])
    book.save(path)
    done = CliRunner().invoke(app, ["units", "restructure", str(path), "--dry-run"])
    assert done.exit_code == 1
    assert "file: The workbook needs a plan sheet and an events sheet" in done.output
