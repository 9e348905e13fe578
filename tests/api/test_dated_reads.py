"""Every dated record reads its units as of its own date: a report and a ranking as of the
period's end (or `as_of`), a summary as of the year's end, a decision as of its signing day.
A period is reported by the units alive on its last day."""

from datetime import date

import pytest
from sqlmodel import Session, select

from app.models.awards import Award, AwardType, Decision
from app.models.users import Role
from tests.factories import World, make_token, make_user
from tests.reporting import GOOD, make_period
from tests.restructuring import restructure

GIONG_TROM_2023 = "Chi cục Thi hành án dân sự huyện Giồng Trôm"


def rename_giong_trom() -> dict:
    return {
        "title": "Đổi tên Chi cục",
        "effective_on": "2023-01-01",
        "basis": {"number": "7/QĐ-TCTHADS", "signed_on": "2022-12-15"},
        "events": [{"kind": "rename", "units": ["CC_A1"], "name": GIONG_TROM_2023}],
    }


def submit(api, w: World, user: str, unit: str, period: str) -> int:
    r = api.post(
        "/api/v1/reports",
        headers=w.headers(user),
        json={"unit_id": w.unit_id(unit), "period": period, "values": GOOD},
    )
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers(user))
    return rid


@pytest.fixture
def dated(api, session: Session, figures_world: World) -> World:
    """A 2022-Q4 report of Giồng Trôm and a 2022 decision of the Tổng cục; then Giồng Trôm
    renamed (2023) and the 1 July 2025 restructuring (the Tổng cục renamed)."""
    w = figures_world
    for quarter in (3, 4):
        make_period(session, 2025, quarter)
    session.commit()
    w.rid = submit(api, w, "admin_a", "CC_A1", "2022-Q4")  # type: ignore[attr-defined]
    giay_khen = session.exec(select(AwardType).where(AwardType.code == "GIAY_KHEN")).one()
    decision = Decision(
        number="1520/QĐ-TCTHADS",
        signed_on=date(2022, 8, 29),
        issuer_id=w.unit_id("TC"),
        kind="cong_trang",
        year=2022,
        regime="test",
    )
    session.add(decision)
    session.flush()
    session.add(
        Award(
            decision_id=decision.id,  # type: ignore[arg-type]
            award_type_id=giay_khen.id,  # type: ignore[arg-type]
            recipient_unit_id=w.unit_id("CC_A1"),
            unit_id=w.unit_id("CC_A1"),
            year=2022,
        )
    )
    session.commit()
    w.decision_id = decision.id  # type: ignore[attr-defined]
    # Càng Long's 2025-Q4 report begun before anyone knew it would end on 30/06/2025.
    w.stale = submit(api, w, "admin_b", "CC_B1", "2025-Q4")  # type: ignore[attr-defined]
    restructure(session, w, rename_giong_trom())
    restructure(session, w)
    w.users["admin_vl"] = make_user(session, "admin_vl", Role.admin, w.units["THADS_VL"])
    w.tokens["admin_vl"] = make_token(session, w.users["admin_vl"])
    session.commit()
    return w


def test_a_report_names_its_unit_as_of_the_periods_end(api, dated):
    w = dated
    detail = api.get(f"/api/v1/reports/{w.rid}", headers=w.headers("admin_vl")).json()
    assert detail["unit"]["name"] == "Chi cục THADS huyện Giồng Trôm"
    listed = api.get(
        "/api/v1/reports", params={"period": "2022-Q4"}, headers=w.headers("admin_vl")
    ).json()["items"]
    assert [r["unit"]["name"] for r in listed] == ["Chi cục THADS huyện Giồng Trôm"]


def test_a_ranking_names_offices_as_of_the_periods_end_or_as_of(api, dated):
    w = dated
    params = {"period": "2022-Q4", "parent_id": w.unit_id("CUC_A"), "preview": True}
    then = api.get("/api/v1/rankings", params=params, headers=w.headers("admin_vl")).json()
    assert then["as_of"] == "2022-09-30" and then["covers"] == [] and then["note"] is None
    assert [i["unit"]["name"] for i in then["items"]] == ["Chi cục THADS huyện Giồng Trôm"]
    later = api.get(
        "/api/v1/rankings", params={**params, "as_of": "2024-01-01"}, headers=w.headers("admin_vl")
    ).json()
    assert later["as_of"] == "2024-01-01"
    assert [i["unit"]["name"] for i in later["items"]] == [GIONG_TROM_2023]
    bad = api.get(
        "/api/v1/rankings", params={**params, "as_of": "30/09/2022"}, headers=w.headers("admin_vl")
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "as_of"


def test_a_decision_names_its_issuer_as_of_its_signing_day(api, dated):
    w = dated
    decision = api.get(f"/api/v1/decisions/{w.decision_id}", headers=w.headers("admin_vl")).json()
    assert decision["issuer"]["name"] == "Tổng cục THADS"  # not the Cục Quản lý it became
    listed = api.get("/api/v1/decisions", params={"year": 2022}, headers=w.headers("admin_vl"))
    assert [d["issuer"]["name"] for d in listed.json()["items"]] == ["Tổng cục THADS"]
    # The award lists too: its issuer, its unit and its recipient as on the signing day.
    awards = api.get("/api/v1/awards", params={"year": 2022}, headers=w.headers("admin_vl"))
    named = [
        (a["decision"]["issuer"]["name"], a["unit"]["name"], a["recipient_unit"]["name"])
        for a in awards.json()["items"]
    ]
    then = "Chi cục THADS huyện Giồng Trôm"  # renamed in 2023
    assert named == [("Tổng cục THADS", then, then)]


def test_the_summary_names_units_as_of_the_years_end_or_as_of(api, dated):
    w = dated
    params = {"year": 2022, "unit_id": w.unit_id("CUC_A")}
    then = api.get("/api/v1/summary/awards", params=params, headers=w.headers("admin_vl")).json()
    assert then["as_of"] == "2022-09-30"
    assert [(r["issuer"]["name"], r["count"]) for r in then["rows"]] == [("Tổng cục THADS", 1)]
    now = api.get(
        "/api/v1/summary/awards",
        params={**params, "as_of": "2025-07-01"},
        headers=w.headers("admin_vl"),
    ).json()
    assert [r["issuer"]["name"] for r in now["rows"]] == ["Cục Quản lý Thi hành án dân sự"]


def test_a_period_is_reported_by_the_units_alive_on_its_last_day(api, session, dated):
    w = dated
    ended = api.post(
        "/api/v1/reports",
        headers=w.headers("admin_vl"),
        json={"unit_id": w.unit_id("CC_B1"), "period": "2025-Q4", "values": GOOD},
    )
    assert ended.status_code == 422
    issue = ended.json()["errors"][0]
    assert issue["field"] == "unit_id"
    assert issue["message"] == (
        "Đơn vị đã kết thúc hoạt động ngày 30/06/2025, trước ngày kết thúc kỳ (30/09/2025): "
        "đơn vị kế thừa báo cáo kỳ này"
    )
    early = api.post(
        "/api/v1/reports",
        headers=w.headers("admin_vl", **{"Accept-Language": "en"}),
        json={"unit_id": w.unit_id("PKV_2"), "period": "2025-Q3", "values": GOOD},
    )
    assert early.status_code == 422
    assert early.json()["errors"][0]["message"] == (
        "The unit began on 01/07/2025, after the period's end (30/06/2025): its predecessors "
        "report this period"
    )
    # The successor reports the year that spans the change, and only it ranks for 2025-Q4.
    assert submit(api, w, "admin_vl", "PKV_2", "2025-Q4")
    w.users["admin_tc"] = make_user(session, "admin_tc", Role.admin, w.units["TC"])
    w.tokens["admin_tc"] = make_token(session, w.users["admin_tc"])
    session.commit()
    ranked = api.get(
        "/api/v1/rankings",
        params={"period": "2025-Q4", "parent_id": w.unit_id("TC"), "preview": True},
        headers=w.headers("admin_tc"),
    ).json()
    assert [i["unit"]["code"] for i in ranked["items"]] == ["PKV_2"]  # not the ended Càng Long
    # The import follows the same rule as the form.
    imported = api.post(
        "/api/v1/reports/import",
        headers=w.headers("admin_vl"),
        json={"rows": [{"unit": "CC_B1", "period": "2025-Q4", "values": GOOD}]},
    )
    assert imported.status_code == 422, imported.text
    assert [(e["field"], e["message"]) for e in imported.json()["errors"]] == [
        ("rows.1.unit", issue["message"])
    ]


def test_the_completeness_board_expects_the_offices_of_the_periods_end(api, dated):
    """A past period's board lists the offices that stood under the parent at its end, named as
    they were; a successor's board of a period before it existed lists its predecessors'."""
    w = dated

    def board(parent: str) -> list[str]:
        r = api.get(
            "/api/v1/completeness",
            params={"period": "2022-Q4", "parent_id": w.unit_id(parent)},
            headers=w.headers("admin_vl"),
        )
        assert r.status_code == 200, r.text
        return sorted(i["unit"]["name"] for i in r.json()["items"])

    then = ["Chi cục THADS huyện Giồng Trôm", "Chi cục THADS huyện Thạnh Phú"]
    assert board("CUC_A") == then
    assert board("THADS_VL") == sorted([*then, "Chi cục THADS huyện Càng Long"])


def test_a_years_collective_candidates_are_the_units_of_that_year(api, session, dated):
    """Asked at the Tổng cục for 2022, the units the 2025 restructuring made are no candidates;
    the Chi cục that stood then are."""
    w = dated
    user = make_user(session, "reviewer_tc", Role.reviewer, w.units["TC"])
    w.tokens["reviewer_tc"] = make_token(session, user)
    session.commit()

    def candidates(year: int) -> set[str]:
        r = api.get(
            "/api/v1/eligibility",
            params={"year": year, "award_type": "TTLDTT", "recipient": "collective"},
            headers=w.headers("reviewer_tc"),
        )
        assert r.status_code == 200, r.text
        return {c["unit"]["code"] for c in r.json()["candidates"]}

    then = candidates(2022)
    assert {"CC_A1", "CC_A2", "CC_B1"} <= then
    assert not then & {"THADS_VL", "PKV_1", "PKV_2"}
    later = candidates(2026)
    assert {"PKV_1", "PKV_2"} <= later
    assert not later & {"CC_A1", "CC_A2", "CC_B1"}
