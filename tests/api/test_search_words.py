"""Search matches each word typed, diacritics ignored, in any order and with other words in
between: "cong an giong trom" finds "Công an huyện Giồng Trôm"."""


def names(r):
    assert r.status_code == 200, r.text
    return {i.get("name") or i.get("full_name") or i.get("title") for i in r.json()["items"]}


def test_units_match_every_word(api, world):
    h = world.headers("admin_a")
    found = names(api.get("/api/v1/units", params={"q": "cong an giong trom"}, headers=h))
    assert found == {"Công an huyện Giồng Trôm"}
    assert names(api.get("/api/v1/units", params={"q": "giong trom cong an"}, headers=h)) == found
    assert names(api.get("/api/v1/units", params={"q": "cong an thanh phu"}, headers=h)) == set()


def test_people_match_every_word(api, world):
    h = world.headers("reviewer_a")
    found = names(api.get("/api/v1/people", params={"q": "nguyen an"}, headers=h))
    assert found == {"Nguyễn Văn An"}
    assert names(api.get("/api/v1/people", params={"q": "an nguyen van"}, headers=h)) == found


def test_campaign_titles_match_every_word_and_wildcards_are_characters(api, figures_world):
    w = figures_world
    h = w.headers("reviewer_a")
    created = api.post(
        "/api/v1/campaigns",
        headers=h,
        json={
            "title": "Phong trào thi đua “Đồng Khởi mới” năm 2022",
            "kind": "thuong_xuyen",
            "launched_by_id": w.unit_id("CUC_A"),
            "year": 2022,
        },
    )
    assert created.status_code == 201, created.text
    assert len(names(api.get("/api/v1/campaigns", params={"q": "dong khoi 2022"}, headers=h))) == 1
    # "%" and "_" were wildcards in the campaign search: now they match only themselves.
    assert names(api.get("/api/v1/campaigns", params={"q": "%"}, headers=h)) == set()
    assert names(api.get("/api/v1/campaigns", params={"q": "dong_khoi"}, headers=h)) == set()
