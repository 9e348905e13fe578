"""Scope follows succession: after the 2025 restructuring, a user of a successor sees its
predecessors' records (reports, awards, people) and no other province's, across a merger
(Bến Tre + Trà Vinh → Vĩnh Long) and a split (a Sóc Trăng Chi cục into two offices)."""

import pytest
from sqlmodel import Session

from app.models.users import Role
from tests.api.helpers import QueryCounter
from tests.factories import World, make_person, make_token, make_unit, make_user
from tests.reporting import GOOD, make_period
from tests.restructuring import plan_2025, restructure

SPLIT = {
    "kind": "split",
    "units": ["CC_C1"],
    "new_units": [
        {
            "code": "PKV_C1",
            "name": "Phòng THADS khu vực 1",
            "kind": "area_office",
            "parent": "CUC_C",
        },
        {
            "code": "PKV_C2",
            "name": "Phòng THADS khu vực 2",
            "kind": "area_office",
            "parent": "CUC_C",
        },
    ],
}


def _user(session: Session, w: World, username: str, role: Role, unit: str) -> None:
    w.users[username] = make_user(session, username, role, w.units[unit])
    w.tokens[username] = make_token(session, w.users[username])


def _approved_report(api, w, unit: str, period: str = "2022-Q4") -> int:
    h = w.headers("admin_btp")
    r = api.post(
        "/api/v1/reports",
        headers=h,
        json={"unit_id": w.unit_id(unit), "period": period, "values": GOOD},
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    assert api.post(f"/api/v1/reports/{rid}/submit", headers=h).status_code == 200
    assert api.post(f"/api/v1/reports/{rid}/approve", headers=h).status_code == 200
    return rid


def _award(api, w, issuer: str, person: str, number: str) -> None:
    r = api.post(
        "/api/v1/decisions",
        headers=w.headers("admin_btp"),
        json={
            "number": number,
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id(issuer),
            "kind": "cong_trang",
            "year": 2022,
            "awards": [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id(person)}],
        },
    )
    assert r.status_code == 201, r.text


@pytest.fixture
def history(api, session: Session, figures_world: World) -> dict[str, int]:
    """2022 records in three provinces, then the 2025 restructuring and the new users."""
    w = figures_world
    w.units["CUC_C"] = make_unit(
        session, "CUC_C", "provincial_department", w.units["TC"], "Cục THADS tỉnh Sóc Trăng"
    )
    w.units["CC_C1"] = make_unit(
        session, "CC_C1", "district_office", w.units["CUC_C"], "Chi cục THADS huyện Kế Sách"
    )
    w.people["staff_c1"] = make_person(session, "Đỗ Văn Phúc", w.units["CC_C1"])
    _user(session, w, "admin_btp", Role.admin, "BTP")
    session.commit()
    reports = {code: _approved_report(api, w, code) for code in ("CC_A1", "CC_B1", "CC_C1")}
    _award(api, w, "CUC_A", "staff_a1", "415/QĐ-CTHADS")
    _award(api, w, "CUC_C", "staff_c1", "77/QĐ-CTHADS")

    restructure(session, w, plan_2025(events=[*plan_2025()["events"], SPLIT]))
    for username, role, unit in [
        ("vl_reviewer", Role.reviewer, "THADS_VL"),
        ("pkv1", Role.reporter, "PKV_1"),
        ("pkv_c1", Role.reporter, "PKV_C1"),
        ("pkv_c2", Role.reporter, "PKV_C2"),
    ]:
        _user(session, w, username, role, unit)
    make_period(session, 2026, 1)
    session.commit()
    reports["PKV_2"] = _approved_report(api, w, "PKV_2", "2026-Q1")
    return reports


def _report_units(api, w, user: str, **params) -> set[str]:
    r = api.get("/api/v1/reports", params={"limit": 100, **params}, headers=w.headers(user))
    assert r.status_code == 200, r.text
    return {item["unit"]["code"] for item in r.json()["items"]}


def test_the_successor_of_a_merger_sees_its_predecessors_records_and_no_others(
    api, figures_world, history
):
    w = figures_world
    assert _report_units(api, w, "vl_reviewer") == {"CC_A1", "CC_B1", "PKV_2"}
    other = api.get(f"/api/v1/reports/{history['CC_C1']}", headers=w.headers("vl_reviewer"))
    assert other.status_code == 404
    awards = api.get("/api/v1/awards", headers=w.headers("vl_reviewer")).json()["items"]
    assert [a["recipient_person"]["full_name"] for a in awards] == ["Nguyễn Văn An"]
    people = api.get("/api/v1/people", params={"limit": 100}, headers=w.headers("vl_reviewer"))
    names = {p["full_name"] for p in people.json()["items"]}
    assert {"Nguyễn Văn An", "Huỳnh Thị Em"} <= names and "Đỗ Văn Phúc" not in names
    h = w.headers("vl_reviewer")
    assert api.get(f"/api/v1/units/{w.unit_id('CUC_A')}/history", headers=h).status_code == 200
    assert api.get(f"/api/v1/units/{w.unit_id('CUC_C')}", headers=h).status_code == 404


def test_an_office_sees_only_its_own_predecessors(api, figures_world, history):
    w = figures_world
    assert _report_units(api, w, "pkv1") == {"CC_A1"}  # Bến Tre's Chi cục, not Trà Vinh's
    r = api.get(f"/api/v1/reports/{history['CC_B1']}", headers=w.headers("pkv1"))
    assert r.status_code == 404


def test_both_successors_of_a_split_see_the_predecessor_and_not_each_other(
    api, figures_world, history
):
    w = figures_world
    assert _report_units(api, w, "pkv_c1") == {"CC_C1"}
    assert _report_units(api, w, "pkv_c2") == {"CC_C1"}
    awards = api.get("/api/v1/awards", headers=w.headers("pkv_c2")).json()["items"]
    assert [a["recipient_person"]["full_name"] for a in awards] == ["Đỗ Văn Phúc"]
    h = w.headers("pkv_c1")
    assert api.get(f"/api/v1/units/{w.unit_id('PKV_C2')}", headers=h).status_code == 404


def test_predecessors_users_keep_their_history_and_do_not_inherit_the_successors(
    api, figures_world, history
):
    w = figures_world
    assert _report_units(api, w, "reviewer_a") == {"CC_A1"}
    assert _report_units(api, w, "admin_b") == {"CC_B1"}


def test_inherited_scope_follows_a_moved_predecessor(api, figures_world, history):
    w = figures_world
    h = w.headers("admin_btp")
    cuc = api.get(f"/api/v1/units/{w.unit_id('CUC_A')}", headers=h)
    moved = api.patch(
        f"/api/v1/units/{w.unit_id('CUC_A')}",
        headers={**h, "If-Match": cuc.headers["etag"]},
        json={"parent_id": w.unit_id("BTP")},
    )
    assert moved.status_code == 200, moved.text
    assert _report_units(api, w, "vl_reviewer") == {"CC_A1", "CC_B1", "PKV_2"}


def test_inheriting_costs_no_query(api, figures_world, history):
    """The inherited subtrees come with the user's unit: a page still costs the token, the
    count and the rows."""
    w = figures_world
    for user in ("reviewer_a", "vl_reviewer"):
        api.get("/api/v1/units", headers=w.headers(user))  # the first call may touch the token
        with QueryCounter() as counted:
            assert api.get("/api/v1/units", headers=w.headers(user)).status_code == 200
        assert counted.count == 3, counted.statements
