"""The award pages on a small world: decisions with recipient rows (the API's errors beside
their row), the recipient picker, nominations through the council, revocation, the sections of
the unit and person pages, roles and CSRF."""

import re

from tests.web.conftest import page_token, signed_in
from tests.web.html import field_error, form_fields, links, one, parse, select, table_rows, text

DECISIONS = "/api/v1/decisions"


def _decision_form(w, issuer: str = "CUC_A", **extra: str) -> dict[str, str]:
    return {
        "number": "415/QĐ-CTHADS",
        "signed_on": "20/12/2022",
        "issuer_id": str(w.unit_id(issuer)),
        "kind": "cong_trang",
        "year": "2022",
        **extra,
    }


def _row(i: int, award_type: str, recipient: str, label: str = "") -> dict[str, str]:
    return {
        f"awards.{i}.award_type": award_type,
        f"awards.{i}.recipient": recipient,
        f"awards.{i}.recipient_label": label or recipient,
    }


def _post(web, path: str, data: dict[str, str], token_page: str | None = None, **kwargs):
    token = page_token(web, token_page or path)
    return web.post(path, data={**data, "csrf_token": token}, **kwargs)


def _decisions_total(api, w) -> int:
    return api.get(DECISIONS, headers=w.headers("admin_a")).json()["total"]


def _make_decision(api, w, lines, *, number="415/QĐ-CTHADS", issuer="CUC_A", kind="cong_trang"):
    response = api.post(
        DECISIONS,
        headers=w.headers("reviewer_a"),
        json={
            "number": number,
            "signed_on": "2022-12-20",
            "issuer_id": w.unit_id(issuer),
            "kind": kind,
            "year": 2022,
            "awards": lines,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


# --- decisions ----------------------------------------------------------------------------
def test_a_decision_with_rows_inside_and_outside_the_sector_is_shown_with_them(
    web, figures_world, api
):
    w = figures_world
    signed_in(web, "reviewer_a")
    data = {
        **_decision_form(w, title="Tặng Giấy khen năm 2022"),
        **_row(0, "GIAY_KHEN", f"person:{w.person_id('staff_a1')}", "Nguyễn Văn An"),
        **_row(1, "GIAY_KHEN", f"person:{w.person_id('external_a')}", "Phạm Quốc Dũng"),
        **_row(2, "GIAY_KHEN", f"unit:{w.unit_id('EXT_A')}", "Ủy ban nhân dân tỉnh Bến Tre"),
        **_row(3, "GIAY_KHEN", f"unit:{w.unit_id('CC_A2')}", "Chi cục THADS huyện Thạnh Phú"),
    }
    response = _post(web, "/decisions/new", data, follow_redirects=False)
    assert response.status_code == 303, response.text[:2000]
    location = response.headers["location"]
    assert re.fullmatch(r"/decisions/\d+\?created=1", location)

    page = parse(web.get(location))
    assert text(one(page, "h1")) == "Quyết định 415/QĐ-CTHADS"
    assert text(one(page, "main .notice")) == "Đã ghi quyết định với 4 lượt khen thưởng."
    facts = text(one(page, "dl.facts"))
    assert "20/12/2022" in facts and "Khen thưởng theo công trạng và thành tích" in facts
    assert "Cục THADS tỉnh Bến Tre" in facts
    recipients = [text(name) for name in select(page, "main tbody .rname")]
    assert sorted(recipients) == sorted(
        [
            "Nguyễn Văn An",
            "Phạm Quốc Dũng",
            "Ủy ban nhân dân tỉnh Bến Tre",
            "Chi cục THADS huyện Thạnh Phú",
        ]
    )
    assert [text(b) for b in select(page, "main tbody .badge.external")] == ["Ngoài ngành"] * 2
    # Each award keeps the eligibility result it was made on.
    assert "Kết quả xét tiêu chuẩn khi quyết định" in table_rows(one(page, "main thead"))[0]
    assert any("Tiêu chuẩn Giấy khen" in text(cell) for cell in select(page, "td.reasons"))


def test_a_general_department_decision_with_ttldxs_shows_the_error_beside_row_1(
    web, figures_world, api
):
    w = figures_world
    signed_in(web, "reviewer_a")
    data = {
        **_decision_form(w, issuer="TC", number="1520/QĐ-TCTHADS"),
        **_row(0, "TTLDXS", f"unit:{w.unit_id('CC_A1')}", "Chi cục THADS huyện Giồng Trôm"),
        **_row(1, "GIAY_KHEN", f"person:{w.person_id('external_a')}", "Phạm Quốc Dũng (ngoài)"),
    }
    response = _post(web, "/decisions/new", data)

    assert response.status_code == 422
    html = parse(response)
    assert field_error(html, "awards-0-award_type") == (
        "Tổng cục THADS không có thẩm quyền tặng Tập thể lao động xuất sắc: "
        "hình thức này do cấp cao hơn quyết định"
    )
    award_type = one(html, "#f-awards-0-award_type")
    assert award_type["aria-invalid"] == "true"
    assert award_type["aria-describedby"] == "e-awards-0-award_type"
    # Only the row at fault: no other message, no other field marked invalid.
    assert [e["id"] for e in select(html, ".field-error")] == ["e-awards-0-award_type"]
    assert [c["id"] for c in select(html, '[aria-invalid="true"]')] == ["f-awards-0-award_type"]
    # Everything typed is kept: the fields, both rows, their chosen recipients.
    kept = form_fields(one(html, "#decision-form"))
    assert kept["number"] == "1520/QĐ-TCTHADS" and kept["signed_on"] == "20/12/2022"
    assert kept["awards.0.award_type"] == "TTLDXS"
    assert kept["awards.1.recipient"] == f"person:{w.person_id('external_a')}"
    assert kept["awards.1.recipient_label"] == "Phạm Quốc Dũng (ngoài)"
    assert text(one(html, "#row-1 .chosen-name")) == "Phạm Quốc Dũng (ngoài)"
    assert _decisions_total(api, w) == 0


def test_the_form_comes_back_alone_to_htmx_with_dates_explained(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    data = {
        **_decision_form(w, signed_on="31/02/2022", number=""),
        **_row(0, "GIAY_KHEN", ""),
    }
    response = _post(web, "/decisions/new", data, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response.text.lstrip().startswith('<form id="decision-form"')
    assert field_error(response, "signed_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert field_error(response, "number") == "Không được để trống"
    # The API names the recipient of row 1 (awards.0.recipient_person_id): shown beside it.
    assert "Chọn một đơn vị hoặc một cá nhân" in field_error(response, "awards-0-recipient")


def test_rows_are_added_and_removed_keeping_what_was_typed(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    headers = {"HX-Request": "true", "HX-Target": "award-rows"}
    first = _row(0, "GIAY_KHEN", f"unit:{w.unit_id('CC_A2')}", "Chi cục THADS huyện Thạnh Phú")
    added = _post(
        web,
        "/decisions/new",
        {**_decision_form(w), **first, "action": "add_row"},
        token_page="/decisions/new",
        headers=headers,
    )
    assert added.status_code == 200
    html = parse(added)
    assert not select(html, "form") and len(select(html, "fieldset.award-row")) == 2
    # Row 1 kept its recipient; the new row's first field takes the focus.
    assert text(one(html, "#row-0 .chosen-name")) == "Chi cục THADS huyện Thạnh Phú"
    assert one(html, "#f-awards-1-award_type").has_attr("autofocus")

    second = _row(1, "BANG_KHEN_BO", f"person:{w.person_id('staff_a1')}", "Nguyễn Văn An")
    removed = _post(
        web,
        "/decisions/new",
        {**_decision_form(w), **first, **second, "action": "remove:0"},
        token_page="/decisions/new",
        headers=headers,
    )
    assert len(select(removed, "fieldset.award-row")) == 1
    assert text(one(removed, "#row-0 .chosen-name")) == "Nguyễn Văn An"
    assert "Thạnh Phú" not in removed.text
    assert form_fields(removed)["awards.0.recipient"] == f"person:{w.person_id('staff_a1')}"


def test_the_picker_finds_people_and_units_inside_and_outside_the_sector(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    found = web.get(
        "/awards/recipients",
        params={"field": "awards.2.recipient", "awards.2.recipient_q": "giong"},
        headers={"HX-Request": "true"},
    ).text
    options = {text(o): o for o in select(found, "[role=option]")}
    assert any(o.startswith("Chi cục THADS huyện Giồng Trôm · đơn vị") for o in options)
    police = [o for o in options if o.startswith("Công an huyện Giồng Trôm")]
    assert len(police) == 1 and police[0].endswith("· ngoài ngành")
    assert options[police[0]]["hx-get"].endswith(f"recipient=unit:{w.unit_id('EXT_A1')}")

    people = web.get(
        "/awards/recipients", params={"field": "candidate", "candidate_q": "dung"}
    ).text
    assert any(text(o).startswith("Phạm Quốc Dũng") for o in select(people, "[role=option]"))
    assert "Huỳnh Thị Em" not in people  # other province

    chosen = web.get(
        "/awards/recipients/pick",
        params={"field": "awards.2.recipient", "recipient": f"unit:{w.unit_id('EXT_A1')}"},
    ).text
    assert form_fields(chosen)["awards.2.recipient"] == f"unit:{w.unit_id('EXT_A1')}"
    assert text(one(chosen, ".chosen-name")) == "Công an huyện Giồng Trôm (ngoài ngành)"
    assert web.get("/awards/recipients", params={"field": "x.recipient"}).status_code == 400
    short = web.get("/awards/recipients", params={"field": "who", "who_q": "a"}).text
    assert "Gõ ít nhất hai chữ cái." in short


def test_decisions_are_listed_and_searched(web, figures_world, api):
    w = figures_world
    _make_decision(api, w, [{"award_type": "GIAY_KHEN", "recipient_unit_id": w.unit_id("CC_A1")}])
    _make_decision(
        api,
        w,
        [{"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("external_a")}],
        number="238/QĐ-CTHADS",
        kind="dot_xuat",
    )
    signed_in(web, "viewer_a")
    page = web.get("/decisions").text
    assert text(one(page, "#decision-results .count")).startswith("2 quyết định")
    listed = {cells[0]: cells[3] for cells in table_rows(one(page, "#decision-results tbody"))}
    assert listed["238/QĐ-CTHADS"] == "Khen thưởng đột xuất" and "415/QĐ-CTHADS" in listed
    assert "/decisions/new" not in links(page)  # a viewer records no decision
    found = web.get(
        "/decisions",
        params={"q": "238"},
        headers={"HX-Request": "true", "HX-Target": "decision-results"},
    ).text
    assert "<html" not in found and "415/QĐ-CTHADS" not in found
    assert [cells[0] for cells in table_rows(one(found, "tbody"))] == ["238/QĐ-CTHADS"]
    only = web.get("/decisions", params={"kind": "cong_trang"})
    assert text(one(only, "#decision-results .count")).startswith("1 quyết định")


# --- roles and CSRF -----------------------------------------------------------------------
def test_a_reporter_gets_no_decision_form_and_the_api_refuses_a_forged_post(
    web, figures_world, api
):
    w = figures_world
    signed_in(web, "reporter_a1")
    assert "/decisions/new" not in links(web.get("/decisions"))
    assert web.get("/decisions/new").status_code == 403

    data = {**_decision_form(w), **_row(0, "GIAY_KHEN", f"unit:{w.unit_id('CC_A1')}")}
    forged = _post(web, "/decisions/new", data, token_page="/decisions")
    assert forged.status_code == 403
    assert "Bạn không có quyền truy cập trang này" in forged.text
    assert _decisions_total(api, w) == 0


def test_state_changes_need_the_csrf_token(web, figures_world, api):
    w = figures_world
    signed_in(web, "reviewer_a")
    data = {**_decision_form(w), **_row(0, "GIAY_KHEN", f"unit:{w.unit_id('CC_A1')}")}
    refused = web.post("/decisions/new", data=data)
    assert refused.status_code == 403 and "Biểu mẫu đã hết hạn" in refused.text
    wrong = web.post("/decisions/new", data={**data, "csrf_token": "x" * 64})
    assert wrong.status_code == 403
    assert _decisions_total(api, w) == 0

    decision = _make_decision(
        api, w, [{"award_type": "GIAY_KHEN", "recipient_unit_id": w.unit_id("CC_A1")}]
    )
    award_id = decision["awards"][0]["id"]
    assert web.post(f"/awards/{award_id}/revoke", data={"reason": "x"}).status_code == 403
    assert web.post("/nominations/1/vote", data={"members": "9"}).status_code == 403
    listed = api.get("/api/v1/awards", headers=w.headers("admin_a")).json()
    assert listed["total"] == 1  # not revoked


# --- the history and revocation -----------------------------------------------------------
def test_the_history_filters_and_a_reviewer_revokes_with_a_reason(web, figures_world, api):
    w = figures_world
    decision = _make_decision(
        api,
        w,
        [
            {"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")},
            {"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("external_a")},
        ],
    )
    award_id = decision["awards"][0]["id"]
    signed_in(web, "reviewer_a")
    page = web.get("/awards").text
    assert text(one(page, "#award-results .count")).startswith("2 lượt khen thưởng")
    names = sorted(text(a) for a in select(page, "#award-results tbody .rname"))
    assert names == ["Nguyễn Văn An", "Phạm Quốc Dũng"]
    outside = web.get("/awards", params={"side": "external"}).text
    assert text(one(outside, "#award-results .count")).startswith("1 lượt khen thưởng")
    assert "Nguyễn Văn An" not in outside
    mine = web.get("/awards", params={"person": w.person_id("staff_a1")}).text
    assert text(one(mine, "#award-results .count")).startswith("1 lượt khen thưởng")
    assert "Nguyễn Văn An —" in text(one(mine, "#w-who"))  # the picker shows who

    token = page_token(web, "/awards")
    htmx = {"HX-Request": "true"}
    empty = web.post(
        f"/awards/{award_id}/revoke",
        data={"reason": "  ", "view": "history", "what": "Thu hồi?", "csrf_token": token},
        headers=htmx,
    )
    assert empty.status_code == 422
    assert empty.text.lstrip().startswith(f'<details class="revoke" id="revoke-{award_id}" open')
    assert field_error(empty, f"reason-{award_id}")

    done = web.post(
        f"/awards/{award_id}/revoke",
        data={"reason": "Thành tích không đúng sự thật", "view": "history", "csrf_token": token},
        headers=htmx,
    )
    assert done.status_code == 200
    assert done.headers["HX-Retarget"] == f"#award-{award_id}"
    status = table_rows(one(done, f"tr#award-{award_id}"))[0][-1]
    assert status.startswith("Đã thu hồi") and "Thành tích không đúng sự thật" in status

    still = web.get("/awards")  # revoked ones are left out
    assert text(one(still, "#award-results .count")).startswith("1 lượt khen thưởng")
    everything = web.get("/awards", params={"revoked": "1"}).text
    assert text(one(everything, "#award-results .count")).startswith("2 lượt khen thưởng")
    revoked = table_rows(one(everything, f"tr#award-{award_id}"))[0][-1]
    assert "Thành tích không đúng sự thật" in revoked
    again = web.post(f"/awards/{award_id}/revoke", data={"reason": "lần nữa", "csrf_token": token})
    assert again.status_code == 409 and "đã bị thu hồi" in again.text


def test_a_viewer_sees_the_history_without_the_revoke_form(web, figures_world, api):
    w = figures_world
    _make_decision(api, w, [{"award_type": "GIAY_KHEN", "recipient_unit_id": w.unit_id("CC_A1")}])
    signed_in(web, "viewer_a")
    page = web.get("/awards").text
    assert [text(a) for a in select(page, "#award-results tbody .rname")] == [
        "Chi cục THADS huyện Giồng Trôm"
    ]
    assert "Thu hồi…" not in page and not select(page, "details.revoke")


# --- sections of the unit and person pages -------------------------------------------------
def test_unit_and_person_sections_are_empty_until_there_is_something(web, figures_world, api):
    w = figures_world
    signed_in(web, "reviewer_a")
    unit = f"/units/{w.unit_id('CC_A1')}/awards"
    person = f"/people/{w.person_id('staff_a1')}/awards"
    assert web.get(unit).status_code == 200 and web.get(unit).text == ""
    assert web.get(person).text == ""

    _make_decision(
        api,
        w,
        [
            {"award_type": "GIAY_KHEN", "recipient_unit_id": w.unit_id("CC_A1")},
            {"award_type": "GIAY_KHEN", "recipient_person_id": w.person_id("staff_a1")},
        ],
    )
    assessed = api.put(
        f"/api/v1/people/{w.person_id('staff_a1')}/assessments",
        headers=w.headers("reviewer_a"),
        json={"year": 2022, "result": "HTXSNV"},
    )
    assert assessed.status_code == 200, assessed.text
    section = web.get(unit, headers={"HX-Request": "true"}).text
    assert section.lstrip().startswith('<section class="card"')
    assert "Khen thưởng của đơn vị" in section and "415/QĐ-CTHADS" in section
    facts = web.get(person, headers={"HX-Request": "true"}).text
    assert facts.lstrip().startswith('<section class="card"')
    assert "Giấy khen" in facts and "Hoàn thành xuất sắc nhiệm vụ" in facts
    assert "Không bị kỷ luật" in facts


# --- nominations ----------------------------------------------------------------------------
def _nominate(web, w, person: str, award_type: str, dossier: list[str]) -> int:
    data = {
        "proposer_id": str(w.unit_id("CC_A1")),
        "year": "2022",
        "award_type": award_type,
        "candidate": f"person:{w.person_id(person)}",
        "candidate_label": person,
        "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2022",
        **{f"dossier.{code}": "on" for code in dossier},
    }
    response = _post(web, "/nominations/new", data, follow_redirects=False)
    assert response.status_code == 303, response.text[:3000]
    return int(re.search(r"/nominations/(\d+)", response.headers["location"]).group(1))


def _act(web, nomination_id: int, action: str, data: dict[str, str], **kwargs):
    page = web.get(f"/nominations/{nomination_id}")
    version = form_fields(one(page, f"#{action}-form"))["version"]
    return _post(
        web,
        f"/nominations/{nomination_id}/{action}",
        {**data, "version": version},
        token_page=f"/nominations/{nomination_id}",
        **kwargs,
    )


ALL_CSTDCS = ["to_trinh", "bien_ban", "bao_cao_thanh_tich", "chung_nhan_sang_kien"]


def test_the_new_nomination_form_lists_the_dossier_of_the_award(web, figures_world):
    w = figures_world
    signed_in(web, "reporter_a1")
    page = web.get(
        "/nominations/new",
        params={
            "award_type": "CSTDCS",
            "year": "2022",
            "candidate": f"person:{w.person_id('staff_a1')}",
        },
    ).text
    sang_kien = one(page, 'input[name="dossier.chung_nhan_sang_kien"]')
    label = text(one(page, f'label[for="{sang_kien["id"]}"]'))
    assert label == "Giấy chứng nhận sáng kiến, đề tài được công nhận"
    assert form_fields(page)["candidate"] == f"person:{w.person_id('staff_a1')}"
    dossier = web.get(
        "/nominations/new/dossier",
        params={"award_type": "CSTD_NGANH"},
        headers={"HX-Request": "true"},
    ).text
    assert dossier.lstrip().startswith('<fieldset id="dossier">')
    assert "Kết quả bỏ phiếu kín của Hội đồng" in [
        text(label) for label in select(dossier, "label")
    ]

    missing = _post(
        web,
        "/nominations/new",
        {"proposer_id": str(w.unit_id("CC_A1")), "year": "2022", "award_type": "CSTDCS"},
    )
    assert missing.status_code == 422
    assert field_error(missing, "candidate") == "Chọn một đơn vị hoặc một cá nhân"


def test_submitting_an_incomplete_dossier_lists_the_missing_documents(web, figures_world):
    w = figures_world
    signed_in(web, "reporter_a1")
    nomination = _nominate(web, w, "staff_a1", "CSTDCS", ["to_trinh", "bien_ban"])
    page = web.get(f"/nominations/{nomination}?created=1").text
    assert text(one(page, "main > .notice")) == "Đã ghi đề nghị (bản nháp)."
    assert text(one(page, ".page-head .badge")) == "Nháp, chưa gửi"
    assert "Ghi kết quả bỏ phiếu" not in page  # the council's form is for reviewers

    refused = _act(
        web,
        nomination,
        "dossier",
        {
            "codes": ",".join(ALL_CSTDCS),
            "dossier.to_trinh": "on",
            "dossier.bien_ban": "on",
            "action": "submit",
        },
    )
    assert refused.status_code == 422
    assert (
        "Hồ sơ chưa đầy đủ. Còn thiếu: Báo cáo thành tích; "
        "Giấy chứng nhận sáng kiến, đề tài được công nhận."
    ) in text(one(refused, "#dossier-form .error-summary"))
    assert field_error(refused, "dossier-bao_cao_thanh_tich") == "Hồ sơ còn thiếu tài liệu này"
    ticked = form_fields(one(refused, "#dossier-form"))
    assert ticked.get("dossier.to_trinh") == "on" and ticked.get("dossier.bien_ban") == "on"
    assert "dossier.bao_cao_thanh_tich" not in ticked

    sent = _act(
        web,
        nomination,
        "dossier",
        {
            "codes": ",".join(ALL_CSTDCS),
            **{f"dossier.{c}": "on" for c in ALL_CSTDCS},
            "action": "submit",
        },
        follow_redirects=True,
    )
    assert text(one(sent, "main > .notice")) == "Đã gửi đề nghị tới Hội đồng."
    assert text(one(sent, ".page-head .badge")) == "Đã gửi Hội đồng"


def test_council_votes_below_and_above_the_threshold_then_the_award_is_decided(
    web, figures_world, api
):
    w = figures_world
    signed_in(web, "reporter_a1")
    below = _nominate(web, w, "staff_a1", "CSTDCS", ALL_CSTDCS)
    submit = {"codes": ",".join(ALL_CSTDCS), "action": "submit"}
    submit.update({f"dossier.{c}": "on" for c in ALL_CSTDCS})
    _act(web, below, "dossier", submit)

    web.cookies.clear()
    signed_in(web, "reviewer_a")
    above = _nominate(web, w, "staff_office", "CSTDCS", ALL_CSTDCS)
    _act(web, above, "dossier", submit)
    page = web.get(f"/nominations/{below}").text
    assert "Cần quá nửa tổng số thành viên Hội đồng đồng ý" in page  # the API's words

    invalid = _act(web, below, "vote", {"members": "9", "present": "10", "yes": "4"})
    assert invalid.status_code == 422
    assert "Số có mặt lớn hơn số thành viên" in text(one(invalid, "#vote-form"))

    rejected = _act(
        web,
        below,
        "vote",
        {"members": "9", "present": "8", "yes": "4", "secret_ballot": "on"},
        follow_redirects=True,
    )
    html = parse(rejected)
    assert text(one(html, "main > .notice")) == "Đã ghi kết quả bỏ phiếu của Hội đồng."
    outcome = text(one(html, ".outcome[role=status]"))
    assert "Không thông qua: đề nghị bị từ chối." in outcome
    assert (
        "4/9 thành viên đồng ý (44,4 %); cần quá nửa tổng số thành viên, tức ≥ 5 phiếu" in outcome
    )
    assert text(one(html, "#n-reason")) == "Lý do không được chấp thuận"
    assert "Hội đồng không thông qua" in text(one(html, '[aria-labelledby="n-reason"] .outcome'))
    assert "Quyết định khen thưởng" not in [text(heading) for heading in select(html, "h2")]

    approved = _act(
        web,
        above,
        "vote",
        {"members": "9", "present": "9", "yes": "7", "held_on": "25/12/2022"},
        follow_redirects=True,
    ).text
    outcome = text(one(approved, ".outcome[role=status]"))
    assert "Thông qua: Hội đồng đồng ý đề nghị." in outcome and "25/12/2022" in outcome
    assert text(one(approved, ".page-head .badge")) == "Hội đồng đã thông qua"
    assert text(one(approved, "#n-decide")) == "Quyết định khen thưởng"

    no_number = _act(
        web,
        above,
        "decide",
        {"mode": "new", "signed_on": "28/12/2022", "issuer_id": str(w.unit_id("CUC_A"))},
    )
    assert no_number.status_code == 422
    assert field_error(no_number, "number") == "Trường này bắt buộc"

    decided = _act(
        web,
        above,
        "decide",
        {
            "mode": "new",
            "number": "420/QĐ-CTHADS",
            "signed_on": "28/12/2022",
            "issuer_id": str(w.unit_id("CUC_A")),
        },
        follow_redirects=True,
    ).text
    assert text(one(decided, "main > .notice")) == "Đã quyết định khen thưởng."
    assert text(one(decided, "#n-details ~ .notice a")) == "420/QĐ-CTHADS"
    history = web.get(f"/people/{w.person_id('staff_office')}/awards").text
    assert "Chiến sĩ thi đua cơ sở" in history and "420/QĐ-CTHADS" in history

    assert "Từ chối đề nghị" not in decided and "Ghi kết quả bỏ phiếu" not in decided


def test_a_reviewer_rejects_a_submitted_nomination_with_the_reason(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    nomination = _nominate(web, w, "staff_a2", "CSTDCS", ALL_CSTDCS)
    _act(
        web,
        nomination,
        "dossier",
        {
            "codes": ",".join(ALL_CSTDCS),
            **{f"dossier.{c}": "on" for c in ALL_CSTDCS},
            "action": "submit",
        },
    )
    empty = _act(web, nomination, "reject", {"reason": ""}, headers={"HX-Request": "true"})
    assert empty.status_code == 422 and empty.text.lstrip().startswith('<form id="reject-form"')
    done = _act(web, nomination, "reject", {"reason": "Chưa có sáng kiến"}, follow_redirects=True)
    assert text(one(done, "main > .notice")) == "Đề nghị đã bị từ chối."
    assert text(one(done, '[aria-labelledby="n-reason"] .outcome')) == "Chưa có sáng kiến"
    listed = web.get("/nominations", params={"status": "rejected"}).text
    assert text(one(listed, ".count")).startswith("1 đề nghị")
    assert [text(a) for a in select(listed, 'tbody a[href^="/nominations/"]')] == ["Trần Thị Bình"]


def test_a_stale_form_is_told_to_reload(web, figures_world):
    w = figures_world
    signed_in(web, "reporter_a1")
    nomination = _nominate(web, w, "staff_a1", "CSTDCS", ["to_trinh"])
    token = page_token(web, f"/nominations/{nomination}")
    stale = web.post(
        f"/nominations/{nomination}/dossier",
        data={"version": "99", "codes": "to_trinh", "action": "save", "csrf_token": token},
    )
    assert stale.status_code == 412
    assert "Có người khác vừa thay đổi đề nghị này" in stale.text
    assert form_fields(one(stale, "#dossier-form"))["version"] == "99"


def test_an_approved_nomination_is_decided_onto_an_existing_decision(web, figures_world, api):
    w = figures_world
    decision = _make_decision(
        api,
        w,
        [{"award_type": "CSTDCS", "recipient_person_id": w.person_id("staff_a2")}],
        number="416/QĐ-CTHADS",
    )
    signed_in(web, "reviewer_a")
    nomination = _nominate(web, w, "staff_a1", "CSTDCS", ALL_CSTDCS)
    _act(
        web,
        nomination,
        "dossier",
        {
            "codes": ",".join(ALL_CSTDCS),
            **{f"dossier.{c}": "on" for c in ALL_CSTDCS},
            "action": "submit",
        },
    )
    _act(web, nomination, "vote", {"members": "5", "present": "5", "yes": "5"})
    page = web.get(f"/nominations/{nomination}").text
    choice = one(page, f'#f-decision_id option[value="{decision["id"]}"]')
    assert text(choice).startswith("416/QĐ-CTHADS · 20/12/2022")
    decided = _act(
        web,
        nomination,
        "decide",
        {"mode": "existing", "decision_id": str(decision["id"])},
        follow_redirects=True,
    )
    assert text(one(decided, "main > .notice")) == "Đã quyết định khen thưởng."


def test_the_pages_speak_english_on_request(web, figures_world):
    signed_in(web, "reviewer_a")
    web.get("/lang/en?next=/")
    page = web.get("/decisions/new").text
    assert "New award decision" in page and "Recipient (row 1)" in page
    assert "Merit (year-end achievements)" in page
    assert "Advanced Labour Collective" in page  # award names in English too
