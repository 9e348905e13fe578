"""Periods of the statistics year."""

from datetime import date


def test_quarters_are_cumulative_from_october(api, figures_world):
    w = figures_world
    body = api.get(
        "/api/v1/periods", params={"year": 2022}, headers=w.headers("reporter_a1")
    ).json()
    quarters = {p["code"]: p for p in body["items"]}
    assert (
        quarters["2022-Q1"]["starts_on"] == "2021-10-01"
        and quarters["2022-Q1"]["ends_on"] == "2021-12-31"
    )
    assert (
        quarters["2022-Q4"]["starts_on"] == "2021-10-01"
        and quarters["2022-Q4"]["ends_on"] == "2022-09-30"
    )
    assert [quarters[f"2022-Q{q}"]["months"] for q in (1, 2, 3, 4)] == [3, 6, 9, 12]


def test_due_date_skips_weekends_and_configured_holidays(api, figures_world):
    w = figures_world
    # 31/12/2022 is a Saturday; 02/01/2023 a compensatory holiday: due Wednesday 04/01/2023.
    assert (
        api.post(
            "/api/v1/holidays",
            headers=w.headers("reviewer_a"),
            json={"day": "2023-01-02", "name": "Nghỉ bù Tết Dương lịch"},
        ).status_code
        == 201
    )
    created = api.post(
        "/api/v1/periods", headers=w.headers("reviewer_a"), json={"year": 2023, "quarter": 1}
    )
    assert created.status_code == 201
    assert created.json()["due_on"] == date(2023, 1, 4).isoformat()
    assert (
        api.post(
            "/api/v1/periods", headers=w.headers("reviewer_a"), json={"year": 2023, "quarter": 1}
        ).status_code
        == 409
    )


def test_only_reviewers_open_and_close(api, figures_world):
    w = figures_world
    assert (
        api.post("/api/v1/periods/2022-Q2/close", headers=w.headers("reporter_a1")).status_code
        == 403
    )
    closed = api.post("/api/v1/periods/2022-Q2/close", headers=w.headers("reviewer_a"))
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert (
        api.post("/api/v1/periods/2022-Q2/open", headers=w.headers("admin_a")).json()["status"]
        == "open"
    )
    assert api.post("/api/v1/periods/2030-Q2/open", headers=w.headers("admin_a")).status_code == 404
