"""Campaign forms on the demo year: create (errors beside the fields, then valid), edit with a
stale version, launch, documents with files, a criterion tiered by caseload added row by row,
registering and sending, accepting and returning, exemplars and reviews."""

import re

from sqlmodel import select

from app.models.campaigns import Campaign, CampaignDocument
from tests.web.conftest import page_token, signed_in
from tests.web.html import field_error, form_fields, links, one, parse, row, table_rows, text
from tests.web.html import select as css
from tests.web.test_campaigns import DRIVE_Q1, PLAN_2022, campaign_id, row_of, unit_id

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def version_of(page, action: str) -> str:
    """The version carried by the form that posts to an address ending with `action`."""
    return form_fields(one(page, f'form[action$="{action}"]'))["version"]


def post(web, path: str, data: dict, page: str | None = None, **kwargs):
    """Post a form the way the page does: with the token of the page it sits on."""
    token = page_token(web, page or re.match(r"/campaigns/(\d+|new)", path).group(0))
    return web.post(path, data={**data, "csrf_token": token}, **kwargs)


def new_campaign(web, session, **changes) -> int:
    offices = [unit_id(session, c) for c in ("CC-THANHPHU", "CC-GIONGTROM")]
    data = {
        "title": "Đợt thi đua cao điểm chào mừng kỷ niệm 30 năm",
        "kind": "cao_diem",
        "launched_by_id": str(unit_id(session, "CTHADS-BENTRE")),
        "owner_unit_id": str(unit_id(session, "CTHADS-BENTRE")),
        "starts_on": "01/04/2022",
        "ends_on": "30/06/2022",
        **changes,
    }
    token = page_token(web, "/campaigns/new")
    response = web.post(
        "/campaigns/new",
        data={**data, "participant_ids": [str(o) for o in offices], "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[-2000:]
    return int(re.fullmatch(r"/campaigns/(\d+)", response.headers["location"]).group(1))


# --- create and edit --------------------------------------------------------------------------
def test_create_shows_errors_beside_fields_then_creates(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    form = parse(web.get("/campaigns/new"))
    assert "Chọn tất cả Chi cục" in [text(button) for button in css(form, "#participants button")]
    # 9 Chi cục, the Cục and its 5 offices
    assert len(css(form, '#participants input[name="participant_ids"]')) == 15
    launchers = [text(option).strip() for option in css(form, "#f-launched_by_id option")]
    assert "Ủy ban nhân dân tỉnh Bến Tre (ngoài ngành)" in launchers  # outside the sector

    bad = post(
        web,
        "/campaigns/new",
        {
            "title": "",
            "kind": "",
            "year": "20x2",
            "starts_on": "31/02/2022",
            "slogan": "Thi đua <b>",
            "confirm_no_participants": "1",  # no unit ticked, knowingly
        },
        page="/campaigns/new",
    )
    assert bad.status_code == 422
    assert field_error(bad, "title") == "Không được để trống"
    assert field_error(bad, "kind") == "Trường này bắt buộc"
    assert field_error(bad, "year") == "Phải là số nguyên"
    assert field_error(bad, "starts_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    kept = form_fields(one(bad, "#campaign-form"))
    assert kept["starts_on"] == "31/02/2022" and kept["slogan"] == "Thi đua <b>"
    assert "Thi đua <b>" not in bad.text  # kept, and escaped wherever it is written

    backwards = post(
        web,
        "/campaigns/new",
        {
            "title": "Ngược",
            "kind": "chuyen_de",
            "launched_by_id": "3",
            "starts_on": "01/05/2022",
            "ends_on": "01/01/2022",
            "confirm_no_participants": "1",
        },
        page="/campaigns/new",
        headers={"HX-Request": "true"},
    )
    assert backwards.status_code == 422
    assert backwards.text.lstrip().startswith('<form id="campaign-form"')  # the form only
    assert field_error(backwards, "ends_on") == "Ngày kết thúc không được trước ngày bắt đầu"
    assert session.exec(select(Campaign).where(Campaign.title == "Ngược")).first() is None

    created = new_campaign(
        web, session, slogan="Về đích sớm", parent_id=str(campaign_id(session, PLAN_2022))
    )
    page = parse(web.get(f"/campaigns/{created}"))  # the flash cookie says what was done
    shown = text(page)
    assert "Đã tạo phong trào ở dạng nháp" in text(one(page, "main .notice"))
    assert text(one(page, ".cmp-meta")) == "Nháp Đợt thi đua cao điểm 01/04/2022 – 30/06/2022"
    assert "“Về đích sớm”" in shown
    assert "2 đơn vị tham gia" in shown
    assert text(one(page, f'form[action="/campaigns/{created}/launch"] button')) == "Phát động"
    assert "Thuộc Tổ chức thực hiện phong trào thi đua" in shown


def test_select_every_district_office_keeps_what_was_ticked(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    tccb = unit_id(session, "BENTRE-TCCB")
    fieldset = web.get(
        "/campaigns/participants",
        params={"select": "districts", "participant_ids": str(tccb)},
        headers={"HX-Request": "true"},
    ).text
    ticked = form_fields(fieldset).all("participant_ids")
    assert len(ticked) == 10 and str(tccb) in ticked
    cleared = web.get("/campaigns/participants", params={"select": "none"}).text
    assert not css(cleared, "[checked]")


def test_edit_with_a_stale_version_says_someone_else_changed_it(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    form = web.get(f"/campaigns/{created}/edit")
    version = form_fields(one(form, "#campaign-form"))["version"]
    values = {
        "title": "Tên mới",
        "kind": "cao_diem",
        "launched_by_id": "3",
        "version": version,
        "participant_ids": [str(unit_id(session, "CC-THANHPHU"))],
    }

    saved = post(web, f"/campaigns/{created}/edit", values, follow_redirects=False)
    assert saved.status_code == 303 and "thidua_done=saved;" in saved.headers["set-cookie"]
    stale = post(web, f"/campaigns/{created}/edit", {**values, "title": "Tên khác"})
    assert stale.status_code == 412
    assert "Người khác vừa thay đổi phong trào này" in text(one(stale, ".error-summary"))
    assert form_fields(one(stale, "#campaign-form"))["title"] == "Tên khác"  # what was typed
    page = text(web.get(f"/campaigns/{created}"))
    assert "Tên mới" in page and "1 đơn vị tham gia" in page


def test_launch_puts_it_on_the_board_and_a_second_launch_is_refused(
    web, demo, demo_password, session
):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    version = version_of(web.get(f"/campaigns/{created}"), f"/campaigns/{created}/launch")

    launched = post(
        web,
        f"/campaigns/{created}/launch",
        {"version": version},
        page=f"/campaigns/{created}",
        follow_redirects=False,
    )
    assert launched.status_code == 303
    shown = parse(web.get(launched.headers["location"]))
    assert "Đã phát động phong trào" in text(one(shown, "main .notice"))
    assert text(one(shown, ".cmp-meta")).startswith("Đã phát động Đợt thi đua cao điểm")
    again = post(
        web, f"/campaigns/{created}/launch", {"version": version}, page=f"/campaigns/{created}"
    )
    assert again.status_code == 412
    assert "Người khác vừa thay đổi phong trào này" in again.text

    web.cookies.clear()
    signed_in(web, "thanhphu", demo_password)
    board = [
        text(title) for title in css(web.get("/"), "#board-campaigns li.board-campaign strong")
    ]
    assert "Đợt thi đua cao điểm chào mừng kỷ niệm 30 năm" in board


# --- documents --------------------------------------------------------------------------------
def test_add_a_document_with_its_file_and_download_it(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    token = page_token(web, f"/campaigns/{plan}")
    fields = {
        "csrf_token": token,
        "doc_number": "1200/QĐ-CTHADS",
        "doc_issued_on": "15/12/2022",
        "doc_issuer": "Cục Thi hành án dân sự tỉnh Bến Tre",
        "doc_kind": "quyet_dinh",
        "doc_title": "Quyết định khen thưởng phong trào năm 2022",
    }

    refused = web.post(
        f"/campaigns/{plan}/documents",
        data=fields,
        files={"doc_file": ("ghi chú.txt", b"hello", "text/plain")},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 422
    assert field_error(refused, "doc_file") == "Hãy đính kèm tệp PDF, Word hoặc ảnh"
    assert form_fields(one(refused, "#document-form"))["doc_number"] == "1200/QĐ-CTHADS"
    assert (
        session.exec(
            select(CampaignDocument).where(CampaignDocument.number == "1200/QĐ-CTHADS")
        ).first()
        is None
    )  # nothing half-written

    added = web.post(
        f"/campaigns/{plan}/documents",
        data=fields,
        files={"doc_file": ("Quyết định 1200.pdf", PDF, "application/pdf")},
        headers={"HX-Request": "true"},
    )
    assert added.status_code == 200
    assert text(one(added, ".notice")) == "Đã thêm văn bản."
    document = row(added, "1200/QĐ-CTHADS")
    assert table_rows(document)[0][:4] == [
        "1200/QĐ-CTHADS",
        "15/12/2022",
        "Cục Thi hành án dân sự tỉnh Bến Tre",
        "Quyết định",
    ]
    assert table_rows(document)[0][-1] == "Tải về (Quyet dinh 1200.pdf, 0 KB)"
    (link,) = links(document, "Tải về")
    assert re.fullmatch(rf"/campaigns/{plan}/documents/\d+/file", link)
    download = web.get(link)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]

    # The document is found by its number from the list.
    assert "Tìm thấy 1 phong trào" in text(web.get("/campaigns?q=1200/Q"))


def test_a_document_without_its_fields_shows_each_message(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    bad = post(web, f"/campaigns/{plan}/documents", {"doc_issued_on": "2/3"})
    assert bad.status_code == 422
    assert field_error(bad, "doc_number") == "Không được để trống"
    assert field_error(bad, "doc_issued_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert field_error(bad, "doc_kind") == "Trường này bắt buộc"
    assert one(bad, "details.cmp-add[open]").find(id="document-form")  # the form stays open


# --- criteria ---------------------------------------------------------------------------------
def test_a_criterion_tiered_by_caseload_added_row_by_row(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    html = web.get(f"/campaigns/{created}").text
    assert len(css(html, 'input[name="tier_min"]')) == 1  # one empty band to start with
    band = web.get(f"/campaigns/{created}/criteria/tier-row", headers={"HX-Request": "true"}).text
    assert band.lstrip().startswith('<tr class="cmp-tier-row">')
    assert list(form_fields(band)) == ["tier_min", "tier_max", "tier_threshold"]
    for field in css(band, "input"):  # each field has its label, for screen readers only
        assert "visually-hidden" in one(band, f'label[for="{field["id"]}"]')["class"]

    token = page_token(web, f"/campaigns/{created}")
    base = {
        "csrf_token": token,
        "crit_indicator": "ty_le_viec",
        "crit_period": "2022-Q4",
        "crit_mode": "tiers",
        "crit_caseload_metric": "viec_phai_thi_hanh",
    }
    bad = web.post(
        f"/campaigns/{created}/criteria",
        data={
            **base,
            "tier_min": ["0", "1.001", ""],
            "tier_max": ["1.000", "", ""],
            "tier_threshold": ["70", "bảy lăm", ""],
        },
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 422
    threshold = one(bad, 'input[name="tier_threshold"][value="bảy lăm"]')
    assert threshold["aria-invalid"] == "true"
    assert "Phải là số" in text(one(bad, f"#{threshold['aria-describedby']}"))
    assert text(one(bad, "#e-crit_tiers")) == "Một số khoảng số việc cần sửa (xem từng dòng)."
    kept = form_fields(one(bad, "#criterion-form"))
    assert kept.all("tier_min") == ["0", "1.001"]  # the blank row dropped, the others kept
    assert kept["crit_mode"] == "tiers"

    overlap = web.post(
        f"/campaigns/{created}/criteria",
        data={
            **base,
            "tier_min": ["0", "900"],
            "tier_max": ["1.000", ""],
            "tier_threshold": ["70", "75"],
        },
        headers={"HX-Request": "true"},
    )
    assert overlap.status_code == 422
    assert "Các khoảng số việc không được chồng lấn nhau" in text(one(overlap, "#e-crit_tiers"))

    added = web.post(
        f"/campaigns/{created}/criteria",
        data={
            **base,
            "tier_min": ["0", "1.001"],
            "tier_max": ["1.000", ""],
            "tier_threshold": ["80,5", "75"],
        },
        headers={"HX-Request": "true"},
    )
    assert added.status_code == 200, added.text[-1500:]
    shown = text(added)
    assert text(one(added, ".notice")) == "Đã thêm tiêu chí."
    assert "Tỷ lệ thi hành xong về việc theo số việc · kỳ 2022-Q4" in shown
    assert (
        "từ 0 đến 1.000 việc: ≥ 80,50\u00a0%" in shown
        and "từ 1.001 việc trở lên: ≥ 75,00\u00a0%" in shown
    )
    # Each office: its caseload picks its band, shown with the numbers.
    ((_office, _result, rate, threshold, caseload, _band, *numbers),) = table_rows(
        row(added, "huyện Thạnh Phú")
    )
    band = "≥ 80,50\u00a0%" if int(caseload.replace(".", "")) <= 1000 else "≥ 75,00\u00a0%"
    assert (rate, threshold) == ("87,95\u00a0%", band) and numbers == ["861", "979"]
    chart = css(added, "svg.cmp-chart")[0]
    assert len(css(chart, '[stroke-width="3"]')) == 3  # a mark per office + the legend
    assert "Chỉ tiêu theo số việc của đơn vị" in text(chart)


def test_a_flat_criterion_needs_its_threshold(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    bad = post(
        web,
        f"/campaigns/{created}/criteria",
        {"crit_indicator": "", "crit_period": "2022-Q4", "crit_mode": "flat", "crit_threshold": ""},
    )
    assert bad.status_code == 422
    assert field_error(bad, "crit_indicator") == "Trường này bắt buộc"
    assert field_error(bad, "crit_threshold") == "Hãy nhập chỉ tiêu (tỷ lệ phần trăm)."

    too_high = post(
        web,
        f"/campaigns/{created}/criteria",
        {
            "crit_indicator": "ty_le_tien",
            "crit_period": "2022-Q4",
            "crit_mode": "flat",
            "crit_threshold": "140",
        },
    )
    assert field_error(too_high, "crit_threshold") == "Phải nhỏ hơn hoặc bằng 100.0"

    added = post(
        web,
        f"/campaigns/{created}/criteria",
        {
            "crit_indicator": "ty_le_tien",
            "crit_period": "2022-Q4",
            "crit_mode": "flat",
            "crit_threshold": "40,1",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303 and added.headers["location"].endswith("#progress")
    criterion = one(web.get(added.headers["location"]), "#progress article.cmp-criterion")
    assert text(one(criterion, "h3")).startswith("Tỷ lệ thi hành xong về tiền ≥ 40,10\u00a0%")
    assert text(one(criterion, ".cmp-counts")).endswith("trên 2 đơn vị")


# --- registrations ----------------------------------------------------------------------------
def test_a_chi_cuc_registers_then_sends_its_registration(web, demo, demo_password, session):
    drive = campaign_id(session, DRIVE_Q1)
    signed_in(web, "thanhphu", demo_password)
    registrations = one(web.get(f"/campaigns/{drive}"), "#registrations")
    form = one(registrations, "#registration-form")
    # Its own office, the only choice, chosen.
    units = [(text(o), o.has_attr("selected")) for o in css(form, "#f-reg_unit_id option")]
    assert units == [("Chi cục Thi hành án dân sự huyện Thạnh Phú", True)]
    titles = [text(label) for label in css(form, "fieldset.cmp-titles label")]
    assert "Tập thể lao động xuất sắc" in titles and "Lao động tiên tiến" in titles

    token = page_token(web, f"/campaigns/{drive}")
    nothing = web.post(
        f"/campaigns/{drive}/registrations",
        data={"csrf_token": token, "reg_unit_id": str(unit_id(session, "CC-THANHPHU"))},
        headers={"HX-Request": "true"},
    )
    assert nothing.status_code == 422
    assert field_error(nothing, "reg_titles") == "Hãy chọn ít nhất một danh hiệu."

    saved = web.post(
        f"/campaigns/{drive}/registrations",
        data={
            "csrf_token": token,
            "reg_unit_id": str(unit_id(session, "CC-THANHPHU")),
            "reg_titles": ["TTLDXS", "CO_THI_DUA_BO"],
            "reg_note": "Phấn đấu về đích sớm",
        },
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    mine = row(saved, "huyện Thạnh Phú")
    assert table_rows(mine) == [
        [
            "Chi cục Thi hành án dân sự huyện Thạnh Phú",
            "Tập thể lao động xuất sắc; Cờ thi đua ngành Tư pháp",
            "Nháp, chưa gửi",
            "Phấn đấu về đích sớm",
            "Gửi đăng ký",
        ]
    ]
    submit = one(mine, 'form[action$="/submit"]')
    version = form_fields(submit)["version"]
    board = text(one(web.get("/"), "#board-campaigns"))
    assert "Bản đăng ký của đơn vị còn là bản nháp" in board

    sent = web.post(
        submit["action"],
        data={"csrf_token": token, "version": version},
        headers={"HX-Request": "true"},
    )
    assert sent.status_code == 200
    assert text(one(sent, ".notice")) == "Đã gửi bản đăng ký tới đơn vị quản lý phong trào."
    assert "Đã gửi, chờ xem xét" in row_of(sent, "huyện Thạnh Phú")
    assert css(sent, "#registration-form")  # people of the unit may still register

    twice = web.post(
        submit["action"],
        data={"csrf_token": token, "version": version},
        headers={"HX-Request": "true"},
    )
    assert twice.status_code == 412
    assert "Người khác vừa thay đổi bản đăng ký này" in twice.text


def test_the_managing_unit_returns_with_a_reason_then_accepts(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    registrations = one(web.get(f"/campaigns/{plan}"), "#registrations")
    give_back = one(row(registrations, "huyện Mỏ Cày Bắc"), 'form[action$="/return"]')
    registration = re.fullmatch(
        rf"/campaigns/{plan}/registrations/(\d+)/return", give_back["action"]
    ).group(1)
    version = form_fields(give_back)["version"]
    token = page_token(web, f"/campaigns/{plan}")

    no_reason = web.post(
        f"/campaigns/{plan}/registrations/{registration}/return",
        data={"csrf_token": token, "version": version, "reason": " "},
        headers={"HX-Request": "true"},
    )
    assert no_reason.status_code == 422
    assert field_error(no_reason, f"reason-{registration}") == (
        "Hãy nêu lý do để đơn vị biết cần sửa gì."
    )
    assert one(no_reason, "details.cmp-return[open]").find(id=f"f-reason-{registration}")

    returned = web.post(
        f"/campaigns/{plan}/registrations/{registration}/return",
        data={
            "csrf_token": token,
            "version": version,
            "reason": "Bổ sung báo cáo thành tích theo mẫu",
        },
        headers={"HX-Request": "true"},
    )
    assert returned.status_code == 200
    status = table_rows(row(returned, "huyện Mỏ Cày Bắc"))[0][2]
    assert "Bị trả lại" in status and "Lý do: Bổ sung báo cáo thành tích theo mẫu" in status

    web.cookies.clear()
    signed_in(web, "mocaybac", demo_password)
    board = text(one(web.get("/"), "#board-campaigns"))
    assert (
        "Bản đăng ký của đơn vị bị trả lại. Lý do: Bổ sung báo cáo thành tích theo mẫu "
        "Xem và gửi lại"
    ) in board
    version = version_of(web.get(f"/campaigns/{plan}"), f"/registrations/{registration}/submit")
    again = post(
        web,
        f"/campaigns/{plan}/registrations/{registration}/submit",
        {"version": version},
        page=f"/campaigns/{plan}",
        headers={"HX-Request": "true"},
    )
    assert "Đã gửi, chờ xem xét" in row_of(again.text, "huyện Mỏ Cày Bắc")
    assert "Chấp nhận" not in row_of(again.text, "huyện Mỏ Cày Bắc")  # not theirs to decide

    web.cookies.clear()
    signed_in(web, "cuc.tccb", demo_password)
    version = version_of(web.get(f"/campaigns/{plan}"), f"/registrations/{registration}/accept")
    accepted = post(
        web,
        f"/campaigns/{plan}/registrations/{registration}/accept",
        {"version": version},
        page=f"/campaigns/{plan}",
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    registrations = one(web.get(accepted.headers["location"]), "#registrations")
    assert table_rows(row(registrations, "huyện Mỏ Cày Bắc"))[0][2].startswith("Đã chấp nhận")


# --- exemplars and reviews --------------------------------------------------------------------
def test_name_an_exemplar_person_and_add_a_review(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    ba_tri = unit_id(session, "CC-BATRI")

    options = web.get(f"/campaigns/{plan}/people-options", params={"ex_unit_id": ba_tri}).text
    unit_itself, person = css(options, "option")[:2]  # the unit itself first, then its people
    assert unit_itself["value"] == "" and text(unit_itself) == "— Tập thể đơn vị —"
    person_id, person_name = person["value"], text(person).split("·")[0]

    bad = post(web, f"/campaigns/{plan}/exemplars", {"ex_reason": "", "ex_from_on": "1/13/2022"})
    assert bad.status_code == 422
    assert field_error(bad, "ex_unit_id") == "Hãy chọn đơn vị (hoặc một cá nhân của đơn vị)."
    assert field_error(bad, "ex_from_on") == "Nhập ngày theo dạng dd/mm/yyyy"

    added = post(
        web,
        f"/campaigns/{plan}/exemplars",
        {
            "ex_unit_id": str(ba_tri),
            "ex_person_id": person_id,
            "ex_reason": "Chấp hành viên có nhiều sáng kiến trong vận động thi hành án",
            "ex_from_on": "01/01/2022",
            "ex_to_on": "31/12/2022",
        },
        headers={"HX-Request": "true"},
    )
    assert added.status_code == 200
    shown = text(added)
    assert text(one(added, ".notice")) == "Đã thêm điển hình."
    assert f"{person_name.strip()} (01/01/2022 – 31/12/2022)" in shown

    review = post(
        web,
        f"/campaigns/{plan}/reviews",
        {
            "rv_kind": "tong_ket",
            "rv_held_on": "30/12/2022",
            "rv_title": "Tổng kết phong trào thi đua năm 2022",
        },
        headers={"HX-Request": "true"},
    )
    assert review.status_code == 200
    assert table_rows(row(review, "Tổng kết phong trào thi đua năm 2022"))[0][:3] == [
        "Tổng kết",
        "30/12/2022",
        "Tổng kết phong trào thi đua năm 2022",
    ]
    missing = post(web, f"/campaigns/{plan}/reviews", {"rv_kind": "so_ket", "rv_title": ""})
    assert field_error(missing, "rv_held_on") == "Trường này bắt buộc"
    assert field_error(missing, "rv_title") == "Không được để trống"


def test_a_campaign_without_participants_cannot_be_launched(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    token = page_token(web, "/campaigns/new")
    created = web.post(
        "/campaigns/new",
        data={
            "csrf_token": token,
            "title": "Chuyên đề chưa có đơn vị",
            "kind": "chuyen_de",
            "launched_by_id": str(unit_id(session, "CTHADS-BENTRE")),
            "confirm_no_participants": "1",  # created knowingly without any unit
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    page_url = created.headers["location"].split("?")[0]
    version = version_of(web.get(page_url), f"{page_url}/launch")
    refused = post(web, f"{page_url}/launch", {"version": version})
    assert refused.status_code == 422
    assert "Cần ít nhất một đơn vị tham gia" in text(refused)
    assert text(one(refused, ".cmp-meta")).startswith("Nháp")  # still a draft


def test_a_unit_registered_already_is_told_so(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "thanhphu", demo_password)
    again = post(
        web,
        f"/campaigns/{plan}/registrations",
        {"reg_unit_id": str(unit_id(session, "CC-THANHPHU")), "reg_titles": "TTLDXS"},
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 409
    # The API refuses it (a database invariant too): the page shows its answer.
    assert "Đơn vị hoặc cá nhân này đã đăng ký trong phong trào" in text(again)
    assert len(css(again, 'tr[id^="registration-"]')) == 1
