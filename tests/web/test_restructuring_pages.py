"""The restructuring pages: a planner uploads or pastes a plan, previews what it changes (events,
counts, users, open reports), an administrator applies it and lands on its record, and reverts
it after a confirmation; errors name the event; reviewers preview but never apply; reporters
see none of it. Vietnamese first, English complete."""

import json

import pytest
from sqlmodel import Session, select

from app.models.restructurings import Restructuring
from app.models.units import Unit
from app.models.users import Role
from tests.api.test_restructuring_uploads import XLSX, plan_workbook
from tests.factories import World, make_user
from tests.restructuring import plan_2025
from tests.web.conftest import landed, page_token, signed_in
from tests.web.html import form_fields, one, table_rows, text
from tests.web.html import select as select_all


@pytest.fixture
def national(session: Session, world: World) -> World:
    world.users["admin_btp"] = make_user(session, "admin_btp", Role.admin, world.units["BTP"])
    session.commit()
    return world


def _preview(client, content: bytes, name="plan.xlsx", kind=XLSX, pasted: str = ""):
    token = page_token(client, "/restructurings/new")
    files = {"file": (name, content, kind)} if content else {"file": ("", b"", kind)}
    return client.post(
        "/restructurings/new",
        data={"csrf_token": token, "pasted": pasted},
        files=files,
    )


def _applied(session: Session) -> list[Restructuring]:
    session.expire_all()
    return list(session.exec(select(Restructuring)).all())


def test_the_preview_shows_the_events_and_counts_and_changes_nothing(web, session, national):
    w = signed_in(web, "admin_btp")
    page = _preview(w, plan_workbook(plan_2025()))
    assert page.status_code == 200, page.text[:500]
    counts = text(one(page, "#plan-counts"))
    assert "Đơn vị thành lập mới: 3" in counts and "Đơn vị chấm dứt hoạt động: 5" in counts
    events = table_rows(one(page, "#plan-events tbody"))
    merger = events[1]
    assert merger[0] == "01/07/2025" and merger[1] == "Hợp nhất, sáp nhập"
    assert merger[2] == "Cục THADS tỉnh Bến Tre, Cục THADS tỉnh Trà Vinh"
    assert merger[3] == "Thi hành án dân sự tỉnh Vĩnh Long"
    assert "202/2025/QH15" in merger[4]
    assert "Đổi tên" in [row[1] for row in events]
    users = text(one(page, "#plan-users"))
    assert "reporter_a1" in users and "Phòng Thi hành án dân sự khu vực 1 - Vĩnh Long" in users
    plan = json.loads(form_fields(one(page, "#apply-form"))["plan"])
    assert plan["events"][1]["units"] == ["CUC_A", "CUC_B"]
    assert _applied(session) == []
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is None


def test_applying_lands_on_the_record_which_links_the_units(web, session, national):
    w = signed_in(web, "admin_btp")
    page = _preview(w, plan_workbook(plan_2025()))
    fields = form_fields(one(page, "#apply-form"))
    done = w.post("/restructurings/apply", data=fields, follow_redirects=False)
    (row,) = _applied(session)
    landed(done, f"/restructurings/{row.id}", "applied")
    record = w.get(f"/restructurings/{row.id}")
    assert "Phương án sắp xếp đã được áp dụng." in text(record)
    facts = text(one(record, "#restructuring-facts"))
    assert "01/07/2025" in facts and "1898/QĐ-BTP" in facts and "25/06/2025" in facts
    vinh_long = session.exec(select(Unit).where(Unit.code == "THADS_VL")).one()
    assert f"/units/{vinh_long.id}" in [a["href"] for a in select_all(record, "#plan-events a")]
    assert "/restructurings" in [a.get("href") for a in select_all(w.get("/units"), "a")]
    listed = table_rows(one(w.get("/restructurings"), "#restructurings tbody"))
    assert listed == [
        [
            "01/07/2025",
            "Sắp xếp tổ chức hệ thống THADS từ 01/7/2025",
            "1898/QĐ-BTP ngày 25/06/2025",
            "Đã áp dụng",
            "admin_btp",
        ]
    ]


def test_reverting_asks_first_and_needs_the_form_token(web, session, national):
    w = signed_in(web, "admin_btp")
    fields = form_fields(one(_preview(w, plan_workbook(plan_2025())), "#apply-form"))
    w.post("/restructurings/apply", data=fields)
    (row,) = _applied(session)
    record = w.get(f"/restructurings/{row.id}")
    assert one(record, ".page-head a.btn.danger")["href"] == f"/restructurings/{row.id}/revert"
    confirm = w.get(f"/restructurings/{row.id}/revert")
    form = form_fields(one(confirm, "#revert-form"))
    assert form["version"] == "1"
    forged = w.post(f"/restructurings/{row.id}/revert", data={"version": "1"})
    assert forged.status_code == 403
    assert _applied(session)[0].status == "applied"
    done = w.post(f"/restructurings/{row.id}/revert", data=form, follow_redirects=False)
    landed(done, f"/restructurings/{row.id}", "reverted")
    assert _applied(session)[0].status == "reverted"
    again = w.post(f"/restructurings/{row.id}/revert", data={**form, "version": "2"})
    assert again.status_code == 409
    assert "Chỉ hoàn tác được phương án đã áp dụng" in text(one(again, "#revert-refused"))


def test_a_stale_revert_is_explained(web, session, national):
    w = signed_in(web, "admin_btp")
    fields = form_fields(one(_preview(w, plan_workbook(plan_2025())), "#apply-form"))
    w.post("/restructurings/apply", data=fields)
    (row,) = _applied(session)
    form = form_fields(one(w.get(f"/restructurings/{row.id}/revert"), "#revert-form"))
    stale = w.post(f"/restructurings/{row.id}/revert", data={**form, "version": "7"})
    assert stale.status_code == 412
    assert "vừa được người khác thay đổi" in text(one(stale, "#revert-refused"))
    assert _applied(session)[0].status == "applied"


def test_errors_name_the_event_beside_the_plan(web, session, national):
    w = signed_in(web, "admin_btp")
    plan = plan_2025()
    plan["events"].append({"kind": "rename", "units": ["NOWHERE"], "name": "X"})
    page = _preview(w, b"", pasted=json.dumps(plan))
    assert page.status_code == 422
    (error,) = select_all(page, "#plan-errors li")
    assert text(error) == (
        "Sự kiện 5 · Đơn vị hiện có 1 : Không có đơn vị NOWHERE trong phạm vi của bạn"
    )
    rows = table_rows(one(page, "#plan-rows tbody"))
    assert rows[4][:3] == ["5", "Đổi tên", "NOWHERE"]
    assert "Không có đơn vị NOWHERE" in rows[5][1]  # the row right under the event
    from_xlsx = _preview(w, plan_workbook(plan))
    assert "Trang Sự kiện, dòng 6" in text(one(from_xlsx, "#plan-errors"))
    assert _applied(session) == []


def test_a_reviewer_previews_but_is_not_offered_to_apply(web, session, national):
    w = signed_in(web, "reviewer_a")
    plan = plan_2025(events=[{"kind": "rename", "units": ["CC_A1"], "name": "Chi cục Giồng Trôm"}])
    page = _preview(w, b"", pasted=json.dumps(plan))
    assert page.status_code == 200
    assert select_all(page, "#apply-form") == []
    assert "Chỉ quản trị viên" in text(one(page, "#plan-preview"))
    refused = w.post(
        "/restructurings/apply",
        data={"csrf_token": page_token(w, "/restructurings"), "plan": json.dumps(plan)},
    )
    assert refused.status_code == 403
    assert _applied(session) == []


def test_a_reporter_has_no_restructuring_pages(web, national):
    w = signed_in(web, "reporter_a1")
    assert w.get("/restructurings").status_code == 403
    assert w.get("/restructurings/new").status_code == 403
    assert "/restructurings" not in [a.get("href") for a in select_all(w.get("/units"), "a")]


def test_the_pages_are_complete_in_english(web, session, national):
    w = signed_in(web, "admin_btp")
    w.get("/lang/en?next=/")
    page = _preview(w, plan_workbook(plan_2025()))
    counts = text(one(page, "#plan-counts"))
    assert "Units created: 3" in counts and "Users moved: 7" in counts
    assert "Merged" in [row[1] for row in table_rows(one(page, "#plan-events tbody"))]
    assert text(one(page, "#apply-form button")) == "Apply"
    w.post("/restructurings/apply", data=form_fields(one(page, "#apply-form")))
    (row,) = _applied(session)
    record = text(w.get(f"/restructurings/{row.id}"))
    assert "Legal basis" in record and "Applied" in record
    for vietnamese in ("Hợp nhất", "Đơn vị", "Căn cứ", "Hoàn tác"):
        assert vietnamese not in record
