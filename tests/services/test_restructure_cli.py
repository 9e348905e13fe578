"""`thidua units restructure plan.json [--dry-run]`: the same plan as the API, from a file."""

import json

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
