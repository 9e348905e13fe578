"""Unit levels are data: the list, the level in every unit, and the rules that read a level's
row (who reports, who is ranked by the unit above, who confers which award)."""

from sqlmodel import Session

from app.models.levels import UnitLevel
from tests.api.helpers import error_fields, problem
from tests.factories import make_unit
from tests.reporting import GOOD

LEVELS = "/api/v1/unit-levels"


def _codes(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [item["code"] for item in r.json()["items"]]


def test_the_levels_run_from_the_state_to_external_organisations(api, world):
    r = api.get(LEVELS, params={"limit": 100}, headers=world.headers("reporter_a1"))
    body = r.json()
    assert set(body) == {"items", "total", "limit", "offset"} and body["total"] == 12
    ranks = [item["rank"] for item in body["items"]]
    assert ranks == sorted(ranks) and ranks[0] == 1 and ranks[-1] == 7
    by_code = {item["code"]: item for item in body["items"]}
    # The six kinds of before keep their codes, beside the levels of the 2025 structure.
    old = {"ministry", "general_department", "provincial_department", "internal_office"}
    assert old | {"district_office", "external"} <= set(by_code)
    office = by_code["area_office"]
    assert office["name_vi"] == "Phòng Thi hành án dân sự khu vực"
    assert office["reports_figures"] and office["reviewed_by_parent"]
    assert office["valid_from"] == "2025-07-01" and office["valid_to"] is None
    assert by_code["district_office"]["valid_to"] == "2025-06-30"
    assert by_code["enforcement_management"]["confers_as"] == "general_department"
    assert by_code["provincial_enforcement"]["confers_as"] == "provincial_department"
    assert by_code["government"]["confers_as"] == "government"
    assert by_code["provincial_committee"]["is_external"] is True


def test_levels_in_use_on_a_day(api, world):
    h = world.headers("admin_a")
    in_2022 = _codes(api.get(LEVELS, params={"as_of": "2022-12-31"}, headers=h))
    in_2026 = _codes(api.get(LEVELS, params={"as_of": "2026-01-15"}, headers=h))
    assert "district_office" in in_2022 and "area_office" not in in_2022
    assert "area_office" in in_2026 and "district_office" not in in_2026
    assert "general_department" not in in_2026 and "enforcement_management" in in_2026
    reporting = _codes(api.get(LEVELS, params={"reports_figures": "true"}, headers=h))
    assert set(reporting) == {
        "provincial_department",
        "provincial_enforcement",
        "district_office",
        "area_office",
    }


def test_a_bad_day_is_a_field_error_in_either_language(api, world):
    r = api.get(LEVELS, params={"as_of": "2025-02-30"}, headers=world.headers("admin_a"))
    assert error_fields(r) == {"as_of"}
    assert r.json()["errors"][0]["message"] == "Phải là ngày hợp lệ (yyyy-mm-dd)"
    en = api.get(
        LEVELS,
        params={"as_of": "yesterday"},
        headers=world.headers("admin_a", **{"Accept-Language": "en"}),
    )
    assert en.json()["errors"][0]["message"] == "Must be a date (yyyy-mm-dd)"


def test_levels_need_a_token(api, world):
    problem(api.get(LEVELS), 401)


def test_every_unit_carries_its_kind_and_its_level(api, world):
    h = world.headers("admin_a")
    unit = api.get(f"/api/v1/units/{world.unit_id('CC_A1')}", headers=h).json()
    assert unit["kind"] == "district_office"
    assert unit["level"] == {
        "code": "district_office",
        "name_vi": "Chi cục Thi hành án dân sự huyện",
        "name_en": "District Civil Judgment Enforcement Office",
        "rank": 5,
    }
    listed = api.get("/api/v1/units", params={"kind": "district_office"}, headers=h).json()
    assert {u["level"]["code"] for u in listed["items"]} == {"district_office"}


def test_units_of_a_new_level_are_created_and_filtered_by_its_code(api, world):
    h = world.headers("admin_a")
    r = api.post(
        "/api/v1/units",
        headers=h,
        json={
            "code": "PKV1",
            "name": "Phòng Thi hành án dân sự khu vực 1",
            "kind": "area_office",
            "parent_id": world.unit_id("CUC_A"),
            "valid_from": "2025-07-01",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["reports_figures"] is True and r.json()["level"]["rank"] == 5
    assert _codes(api.get("/api/v1/units", params={"kind": "area_office"}, headers=h)) == ["PKV1"]


def test_an_unknown_level_or_one_out_of_use_is_refused_on_kind(api, world):
    h = world.headers("admin_a")
    body = {"code": "X1", "name": "Đơn vị X", "parent_id": world.unit_id("CUC_A")}
    unknown = api.post("/api/v1/units", headers=h, json={**body, "kind": "planet"})
    assert error_fields(unknown) == {"kind"}
    assert unknown.json()["errors"][0]["message"] == "Không có cấp đơn vị này"
    late = api.post(
        "/api/v1/units",
        headers={**h, "Accept-Language": "en"},
        json={**body, "kind": "district_office", "valid_from": "2025-07-01"},
    )
    assert error_fields(late) == {"kind"}
    assert late.json()["errors"][0]["message"] == "This level is not in use on 2025-07-01"
    assert error_fields(api.get("/api/v1/units", params={"kind": "planet"}, headers=h)) == {"kind"}


def test_whether_a_unit_reports_is_read_from_its_level(api, world, session: Session):
    h = world.headers("admin_a")
    office = world.unit_id("OFFICE_A")
    assert api.get(f"/api/v1/units/{office}", headers=h).json()["reports_figures"] is False
    level = session.get(UnitLevel, "internal_office")
    assert level is not None
    level.reports_figures = True
    session.add(level)
    session.commit()
    assert api.get(f"/api/v1/units/{office}", headers=h).json()["reports_figures"] is True


def test_offices_of_the_new_level_are_counted_and_ranked_by_the_unit_above(
    api, figures_world, session: Session
):
    w = figures_world
    area = make_unit(session, "PKV_A", "area_office", w.units["CUC_A"], "Phòng THADS khu vực 1")
    session.commit()
    rid = api.post(
        "/api/v1/reports",
        headers=w.headers("admin_a"),
        json={"unit_id": area.id, "period": "2022-Q4", "values": GOOD},
    ).json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers("admin_a"))
    api.post(f"/api/v1/reports/{rid}/approve", headers=w.headers("reviewer_a"))
    params = {"period": "2022-Q4"}
    done = api.get("/api/v1/completeness", params=params, headers=w.headers("reviewer_a")).json()
    assert {i["unit"]["code"] for i in done["items"]} == {"CC_A1", "CC_A2", "PKV_A"}
    ranking = api.get("/api/v1/rankings", params=params, headers=w.headers("reviewer_a")).json()
    assert [i["unit"]["code"] for i in ranking["items"]] == ["PKV_A"]


def _decide(api, w, issuer_id: int, number: str, award_type: str, **line):
    return api.post(
        "/api/v1/decisions",
        headers=w.headers("reviewer_a"),
        json={
            "number": number,
            "signed_on": "2025-12-20",
            "issuer_id": issuer_id,
            "kind": "cong_trang",
            "year": 2025,
            "awards": [{"award_type": award_type, **line}],
        },
    )


def test_the_new_levels_confer_what_their_predecessors_did(api, figures_world, session: Session):
    w = figures_world
    # On 1 July 2025 the Tổng cục became the Cục Quản lý THADS: the same unit, a new level.
    central = w.units["TC"]
    central.kind, central.name = "enforcement_management", "Cục Quản lý Thi hành án dân sự"
    session.add(central)
    session.commit()
    staff = {"recipient_person_id": w.person_id("staff_a1")}
    # The Cục Quản lý THADS confers what the Tổng cục did (Giấy khen), not the Minister's.
    assert _decide(api, w, central.id, "1/QĐ-CQLTHADS", "GIAY_KHEN", **staff).status_code == 201
    above = _decide(api, w, central.id, "2/QĐ-CQLTHADS", "BANG_KHEN_BO", **staff)
    assert error_fields(above) == {"awards.0.award_type"}


def test_the_state_and_the_province_confer_their_own_awards(api, figures_world, session: Session):
    w = figures_world
    prime_minister = make_unit(session, "TTG", "government", None, "Thủ tướng Chính phủ")
    president = make_unit(session, "CTN", "state", None, "Chủ tịch nước")
    committee = make_unit(
        session, "UBND_A", "provincial_committee", w.units["CUC_A"], "UBND tỉnh Bến Tre"
    )
    session.commit()
    cuc = {"recipient_unit_id": w.unit_id("CUC_A")}
    # A provincial clerk records the Prime Minister's and the President's decisions: the State's
    # issuers stand above every unit tree.
    pm = _decide(api, w, prime_minister.id, "10/QĐ-TTg", "BANG_KHEN_TTG", **cuc)
    assert pm.status_code == 201, pm.text
    assert pm.json()["issuer"]["kind"] == "government"
    order = _decide(api, w, president.id, "20/QĐ-CTN", "HUAN_CHUONG_LD_3", **cuc)
    assert order.status_code == 201, order.text
    flag = _decide(api, w, committee.id, "30/QĐ-UBND", "CO_THI_DUA_UBND_TINH", **cuc)
    assert flag.status_code == 201, flag.text
    wrong = _decide(api, w, committee.id, "31/QĐ-UBND", "BANG_KHEN_TTG", **cuc)
    assert error_fields(wrong) == {"awards.0.award_type"}
    # The year's summary lists the issuers from the province up to the State.
    summary = api.get(
        "/api/v1/summary/awards",
        params={"year": 2025, "unit_id": w.unit_id("CUC_A")},
        headers=w.headers("reviewer_a"),
    )
    assert summary.status_code == 200, summary.text
    issuers = [row["issuer"]["code"] for row in summary.json()["rows"]]
    assert issuers == ["UBND_A", "TTG", "CTN"]
