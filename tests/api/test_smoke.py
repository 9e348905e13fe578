def test_units_listed_in_scope(api, world):
    r = api.get("/api/v1/units", headers=world.headers("reporter_a1"))
    assert r.status_code == 200
    body = r.json()
    assert {u["code"] for u in body["items"]} == {"CC_A1", "EXT_A1"}
    assert body["total"] == 2 and body["limit"] == 50 and body["offset"] == 0
