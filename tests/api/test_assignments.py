"""People move with history: a transfer closes the current assignment the day before and opens
the next; a restructuring moves the people of a unit that ends to its single successor and its
revert brings them back; the award history and the consecutive-year checks follow the person
across units, each award's unit named as it was on the decision's signing date."""

import pytest
from sqlmodel import Session, col, select

from app.models.assignments import PersonAssignment
from app.models.users import Role
from app.services.assignments import local_today
from tests.api.helpers import audit_entries, error_fields, problem
from tests.factories import World, make_token, make_user
from tests.restructuring import plan_2025, restructure

RESTRUCTURINGS = "/api/v1/restructurings"


@pytest.fixture
def national(session: Session, figures_world: World) -> World:
    w = figures_world
    user = make_user(session, "admin_btp", Role.admin, w.units["BTP"])
    w.users["admin_btp"] = user
    w.tokens["admin_btp"] = make_token(session, user)
    session.commit()
    return w


def _person_url(w: World, key: str) -> str:
    return f"/api/v1/people/{w.person_id(key)}"


def _move(api, w, key, unit, *, on=None, user="admin_btp", **extra):
    url = _person_url(w, key)
    version = api.get(url, headers=w.headers(user)).headers["etag"]
    body = {"unit_id": w.unit_id(unit), **extra}
    if on is not None:
        body["effective_on"] = on
    return api.patch(url, json=body, headers=w.headers(user, **{"If-Match": version}))


def _timeline(api, w, key, user="admin_btp"):
    r = api.get(f"{_person_url(w, key)}/assignments", headers=w.headers(user))
    assert r.status_code == 200, r.text
    return [(a["unit"]["code"], a["valid_from"], a["valid_to"]) for a in r.json()["items"]]


def test_a_new_person_starts_with_one_assignment_from_recruitment(api, world):
    h = world.headers("admin_a")
    created = api.post(
        "/api/v1/people",
        json={
            "full_name": "Đỗ Thị Giang",
            "unit_id": world.unit_id("CC_A2"),
            "recruited_on": "2019-08-01",
            "position": "Thư ký thi hành án",
        },
        headers=h,
    ).json()
    r = api.get(f"/api/v1/people/{created['id']}/assignments", headers=h).json()["items"]
    assert [(a["unit"]["code"], a["valid_from"], a["valid_to"], a["position"]) for a in r] == [
        ("CC_A2", "2019-08-01", None, "Thư ký thi hành án")
    ]
    assert r[0]["recorded_by"] == "admin_a" and r[0]["by_restructuring"] is False


def test_a_transfer_closes_the_current_assignment_the_day_before(api, session, national):
    w = national
    r = _move(api, w, "staff_a1", "CC_B1", on="2024-03-01", position="Chấp hành viên trung cấp")
    assert r.status_code == 200, r.text
    assert r.json()["unit"]["code"] == "CC_B1" and r.headers["etag"] == '"2"'
    assert _timeline(api, w, "staff_a1") == [
        ("CC_A1", None, "2024-02-29"),  # recorded with no recruitment day: since always
        ("CC_B1", "2024-03-01", None),
    ]
    opened = api.get(f"{_person_url(w, 'staff_a1')}/assignments", headers=w.headers("admin_btp"))
    assert opened.json()["items"][1]["position"] == "Chấp hành viên trung cấp"
    # The person is listed where they are now; Bến Tre no longer sees them, Trà Vinh does.
    assert api.get(_person_url(w, "staff_a1"), headers=w.headers("admin_a")).status_code == 404
    assert len(_timeline(api, w, "staff_a1", user="admin_b")) == 2
    (entry,) = audit_entries(session, entity="person", action="update")
    assert entry.after["unit_id"] == w.unit_id("CC_B1")


def test_a_transfer_without_a_date_takes_effect_today(api, world):
    r = _move(api, world, "staff_a1", "CC_A2", user="admin_a")
    assert r.status_code == 200, r.text
    assert _timeline(api, world, "staff_a1", user="admin_a")[-1] == (
        "CC_A2",
        local_today().isoformat(),
        None,
    )


def test_a_transfer_dated_on_the_current_start_corrects_it(api, world):
    assert (
        _move(api, world, "staff_a1", "CC_A2", on="2024-03-01", user="admin_a").status_code == 200
    )
    # Wrong office: the same day again replaces the unit, no third assignment.
    again = _move(api, world, "staff_a1", "OFFICE_A", on="2024-03-01", user="admin_a")
    assert again.status_code == 200, again.text
    assert _timeline(api, world, "staff_a1", user="admin_a") == [
        ("CC_A1", None, "2024-02-29"),
        ("OFFICE_A", "2024-03-01", None),
    ]


def test_a_transfer_before_the_current_start_or_after_today_is_refused(api, session, world):
    assert (
        _move(api, world, "staff_a1", "CC_A2", on="2024-03-01", user="admin_a").status_code == 200
    )
    early = _move(api, world, "staff_a1", "CC_A1", on="2023-12-31", user="admin_a")
    assert error_fields(early) == {"effective_on"}
    assert early.json()["errors"][0]["message"] == (
        "Quá trình công tác hiện tại bắt đầu từ ngày 2024-03-01: ngày điều động không thể sớm hơn"
    )
    late = _move(api, world, "staff_a1", "CC_A1", on="2999-01-01", user="admin_a")
    assert error_fields(late) == {"effective_on"}
    assert late.json()["errors"][0]["message"].startswith("Ngày điều động không thể sau")
    english = api.patch(
        _person_url(world, "staff_a1"),
        json={"unit_id": world.unit_id("CC_A1"), "effective_on": "2023-12-31"},
        headers=world.headers("admin_a", **{"Accept-Language": "en"}),
    )
    assert english.json()["errors"][0]["message"] == (
        "The current assignment starts on 2024-03-01: a transfer cannot take effect earlier"
    )
    # Nothing changed by the refusals.
    assert _timeline(api, world, "staff_a1", user="admin_a")[-1] == ("CC_A2", "2024-03-01", None)
    rows = session.exec(
        select(PersonAssignment).where(PersonAssignment.person_id == world.person_id("staff_a1"))
    ).all()
    assert len(rows) == 2


def test_someone_outside_the_persons_scope_does_not_see_their_assignments(api, world):
    r = api.get(f"{_person_url(world, 'staff_a1')}/assignments", headers=world.headers("admin_b"))
    assert problem(r, 404)


def test_assignments_name_each_unit_as_it_was(api, session, national):
    w = national
    assert _move(api, w, "staff_a1", "CC_A2", on="2024-03-01").status_code == 200
    renamed = plan_2025(
        effective_on="2025-01-01",
        events=[
            {"kind": "rename", "units": ["CC_A2"], "name": "Chi cục THADS huyện Thạnh Phú mới"}
        ],
    )
    assert api.post(RESTRUCTURINGS, json=renamed, headers=w.headers("admin_btp")).status_code == 201
    url = f"{_person_url(w, 'staff_a1')}/assignments"
    r = api.get(url, headers=w.headers("admin_btp")).json()["items"]
    assert [(a["unit"]["name"], a["unit_now"]["name"]) for a in r] == [
        ("Chi cục THADS huyện Giồng Trôm", "Chi cục THADS huyện Giồng Trôm"),
        ("Chi cục THADS huyện Thạnh Phú", "Chi cục THADS huyện Thạnh Phú mới"),
    ]


def test_a_restructuring_moves_people_to_the_single_successor_and_its_revert_brings_them_back(
    api, session, national
):
    w = national
    preview = api.post(
        RESTRUCTURINGS, params={"dry_run": "true"}, json=plan_2025(), headers=w.headers("admin_btp")
    ).json()["summary"]
    moved = {m["full_name"]: m["to_unit"]["code"] for m in preview["people_moved"]}
    assert moved == {
        "Nguyễn Văn An": "PKV_1",
        "Trần Thị Bình": "PKV_1",
        "Huỳnh Thị Em": "PKV_2",
    }
    assert preview["people_to_place"] == []
    opened = select(PersonAssignment).where(col(PersonAssignment.event_id).is_not(None))
    assert session.exec(opened).all() == []  # the dry run kept nothing

    applied = api.post(RESTRUCTURINGS, json=plan_2025(), headers=w.headers("admin_btp")).json()
    done = {m["full_name"]: m["to_unit"]["code"] for m in applied["summary"]["people_moved"]}
    assert done == moved  # as previewed (on PostgreSQL the new units' ids differ)
    assert _timeline(api, w, "staff_a1") == [
        ("CC_A1", None, "2025-06-30"),
        ("PKV_1", "2025-07-01", None),
    ]
    last = api.get(f"{_person_url(w, 'staff_a1')}/assignments", headers=w.headers("admin_btp"))
    opened = last.json()["items"][1]
    assert opened["by_restructuring"] is True and opened["basis"] == "1898/QĐ-BTP"
    person = api.get(_person_url(w, "staff_b1"), headers=w.headers("admin_btp")).json()
    assert person["unit"]["code"] == "PKV_2"
    # The office moved under the new province with its people: they stay where they are.
    assert _timeline(api, w, "staff_office") == [("OFFICE_A", None, None)]

    reverted = api.post(f"{RESTRUCTURINGS}/{applied['id']}/revert", headers=w.headers("admin_btp"))
    assert reverted.status_code == 200, reverted.text
    assert _timeline(api, w, "staff_a1") == [("CC_A1", None, None)]
    person = api.get(_person_url(w, "staff_b1"), headers=w.headers("admin_btp")).json()
    assert person["unit"]["code"] == "CC_B1"


def test_a_revert_is_refused_once_a_moved_person_was_transferred_again(api, session, national):
    w = national
    applied = api.post(RESTRUCTURINGS, json=plan_2025(), headers=w.headers("admin_btp")).json()
    assert _move(api, w, "staff_a1", "OFFICE_A", on="2026-01-05").status_code == 200
    r = api.post(
        f"{RESTRUCTURINGS}/{applied['id']}/revert",
        headers=w.headers("admin_btp", **{"Accept-Language": "en"}),
    )
    assert problem(r, 409)["detail"] == "People it moved have moved since: 1"
    assert _timeline(api, w, "staff_a1")[-1] == ("OFFICE_A", "2026-01-05", None)


def test_a_split_leaves_people_to_place_by_hand(api, session, national):
    w = national
    plan = plan_2025(
        events=[
            {"kind": "move", "units": ["EXT_A1"], "parent": "CC_A2"},
            {
                "kind": "split",
                "units": ["CC_A1"],
                "successors": ["CC_A2", "OFFICE_A"],
            },
        ]
    )
    preview = api.post(
        RESTRUCTURINGS, params={"dry_run": "true"}, json=plan, headers=w.headers("admin_a")
    )
    assert preview.status_code == 200, preview.text
    summary = preview.json()["summary"]
    assert summary["people_moved"] == []
    assert [
        (p["full_name"], p["from_unit"]["code"], p["to_unit"]) for p in summary["people_to_place"]
    ] == [("Nguyễn Văn An", "CC_A1", None)]
    assert api.post(RESTRUCTURINGS, json=plan, headers=w.headers("admin_a")).status_code == 201
    assert _timeline(api, w, "staff_a1", user="admin_a") == [("CC_A1", None, None)]


def _decide(api, w, *, issuer, user, number, year, code, key):
    r = api.post(
        "/api/v1/decisions",
        headers=w.headers(user),
        json={
            "number": number,
            "signed_on": f"{year}-12-20",
            "issuer_id": w.unit_id(issuer),
            "kind": "cong_trang",
            "year": year,
            "awards": [{"award_type": code, "recipient_person_id": w.person_id(key)}],
        },
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_the_award_history_follows_the_person_with_units_as_they_were(api, session, national):
    w = national
    _decide(
        api,
        w,
        issuer="CUC_A",
        user="reviewer_a",
        number="12/QĐ-CTHADS",
        year=2022,
        code="LDTT",
        key="staff_a1",
    )
    assert _move(api, w, "staff_a1", "CC_B1", on="2023-02-01").status_code == 200
    _decide(
        api,
        w,
        issuer="CUC_B",
        user="admin_b",
        number="34/QĐ-CTHADS",
        year=2023,
        code="LDTT",
        key="staff_a1",
    )
    url = f"{_person_url(w, 'staff_a1')}/awards"
    # Trà Vinh sees the award from Bến Tre, and may not revoke it there.
    before = api.get(url, headers=w.headers("admin_b")).json()["items"]
    assert [(a["year"], a["allowed_actions"]) for a in before] == [(2023, ["revoke"]), (2022, [])]
    # Bến Tre no longer sees the person, nor their award history.
    assert problem(api.get(url, headers=w.headers("reviewer_a")), 404)

    session.expire_all()  # the API changed the person since this session read it
    restructure(session, w)  # Bến Tre and Trà Vinh become THADS tỉnh Vĩnh Long
    r = api.get(url, headers=w.headers("admin_btp"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2
    named = [(a["year"], a["unit"]["name"], a["decision"]["issuer"]["name"]) for a in body["items"]]
    assert named == [
        (2023, "Chi cục THADS huyện Càng Long", "Cục THADS tỉnh Trà Vinh"),
        (2022, "Chi cục THADS huyện Giồng Trôm", "Cục THADS tỉnh Bến Tre"),
    ]


def test_consecutive_titles_count_across_a_transfer(api, session, national):
    """Bằng khen của Bộ (Luật 2022 Đ.74.1.d) needs Chiến sĩ thi đua cơ sở two years running:
    one earned in Bến Tre, the next in Trà Vinh after a transfer, still make two."""
    w = national
    _decide(
        api,
        w,
        issuer="CUC_A",
        user="reviewer_a",
        number="7/QĐ-CTHADS",
        year=2023,
        code="CSTDCS",
        key="staff_a1",
    )
    assert _move(api, w, "staff_a1", "CC_B1", on="2024-01-15").status_code == 200
    _decide(
        api,
        w,
        issuer="CUC_B",
        user="admin_b",
        number="9/QĐ-CTHADS",
        year=2024,
        code="CSTDCS",
        key="staff_a1",
    )
    e = api.get(
        "/api/v1/eligibility",
        params={
            "year": 2024,
            "award_type": "BANG_KHEN_BO",
            "recipient": "individual",
            "lang": "en",
        },
        headers=w.headers("admin_b"),
    )
    assert e.status_code == 200, e.text
    (candidate,) = [
        c
        for c in e.json()["candidates"]
        if (c["person"] or {}).get("id") == w.person_id("staff_a1")
    ]
    rule = next(c for c in candidate["criteria"] if c["code"] == "R-BK-BO-1")
    assert rule["met"] is True, rule
    assert "2023 ✓, 2024 ✓" in rule["evidence"]


def test_a_years_candidates_and_a_late_decision_follow_the_assignment_of_that_year(
    api, session, national
):
    """Giồng Trôm's clerk moved to Càng Long in 2024. Bến Tre's 2023 eligibility still lists
    them under Giồng Trôm, Trà Vinh's does not; and Bến Tre's 2023 decision recorded after the
    move counts the award for Giồng Trôm, where the person served when it was signed."""
    w = national
    assert _move(api, w, "staff_a1", "CC_B1", on="2024-03-01").status_code == 200
    person = w.person_id("staff_a1")

    def candidates(user: str) -> dict[int, str]:
        r = api.get(
            "/api/v1/eligibility",
            params={"year": 2023, "award_type": "LDTT", "recipient": "individual"},
            headers=w.headers(user),
        )
        assert r.status_code == 200, r.text
        return {c["person"]["id"]: c["unit"]["code"] for c in r.json()["candidates"]}

    assert candidates("admin_btp").get(person) == "CC_A1"
    assert person not in candidates("admin_b")  # Trà Vinh had not got them in 2023
    decision = _decide(
        api, w, issuer="CUC_A", user="admin_btp", number="3/QĐ-CTHADS", year=2023,
        code="LDTT", key="staff_a1",
    )  # fmt: skip
    (award,) = decision["awards"]
    assert award["unit"]["code"] == "CC_A1"
    summary = api.get(
        "/api/v1/summary/awards",
        params={"year": 2023, "unit_id": w.unit_id("CUC_A"), "include_all": "true"},
        headers=w.headers("admin_btp"),
    ).json()
    assert sum(r["count"] for r in summary["rows"] if r["award_type"]["code"] == "LDTT") == 1
