"""Units through time: a unit as of a day, lists as of a day, and a unit's history (versions,
events with their legal basis, predecessors and successors) across the 2025 restructuring."""

import pytest
from sqlmodel import Session

from app.core.errors import Invalid
from app.models.users import Role
from tests.api.helpers import error_fields, problem
from tests.factories import World, make_token, make_user
from tests.restructuring import plan_2025, restructure


@pytest.fixture
def national(session: Session, world: World) -> World:
    """The world restructured, and a reader at the Ministry who sees all of it."""
    restructure(session, world)
    user = make_user(session, "admin_btp", Role.admin, world.units["BTP"])
    world.tokens["admin_btp"] = make_token(session, user)
    session.commit()
    return world


def _get(api, w, path, user="admin_btp", **params):
    r = api.get(f"/api/v1{path}", params=params, headers=w.headers(user))
    assert r.status_code == 200, r.text
    return r.json()


def _codes(body) -> list[str]:
    return [u["code"] for u in body["items"]]


def test_a_unit_as_of_a_day_has_that_days_name_and_level(api, national):
    w = national
    tc = w.unit_id("TC")
    before = _get(api, w, f"/units/{tc}", as_of="2025-06-30")
    after = _get(api, w, f"/units/{tc}", as_of="2025-07-01")
    assert (before["name"], before["kind"]) == ("Tổng cục THADS", "general_department")
    assert (after["name"], after["kind"]) == (
        "Cục Quản lý Thi hành án dân sự",
        "enforcement_management",
    )
    assert before["as_of"] == "2025-06-30" and before["allowed_actions"] == []
    now = _get(api, w, f"/units/{tc}")
    assert now["name"] == "Cục Quản lý Thi hành án dân sự" and now["as_of"] is None
    old = _get(api, w, f"/units/{w.unit_id('CUC_A')}", as_of="2022-12-31")
    assert (old["name"], old["kind"], old["parent_id"]) == (
        "Cục THADS tỉnh Bến Tre",
        "provincial_department",
        tc,
    )
    assert old["valid_to"] == "2025-06-30" and old["reports_figures"] is True


def test_a_unit_that_did_not_exist_that_day_is_not_found(api, national):
    w = national
    url = f"/api/v1/units/{w.unit_id('CUC_A')}"
    gone = problem(
        api.get(url, params={"as_of": "2025-07-01"}, headers=w.headers("admin_btp")), 404
    )
    assert gone["detail"] == "Không có đơn vị vào ngày 2025-07-01"
    new = api.get(
        f"/api/v1/units/{w.unit_id('THADS_VL')}",
        params={"as_of": "2025-06-30"},
        headers=w.headers("admin_btp", **{"Accept-Language": "en"}),
    )
    assert problem(new, 404)["detail"] == "No such unit on 2025-06-30"


def test_a_bad_day_names_the_field(api, national):
    w = national
    h = w.headers("admin_btp")
    assert error_fields(api.get("/api/v1/units", params={"as_of": "2025-13-01"}, headers=h)) == {
        "as_of"
    }
    one = api.get(f"/api/v1/units/{w.unit_id('TC')}", params={"as_of": "1/7/2025"}, headers=h)
    assert error_fields(one) == {"as_of"}
    assert one.json()["errors"][0]["message"] == "Phải là ngày hợp lệ (yyyy-mm-dd)"


def test_lists_as_of_a_day_show_that_days_tree(api, national):
    w = national
    in_2022 = _get(api, w, "/units", parent_id=w.unit_id("CUC_A"), as_of="2022-12-31")
    # Listed in today's tree order: the office and the partner that moved to Vĩnh Long last.
    assert _codes(in_2022) == ["CC_A1", "CC_A2", "OFFICE_A", "EXT_A"]
    assert [u["name"] for u in in_2022["items"]][:2] == [
        "Chi cục THADS huyện Giồng Trôm",
        "Chi cục THADS huyện Thạnh Phú",
    ]
    vl = w.unit_id("THADS_VL")
    # Units the merger left without a parent followed it to its successor.
    assert _codes(_get(api, w, "/units", parent_id=vl, as_of="2026-01-15")) == [
        "OFFICE_A",
        "EXT_A",
        "PKV_1",
        "PKV_2",
    ]
    assert _codes(_get(api, w, "/units", parent_id=vl, as_of="2025-06-30")) == []
    offices = _get(api, w, "/units", kind="district_office", as_of="2022-12-31")
    assert _codes(offices) == ["CC_A1", "CC_A2", "CC_B1"]
    assert _codes(_get(api, w, "/units", kind="district_office", as_of="2026-01-15")) == []
    assert _codes(_get(api, w, "/units", q="tong cuc", as_of="2022-12-31")) == ["TC"]
    assert _codes(_get(api, w, "/units", q="tong cuc", as_of="2026-01-15")) == []
    # Without a day, today's units: the ended ones too (their records stay reachable).
    assert "CUC_A" in _codes(_get(api, w, "/units", limit=100))


def test_the_history_of_a_renamed_unit(api, national):
    w = national
    history = _get(api, w, f"/units/{w.unit_id('TC')}/history")
    assert [
        (v["valid_from"], v["valid_to"], v["name"], v["kind"]) for v in history["versions"]
    ] == [
        (None, "2025-06-30", "Tổng cục THADS", "general_department"),
        ("2025-07-01", None, "Cục Quản lý Thi hành án dân sự", "enforcement_management"),
    ]
    (event,) = history["events"]
    assert event["kind"] == "rename" and event["effective_on"] == "2025-07-01"
    assert event["basis"] == {"number": "1898/QĐ-BTP", "signed_on": "2025-06-25", "title": None}
    assert [u["name"] for u in event["predecessors"]] == ["Tổng cục THADS"]
    assert [u["name"] for u in event["successors"]] == ["Cục Quản lý Thi hành án dân sự"]
    assert history["predecessors"] == [] and history["successors"] == []


def test_the_history_of_a_merger_links_predecessors_and_successor(api, national):
    w = national
    old = _get(api, w, f"/units/{w.unit_id('CUC_A')}/history")
    assert [(v["valid_to"], v["name"]) for v in old["versions"]] == [
        ("2025-06-30", "Cục THADS tỉnh Bến Tre")
    ]
    assert old["versions"][0]["parent"]["name"] == "Tổng cục THADS"  # as the parent was then
    (merger,) = old["events"]
    assert merger["kind"] == "merge" and merger["basis"]["number"] == "202/2025/QH15"
    assert [u["code"] for u in merger["predecessors"]] == ["CUC_A", "CUC_B"]
    assert [u["name"] for u in merger["successors"]] == ["Thi hành án dân sự tỉnh Vĩnh Long"]
    assert [u["code"] for u in old["successors"]] == ["THADS_VL"]
    new = _get(api, w, f"/units/{w.unit_id('THADS_VL')}/history")
    assert sorted(u["code"] for u in new["predecessors"]) == ["CUC_A", "CUC_B"]
    assert new["versions"][0]["valid_from"] == "2025-07-01"
    assert new["versions"][0]["parent"]["name"] == "Cục Quản lý Thi hành án dân sự"


def test_a_unit_that_followed_its_merged_parent_keeps_its_old_parent_in_history(api, national):
    w = national
    history = _get(api, w, f"/units/{w.unit_id('EXT_A1')}/history")
    assert [(v["parent"]["code"], v["valid_to"]) for v in history["versions"]] == [
        ("CC_A1", "2025-06-30"),
        ("PKV_1", None),
    ]
    assert [e["kind"] for e in history["events"]] == ["move"]
    assert history["events"][0]["basis"]["number"] == "1898/QĐ-BTP"


def test_a_new_unit_starts_with_one_version_and_an_edit_corrects_the_latest(api, national):
    w = national
    h = w.headers("admin_btp")
    created = api.post(
        "/api/v1/units",
        headers=h,
        json={
            "code": "PKV_3",
            "name": "Phòng THADS khu vực 3",
            "kind": "area_office",
            "parent_id": w.unit_id("THADS_VL"),
            "valid_from": "2025-07-01",
        },
    )
    assert created.status_code == 201, created.text
    versions = _get(api, w, f"/units/{created.json()['id']}/history")["versions"]
    assert [(v["valid_from"], v["name"]) for v in versions] == [
        ("2025-07-01", "Phòng THADS khu vực 3")
    ]
    tc = w.unit_id("TC")
    etag = api.get(f"/api/v1/units/{tc}", headers=h).headers["etag"]
    fixed = api.patch(
        f"/api/v1/units/{tc}",
        headers={**h, "If-Match": etag},
        json={"name": "Cục Quản lý Thi hành án dân sự (Bộ Tư pháp)"},
    )
    assert fixed.status_code == 200, fixed.text
    names = [v["name"] for v in _get(api, w, f"/units/{tc}/history")["versions"]]
    assert names == ["Tổng cục THADS", "Cục Quản lý Thi hành án dân sự (Bộ Tư pháp)"]
    late = api.patch(
        f"/api/v1/units/{tc}",
        headers={**h, "If-Match": fixed.headers["etag"]},
        json={"valid_from": "2025-08-01"},
    )
    assert error_fields(late) == {"valid_from"}


def _refused(session, world, plan) -> Invalid:
    with pytest.raises(Invalid) as refused:
        restructure(session, world, plan)
    session.rollback()
    return refused.value


def test_history_only_grows_at_its_end(session, national):
    w = national
    earlier = plan_2025(
        effective_on="2025-03-01",
        events=[{"kind": "rename", "units": ["TC"], "name": "Tổng cục Thi hành án dân sự"}],
    )
    (issue,) = _refused(session, w, earlier).errors
    assert (issue.field, issue.params["changed"]) == ("events.0.units.0", "2025-07-01")
    ended = plan_2025(
        effective_on="2026-01-01",
        events=[{"kind": "rename", "units": ["CUC_A"], "name": "Cục THADS Bến Tre"}],
    )
    (issue,) = _refused(session, w, ended).errors
    assert issue.message == "{code} does not exist on {date}"


def test_a_plan_names_every_malformed_event_at_once(session, world):
    plan = plan_2025(
        events=[
            {"kind": "merge", "units": ["CUC_A"]},
            {"kind": "move", "units": ["CC_A1"]},
            {"kind": "rename", "units": ["CC_A2"]},
        ]
    )
    fields = {i.field for i in _refused(session, world, plan).errors}
    assert fields == {"events.0.successors", "events.1.parent", "events.2.name"}


def test_a_split_must_place_the_subunits(session, world):
    plan = plan_2025(
        events=[
            {
                "kind": "split",
                "units": ["CC_A1"],
                "new_units": [
                    {
                        "code": "N1",
                        "name": "Phòng khu vực Bắc",
                        "kind": "area_office",
                        "parent": "CUC_A",
                    },
                    {
                        "code": "N2",
                        "name": "Phòng khu vực Nam",
                        "kind": "area_office",
                        "parent": "CUC_A",
                    },
                ],
            }
        ]
    )
    (issue,) = _refused(session, world, plan).errors
    assert issue.field == "events.0.units" and issue.params["codes"] == "EXT_A1"


def test_split_dissolve_and_create_are_recorded_with_their_links(api, session, world):
    restructure(
        session,
        world,
        plan_2025(
            basis={"number": "15/QĐ-CTHADS", "signed_on": "2025-06-20", "title": "Sắp xếp"},
            events=[
                {
                    "kind": "split",
                    "units": ["CC_A1"],
                    "new_units": [
                        {
                            "code": "N1",
                            "name": "Khu vực Bắc",
                            "kind": "area_office",
                            "parent": "CUC_A",
                        },
                        {
                            "code": "N2",
                            "name": "Khu vực Nam",
                            "kind": "area_office",
                            "parent": "CUC_A",
                        },
                    ],
                },
                {"kind": "move", "units": ["EXT_A1"], "parent": "N1"},
                {"kind": "dissolve", "units": ["OFFICE_A"]},
                {
                    "kind": "create",
                    "new_units": [
                        {
                            "code": "N3",
                            "name": "Văn phòng",
                            "kind": "internal_office",
                            "parent": "CUC_A",
                        }
                    ],
                    "effective_on": "2025-08-01",
                },
            ],
        ),
    )
    h = world.headers("admin_a")
    split = _get(api, world, f"/units/{world.unit_id('CC_A1')}/history", user="admin_a")
    assert [u["code"] for u in split["successors"]] == ["N1", "N2"]
    assert split["events"][0]["basis"]["title"] == "Sắp xếp"
    north = _get(api, world, f"/units/{world.unit_id('N1')}/history", user="admin_a")
    assert [u["code"] for u in north["predecessors"]] == ["CC_A1"]
    gone = _get(api, world, f"/units/{world.unit_id('OFFICE_A')}/history", user="admin_a")
    assert [e["kind"] for e in gone["events"]] == ["dissolve"] and gone["successors"] == []
    assert gone["versions"][-1]["valid_to"] == "2025-06-30"
    created = _get(api, world, f"/units/{world.unit_id('N3')}", user="admin_a")
    assert created["valid_from"] == "2025-08-01"
    in_july = api.get(
        "/api/v1/units",
        params={"parent_id": world.unit_id("CUC_A"), "as_of": "2025-07-15"},
        headers=h,
    ).json()
    assert _codes(in_july) == ["CC_A2", "EXT_A", "N1", "N2"]
