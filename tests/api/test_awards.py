"""Award decisions, refusals the law asks for, revocation, eligibility, nominations, summary."""

import io

from docx import Document
from openpyxl import load_workbook

from tests.reporting import GOOD

DECISIONS = "/api/v1/decisions"


def decide(
    api,
    w,
    *,
    issuer="CUC_A",
    kind="cong_trang",
    year=2022,
    number="415/QĐ-CTHADS",
    user="reviewer_a",
    lines,
):
    return api.post(
        DECISIONS,
        headers=w.headers(user),
        json={
            "number": number,
            "signed_on": f"{year}-12-20",
            "issuer_id": w.unit_id(issuer),
            "kind": kind,
            "year": year,
            "awards": lines,
        },
    )


def person(w, key, code="GIAY_KHEN"):
    return {"award_type": code, "recipient_person_id": w.person_id(key)}


def unit(w, code_unit, code="GIAY_KHEN"):
    return {"award_type": code, "recipient_unit_id": w.unit_id(code_unit)}


def test_a_decision_with_several_recipients_internal_and_external(api, figures_world):
    w = figures_world
    r = decide(
        api,
        w,
        lines=[person(w, "staff_a1"), person(w, "external_a"), unit(w, "EXT_A"), unit(w, "CC_A2")],
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["regime"] == "LAW2003_ND91_TT05_2018"
    assert [(a["recipient_kind"], a["is_external"]) for a in body["awards"]] == [
        ("individual", False),
        ("individual", True),
        ("collective", True),
        ("collective", False),
    ]
    history = api.get(
        "/api/v1/awards",
        params={"recipient_person_id": w.person_id("staff_a1")},
        headers=w.headers("reporter_a1"),
    ).json()
    assert [a["award_type"]["code"] for a in history["items"]] == ["GIAY_KHEN"]


def test_an_authority_cannot_confer_above_its_level(api, figures_world):
    w = figures_world
    r = decide(api, w, issuer="TC", number="1/QĐ-TCTHADS", lines=[unit(w, "CC_A1", "TTLDXS")])
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "awards.0.award_type"
    assert "cấp cao hơn" in r.json()["errors"][0]["message"]
    assert decide(api, w, issuer="CC_A1", lines=[person(w, "staff_a1")]).status_code == 422


def test_the_same_achievement_is_not_awarded_twice(api, figures_world):
    w = figures_world
    assert decide(api, w, lines=[person(w, "staff_a1", "LDTT")]).status_code == 201
    again = decide(api, w, number="416/QĐ-CTHADS", lines=[person(w, "staff_a1", "LDTT")])
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "awards.0"
    twice = decide(
        api,
        w,
        number="417/QĐ-CTHADS",
        kind="dot_xuat",
        lines=[person(w, "staff_a2"), person(w, "staff_a2")],
    )
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "awards.1"
    # An ad hoc Giấy khen rewards another achievement: allowed beside the year-end one.
    assert (
        decide(
            api, w, number="418/QĐ-CTHADS", kind="dot_xuat", lines=[person(w, "staff_a1")]
        ).status_code
        == 201
    )
    assert decide(api, w, number="419/QĐ-CTHADS", lines=[person(w, "staff_a1")]).status_code == 201


def test_titles_go_only_to_their_kind_of_recipient(api, figures_world):
    w = figures_world
    wrong_kind = decide(api, w, lines=[unit(w, "CC_A1", "CSTDCS")])
    assert wrong_kind.status_code == 422 and "cá nhân" in wrong_kind.json()["errors"][0]["message"]
    outsider = decide(api, w, lines=[person(w, "external_a", "LDTT")])
    assert (
        outsider.status_code == 422
        and outsider.json()["errors"][0]["field"] == "awards.0.award_type"
    )


def test_scope_and_roles(api, figures_world):
    w = figures_world
    assert decide(api, w, user="reporter_a1", lines=[person(w, "staff_a1")]).status_code == 403
    other = decide(api, w, lines=[person(w, "staff_b1")])
    assert (
        other.status_code == 422
        and other.json()["errors"][0]["field"] == "awards.0.recipient_person_id"
    )
    did = decide(api, w, lines=[person(w, "staff_a1")]).json()["id"]
    assert api.get(f"{DECISIONS}/{did}", headers=w.headers("admin_b")).status_code == 404
    assert api.get(f"{DECISIONS}/{did}", headers=w.headers("reporter_a1")).status_code == 200


def test_revoking_removes_from_summary_and_keeps_the_audit(api, figures_world):
    w = figures_world
    body = decide(api, w, lines=[person(w, "staff_a1"), person(w, "staff_a2")]).json()
    summary = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("CUC_A")},
        headers=w.headers("reviewer_a"),
    ).json()
    assert summary["rows"][0]["count"] == 2
    aid = body["awards"][0]["id"]
    assert (
        api.post(
            f"/api/v1/awards/{aid}/revoke", headers=w.headers("reviewer_a"), json={"reason": ""}
        ).status_code
        == 422
    )
    revoked = api.post(
        f"/api/v1/awards/{aid}/revoke",
        headers=w.headers("reviewer_a"),
        json={"reason": "Phát hiện kê khai không trung thực"},
    )
    assert (
        revoked.status_code == 200
        and revoked.json()["revoked_reason"] == "Phát hiện kê khai không trung thực"
    )
    after = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("CUC_A")},
        headers=w.headers("reviewer_a"),
    ).json()
    assert after["rows"][0]["count"] == 1 and after["totals"]["awards"] == 1
    log = api.get(
        "/api/v1/audit", params={"entity": "award", "entity_id": aid}, headers=w.headers("admin_a")
    ).json()
    assert log["items"][0]["action"] == "revoke" and log["items"][0]["before"]["revoked_at"] is None
    with_revoked = api.get(
        "/api/v1/awards", params={"include_revoked": True}, headers=w.headers("reviewer_a")
    ).json()
    assert with_revoked["total"] == 2


def test_summary_files_hold_the_same_table(api, figures_world):
    w = figures_world
    decide(api, w, lines=[person(w, "staff_a1"), person(w, "external_a"), unit(w, "EXT_A")])
    params = {"year": 2022, "unit_id": w.unit_id("CUC_A")}
    rows = api.get("/api/v1/summary/awards", params=params, headers=w.headers("reviewer_a")).json()[
        "rows"
    ]
    docx = api.get(
        "/api/v1/summary/awards",
        params={**params, "format": "docx"},
        headers=w.headers("reviewer_a"),
    )
    table = Document(io.BytesIO(docx.content)).tables[0]
    assert [c.text for c in table.rows[1].cells][1:] == [
        rows[0]["issuer"]["name"],
        "Giấy khen",
        "Tập thể",
        "Ngoài ngành",
        "1",
    ]
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "01 (một) tập thể và 01 (một) cá nhân ngoài ngành" in text
    xlsx = api.get(
        "/api/v1/summary/awards",
        params={**params, "format": "xlsx"},
        headers=w.headers("reviewer_a"),
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    counts = [row[5].value for row in sheet.iter_rows(min_row=4) if isinstance(row[0].value, int)]
    assert counts == [r["count"] for r in rows]


def facts(api, w, key, result="HTXSNV", year=2022):
    return api.put(
        f"/api/v1/people/{w.person_id(key)}/assessments",
        headers=w.headers("reviewer_a"),
        json={"year": year, "result": result},
    )


def test_eligibility_reads_titles_initiatives_and_the_quota(api, figures_world):
    w = figures_world
    facts(api, w, "staff_a1")
    api.post(
        "/api/v1/initiatives",
        headers=w.headers("reviewer_a"),
        json={
            "title": "Giải pháp thuyết phục",
            "year": 2022,
            "scope": "co_so",
            "recognised_by": "Hội đồng sáng kiến",
            "author_ids": [w.person_id("staff_a1")],
        },
    )
    decide(api, w, lines=[person(w, "staff_a1", "LDTT")])
    e = api.get(
        "/api/v1/eligibility",
        params={"year": 2022, "award_type": "CSTDCS"},
        headers=w.headers("reviewer_a"),
    ).json()
    assert e["regime"]["code"] == "LAW2003_ND91_TT05_2018"
    first = next(c for c in e["candidates"] if c["person"]["id"] == w.person_id("staff_a1"))
    assert {c["person"]["id"] for c in e["candidates"]} == {
        w.person_id(k) for k in ("staff_a1", "staff_a2", "staff_office")
    }
    met = {c["code"]: c["met"] for c in first["criteria"]}
    # One LĐTT in scope allows no CSTĐ cơ sở under the 15 % quota: the quota blocks.
    assert met == {"R-CSTD-1": True, "R-CSTD-2": True, "R-CSTD-Q": False}
    assert first["eligible"] is False
    assert "tối đa 0" in first["criteria"][2]["evidence"]
    later = api.get(
        "/api/v1/eligibility",
        params={"year": 2024, "award_type": "CSTDCS"},
        headers=w.headers("reviewer_a"),
    ).json()
    assert later["regime"]["code"] == "LAW2022_ND98_TT11_2023"
    assert any(
        "chưa được xác nhận — cán bộ cần kiểm tra" in c["evidence"]
        for c in later["candidates"][0]["criteria"]
    )


def test_nomination_vote_below_threshold_rejects_then_a_decision(api, figures_world):
    w = figures_world
    base = {
        "proposer_id": w.unit_id("CC_A1"),
        "year": 2022,
        "award_type": "CSTDCS",
        "candidate_person_id": w.person_id("staff_a1"),
        "achievements": "Hoàn thành xuất sắc nhiệm vụ",
    }
    n = api.post("/api/v1/nominations", headers=w.headers("reporter_a1"), json=base).json()
    assert [d["code"] for d in n["dossier"]] == [
        "to_trinh",
        "bien_ban",
        "bao_cao_thanh_tich",
        "chung_nhan_sang_kien",
    ]
    incomplete = api.post(f"/api/v1/nominations/{n['id']}/submit", headers=w.headers("reporter_a1"))
    assert incomplete.status_code == 422 and len(incomplete.json()["errors"]) == 4
    dossier = {d["code"]: True for d in n["dossier"]}
    api.patch(
        f"/api/v1/nominations/{n['id']}",
        headers=w.headers("reporter_a1"),
        json={"dossier": dossier},
    )
    assert (
        api.post(f"/api/v1/nominations/{n['id']}/submit", headers=w.headers("reporter_a1")).json()[
            "status"
        ]
        == "submitted"
    )
    assert (
        api.post(
            f"/api/v1/nominations/{n['id']}/vote",
            headers=w.headers("reporter_a1"),
            json={"members": 7, "present": 7, "yes": 7},
        ).status_code
        == 403
    )
    low = api.post(
        f"/api/v1/nominations/{n['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 7, "present": 6, "yes": 3},
    ).json()
    assert low["status"] == "rejected" and "3/7" in low["reason"]
    second = api.post(
        "/api/v1/nominations", headers=w.headers("reporter_a1"), json={**base, "dossier": dossier}
    ).json()
    api.post(f"/api/v1/nominations/{second['id']}/submit", headers=w.headers("reporter_a1"))
    high = api.post(
        f"/api/v1/nominations/{second['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 7, "present": 7, "yes": 6},
    ).json()
    assert high["status"] == "approved" and high["vote"]["passed"] is True
    done = api.post(
        f"/api/v1/nominations/{second['id']}/decide",
        headers=w.headers("reviewer_a"),
        json={
            "number": "420/QĐ-CTHADS",
            "signed_on": "2022-12-21",
            "issuer_id": w.unit_id("CUC_A"),
        },
    ).json()
    assert done["status"] == "decided" and done["award_id"]
    history = api.get(
        "/api/v1/awards",
        params={"recipient_person_id": w.person_id("staff_a1")},
        headers=w.headers("reviewer_a"),
    ).json()
    assert history["items"][0]["nomination_id"] == second["id"]
    assert history["items"][0]["eligibility"]["regime"] == "LAW2003_ND91_TT05_2018"


def test_secret_ballot_titles_need_ninety_percent_of_all_members(api, figures_world):
    w = figures_world
    n = api.post(
        "/api/v1/nominations",
        headers=w.headers("reviewer_a"),
        json={
            "proposer_id": w.unit_id("CUC_A"),
            "year": 2022,
            "award_type": "CSTD_NGANH",
            "candidate_person_id": w.person_id("staff_a1"),
            "dossier": dict.fromkeys(
                [
                    "to_trinh",
                    "bien_ban",
                    "bao_cao_thanh_tich",
                    "chung_nhan_sang_kien",
                    "ket_qua_bo_phieu",
                ],
                True,
            ),
        },
    ).json()
    api.post(f"/api/v1/nominations/{n['id']}/submit", headers=w.headers("reviewer_a"))
    vote = api.post(
        f"/api/v1/nominations/{n['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 10, "present": 10, "yes": 8, "secret_ballot": True},
    ).json()
    assert vote["status"] == "rejected" and "90 %" in vote["reason"]
    bad = api.post(
        f"/api/v1/nominations/{n['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 5, "present": 6, "yes": 6},
    )
    assert bad.status_code == 422


def test_reporting_units_figures_feed_collective_eligibility(api, figures_world):
    w = figures_world
    rid = api.post(
        "/api/v1/reports",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q4", "values": GOOD},
    ).json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers("reporter_a1"))
    api.post(f"/api/v1/reports/{rid}/approve", headers=w.headers("reviewer_a"))
    e = api.get(
        "/api/v1/eligibility",
        params={"year": 2022, "award_type": "TTLDXS"},
        headers=w.headers("reviewer_a"),
    ).json()
    a1 = next(c for c in e["candidates"] if c["unit"]["code"] == "CC_A1")
    figures = next(c for c in a1["criteria"] if c["code"] == "R-TGT-1")
    assert (
        figures["met"] is False
        and "82,50 %" in figures["evidence"]
        and "27,59 %" in figures["evidence"]
    )


def test_a_nomination_decided_onto_an_existing_decision(api, figures_world):
    w = figures_world
    did = decide(api, w, lines=[person(w, "staff_a2", "LDTT")]).json()["id"]
    dossier = dict.fromkeys(
        ["to_trinh", "bien_ban", "bao_cao_thanh_tich", "chung_nhan_sang_kien"], True
    )
    n = api.post(
        "/api/v1/nominations",
        headers=w.headers("reviewer_a"),
        json={
            "proposer_id": w.unit_id("CUC_A"),
            "year": 2022,
            "award_type": "CSTDCS",
            "candidate_person_id": w.person_id("staff_a1"),
            "dossier": dossier,
        },
    ).json()
    api.post(f"/api/v1/nominations/{n['id']}/submit", headers=w.headers("reviewer_a"))
    api.post(
        f"/api/v1/nominations/{n['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 5, "present": 5, "yes": 5},
    )
    done = api.post(
        f"/api/v1/nominations/{n['id']}/decide",
        headers=w.headers("reviewer_a"),
        json={"decision_id": did},
    )
    assert done.status_code == 200, done.text
    decision = api.get(f"/api/v1/decisions/{did}", headers=w.headers("reviewer_a")).json()
    assert [a["award_type"]["code"] for a in decision["awards"]] == ["LDTT", "CSTDCS"]
    assert decision["awards"][1]["nomination_id"] == n["id"]
    twice = api.post(
        "/api/v1/nominations",
        headers=w.headers("reviewer_a"),
        json={
            "proposer_id": w.unit_id("CUC_A"),
            "year": 2022,
            "award_type": "CSTDCS",
            "candidate_person_id": w.person_id("staff_a1"),
            "dossier": dossier,
        },
    ).json()
    api.post(f"/api/v1/nominations/{twice['id']}/submit", headers=w.headers("reviewer_a"))
    api.post(
        f"/api/v1/nominations/{twice['id']}/vote",
        headers=w.headers("reviewer_a"),
        json={"members": 5, "present": 5, "yes": 5},
    )
    again = api.post(
        f"/api/v1/nominations/{twice['id']}/decide",
        headers=w.headers("reviewer_a"),
        json={"decision_id": did},
    )
    assert again.status_code == 422  # the same title twice for the same year


def test_the_dossier_reads_in_the_callers_language(api, figures_world):
    w = figures_world
    vi = api.get("/api/v1/award-types", headers=w.headers("reviewer_a")).json()["items"]
    en = api.get(
        "/api/v1/award-types", headers=w.headers("reviewer_a", **{"Accept-Language": "en"})
    ).json()["items"]
    label = {t["code"]: [d["label"] for d in t["dossier"]] for t in vi}["CSTDCS"]
    english = {t["code"]: [d["label"] for d in t["dossier"]] for t in en}["CSTDCS"]
    assert "Tờ trình đề nghị khen thưởng" in label
    assert "Submission proposing the award" in english and "Tờ trình" not in " ".join(english)
