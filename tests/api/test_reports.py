"""Reports through the API: values, derived figures, rates, rules, the workflow and its locks."""

from tests.reporting import GOOD

URL = "/api/v1/reports"


def create(api, world, user="reporter_a1", unit="CC_A1", period="2022-Q1", values=None, **headers):
    return api.post(
        URL,
        headers=world.headers(user, **headers),
        json={
            "unit_id": world.unit_id(unit),
            "period": period,
            "values": GOOD if values is None else values,
        },
    )


def test_rates_match_the_published_2022_figures(api, figures_world):
    r = create(api, figures_world)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["indicators"] == {"ty_le_viec": 82.5, "ty_le_tien": 27.59}
    assert body["derived"]["viec_tong_thu_ly"] == 800000
    assert body["derived"]["viec_phai_thi_hanh"] == 790000
    assert body["derived"]["viec_chuyen_ky_sau"] == 790000 - 500000 - 39290
    assert body["targets"] == {"ty_le_viec": 81.5, "ty_le_tien": 40.1}
    assert body["attainment"] == {"ty_le_viec": 1.0, "ty_le_tien": -12.51}
    assert body["issues"] == [] and body["status"] == "draft"
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"/api/v1/reports/{body['id']}"


def test_values_must_be_known_non_negative_integers(api, figures_world):
    r = create(
        api,
        figures_world,
        values={
            "viec_co_dieu_kien": -1,
            "viec_dinh_chi": 2.5,
            "tien_uy_thac": "7",
            "khong_ton_tai": 1,
        },
    )
    assert r.status_code == 422
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"values.viec_co_dieu_kien", "values.viec_dinh_chi", "values.tien_uy_thac"} <= fields
    r = create(api, figures_world, values={"khong_ton_tai": 1, "viec_tong_thu_ly": 5})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {
        "values.khong_ton_tai",
        "values.viec_tong_thu_ly",
    }


def test_a_draft_that_breaks_a_rule_saves_but_cannot_be_submitted(api, figures_world):
    bad = {**GOOD, "viec_thi_hanh_xong": 653719}
    r = create(api, figures_world, values=bad)
    assert r.status_code == 201
    issue = next(i for i in r.json()["issues"] if i["severity"] == "error")
    assert issue["fields"] == ["viec_thi_hanh_xong", "viec_dinh_chi"]
    assert "không được vượt" in issue["message"]
    submit = api.post(
        f"{URL}/{r.json()['id']}/submit", headers=figures_world.headers("reporter_a1")
    )
    assert submit.status_code == 422
    assert {e["field"] for e in submit.json()["errors"]} == {
        "values.viec_thi_hanh_xong",
        "values.viec_dinh_chi",
    }
    assert (
        api.get(f"{URL}/{r.json()['id']}", headers=figures_world.headers("reporter_a1")).json()[
            "status"
        ]
        == "draft"
    )


def test_submit_names_every_missing_value(api, figures_world):
    r = create(api, figures_world, values={"viec_co_dieu_kien": 10})
    submit = api.post(
        f"{URL}/{r.json()['id']}/submit", headers=figures_world.headers("reporter_a1")
    )
    assert submit.status_code == 422
    assert len(submit.json()["errors"]) == 13


def test_workflow_return_fix_resubmit_approve_lock_reopen(api, figures_world):
    w = figures_world
    rid = create(api, w).json()["id"]
    assert (
        api.post(f"{URL}/{rid}/submit", headers=w.headers("reporter_a1")).json()["status"]
        == "submitted"
    )
    # The clerk cannot edit while the Cục looks at it, nor approve it.
    assert (
        api.patch(
            f"{URL}/{rid}", headers=w.headers("reporter_a1"), json={"values": {"viec_dinh_chi": 1}}
        ).status_code
        == 409
    )
    assert api.post(f"{URL}/{rid}/approve", headers=w.headers("reporter_a1")).status_code == 403
    assert (
        api.post(
            f"{URL}/{rid}/return", headers=w.headers("reviewer_a"), json={"comment": ""}
        ).status_code
        == 422
    )
    back = api.post(
        f"{URL}/{rid}/return",
        headers=w.headers("reviewer_a"),
        json={"comment": "Kiểm tra lại số đình chỉ"},
    )
    assert (
        back.json()["status"] == "returned" and back.json()["comment"] == "Kiểm tra lại số đình chỉ"
    )
    fixed = api.patch(
        f"{URL}/{rid}", headers=w.headers("reporter_a1"), json={"values": {"viec_dinh_chi": 39291}}
    )
    assert fixed.status_code == 200 and fixed.json()["values"]["viec_dinh_chi"] == 39291
    api.post(f"{URL}/{rid}/submit", headers=w.headers("reporter_a1"))
    approved = api.post(f"{URL}/{rid}/approve", headers=w.headers("reviewer_a")).json()
    assert approved["status"] == "approved" and approved["approved_by"] == "reviewer_a"
    assert [h["action"] for h in approved["history"]] == [
        "approve",
        "submit",
        "return",
        "submit",
        "create",
    ]
    # Approved figures are locked.
    locked = api.patch(
        f"{URL}/{rid}", headers=w.headers("reviewer_a"), json={"values": {"viec_dinh_chi": 1}}
    )
    assert locked.status_code == 409
    assert (
        api.post(
            f"{URL}/{rid}/reopen", headers=w.headers("reviewer_a"), json={"reason": "  "}
        ).status_code
        == 422
    )
    reopened = api.post(
        f"{URL}/{rid}/reopen", headers=w.headers("reviewer_a"), json={"reason": "Sai số liệu tiền"}
    )
    assert (
        reopened.json()["status"] == "returned" and reopened.json()["comment"] == "Sai số liệu tiền"
    )


def test_stale_if_match_is_refused(api, figures_world):
    w = figures_world
    rid = create(api, w).json()["id"]
    ok = api.patch(
        f"{URL}/{rid}",
        headers=w.headers("reporter_a1", **{"If-Match": '"1"'}),
        json={"values": {"viec_dinh_chi": 1}},
    )
    assert ok.status_code == 200 and ok.headers["etag"] == '"2"'
    stale = api.patch(
        f"{URL}/{rid}",
        headers=w.headers("reporter_a1", **{"If-Match": '"1"'}),
        json={"values": {"viec_dinh_chi": 2}},
    )
    assert stale.status_code == 412
    assert (
        api.get(f"{URL}/{rid}", headers=w.headers("reporter_a1")).json()["values"]["viec_dinh_chi"]
        == 1
    )


def test_one_report_per_unit_and_period_and_idempotent_create(api, figures_world):
    w = figures_world
    first = create(api, w, **{"Idempotency-Key": "q1-a1"})
    again = create(api, w, **{"Idempotency-Key": "q1-a1"})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    dup = create(api, w)
    assert dup.status_code == 409


def test_scope_a_reporter_cannot_reach_another_office(api, figures_world):
    w = figures_world
    # Another office named in the body is a reference out of scope: 422 on unit_id.
    for other in ("CC_A2", "CC_B1"):
        refused = create(api, w, unit=other)
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "unit_id"
    rid = create(api, w, user="reporter_a2", unit="CC_A2").json()["id"]
    assert api.get(f"{URL}/{rid}", headers=w.headers("reporter_a1")).status_code == 404
    assert api.get(f"{URL}/{rid}", headers=w.headers("reviewer_a")).status_code == 200
    assert api.get(f"{URL}/{rid}", headers=w.headers("admin_b")).status_code == 404
    listed = api.get(URL, headers=w.headers("reporter_a1")).json()
    assert listed["total"] == 0


def test_external_units_do_not_report(api, figures_world):
    r = create(api, figures_world, user="admin_a", unit="EXT_A")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "unit_id"


def test_closed_period_refuses_changes_unless_the_unit_has_an_exception(
    api, figures_world, session
):
    w = figures_world
    assert (
        api.post("/api/v1/periods/2022-Q1/close", headers=w.headers("reviewer_a")).status_code
        == 200
    )
    assert create(api, w).status_code == 409
    exc = api.post(
        "/api/v1/periods/2022-Q1/exceptions",
        headers=w.headers("reviewer_a"),
        json={"unit_id": w.unit_id("CC_A1"), "reason": "Bổ sung số liệu"},
    )
    assert exc.status_code == 201
    assert create(api, w).status_code == 201
    assert create(api, w, user="reporter_a2", unit="CC_A2").status_code == 409


def test_late_submission_is_flagged(api, figures_world, session):
    from sqlmodel import select

    from app.models.periods import Period

    period = session.exec(select(Period).where(Period.code == "2022-Q1")).one()
    assert (
        period.due_on.isoformat() == "2022-01-04"
    )  # 31/12/2021 + 2 working days (no holidays set)
    w = figures_world
    rid = create(api, w).json()["id"]
    submitted = api.post(f"{URL}/{rid}/submit", headers=w.headers("reporter_a1")).json()
    assert submitted["is_late"] is True  # today is long after 04/01/2022
    late = api.get(URL, params={"late": True}, headers=w.headers("reviewer_a")).json()
    assert [r["id"] for r in late["items"]] == [rid]


def test_validate_is_a_dry_run_with_history_warnings(api, figures_world):
    w = figures_world
    q1 = create(api, w).json()
    r = api.post(
        f"{URL}/validate",
        headers=w.headers("reporter_a1"),
        json={
            "unit_id": w.unit_id("CC_A1"),
            "period": "2022-Q2",
            "values": {**GOOD, "viec_thu_ly_moi": 400000},
        },
    )
    assert r.status_code == 200
    rules = {i["rule"]: i for i in r.json()["issues"]}
    assert rules["viec_thu_ly_moi_luy_ke"]["severity"] == "warning"
    # As the clerk types, the form shows the rates against the office's targets.
    assert r.json()["targets"] == {"ty_le_viec": 81.5, "ty_le_tien": 40.1}
    assert set(r.json()["attainment"]) == {"ty_le_viec", "ty_le_tien"}
    assert api.get(URL, headers=w.headers("reporter_a1")).json()["total"] == 1
    assert q1["id"]


def test_every_change_is_audited(api, figures_world):
    w = figures_world
    rid = create(api, w).json()["id"]
    api.patch(
        f"{URL}/{rid}", headers=w.headers("reporter_a1"), json={"values": {"viec_dinh_chi": 7}}
    )
    log = api.get(
        "/api/v1/audit",
        params={"entity": "report", "entity_id": rid},
        headers=w.headers("reviewer_a"),
    ).json()
    actions = [e["action"] for e in log["items"]]
    assert actions == ["update", "create"]
    assert log["items"][0]["before"]["values"]["viec_dinh_chi"] == 39290
    assert log["items"][0]["after"]["values"]["viec_dinh_chi"] == 7


def test_messages_follow_the_language(api, figures_world):
    r = create(
        api,
        figures_world,
        values={**GOOD, "viec_thi_hanh_xong": 653719},
        **{"Accept-Language": "en"},
    )
    assert r.json()["issues"][0]["message"].startswith("Completed plus terminated")


def test_a_broken_rule_quotes_its_numbers(api, figures_world):
    bad = {**GOOD, "viec_co_dieu_kien": 653000}  # 653.000 + 136.281 is not 790.000
    r = create(api, figures_world, values=bad)
    messages = [i["message"] for i in r.json()["issues"] if i["severity"] == "error"]
    assert any("790.000 ≠ 653.000 + 136.281" in m for m in messages), messages
    english = create(
        api,
        figures_world,
        user="reporter_a2",
        unit="CC_A2",
        values=bad,
        **{"Accept-Language": "en"},
    ).json()
    assert any("790,000 ≠ 653,000 + 136,281" in i["message"] for i in english["issues"])


def test_the_form_gets_last_quarter_last_year_and_whether_rates_are_final(api, figures_world):
    w = figures_world
    admin = w.headers("admin_a")
    assert api.post("/api/v1/periods/2021-Q4/open", headers=admin).status_code == 200
    last_year = {**GOOD, "viec_thu_ly_moi": 400000, "viec_co_dieu_kien": 553719}
    assert create(api, w, period="2021-Q4", values=last_year).status_code == 201
    q3 = {**GOOD, "viec_thu_ly_moi": 450000, "viec_co_dieu_kien": 603719}
    assert create(api, w, period="2022-Q3", values=q3).status_code == 201
    # Before the Q4 report exists, the blank form's dry run already brings them.
    blank = api.post(
        f"{URL}/validate",
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q4", "values": {}},
        headers=w.headers("reporter_a1"),
    ).json()
    assert blank["previous_quarter"]["viec_thu_ly_moi"] == 450000
    assert blank["same_quarter_last_year"]["viec_thu_ly_moi"] == 400000
    assert blank["year_end"] is True
    q4 = create(api, w, period="2022-Q4").json()
    detail = api.get(f"{URL}/{q4['id']}", headers=w.headers("reporter_a1")).json()
    assert detail["previous_quarter"]["viec_thu_ly_moi"] == 450000
    assert detail["same_quarter_last_year"]["viec_thu_ly_moi"] == 400000
    assert detail["year_end"] is True
    q3_detail = api.get(URL, params={"period": "2022-Q3"}, headers=w.headers("reporter_a1")).json()[
        "items"
    ][0]
    early = api.get(f"{URL}/{q3_detail['id']}", headers=w.headers("reporter_a1")).json()
    assert early["year_end"] is False and early["previous_quarter"] is None  # no Q2 report


def test_the_reviewer_sees_what_changed_since_the_previous_submission(api, figures_world):
    w = figures_world
    report = create(api, w).json()
    path = f"{URL}/{report['id']}"
    clerk, reviewer = w.headers("reporter_a1"), w.headers("reviewer_a")
    first = api.post(f"{path}/submit", headers=clerk).json()
    assert first["changes_since_previous_submission"] == []
    api.post(f"{path}/return", headers=reviewer, json={"comment": "Kiểm tra lại số thụ lý mới"})
    changed = {"viec_thu_ly_moi": 500100, "viec_co_dieu_kien": 653819}
    assert api.patch(path, headers=clerk, json={"values": changed}).status_code == 200
    api.post(f"{path}/submit", headers=clerk)
    seen = api.get(path, headers=reviewer).json()["changes_since_previous_submission"]
    assert {c["metric"]: (c["before"], c["after"]) for c in seen} == {
        "viec_thu_ly_moi": (500000, 500100),
        "viec_co_dieu_kien": (653719, 653819),
    }
