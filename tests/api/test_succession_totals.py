"""Across a merger and a split: a successor's reviewer sees its predecessors' records and no other
province's, its trend sums its predecessors' inputs and recomputes the rates (never averages
them), and its summary counts its predecessors' awards."""

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlmodel import Session, select

from app.models.awards import Award, AwardType, Decision
from app.models.levels import LevelCode
from app.models.users import Role
from tests.factories import World, make_token, make_unit, make_user
from tests.reporting import GOOD, make_period
from tests.restructuring import restructure

# Office B: twice office A's caseload, fewer cases done. 82,50 % and 51,90 %: their average is
# 67,20 %, while the two offices together finished 1 217 870 of 1 961 157 cases, 62,10 %.
DOUBLE = {code: 2 * value for code, value in GOOD.items()}
OFFICE_B = {**DOUBLE, "viec_thi_hanh_xong": 600000}


def split_plan() -> dict:
    """A second restructuring: Phòng khu vực 1 split in two, Phòng khu vực 2 taken over by a
    Phòng khu vực 3 (a merger of one, so that a chain of two mergers leads back to Càng Long)."""
    return {
        "title": "Điều chỉnh địa bàn các Phòng THADS khu vực",
        "effective_on": "2026-01-01",
        "basis": {"number": "15/QĐ-THADS", "signed_on": "2025-12-20"},
        "events": [
            {"kind": "move", "units": ["EXT_A1"], "parent": "THADS_VL"},  # khu vực 1's partner
            {
                "kind": "split",
                "units": ["PKV_1"],
                "new_units": [
                    {
                        "code": f"PKV_1{part}",
                        "name": f"Phòng Thi hành án dân sự khu vực 1{part} - Vĩnh Long",
                        "kind": "area_office",
                        "parent": "THADS_VL",
                    }
                    for part in "AB"
                ],
            },
            {
                "kind": "merge",
                "units": ["PKV_2"],
                "new_units": [
                    {
                        "code": "PKV_3",
                        "name": "Phòng Thi hành án dân sự khu vực 3 - Vĩnh Long",
                        "kind": "area_office",
                        "parent": "THADS_VL",
                    }
                ],
            },
        ],
    }


def report(api, w: World, user: str, unit: str, period: str, values: dict) -> int:
    r = api.post(
        "/api/v1/reports",
        headers=w.headers(user),
        json={"unit_id": w.unit_id(unit), "period": period, "values": values},
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    assert api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers(user)).status_code == 200
    return rid


def award(session: Session, w: World, issuer: str, unit: str, count: int, code: str) -> None:
    """`count` certificates of merit for the collective `unit`, from `issuer`, for 2022."""
    award_type = session.exec(select(AwardType).where(AwardType.code == code)).one()
    decision = Decision(
        number=f"{count}/QĐ-{issuer}",
        signed_on=date(2022, 12, 20),
        issuer_id=w.unit_id(issuer),
        kind="cong_trang",
        year=2022,
        regime="test",
    )
    session.add(decision)
    session.flush()
    for _ in range(count):
        session.add(
            Award(
                decision_id=decision.id,  # type: ignore[arg-type]
                award_type_id=award_type.id,  # type: ignore[arg-type]
                recipient_unit_id=w.unit_id(unit),
                unit_id=w.unit_id(unit),
                year=2022,
            )
        )


@pytest.fixture
def succession(api, session: Session, figures_world: World) -> World:
    w = figures_world
    for quarter in (1, 2, 3, 4):
        make_period(session, 2025, quarter)
    u = w.units
    u["CUC_C"] = make_unit(
        session, "CUC_C", LevelCode.provincial_department, u["TC"], "Cục THADS tỉnh Sóc Trăng"
    )
    u["CC_C1"] = make_unit(
        session, "CC_C1", LevelCode.district_office, u["CUC_C"], "Chi cục THADS huyện Mỹ Tú"
    )
    w.users["admin_c"] = make_user(session, "admin_c", Role.admin, u["CUC_C"])
    w.tokens["admin_c"] = make_token(session, w.users["admin_c"])
    session.commit()
    for period in ("2022-Q4", "2025-Q3"):
        report(api, w, "admin_a", "CC_A1", period, GOOD)
        report(api, w, "admin_a", "CC_A2", period, OFFICE_B)
        report(api, w, "admin_b", "CC_B1", period, GOOD)
        report(api, w, "admin_c", "CC_C1", period, GOOD)
    award(session, w, "CUC_A", "CC_A1", 3, "GIAY_KHEN")
    award(session, w, "CUC_B", "CC_B1", 2, "GIAY_KHEN")
    award(session, w, "CUC_C", "CC_C1", 5, "GIAY_KHEN")
    session.commit()
    restructure(session, w)
    restructure(session, w, split_plan())
    w.users["reviewer_vl"] = make_user(session, "reviewer_vl", Role.reviewer, u["THADS_VL"])
    w.tokens["reviewer_vl"] = make_token(session, w.users["reviewer_vl"])
    session.commit()
    return w


def test_the_successors_reviewer_sees_its_predecessors_records_and_no_other_province(
    api, succession
):
    w = succession
    listed = api.get(
        "/api/v1/reports", params={"year": 2022, "limit": 100}, headers=w.headers("reviewer_vl")
    ).json()["items"]
    assert sorted(r["unit"]["code"] for r in listed) == ["CC_A1", "CC_A2", "CC_B1"]
    ranking = api.get(
        "/api/v1/rankings",
        params={"period": "2022-Q4", "parent_id": w.unit_id("THADS_VL"), "preview": True},
        headers=w.headers("reviewer_vl"),
    ).json()
    assert sorted(i["unit"]["code"] for i in ranking["items"]) == ["CC_A1", "CC_A2", "CC_B1"]
    assert [c["name"] for c in ranking["covers"]] == [
        "Cục THADS tỉnh Bến Tre",
        "Cục THADS tỉnh Trà Vinh",
    ]
    assert ranking["note"] == (
        "Xếp hạng các đơn vị trực thuộc của các đơn vị tiền thân: Cục THADS tỉnh Bến Tre, "
        "Cục THADS tỉnh Trà Vinh."
    )
    other = w.unit_id("CC_C1")
    assert (
        api.get(
            "/api/v1/trends", params={"unit_id": other}, headers=w.headers("reviewer_vl")
        ).status_code
        == 404
    )


def test_a_successors_trend_sums_the_inputs_and_recomputes_the_rates(api, succession):
    w = succession
    trend = api.get(
        "/api/v1/trends", params={"unit_id": w.unit_id("PKV_1")}, headers=w.headers("reviewer_vl")
    ).json()
    points = {p["period"]: p for p in trend["points"]}
    assert list(points) == ["2022-Q4", "2025-Q3"]
    q4 = points["2022-Q4"]
    assert [u["code"] for u in q4["summed_from"]] == ["CC_A1", "CC_A2"]
    assert q4["values"]["viec_co_dieu_kien"] == 653719 + 2 * 653719
    assert q4["values"]["viec_thi_hanh_xong"] == 500000 + 600000
    # 82,50 % and 51,90 %: the average would be 67,20 %; the sums give 62,10 %.
    assert q4["indicators"]["ty_le_viec"] == 62.10
    # Through two mergers (Càng Long → khu vực 2 → khu vực 3): Càng Long's own figures.
    chain = api.get(
        "/api/v1/trends", params={"unit_id": w.unit_id("PKV_3")}, headers=w.headers("reviewer_vl")
    ).json()
    assert [(p["period"], [u["code"] for u in p["summed_from"]]) for p in chain["points"]] == [
        ("2022-Q4", ["CC_B1"]),
        ("2025-Q3", ["CC_B1"]),
    ]
    assert chain["points"][0]["indicators"]["ty_le_viec"] == 82.50


def test_a_split_part_counts_nothing_it_cannot_attribute_and_says_so(api, succession):
    w = succession
    part = api.get(
        "/api/v1/trends", params={"unit_id": w.unit_id("PKV_1A")}, headers=w.headers("reviewer_vl")
    ).json()
    assert part["points"] == []  # not a copy of khu vực 1's figures, nor a guessed half
    assert [u["code"] for u in part["unattributed"]] == ["PKV_1"]
    summary = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("PKV_1A")},
        headers=w.headers("reviewer_vl"),
    ).json()
    assert summary["totals"]["awards"] == 0
    assert [u["code"] for u in summary["unattributed"]] == ["PKV_1"]
    assert "chia tách" in summary["note"]


def test_a_successors_earlier_quarters_are_its_predecessors_sums(api, succession):
    w = succession
    rid = report(api, w, "reviewer_vl", "PKV_1", "2025-Q4", GOOD)
    detail = api.get(f"/api/v1/reports/{rid}", headers=w.headers("reviewer_vl")).json()
    assert detail["previous_quarter"]["viec_thi_hanh_xong"] == 500000 + 600000
    assert [u["code"] for u in detail["earlier_summed_from"]] == ["CC_A1", "CC_A2"]
    beside = [
        (p["period"], p["unit"]["name"], p["indicators"]["ty_le_viec"])
        for p in detail["predecessor_reports"]
    ]
    assert beside == [
        ("2025-Q3", "Chi cục THADS huyện Giồng Trôm", 82.50),
        ("2025-Q3", "Chi cục THADS huyện Thạnh Phú", 51.90),
    ]


def test_the_successors_summary_sums_its_predecessors_awards(api, succession):
    w = succession
    summary = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("THADS_VL")},
        headers=w.headers("reviewer_vl"),
    ).json()
    assert [(r["issuer"]["name"], r["count"]) for r in summary["rows"]] == [
        ("Cục THADS tỉnh Bến Tre", 3),
        ("Cục THADS tỉnh Trà Vinh", 2),
    ]  # Sóc Trăng's 5 are another province's
    assert summary["totals"]["awards"] == 5
    assert summary["note"] == (
        "Tổng hợp từ các đơn vị tiền thân: Cục THADS tỉnh Bến Tre, Cục THADS tỉnh Trà Vinh."
    )
    english = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("THADS_VL")},
        headers=w.headers("reviewer_vl", **{"Accept-Language": "en"}),
    ).json()
    assert english["note"].startswith("Summed from the predecessor units: Cục THADS tỉnh Bến Tre")


def test_the_successors_summary_files_carry_the_note(api, succession):
    w = succession
    params = {"year": 2022, "unit_id": w.unit_id("THADS_VL")}
    xlsx = api.get(
        "/api/v1/summary/awards",
        params={**params, "format": "xlsx"},
        headers=w.headers("reviewer_vl"),
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == (
        "Tổng hợp từ các đơn vị tiền thân: Cục THADS tỉnh Bến Tre, Cục THADS tỉnh Trà Vinh."
    )
    assert [sheet.cell(row, 2).value for row in (4, 5)] == [
        "Cục THADS tỉnh Bến Tre",
        "Cục THADS tỉnh Trà Vinh",
    ]
    docx = api.get(
        "/api/v1/summary/awards",
        params={**params, "format": "docx"},
        headers=w.headers("reviewer_vl"),
    )
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[2].startswith("Tổng hợp từ các đơn vị tiền thân: Cục THADS tỉnh Bến Tre")


def test_a_successors_first_report_is_checked_against_its_predecessors_sums(api, succession):
    """The year-on-year rules compare khu vực 1's 2025-Q4 with Giồng Trôm + Thạnh Phú's Q3."""
    w = succession
    body = {"unit_id": w.unit_id("PKV_1"), "period": "2025-Q4"}
    summed = {code: GOOD[code] + OFFICE_B[code] for code in GOOD}
    consistent = api.post(
        "/api/v1/reports/validate",
        json={**body, "values": summed},
        headers=w.headers("reviewer_vl"),
    ).json()
    assert consistent["issues"] == []
    alone = api.post(
        "/api/v1/reports/validate", json={**body, "values": GOOD}, headers=w.headers("reviewer_vl")
    ).json()  # only Giồng Trôm's figures: lower than the two offices' together
    assert "viec_cu_chuyen_sang_trong_nam" in {i["rule"] for i in alone["issues"]}
