"""Campaigns: scope, management rights, documents, criteria progress, registrations, exemplars."""

from tests.reporting import GOOD

URL = "/api/v1/campaigns"


def new_campaign(api, w, user="reviewer_a", **extra):
    body = {
        "title": "Phong trào thi đua “Đồng Khởi mới” năm 2022",
        "kind": "thuong_xuyen",
        "launched_by_id": w.unit_id("CUC_A"),
        "year": 2022,
        "participant_ids": [w.unit_id("CC_A1"), w.unit_id("CC_A2")],
        **extra,
    }
    return api.post(URL, headers=w.headers(user), json=body)


def test_create_launch_and_the_participants_see_it(api, figures_world):
    w = figures_world
    r = new_campaign(api, w)
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    assert r.json()["status"] == "draft" and r.json()["can_edit"] is True
    launched = api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a"))
    assert launched.json()["status"] == "launched" and launched.json()["launched_at"]
    seen = api.get(
        URL, params={"participant_id": w.unit_id("CC_A1")}, headers=w.headers("reporter_a1")
    ).json()
    assert [c["id"] for c in seen["items"]] == [cid]
    assert seen["items"][0]["can_edit"] is False
    assert api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a")).status_code == 409


def test_reporters_cannot_edit_and_other_provinces_cannot_see(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    assert (
        api.patch(
            f"{URL}/{cid}", headers=w.headers("reporter_a1"), json={"title": "Khác"}
        ).status_code
        == 403
    )
    assert (
        api.post(
            URL,
            headers=w.headers("reporter_a1"),
            json={"title": "x", "kind": "cao_diem", "launched_by_id": w.unit_id("CC_A1")},
        ).status_code
        == 403
    )
    assert api.get(f"{URL}/{cid}", headers=w.headers("admin_b")).status_code == 404
    assert api.get(URL, headers=w.headers("admin_b")).json()["total"] == 0
    assert (
        api.patch(f"{URL}/{cid}", headers=w.headers("admin_b"), json={"title": "x"}).status_code
        == 404
    )


def test_search_by_title_and_document_number(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    doc = api.post(
        f"{URL}/{cid}/documents",
        headers=w.headers("reviewer_a"),
        json={
            "number": "258/KH-CTHADS",
            "issued_on": "2022-03-02",
            "issuer": "Cục THADS tỉnh Bến Tre",
            "kind": "ke_hoach",
            "title": "Kế hoạch tổ chức thực hiện phong trào năm 2022",
        },
    )
    assert doc.status_code == 201
    assert (
        api.get(URL, params={"q": "dong khoi"}, headers=w.headers("viewer_a")).json()["total"] == 1
    )
    assert api.get(URL, params={"q": "258/KH"}, headers=w.headers("viewer_a")).json()["total"] == 1
    assert (
        api.get(URL, params={"q": "258/kh-cthads"}, headers=w.headers("viewer_a")).json()["total"]
        == 1
    )
    # A draft is the managing unit's business; participants see it once launched.
    assert api.get(f"{URL}/{cid}", headers=w.headers("reporter_a1")).status_code == 404
    api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a"))
    docs = api.get(f"{URL}/{cid}/documents", headers=w.headers("reporter_a1")).json()["items"]
    assert [(d["number"], d["issued_on"]) for d in docs] == [("258/KH-CTHADS", "2022-03-02")]
    found = api.get(
        "/api/v1/documents", params={"number": "258"}, headers=w.headers("viewer_a")
    ).json()
    assert found["items"][0]["campaign_id"] == cid


def test_document_file_round_trip(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    did = api.post(
        f"{URL}/{cid}/documents",
        headers=w.headers("reviewer_a"),
        json={
            "number": "01-CT/TU",
            "issued_on": "2020-10-17",
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "kind": "chi_thi",
            "title": "Chỉ thị",
        },
    ).json()["id"]
    pdf = b"%PDF-1.4 demo"
    put = api.put(
        f"{URL}/{cid}/documents/{did}/file",
        headers=w.headers(
            "reviewer_a", **{"Content-Type": "application/pdf", "X-Filename": "01-CT-TU.pdf"}
        ),
        content=pdf,
    )
    assert put.status_code == 200 and put.json()["file_size"] == len(pdf)
    api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a"))
    got = api.get(f"{URL}/{cid}/documents/{did}/file", headers=w.headers("reporter_a1"))
    assert got.content == pdf and got.headers["content-type"] == "application/pdf"
    bad = api.put(
        f"{URL}/{cid}/documents/{did}/file",
        headers=w.headers("reviewer_a", **{"Content-Type": "text/html"}),
        content=b"<script>",
    )
    assert bad.status_code == 422


def test_tiered_criterion_progress_follows_approval(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    crit = api.post(
        f"{URL}/{cid}/criteria",
        headers=w.headers("reviewer_a"),
        json={
            "indicator": "ty_le_viec",
            "period": "2022-Q4",
            "caseload_metric": "viec_co_dieu_kien",
            "tiers": [
                {"min_caseload": 500, "max_caseload": 5000, "threshold": 75},
                {"min_caseload": 5001, "max_caseload": None, "threshold": 74},
            ],
        },
    )
    assert crit.status_code == 201, crit.text
    rid = api.post(
        "/api/v1/reports",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q4", "values": GOOD},
    ).json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers("reporter_a1"))
    before = api.get(f"{URL}/{cid}/progress", headers=w.headers("reviewer_a")).json()["criteria"][0]
    assert before["not_reported"] == 2 and before["met"] == 0
    preview = api.get(
        f"{URL}/{cid}/progress", params={"preview": True}, headers=w.headers("reviewer_a")
    ).json()
    a1 = next(i for i in preview["criteria"][0]["items"] if i["unit"]["code"] == "CC_A1")
    assert (a1["status"], a1["approved"]) == ("met", False)
    api.post(f"/api/v1/reports/{rid}/approve", headers=w.headers("reviewer_a"))
    after = api.get(f"{URL}/{cid}/progress", headers=w.headers("reviewer_a")).json()["criteria"][0]
    a1 = next(i for i in after["items"] if i["unit"]["code"] == "CC_A1")
    assert after["met"] == 1 and after["not_reported"] == 1
    assert (a1["rate"], a1["threshold"], a1["caseload"], a1["numerator"], a1["denominator"]) == (
        82.5,
        74.0,
        653719,
        539290,
        653719,
    )


def test_criterion_input_is_checked(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    both = api.post(
        f"{URL}/{cid}/criteria",
        headers=w.headers("reviewer_a"),
        json={
            "indicator": "ty_le_viec",
            "period": "2022-Q4",
            "threshold": 80,
            "tiers": [{"min_caseload": 0, "threshold": 70}],
        },
    )
    assert both.status_code == 422
    unknown = api.post(
        f"{URL}/{cid}/criteria",
        headers=w.headers("reviewer_a"),
        json={"indicator": "ty_le_khac", "period": "2031-Q4", "threshold": 80},
    )
    assert {e["field"] for e in unknown.json()["errors"]} == {"indicator", "period"}


def test_registration_flow_and_who_has_not_registered(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    early = api.post(
        f"{URL}/{cid}/registrations",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "titles": ["TTLDXS"]},
    )
    assert early.status_code == 404  # a draft: not yet shown to the participants
    api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a"))
    reg = api.post(
        f"{URL}/{cid}/registrations",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "titles": ["TTLDXS", "CO_THI_DUA_BO"]},
    )
    assert reg.status_code == 201 and reg.json()["status"] == "draft"
    other = api.post(
        f"{URL}/{cid}/registrations",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A2"), "titles": ["TTLDXS"]},
    )
    assert other.status_code == 422
    rid = reg.json()["id"]
    assert (
        api.post(
            f"{URL}/{cid}/registrations/{rid}/submit", headers=w.headers("reporter_a1")
        ).json()["status"]
        == "submitted"
    )
    assert (
        api.post(
            f"{URL}/{cid}/registrations/{rid}/accept", headers=w.headers("reporter_a1")
        ).status_code
        == 403
    )
    back = api.post(
        f"{URL}/{cid}/registrations/{rid}/return",
        headers=w.headers("reviewer_a"),
        json={"comment": "Bổ sung bản đăng ký cá nhân"},
    )
    assert (
        back.json()["status"] == "returned"
        and back.json()["reason"] == "Bổ sung bản đăng ký cá nhân"
    )
    summary = api.get(f"{URL}/{cid}/registrations", headers=w.headers("reviewer_a")).json()
    assert {u["code"] for u in summary["not_registered"]} == {"CC_A2"}


def test_exemplars_on_campaign_and_unit(api, figures_world):
    w = figures_world
    cid = new_campaign(api, w).json()["id"]
    ex = api.post(
        f"{URL}/{cid}/exemplars",
        headers=w.headers("reviewer_a"),
        json={
            "unit_id": w.unit_id("CC_A1"),
            "reason": "Nhiều giải pháp hay trong vận động, thuyết phục",
            "solutions": "Phối hợp với chính quyền địa phương",
            "from_on": "2022-03-02",
            "to_on": "2022-12-31",
        },
    )
    assert ex.status_code == 201
    both = api.post(
        f"{URL}/{cid}/exemplars",
        headers=w.headers("reviewer_a"),
        json={"unit_id": w.unit_id("CC_A1"), "person_id": w.person_id("staff_a1"), "reason": "x"},
    )
    assert both.status_code == 422
    api.post(f"{URL}/{cid}/launch", headers=w.headers("reviewer_a"))
    listed = api.get(
        "/api/v1/exemplars",
        params={"unit_id": w.unit_id("CC_A1")},
        headers=w.headers("reporter_a1"),
    ).json()
    assert [e["campaign"]["id"] for e in listed] == [cid]
    review = api.post(
        f"{URL}/{cid}/reviews",
        headers=w.headers("reviewer_a"),
        json={"kind": "so_ket", "held_on": "2022-07-15", "title": "Sơ kết 6 tháng"},
    )
    assert review.status_code == 201
    assert (
        api.get(f"{URL}/{cid}/reviews", headers=w.headers("reporter_a1")).json()[0]["title"]
        == "Sơ kết 6 tháng"
    )


def test_update_with_if_match_and_audit(api, figures_world):
    w = figures_world
    created = new_campaign(api, w)
    cid, etag = created.json()["id"], created.headers["etag"]
    ok = api.patch(
        f"{URL}/{cid}",
        headers=w.headers("reviewer_a", **{"If-Match": etag}),
        json={"slogan": "Đoàn kết, năng động, sáng tạo", "participant_ids": [w.unit_id("CC_A1")]},
    )
    assert ok.status_code == 200 and [u["code"] for u in ok.json()["participants"]] == ["CC_A1"]
    stale = api.patch(
        f"{URL}/{cid}", headers=w.headers("reviewer_a", **{"If-Match": etag}), json={"slogan": "x"}
    )
    assert stale.status_code == 412
    log = api.get(
        "/api/v1/audit",
        params={"entity": "campaign", "entity_id": cid},
        headers=w.headers("admin_a"),
    ).json()
    assert [e["action"] for e in log["items"]] == ["update", "create"]
