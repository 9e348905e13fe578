"""The award pages on a small world: decisions with recipient rows (the API's errors beside
their row), the recipient picker, nominations through the council, revocation, the sections of
the unit and person pages, roles and CSRF."""

import re
from html import unescape

from tests.web.conftest import page_token, signed_in

DECISIONS = "/api/v1/decisions"


def _field_error(html: str, fid: str) -> str:
    found = re.search(rf'<p class="field-error[^"]*"[^>]*id="e-{fid}"[^>]*>([^<]*)</p>', html)
    assert found, f"no error shown beside {fid}"
    return unescape(found.group(1)).strip()


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

    page = web.get(location).text
    assert "Quyết định 415/QĐ-CTHADS" in page
    assert "Đã ghi quyết định với 4 lượt khen thưởng." in page
    assert "20/12/2022" in page and "Khen thưởng theo công trạng và thành tích" in page
    assert "Cục THADS tỉnh Bến Tre" in page
    for name in ("Nguyễn Văn An", "Phạm Quốc Dũng", "Ủy ban nhân dân tỉnh Bến Tre"):
        assert name in page
    assert page.count('<span class="badge external">Ngoài ngành</span>') == 2
    # Each award keeps the eligibility result it was made on.
    assert "Kết quả xét tiêu chuẩn khi quyết định" in page and "Tiêu chuẩn Giấy khen" in page


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
    html = response.text
    assert _field_error(html, "awards-0-award_type") == (
        "Tổng cục THADS không có thẩm quyền tặng Tập thể lao động xuất sắc: "
        "hình thức này do cấp cao hơn quyết định"
    )
    select = re.search(r'<select id="f-awards-0-award_type"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in select and 'aria-describedby="e-awards-0-award_type"' in select
    assert "e-awards-1-award_type" not in html  # only the row at fault
    # Everything typed is kept: the fields, both rows, their chosen recipients.
    assert 'value="1520/QĐ-TCTHADS"' in html and 'value="20/12/2022"' in html
    assert re.search(r'<option value="TTLDXS" selected>', html)
    assert f'name="awards.1.recipient" value="person:{w.person_id("external_a")}"' in html
    assert "Phạm Quốc Dũng (ngoài)" in html
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
    assert _field_error(response.text, "signed_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert _field_error(response.text, "number") == "Không được để trống"
    # The API names the recipient of row 1 (awards.0.recipient_person_id): shown beside it.
    assert "Chọn một đơn vị hoặc một cá nhân" in _field_error(response.text, "awards-0-recipient")


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
    html = added.text
    assert "<form" not in html and html.count('<fieldset class="award-row') == 2
    assert "Chi cục THADS huyện Thạnh Phú" in html  # row 1 kept its recipient
    assert re.search(r'<select id="f-awards-1-award_type"[^>]*autofocus', html)

    second = _row(1, "BANG_KHEN_BO", f"person:{w.person_id('staff_a1')}", "Nguyễn Văn An")
    removed = _post(
        web,
        "/decisions/new",
        {**_decision_form(w), **first, **second, "action": "remove:0"},
        token_page="/decisions/new",
        headers=headers,
    )
    assert removed.text.count('<fieldset class="award-row') == 1
    assert "Nguyễn Văn An" in removed.text and "Thạnh Phú" not in removed.text
    assert f'name="awards.0.recipient" value="person:{w.person_id("staff_a1")}"' in removed.text


def test_the_picker_finds_people_and_units_inside_and_outside_the_sector(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    found = web.get(
        "/awards/recipients",
        params={"field": "awards.2.recipient", "awards.2.recipient_q": "giong"},
        headers={"HX-Request": "true"},
    ).text
    assert "Chi cục THADS huyện Giồng Trôm" in found
    assert "Công an huyện Giồng Trôm" in found and "ngoài ngành" in found
    assert f"recipient=unit:{w.unit_id('EXT_A1')}" in found

    people = web.get(
        "/awards/recipients", params={"field": "candidate", "candidate_q": "dung"}
    ).text
    assert "Phạm Quốc Dũng" in people and "Huỳnh Thị Em" not in people  # other province

    chosen = web.get(
        "/awards/recipients/pick",
        params={"field": "awards.2.recipient", "recipient": f"unit:{w.unit_id('EXT_A1')}"},
    ).text
    assert f'name="awards.2.recipient" value="unit:{w.unit_id("EXT_A1")}"' in chosen
    assert "Công an huyện Giồng Trôm (ngoài ngành)" in chosen
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
    assert "2 quyết định" in page and "415/QĐ-CTHADS" in page and "238/QĐ-CTHADS" in page
    assert "Khen thưởng đột xuất" in page
    assert 'href="/decisions/new"' not in page  # a viewer records no decision
    found = web.get(
        "/decisions",
        params={"q": "238"},
        headers={"HX-Request": "true", "HX-Target": "decision-results"},
    ).text
    assert "<html" not in found and "238/QĐ-CTHADS" in found and "415/QĐ-CTHADS" not in found
    assert "1 quyết định" in web.get("/decisions", params={"kind": "cong_trang"}).text


# --- roles and CSRF -----------------------------------------------------------------------
def test_a_reporter_gets_no_decision_form_and_the_api_refuses_a_forged_post(
    web, figures_world, api
):
    w = figures_world
    signed_in(web, "reporter_a1")
    assert 'href="/decisions/new"' not in web.get("/decisions").text
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
    assert "2 lượt khen thưởng" in page and "Nguyễn Văn An" in page and "Phạm Quốc Dũng" in page
    outside = web.get("/awards", params={"side": "external"}).text
    assert "1 lượt khen thưởng" in outside and "Nguyễn Văn An" not in outside
    mine = web.get("/awards", params={"person": w.person_id("staff_a1")}).text
    assert "1 lượt khen thưởng" in mine and "Nguyễn Văn An —" in mine  # the picker shows who

    token = page_token(web, "/awards")
    htmx = {"HX-Request": "true"}
    empty = web.post(
        f"/awards/{award_id}/revoke",
        data={"reason": "  ", "view": "history", "what": "Thu hồi?", "csrf_token": token},
        headers=htmx,
    )
    assert empty.status_code == 422
    assert empty.text.lstrip().startswith(f'<details class="revoke" id="revoke-{award_id}" open')
    assert _field_error(empty.text, f"reason-{award_id}")

    done = web.post(
        f"/awards/{award_id}/revoke",
        data={"reason": "Thành tích không đúng sự thật", "view": "history", "csrf_token": token},
        headers=htmx,
    )
    assert done.status_code == 200
    assert done.headers["HX-Retarget"] == f"#award-{award_id}"
    assert "Đã thu hồi" in done.text and "Thành tích không đúng sự thật" in done.text

    assert "1 lượt khen thưởng" in web.get("/awards").text  # revoked ones are left out
    everything = web.get("/awards", params={"revoked": "1"}).text
    assert "2 lượt khen thưởng" in everything and "Thành tích không đúng sự thật" in everything
    again = web.post(f"/awards/{award_id}/revoke", data={"reason": "lần nữa", "csrf_token": token})
    assert again.status_code == 409 and "đã bị thu hồi" in again.text


def test_a_viewer_sees_the_history_without_the_revoke_form(web, figures_world, api):
    w = figures_world
    _make_decision(api, w, [{"award_type": "GIAY_KHEN", "recipient_unit_id": w.unit_id("CC_A1")}])
    signed_in(web, "viewer_a")
    page = web.get("/awards").text
    assert "Chi cục THADS huyện Giồng Trôm" in page and "Thu hồi…" not in page


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
    page = web.get(f"/nominations/{nomination_id}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
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
    assert 'name="dossier.chung_nhan_sang_kien"' in page
    assert "Giấy chứng nhận sáng kiến, đề tài được công nhận" in page
    assert f'name="candidate" value="person:{w.person_id("staff_a1")}"' in page
    dossier = web.get(
        "/nominations/new/dossier",
        params={"award_type": "CSTD_NGANH"},
        headers={"HX-Request": "true"},
    ).text
    assert dossier.lstrip().startswith('<fieldset id="dossier">')
    assert "Kết quả bỏ phiếu kín của Hội đồng" in dossier

    missing = _post(
        web,
        "/nominations/new",
        {"proposer_id": str(w.unit_id("CC_A1")), "year": "2022", "award_type": "CSTDCS"},
    )
    assert missing.status_code == 422
    assert _field_error(missing.text, "candidate") == "Chọn một đơn vị hoặc một cá nhân"


def test_submitting_an_incomplete_dossier_lists_the_missing_documents(web, figures_world):
    w = figures_world
    signed_in(web, "reporter_a1")
    nomination = _nominate(web, w, "staff_a1", "CSTDCS", ["to_trinh", "bien_ban"])
    page = web.get(f"/nominations/{nomination}?created=1").text
    assert "Đã ghi đề nghị (bản nháp)." in page and "Nháp, chưa gửi" in page
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
        "Giấy chứng nhận sáng kiến, đề tài được công nhận." in refused.text
    )
    assert (
        _field_error(refused.text, "dossier-bao_cao_thanh_tich") == "Hồ sơ còn thiếu tài liệu này"
    )
    assert 'id="f-dossier-to_trinh" name="dossier.to_trinh" checked' in refused.text

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
    assert "Đã gửi đề nghị tới Hội đồng." in sent.text and "Đã gửi Hội đồng" in sent.text


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
    assert invalid.status_code == 422 and "Số có mặt lớn hơn số thành viên" in invalid.text

    rejected = _act(
        web,
        below,
        "vote",
        {"members": "9", "present": "8", "yes": "4", "secret_ballot": "on"},
        follow_redirects=True,
    )
    html = rejected.text
    assert "Đã ghi kết quả bỏ phiếu của Hội đồng." in html
    assert "Không thông qua: đề nghị bị từ chối." in html
    assert "4/9 thành viên đồng ý (44,4 %); cần quá nửa tổng số thành viên, tức ≥ 5 phiếu" in html
    assert "Lý do không được chấp thuận" in html and "Hội đồng không thông qua" in html
    assert "Quyết định khen thưởng</h2>" not in html

    approved = _act(
        web,
        above,
        "vote",
        {"members": "9", "present": "9", "yes": "7", "held_on": "25/12/2022"},
        follow_redirects=True,
    ).text
    assert "Thông qua: Hội đồng đồng ý đề nghị." in approved and "25/12/2022" in approved
    assert "Hội đồng đã thông qua" in approved and "Quyết định khen thưởng</h2>" in approved

    no_number = _act(
        web,
        above,
        "decide",
        {"mode": "new", "signed_on": "28/12/2022", "issuer_id": str(w.unit_id("CUC_A"))},
    )
    assert no_number.status_code == 422
    assert _field_error(no_number.text, "number") == "Trường này bắt buộc"

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
    assert "Đã quyết định khen thưởng." in decided and "420/QĐ-CTHADS" in decided
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
    assert "Đề nghị đã bị từ chối." in done.text and "Chưa có sáng kiến" in done.text
    listed = web.get("/nominations", params={"status": "rejected"}).text
    assert "1 đề nghị" in listed and "Trần Thị Bình" in listed


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
    assert 'name="version" value="99"' in stale.text


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
    assert f'<option value="{decision["id"]}">416/QĐ-CTHADS · 20/12/2022' in page
    decided = _act(
        web,
        nomination,
        "decide",
        {"mode": "existing", "decision_id": str(decision["id"])},
        follow_redirects=True,
    )
    assert "Đã quyết định khen thưởng." in decided.text


def test_the_pages_speak_english_on_request(web, figures_world):
    signed_in(web, "reviewer_a")
    web.get("/lang/en?next=/")
    page = web.get("/decisions/new").text
    assert "New award decision" in page and "Recipient (row 1)" in page
    assert "Merit (year-end achievements)" in page
    assert "Advanced Labour Collective" in page  # award names in English too
