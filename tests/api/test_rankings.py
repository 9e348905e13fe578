"""Rankings, completeness and targets."""

from tests.reporting import GOOD


def report(api, w, user, unit, values, *, approve=True):
    rid = api.post(
        "/api/v1/reports",
        headers=w.headers(user),
        json={"unit_id": w.unit_id(unit), "period": "2022-Q4", "values": values},
    ).json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers(user))
    if approve:
        api.post(f"/api/v1/reports/{rid}/approve", headers=w.headers("reviewer_a"))
    return rid


def test_only_approved_figures_rank_unless_previewed(api, figures_world):
    w = figures_world
    report(api, w, "reporter_a1", "CC_A1", GOOD)  # 82,50 % / 27,59 %: one target met
    report(api, w, "reporter_a2", "CC_A2", {**GOOD, "tien_thi_hanh_xong": 400000}, approve=False)
    ranked = api.get(
        "/api/v1/rankings", params={"period": "2022-Q4"}, headers=w.headers("viewer_a")
    ).json()
    assert ranked["approved_only"] is True and ranked["preview"] is False
    assert [i["unit"]["code"] for i in ranked["items"]] == ["CC_A1"]
    assert ranked["items"][0]["targets_met"] == 1
    preview = api.get(
        "/api/v1/rankings",
        params={"period": "2022-Q4", "preview": True},
        headers=w.headers("viewer_a"),
    ).json()
    assert [(i["rank"], i["unit"]["code"], i["approved"]) for i in preview["items"]] == [
        (1, "CC_A2", False),  # 41,37 % money: both targets met, ranks first
        (2, "CC_A1", True),
    ]


def test_equal_offices_share_a_rank(api, figures_world):
    w = figures_world
    report(api, w, "reporter_a1", "CC_A1", GOOD)
    report(api, w, "reporter_a2", "CC_A2", GOOD)
    items = api.get(
        "/api/v1/rankings", params={"period": "2022-Q4"}, headers=w.headers("reviewer_a")
    ).json()["items"]
    assert [i["rank"] for i in items] == [1, 1]


def test_a_reporter_ranks_only_within_its_scope(api, figures_world):
    w = figures_world
    report(api, w, "reporter_a1", "CC_A1", GOOD)
    report(api, w, "reporter_a2", "CC_A2", GOOD)
    mine = api.get(
        "/api/v1/rankings", params={"period": "2022-Q4"}, headers=w.headers("reporter_a1")
    ).json()
    # An office sees its own rank among its siblings, not their figures.
    assert [(i["rank"], i["unit"]["code"]) for i in mine["items"]] == [(1, "CC_A1")]
    assert mine["ranked"] == 2 and mine["parent"]["code"] == "CUC_A"
    other = api.get(
        "/api/v1/rankings",
        params={"period": "2022-Q4", "parent_id": w.unit_id("CUC_B")},
        headers=w.headers("reviewer_a"),
    )
    assert other.status_code == 404


def test_completeness_names_who_has_not_reported(api, figures_world):
    w = figures_world
    report(api, w, "reporter_a1", "CC_A1", GOOD)
    body = api.get(
        "/api/v1/completeness", params={"period": "2022-Q4"}, headers=w.headers("reviewer_a")
    ).json()
    assert (
        body["expected"] == 2
        and body["reported"] == 1
        and body["not_reported"] == 1
        and body["late"] == 1
    )
    by_unit = {i["unit"]["code"]: i for i in body["items"]}
    assert by_unit["CC_A2"]["status"] is None and by_unit["CC_A2"]["overdue"] is True
    assert by_unit["CC_A1"]["status"] == "approved"


def test_targets_default_and_unit_override(api, figures_world):
    w = figures_world
    put = api.put(
        "/api/v1/targets",
        params={"year": 2022},
        headers=w.headers("admin_a"),
        json={"items": [{"indicator": "ty_le_viec", "unit_id": w.unit_id("CC_A1"), "value": 85}]},
    )
    assert put.status_code == 200
    eff = api.get(
        "/api/v1/targets",
        params={"year": 2022, "unit_id": w.unit_id("CC_A1")},
        headers=w.headers("reporter_a1"),
    )
    assert eff.json()["effective"] == {"ty_le_viec": 85.0, "ty_le_tien": 40.1}
    other = api.get(
        "/api/v1/targets",
        params={"year": 2022, "unit_id": w.unit_id("CC_A2")},
        headers=w.headers("reviewer_a"),
    )
    assert other.json()["effective"]["ty_le_viec"] == 81.5
    # A Cục admin may not change the default for the whole country, nor a reporter anything.
    assert (
        api.put(
            "/api/v1/targets",
            params={"year": 2022},
            headers=w.headers("admin_a"),
            json={"items": [{"indicator": "ty_le_viec", "value": 70}]},
        ).status_code
        == 403
    )
    assert (
        api.put(
            "/api/v1/targets",
            params={"year": 2022},
            headers=w.headers("reporter_a1"),
            json={
                "items": [{"indicator": "ty_le_viec", "unit_id": w.unit_id("CC_A1"), "value": 1}]
            },
        ).status_code
        == 403
    )
    bad = api.put(
        "/api/v1/targets",
        params={"year": 2022},
        headers=w.headers("admin_a"),
        json={"items": [{"indicator": "nope", "unit_id": w.unit_id("CC_B1"), "value": 101}]},
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"items.0.value"}
