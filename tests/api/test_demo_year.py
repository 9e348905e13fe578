"""The demo year reproduces the article: Bến Tre 2022, read back through the API."""

import pytest
from sqlmodel import select

from app.demo import loader
from app.models.restructurings import RestructuringPlan
from app.models.units import Unit
from app.services.restructuring.events import apply_plan
from app.services.scope import Actor

ARTICLE = [  # issuer, award type, collective/individual, external, count — the article's table
    ("Cục Thi hành án dân sự tỉnh Bến Tre", "GIAY_KHEN", "collective", True, 19),
    ("Cục Thi hành án dân sự tỉnh Bến Tre", "GIAY_KHEN", "individual", True, 39),
    ("Cục Thi hành án dân sự tỉnh Bến Tre", "CSTDCS", "individual", False, 20),
    ("Cục Thi hành án dân sự tỉnh Bến Tre", "GIAY_KHEN", "collective", False, 14),
    ("Cục Thi hành án dân sự tỉnh Bến Tre", "GIAY_KHEN", "individual", False, 141),
    ("Tổng cục Thi hành án dân sự", "GIAY_KHEN", "collective", False, 1),
    ("Tổng cục Thi hành án dân sự", "GIAY_KHEN", "individual", False, 2),
    ("Bộ Tư pháp", "HANG_XUAT_SAC", "collective", False, 1),
    ("Bộ Tư pháp", "TTLDXS", "collective", False, 5),
    ("Bộ Tư pháp", "CO_THI_DUA_BO", "collective", False, 1),
    ("Bộ Tư pháp", "BANG_KHEN_BO", "collective", False, 3),
    ("Bộ Tư pháp", "BANG_KHEN_BO", "individual", False, 13),
]


@pytest.fixture
def demo(session):
    loader.load(session)
    return {u.code: u.id for u in session.exec(select(Unit)).all()}


def token(api, username):
    r = api.post(
        "/api/v1/auth/token", data={"username": username, "password": loader.DEMO_PASSWORD}
    )
    assert r.status_code == 200
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def test_the_2022_summary_is_the_articles_table(api, demo):
    body = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": demo["CTHADS-BENTRE"]},
        headers=token(api, "cuc.tccb"),
    ).json()
    rows = [
        (
            r["issuer"]["name"],
            r["award_type"]["code"],
            r["recipient_kind"],
            r["external"],
            r["count"],
        )
        for r in body["rows"]
    ]
    assert rows == ARTICLE
    assert body["totals"]["awards"] == sum(r[-1] for r in ARTICLE)


def test_every_demo_award_passes_the_2022_rules_it_can_check(api, demo):
    h = token(api, "cuc.tccb")
    cstd = api.get(
        "/api/v1/eligibility", params={"year": 2022, "award_type": "CSTDCS"}, headers=h
    ).json()
    holders = [c for c in cstd["candidates"] if c["holds"]]
    assert len(holders) == 20 and all(c["eligible"] is True for c in holders)
    ttldxs = api.get(
        "/api/v1/eligibility", params={"year": 2022, "award_type": "TTLDXS"}, headers=h
    ).json()
    assert all(c["eligible"] is True for c in ttldxs["candidates"] if c["holds"])
    nganh = api.get(
        "/api/v1/eligibility", params={"year": 2022, "award_type": "CSTD_NGANH"}, headers=h
    ).json()
    three_years = [c for c in nganh["candidates"] if c["criteria"][0]["met"]]
    assert len(three_years) == 5  # earlier years' CSTĐ cơ sở give real consecutive-year cases


def test_the_demo_figures_rank_and_meet_the_rules(api, demo):
    h = token(api, "cuc.tccb")
    ranking = api.get("/api/v1/rankings", params={"period": "2022-Q4"}, headers=h).json()
    assert len(ranking["items"]) == 9 and ranking["approved_only"] is True
    assert [i["unit"]["code"] for i in ranking["items"][:2]] == ["CC-GIONGTROM", "CC-THANHPHU"]
    reports = api.get("/api/v1/reports", params={"year": 2022, "limit": 100}, headers=h).json()
    assert reports["total"] == 36
    assert all(r["status"] == "approved" and r["issues"] == [] for r in reports["items"])
    targets = api.get("/api/v1/targets", params={"year": 2022}, headers=h).json()
    assert {t["indicator"]: t["value"] for t in targets["items"]} == {
        "ty_le_viec": 81.5,
        "ty_le_tien": 40.1,
    }
    open_period = api.get("/api/v1/completeness", params={"period": "2023-Q1"}, headers=h).json()
    assert open_period["expected"] == 9 and open_period["not_reported"] > 0


def test_the_campaigns_the_article_names(api, demo):
    h = token(api, "cuc.tccb")
    found = api.get("/api/v1/campaigns", params={"q": "Đồng Khởi"}, headers=h).json()
    assert found["total"] == 3
    plan = api.get("/api/v1/campaigns", params={"q": "258/KH-CTHADS"}, headers=h).json()["items"][0]
    docs = api.get(f"/api/v1/campaigns/{plan['id']}/documents", headers=h).json()["items"]
    assert [(d["number"], d["issued_on"]) for d in docs] == [("258/KH-CTHADS", "2022-03-02")]
    exemplars = api.get(f"/api/v1/campaigns/{plan['id']}/exemplars", headers=h).json()
    assert {e["unit"]["code"] for e in exemplars} == {"CC-GIONGTROM", "CC-THANHPHU"}
    other = token(api, "giongtrom")
    assert api.get("/api/v1/units", params={"q": "Trà Vinh"}, headers=other).json()["total"] == 0


def test_the_2022_summary_is_still_the_articles_table_after_the_restructuring(api, demo, session):
    """The Tổng cục renamed, Bến Tre and Trà Vinh merged, their offices moved under the
    successor: asked by the old unit's id, 2022 still reads as the article printed it."""
    plan = RestructuringPlan.model_validate(
        {
            "title": "Sắp xếp tổ chức hệ thống THADS từ 01/7/2025",
            "effective_on": "2025-07-01",
            "basis": {"number": "1898/QĐ-BTP", "signed_on": "2025-06-25"},
            "events": [
                {
                    "kind": "rename",
                    "units": ["TCTHADS"],
                    "name": "Cục Quản lý Thi hành án dân sự",
                    "level": "enforcement_management",
                },
                {
                    "kind": "merge",
                    "units": ["CTHADS-BENTRE", "CTHADS-TRAVINH"],
                    "new_units": [
                        {
                            "code": "THADS-VINHLONG",
                            "name": "Thi hành án dân sự tỉnh Vĩnh Long",
                            "kind": "provincial_enforcement",
                            "parent": "TCTHADS",
                        }
                    ],
                    "basis": {"number": "202/2025/QH15", "signed_on": "2025-06-12"},
                },
            ],
        }
    )
    apply_plan(session, Actor.system(), plan)
    session.commit()
    h = token(api, "cuc.tccb")  # moved to the successor, sees Bến Tre's past through it
    body = api.get(
        "/api/v1/summary/awards", params={"year": 2022, "unit_id": demo["CTHADS-BENTRE"]}, headers=h
    ).json()
    rows = [
        (
            r["issuer"]["name"],
            r["award_type"]["code"],
            r["recipient_kind"],
            r["external"],
            r["count"],
        )
        for r in body["rows"]
    ]
    assert rows == ARTICLE
    assert body["totals"]["awards"] == sum(r[-1] for r in ARTICLE) and body["covers"] == []
    today = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": demo["CTHADS-BENTRE"], "as_of": "2025-07-01"},
        headers=h,
    ).json()
    assert "Cục Quản lý Thi hành án dân sự" in {r["issuer"]["name"] for r in today["rows"]}
