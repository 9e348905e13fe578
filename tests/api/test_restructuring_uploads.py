"""A restructuring plan as a file: an .xlsx written in Excel (or a JSON file) is read within the
upload limits, previewed by the planners (reviewers too, within their scope) and applied by
administrators; a bad row is named by its sheet and row; a blank template explains the columns."""

import io
import json
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, func, select

from app.core.config import get_settings
from app.models.restructurings import Restructuring
from app.models.units import Unit
from app.models.users import Role
from tests.api.helpers import error_fields, problem
from tests.factories import World, make_token, make_user
from tests.restructuring import plan_2025

URL = "/api/v1/restructurings/upload"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [
    "event",
    "kind",
    "units",
    "new_code",
    "new_name",
    "new_level",
    "new_parent",
    "name",
    "basis_number",
    "basis_date",
]


@pytest.fixture
def national(session: Session, world: World) -> World:
    user = make_user(session, "admin_btp", Role.admin, world.units["BTP"])
    world.users["admin_btp"] = user
    world.tokens["admin_btp"] = make_token(session, user)
    session.commit()
    return world


def plan_workbook(plan: dict[str, Any]) -> bytes:
    """The plan as a planner types it: dates as dd/mm/yyyy text, one row per new unit."""
    book = Workbook()
    head = book.active
    head.title = "Phương án"
    head.append(["title", plan["title"]])
    head.append(["effective_on", "01/07/2025"])
    head.append(["basis_number", plan["basis"]["number"]])
    head.append(["basis_date", "25/06/2025"])
    events = book.create_sheet("Sự kiện")
    events.append(COLUMNS)
    for number, event in enumerate(plan["events"], start=1):
        news = event.get("new_units") or [{}]
        for new in news:
            events.append(
                [
                    number,
                    event["kind"],
                    ", ".join(event.get("units", [])),
                    new.get("code"),
                    new.get("name"),
                    new.get("kind"),
                    new.get("parent"),
                    event.get("name"),
                    (event.get("basis") or {}).get("number"),
                    (event.get("basis") or {}).get("signed_on"),
                ]
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(api, w: World, user: str, content: bytes, name="plan.xlsx", kind=XLSX, **params):
    return api.post(
        URL,
        params=params,
        files={"file": (name, content, kind)},
        headers=w.headers(user),
    )


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def test_an_xlsx_plan_previews_then_applies_from_the_plan_it_returns(api, session, national):
    w = national
    preview = _upload(api, w, "admin_btp", plan_workbook(plan_2025()), dry_run="true")
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["dry_run"] is True and body["effective_on"] == "2025-07-01"
    assert [u["code"] for u in body["summary"]["created"]] == ["THADS_VL", "PKV_1", "PKV_2"]
    assert {u["code"] for u in body["summary"]["ended"]} == {
        "CUC_A",
        "CUC_B",
        "CC_A1",
        "CC_A2",
        "CC_B1",
    }
    plan = body["plan"]
    assert plan["basis"]["signed_on"] == "2025-06-25"
    assert plan["events"][1]["units"] == ["CUC_A", "CUC_B"]
    assert _count(session, Restructuring) == 0
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is None

    applied = api.post("/api/v1/restructurings", json=plan, headers=w.headers("admin_btp"))
    assert applied.status_code == 201, applied.text
    created = [(u["code"], u["name"]) for u in applied.json()["summary"]["created"]]
    assert created == [(u["code"], u["name"]) for u in body["summary"]["created"]]


def test_an_xlsx_plan_is_applied_in_one_call(api, session, national):
    w = national
    r = _upload(api, w, "admin_btp", plan_workbook(plan_2025()))
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/api/v1/restructurings/{r.json()['id']}"
    assert r.json()["status"] == "applied" and r.json()["allowed_actions"] == ["revert"]
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is not None


def test_a_json_file_reads_like_the_json_body(api, national):
    w = national
    content = json.dumps(plan_2025()).encode()
    r = _upload(api, w, "admin_btp", content, "plan.json", "application/octet-stream", dry_run=1)
    assert r.status_code == 200, r.text
    assert r.json()["plan"]["events"][0]["name"] == "Cục Quản lý Thi hành án dân sự"


def test_a_bad_row_is_named_by_its_sheet_and_row_and_nothing_changes(api, session, national):
    w = national
    plan = plan_2025()
    plan["events"].append({"kind": "rename", "units": ["NOWHERE"], "name": "X"})
    content = plan_workbook(plan)
    r = _upload(api, w, "admin_btp", content, dry_run="true")
    assert error_fields(r) == {"events.4.units.0"}
    # The header is row 1, then one row per event: the fifth event is on row 6.
    message = r.json()["errors"][0]["message"]
    assert message == "Trang Sự kiện, dòng 6: Không có đơn vị NOWHERE trong phạm vi của bạn"
    en = api.post(
        URL,
        files={"file": ("plan.xlsx", content, XLSX)},
        headers=w.headers("admin_btp", **{"Accept-Language": "en"}),
    )
    assert (
        en.json()["errors"][0]["message"] == "Sheet Sự kiện, row 6: No unit NOWHERE in your scope"
    )
    assert _count(session, Restructuring) == 0


def test_a_row_the_plan_cannot_read_is_named_too(api, national):
    w = national
    plan = plan_2025()
    plan["events"][2]["kind"] = "absorb"
    r = _upload(api, w, "admin_btp", plan_workbook(plan), dry_run="true")
    assert error_fields(r) == {"events.2.kind"}
    assert r.json()["errors"][0]["message"].startswith("Trang Sự kiện, dòng 4: ")


def test_a_file_that_is_no_workbook_or_of_another_type_is_refused(api, national):
    w = national
    broken = _upload(api, w, "admin_btp", b"not a zip", dry_run="true")
    assert error_fields(broken) == {"file"}
    pdf = _upload(api, w, "admin_btp", b"%PDF-1.4", "plan.pdf", "application/pdf")
    assert error_fields(pdf) == {"file"}
    assert pdf.json()["errors"][0]["message"] == (
        "Loại tệp không được hỗ trợ; hãy gửi tệp JSON hoặc .xlsx"
    )


def test_a_file_over_the_upload_limit_is_413(api, national):
    w = national
    big = b"a" * (get_settings().max_upload_bytes + 1)
    r = _upload(api, w, "admin_btp", big, dry_run="true")
    assert problem(r, 413)


def test_a_reviewer_previews_within_scope_but_does_not_apply(api, session, national):
    w = national
    plan = plan_2025(events=[{"kind": "rename", "units": ["CC_A1"], "name": "Chi cục Giồng Trôm"}])
    content = plan_workbook(plan)
    preview = _upload(api, w, "reviewer_a", content, dry_run="true")
    assert preview.status_code == 200, preview.text
    assert [u["name"] for u in preview.json()["summary"]["changed"]] == ["Chi cục Giồng Trôm"]
    json_preview = api.post(
        "/api/v1/restructurings",
        params={"dry_run": "true"},
        json=plan,
        headers=w.headers("reviewer_a"),
    )
    assert json_preview.status_code == 200
    assert problem(_upload(api, w, "reviewer_a", content), 403)
    refused = api.post("/api/v1/restructurings", json=plan, headers=w.headers("reviewer_a"))
    assert problem(refused, 403)
    other = plan_2025(events=[{"kind": "rename", "units": ["CC_B1"], "name": "X"}])
    assert error_fields(_upload(api, w, "reviewer_a", plan_workbook(other), dry_run=1)) == {
        "events.0.units.0"
    }
    assert problem(_upload(api, w, "reporter_a1", content, dry_run="true"), 403)
    assert _count(session, Restructuring) == 0
    me = api.get("/api/v1/me", headers=w.headers("reviewer_a")).json()
    assert "restructurings.preview" in me["permissions"]
    assert "restructurings.write" not in me["permissions"]


def test_the_template_explains_its_columns_and_reads_back_once_filled(api, national):
    w = national
    r = api.get("/api/v1/restructurings/template.xlsx", headers=w.headers("admin_a"))
    assert r.status_code == 200 and r.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Phương án", "Sự kiện", "Hướng dẫn"]
    guide = {row[1]: row[2] for row in book["Hướng dẫn"].iter_rows(values_only=True)}
    assert "hợp nhất, sáp nhập" in guide["kind"] and "giải thể" in guide["kind"]
    # Uploaded blank, it names what is missing, sheet and row.
    blank = _upload(api, w, "admin_a", r.content, dry_run="true")
    missing = {e["field"]: e for e in problem(blank, 422)["errors"]}
    assert missing["title"]["code"] == "missing"
    assert missing["title"]["message"].startswith("Trang Phương án, dòng 2: ")
    head = book["Phương án"]
    values = {"title": "Đổi tên Chi cục", "effective_on": "01/07/2025", "basis_number": "12/QĐ"}
    for row in head.iter_rows(min_row=2):
        row[1].value = values.get(row[0].value)
    example = book["Sự kiện"][2]
    example[2].value = "CC_A1"
    out = io.BytesIO()
    book.save(out)
    preview = _upload(api, w, "admin_a", out.getvalue(), dry_run="true")
    assert preview.status_code == 200, preview.text
    assert [u["name"] for u in preview.json()["summary"]["changed"]] == ["Tên mới của đơn vị"]
    assert problem(
        api.get("/api/v1/restructurings/template.xlsx", headers=w.headers("reporter_a1")), 403
    )
