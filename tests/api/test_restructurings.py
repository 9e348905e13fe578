"""A restructuring plan through the API: the dry run previews exactly what applying does and
keeps nothing; applying is one audited transaction that moves the users of the units that end;
reverting undoes it while nothing newer depends on it."""

import pytest
from sqlmodel import Session, func, select

from app.models.audit import AuditEntry
from app.models.campaigns import Campaign, CampaignParticipant, CampaignStatus
from app.models.restructurings import Restructuring
from app.models.unit_history import UnitEvent
from app.models.units import Unit
from app.models.users import Role, User
from tests.api.helpers import audit_entries, error_fields, problem
from tests.factories import World, make_token, make_user
from tests.reporting import GOOD, make_period
from tests.restructuring import plan_2025

URL = "/api/v1/restructurings"


@pytest.fixture
def national(session: Session, figures_world: World) -> World:
    w = figures_world
    user = make_user(session, "admin_btp", Role.admin, w.units["BTP"])
    w.users["admin_btp"] = user
    w.tokens["admin_btp"] = make_token(session, user)
    session.commit()
    return w


def _count(session: Session, model) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def _apply(api, w, plan=None, **headers):
    return api.post(URL, json=plan or plan_2025(), headers=w.headers("admin_btp", **headers))


def _home(session: Session, w: World, username: str) -> str:
    session.expire_all()
    user = session.exec(select(User).where(User.username == username)).one()
    unit = session.get(Unit, user.unit_id)
    return unit.code  # type: ignore[union-attr]


def test_the_dry_run_shows_what_would_change_and_keeps_nothing(api, session, national):
    w = national
    draft = api.post(
        "/api/v1/reports",
        headers=w.headers("reporter_a2"),
        json={"unit_id": w.unit_id("CC_A2"), "period": "2022-Q4", "values": GOOD},
    )
    assert draft.status_code == 201
    campaign = Campaign(
        title="Phong trào thi đua Đồng Khởi mới",
        kind="chuyen_de",
        status=CampaignStatus.launched,
        launched_by_id=w.unit_id("CUC_A"),
        owner_unit_id=w.unit_id("CUC_A"),
    )
    session.add(campaign)
    session.flush()
    session.add(CampaignParticipant(campaign_id=campaign.id, unit_id=w.unit_id("CC_A1")))
    session.commit()
    audits, units = _count(session, AuditEntry), _count(session, Unit)

    r = api.post(URL, params={"dry_run": "true"}, json=plan_2025(), headers=w.headers("admin_btp"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dry_run"] is True and body["basis"]["number"] == "1898/QĐ-BTP"
    summary = body["summary"]
    assert [e["kind"] for e in summary["events"]][:4] == ["rename", "merge", "merge", "merge"]
    merger = summary["events"][1]
    assert [u["name"] for u in merger["predecessors"]] == [
        "Cục THADS tỉnh Bến Tre",
        "Cục THADS tỉnh Trà Vinh",
    ]
    assert [u["name"] for u in merger["successors"]] == ["Thi hành án dân sự tỉnh Vĩnh Long"]
    assert [u["code"] for u in summary["created"]] == ["THADS_VL", "PKV_1", "PKV_2"]
    assert {u["code"] for u in summary["ended"]} == {"CUC_A", "CUC_B", "CC_A1", "CC_A2", "CC_B1"}
    assert {u["code"] for u in summary["changed"]} >= {"TC", "OFFICE_A", "EXT_A", "EXT_A1"}
    moves = {m["username"]: m["to_unit"]["code"] for m in summary["users_moved"]}
    assert moves["reviewer_a"] == "THADS_VL" and moves["reporter_a1"] == "PKV_1"
    assert moves["admin_b"] == "THADS_VL" and moves["reporter_b1"] == "PKV_2"
    assert summary["users_to_reassign"] == []
    gains = {g["unit"]["code"]: g for g in summary["scopes"]}
    assert {u["code"] for u in gains["THADS_VL"]["inherits"]} == {"CUC_A", "CUC_B"}
    assert gains["THADS_VL"]["users"] == 4  # the Cục's users, who move there
    moves_of_subunits = [e for e in summary["events"] if e["kind"] == "move"]
    assert {e["parent"]["code"] for e in moves_of_subunits} == {"THADS_VL", "PKV_1"}
    office = next(e for e in moves_of_subunits if e["parent"]["code"] == "THADS_VL")
    assert {u["code"] for u in office["predecessors"]} == {"OFFICE_A", "EXT_A"}
    assert [(o["unit"]["code"], o["status"]) for o in summary["open_reports"]] == [
        ("CC_A2", "draft")
    ]
    (running,) = summary["running_campaigns"]
    assert running["title"] == "Phong trào thi đua Đồng Khởi mới"
    assert {u["code"] for u in running["units"]} == {"CUC_A", "CC_A1"}

    # Nothing stayed: no unit, no event, no record, no audit row, nobody moved.
    assert (_count(session, Unit), _count(session, UnitEvent)) == (units, 0)
    assert _count(session, Restructuring) == 0
    assert _count(session, AuditEntry) == audits
    assert _home(session, w, "reporter_a1") == "CC_A1"
    tc = api.get(f"/api/v1/units/{w.unit_id('TC')}", headers=w.headers("admin_btp")).json()
    assert tc["name"] == "Tổng cục THADS"


def test_applying_moves_users_records_the_plan_and_audits_it(api, session, national):
    w = national
    r = _apply(api, w)
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"{URL}/{body['id']}" and r.headers["etag"] == '"1"'
    assert body["status"] == "applied" and body["allowed_actions"] == ["revert"]
    assert body["applied_by"] == "admin_btp" and body["dry_run"] is False
    assert _home(session, w, "reporter_a1") == "PKV_1"
    assert _home(session, w, "reviewer_a") == "THADS_VL"
    # The moved reviewer works in the new structure and still reaches Bến Tre's units.
    me = api.get("/api/v1/me", headers=w.headers("reviewer_a")).json()
    assert me["unit"]["code"] == "THADS_VL"
    history = api.get(
        f"/api/v1/units/{w.unit_id('CUC_A')}/history", headers=w.headers("reviewer_a")
    )
    assert history.status_code == 200
    (applied,) = audit_entries(session, entity="restructuring")
    assert applied.action == "apply" and applied.actor_name == "admin_btp"
    assert applied.unit_id == w.unit_id("TC")
    moved = audit_entries(session, entity="user", action="update")
    assert any(e.entity_id == w.users["reporter_a1"].id for e in moved)
    assert any(e.after["unit_id"] == _unit(session, "PKV_1") for e in moved)
    listed = api.get(URL, headers=w.headers("admin_btp")).json()
    assert [item["id"] for item in listed["items"]] == [body["id"]] and listed["total"] == 1
    one = api.get(f"{URL}/{body['id']}", headers=w.headers("admin_btp"))
    assert one.json()["summary"] == body["summary"]


def test_a_plan_that_fails_anywhere_changes_nothing(api, session, national):
    w = national
    plan = plan_2025()
    plan["events"].append({"kind": "rename", "units": ["NOWHERE"], "name": "X"})
    r = _apply(api, w, plan)
    assert error_fields(r) == {"events.4.units.0"}
    assert r.json()["errors"][0]["message"] == "Không có đơn vị NOWHERE trong phạm vi của bạn"
    en = _apply(api, w, plan, **{"Accept-Language": "en"})
    assert en.json()["errors"][0]["message"] == "No unit NOWHERE in your scope"
    assert _count(session, UnitEvent) == 0 and _count(session, Restructuring) == 0
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is None


def test_a_province_cannot_restructure_another(api, national):
    w = national
    plan = plan_2025(
        events=[{"kind": "merge", "units": ["CC_A1", "CC_B1"], "successors": ["CC_A2"]}]
    )
    r = api.post(URL, params={"dry_run": "true"}, json=plan, headers=w.headers("admin_a"))
    assert error_fields(r) == {"events.0.units.1"}


def test_reverting_restores_the_tree_and_the_users(api, session, national):
    w = national
    applied = _apply(api, w).json()
    url = f"{URL}/{applied['id']}/revert"
    stale = api.post(url, headers=w.headers("admin_btp", **{"If-Match": '"7"'}))
    assert problem(stale, 412)
    r = api.post(url, headers=w.headers("admin_btp", **{"If-Match": '"1"'}))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "reverted" and r.json()["allowed_actions"] == []
    h = w.headers("admin_btp")
    assert api.get(f"/api/v1/units/{w.unit_id('TC')}", headers=h).json()["name"] == "Tổng cục THADS"
    cuc = api.get(f"/api/v1/units/{w.unit_id('CUC_A')}", headers=h).json()
    assert cuc["valid_to"] is None
    history = api.get(f"/api/v1/units/{w.unit_id('EXT_A1')}/history", headers=h).json()
    assert [(v["parent"]["code"], v["valid_to"]) for v in history["versions"]] == [("CC_A1", None)]
    assert history["events"] == []
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is None
    assert _home(session, w, "reporter_a1") == "CC_A1"
    # The Bến Tre reviewer sees Bến Tre again, and nothing of Trà Vinh.
    units = api.get("/api/v1/units", headers=w.headers("reviewer_a")).json()
    assert {u["code"] for u in units["items"]} == {
        "CUC_A",
        "OFFICE_A",
        "CC_A1",
        "EXT_A1",
        "CC_A2",
        "EXT_A",
    }
    assert [e.action for e in audit_entries(session, entity="restructuring")] == ["apply", "revert"]
    again = api.post(url, headers=h)
    assert problem(again, 409)["detail"] == "Chỉ hoàn tác được phương án đã áp dụng"


def test_reverting_is_refused_once_records_belong_to_the_new_units(api, session, national):
    w = national
    applied = _apply(api, w).json()
    make_period(session, 2026, 1)
    session.commit()
    report = api.post(
        "/api/v1/reports",
        headers=w.headers("reporter_a1"),  # now at Phòng THADS khu vực 1
        json={"unit_id": _unit(session, "PKV_1"), "period": "2026-Q1", "values": GOOD},
    )
    assert report.status_code == 201, report.text
    r = api.post(
        f"{URL}/{applied['id']}/revert", headers=w.headers("admin_btp", **{"Accept-Language": "en"})
    )
    assert problem(r, 409)["detail"] == "Records now belong to units it created: report"
    assert _home(session, w, "reporter_a1") == "PKV_1"  # nothing moved back
    assert session.exec(select(Unit).where(Unit.code == "THADS_VL")).first() is not None


def test_reverting_is_refused_after_a_later_change(api, session, national):
    w = national
    applied = _apply(api, w).json()
    later = plan_2025(
        effective_on="2026-01-01",
        events=[{"kind": "rename", "units": ["THADS_VL"], "name": "THADS thành phố Vĩnh Long"}],
    )
    assert _apply(api, w, later).status_code == 201
    r = api.post(f"{URL}/{applied['id']}/revert", headers=w.headers("admin_btp"))
    assert "THADS_VL" in problem(r, 409)["detail"]


def _unit(session: Session, code: str) -> int:
    return session.exec(select(Unit.id).where(Unit.code == code)).one()


def test_two_changes_of_one_unit_on_one_day_make_one_version(api, session, national):
    w = national
    plan = plan_2025()
    plan["events"].insert(0, {"kind": "rename", "units": ["OFFICE_A"], "name": "Văn phòng"})
    assert _apply(api, w, plan).status_code == 201
    history = api.get(
        f"/api/v1/units/{w.unit_id('OFFICE_A')}/history", headers=w.headers("admin_btp")
    ).json()
    assert [(v["name"], v["parent"]["code"], v["valid_from"]) for v in history["versions"]] == [
        ("Phòng Tổ chức cán bộ", "CUC_A", None),
        ("Văn phòng", "THADS_VL", "2025-07-01"),
    ]
    assert [e["kind"] for e in history["events"]] == ["rename", "move"]


def test_users_of_a_unit_dissolved_without_successor_are_left_to_reassign(api, session, national):
    w = national
    plan = plan_2025(events=[{"kind": "dissolve", "units": ["CC_A2"]}])
    preview = api.post(URL, params={"dry_run": "true"}, json=plan, headers=w.headers("admin_a"))
    summary = preview.json()["summary"]
    assert summary["users_moved"] == []
    assert [(m["username"], m["to_unit"]) for m in summary["users_to_reassign"]] == [
        ("reporter_a2", None)
    ]
    assert api.post(URL, json=plan, headers=w.headers("admin_a")).status_code == 201
    assert _home(session, w, "reporter_a2") == "CC_A2"


def test_reviewers_read_restructurings_and_only_administrators_revert(api, national):
    w = national
    plan = plan_2025(events=[{"kind": "rename", "units": ["CC_A1"], "name": "Chi cục Giồng Trôm"}])
    applied = api.post(URL, json=plan, headers=w.headers("admin_a")).json()
    seen = api.get(f"{URL}/{applied['id']}", headers=w.headers("reviewer_a"))
    assert seen.status_code == 200 and seen.json()["allowed_actions"] == []
    assert api.get(f"{URL}/{applied['id']}", headers=w.headers("admin_b")).status_code == 404
    refused = api.post(f"{URL}/{applied['id']}/revert", headers=w.headers("reviewer_a"))
    assert problem(refused, 403)


def test_the_successors_reviewer_reads_the_plan_that_made_its_unit_but_cannot_revert_it(
    api, session, national
):
    """The merger creates THADS tỉnh Vĩnh Long under the Tổng cục, so the plan belongs to the
    Tổng cục; yet everything it touched lies in the new province's inherited scope, so its
    reviewer reads it (without a revert). A plan that also renamed the Tổng cục stays hidden."""
    w = national
    merger, offices = plan_2025()["events"][1:3]
    provincial = plan_2025(events=[{**merger, "units": ["CUC_A"]}, offices])
    applied = _apply(api, w, provincial)
    assert applied.status_code == 201, applied.text
    rid = applied.json()["id"]
    session.expire_all()
    vl = session.exec(select(Unit).where(Unit.code == "THADS_VL")).one()
    for name, role in (("vl_reviewer", Role.reviewer), ("vl_admin", Role.admin)):
        user = make_user(session, name, role, vl)
        w.users[name] = user
        w.tokens[name] = make_token(session, user)
    session.commit()
    listed = api.get(URL, headers=w.headers("vl_reviewer")).json()
    assert [r["id"] for r in listed["items"]] == [rid]
    assert listed["items"][0]["allowed_actions"] == []
    one = api.get(f"{URL}/{rid}", headers=w.headers("vl_admin"))
    assert one.status_code == 200 and one.json()["allowed_actions"] == []
    refused = api.post(
        f"{URL}/{rid}/revert", headers=w.headers("vl_admin", **{"If-Match": one.headers["etag"]})
    )
    assert refused.status_code == 404
    assert api.get(f"{URL}/{rid}", headers=w.headers("admin_btp")).json()["allowed_actions"] == [
        "revert"
    ]
    # Trà Vinh, not merged this time, sees nothing of it.
    assert api.get(URL, headers=w.headers("admin_b")).json()["items"] == []
