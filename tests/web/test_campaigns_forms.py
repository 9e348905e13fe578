"""Campaign forms on the demo year: create (errors beside the fields, then valid), edit with a
stale version, launch, documents with files, a criterion tiered by caseload added row by row,
registering and sending, accepting and returning, exemplars and reviews."""

import re

from sqlmodel import select

from app.models.campaigns import Campaign, CampaignDocument
from tests.web.conftest import page_token, signed_in
from tests.web.test_campaigns import (
    DRIVE_Q1,
    PLAN_2022,
    campaign_id,
    row_of,
    section,
    text_of,
    unit_id,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def field_error(html: str, name: str) -> str:
    """The message beside a field, wired to the control for screen readers."""
    found = re.search(rf'<p class="field-error" id="e-{name}">([^<]*)</p>', html)
    assert found, f"no error shown beside {name}"
    control = re.search(rf'<(input|select|textarea)[^>]*id="f-{name}"[^>]*>', html, re.S)
    assert control, f"no control {name}"
    assert 'aria-invalid="true"' in control.group(0)
    return found.group(1)


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
    form = web.get("/campaigns/new").text
    assert "Chọn tất cả Chi cục" in form
    assert form.count('name="participant_ids"') == 15  # 9 Chi cục, the Cục and its 5 offices
    assert "Ủy ban nhân dân tỉnh Bến Tre" in form  # a launcher outside the sector

    bad = post(
        web,
        "/campaigns/new",
        {
            "title": "",
            "kind": "",
            "year": "20x2",
            "starts_on": "31/02/2022",
            "slogan": "Thi đua <b>",
        },
        page="/campaigns/new",
    )
    assert bad.status_code == 422
    assert field_error(bad.text, "title") == "Không được để trống"
    assert field_error(bad.text, "kind") == "Trường này bắt buộc"
    assert field_error(bad.text, "year") == "Phải là số nguyên"
    assert field_error(bad.text, "starts_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert 'value="31/02/2022"' in bad.text and 'value="Thi đua &lt;b&gt;"' in bad.text

    backwards = post(
        web,
        "/campaigns/new",
        {
            "title": "Ngược",
            "kind": "chuyen_de",
            "launched_by_id": "3",
            "starts_on": "01/05/2022",
            "ends_on": "01/01/2022",
        },
        page="/campaigns/new",
        headers={"HX-Request": "true"},
    )
    assert backwards.status_code == 422
    assert backwards.text.lstrip().startswith('<form id="campaign-form"')  # the form only
    assert field_error(backwards.text, "ends_on") == "Ngày kết thúc không được trước ngày bắt đầu"
    assert session.exec(select(Campaign).where(Campaign.title == "Ngược")).first() is None

    created = new_campaign(
        web, session, slogan="Về đích sớm", parent_id=str(campaign_id(session, PLAN_2022))
    )
    page = web.get(f"/campaigns/{created}").text  # the flash cookie says what was done
    shown = text_of(page)
    assert "Đã tạo phong trào ở dạng nháp" in shown
    assert "Nháp Đợt thi đua cao điểm 01/04/2022 – 30/06/2022" in shown
    assert "“Về đích sớm”" in shown
    assert "2 đơn vị tham gia" in shown
    assert "Phát động" in page and "Thuộc Tổ chức thực hiện phong trào thi đua" in shown


def test_select_every_district_office_keeps_what_was_ticked(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    tccb = unit_id(session, "BENTRE-TCCB")
    fieldset = web.get(
        "/campaigns/participants",
        params={"select": "districts", "participant_ids": str(tccb)},
        headers={"HX-Request": "true"},
    ).text
    ticked = re.findall(r'value="(\d+)" checked', fieldset)
    assert len(ticked) == 10 and str(tccb) in ticked
    cleared = web.get("/campaigns/participants", params={"select": "none"}).text
    assert " checked" not in cleared


def test_edit_with_a_stale_version_says_someone_else_changed_it(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    form = web.get(f"/campaigns/{created}/edit").text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
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
    assert "Người khác vừa thay đổi phong trào này" in stale.text
    assert 'value="Tên khác"' in stale.text  # what was typed is kept
    page = text_of(web.get(f"/campaigns/{created}").text)
    assert "Tên mới" in page and "1 đơn vị tham gia" in page


def test_launch_puts_it_on_the_board_and_a_second_launch_is_refused(
    web, demo, demo_password, session
):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    page = web.get(f"/campaigns/{created}").text
    version = re.search(
        r'action="/campaigns/\d+/launch">.*?name="version" value="(\d+)"', page, re.S
    ).group(1)

    launched = post(
        web,
        f"/campaigns/{created}/launch",
        {"version": version},
        page=f"/campaigns/{created}",
        follow_redirects=False,
    )
    assert launched.status_code == 303
    shown = text_of(web.get(launched.headers["location"]).text)
    assert "Đã phát động phong trào" in shown and "Đã phát động Đợt thi đua cao điểm" in shown
    again = post(
        web, f"/campaigns/{created}/launch", {"version": version}, page=f"/campaigns/{created}"
    )
    assert again.status_code == 412
    assert "Người khác vừa thay đổi phong trào này" in again.text

    web.cookies.clear()
    signed_in(web, "thanhphu", demo_password)
    board = text_of(section(web.get("/").text, "board-campaigns"))
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
    assert field_error(refused.text, "doc_file") == "Hãy đính kèm tệp PDF, Word hoặc ảnh"
    assert 'value="1200/QĐ-CTHADS"' in refused.text
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
    assert "Đã thêm văn bản." in added.text
    row = row_of(added.text, "1200/QĐ-CTHADS")
    assert row.startswith(
        "1200/QĐ-CTHADS 15/12/2022 Cục Thi hành án dân sự tỉnh Bến Tre Quyết định"
    )
    assert "Tải về (Quyet dinh 1200.pdf, 0 KB)" in row
    link = re.search(r'href="(/campaigns/\d+/documents/\d+/file)"', added.text).group(1)
    download = web.get(link)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]

    # The document is found by its number from the list.
    assert "Tìm thấy 1 phong trào" in text_of(web.get("/campaigns?q=1200/Q").text)


def test_a_document_without_its_fields_shows_each_message(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    bad = post(web, f"/campaigns/{plan}/documents", {"doc_issued_on": "2/3"})
    assert bad.status_code == 422
    assert field_error(bad.text, "doc_number") == "Không được để trống"
    assert field_error(bad.text, "doc_issued_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert field_error(bad.text, "doc_kind") == "Trường này bắt buộc"
    assert '<details class="cmp-add" open>' in bad.text  # the form stays open


# --- criteria ---------------------------------------------------------------------------------
def test_a_criterion_tiered_by_caseload_added_row_by_row(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    html = web.get(f"/campaigns/{created}").text
    assert html.count('name="tier_min"') == 1  # one empty band to start with
    row = web.get(f"/campaigns/{created}/criteria/tier-row", headers={"HX-Request": "true"}).text
    assert row.lstrip().startswith('<tr class="cmp-tier-row">')
    assert 'name="tier_min"' in row and 'name="tier_max"' in row and 'name="tier_threshold"' in row
    assert re.search(r'<label class="visually-hidden" for="(tier-\w+-min)">.*?id="\1"', row, re.S)

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
    assert "Phải là số" in row_of(bad.text, 'value="bảy lăm"')
    assert "Một số khoảng số việc cần sửa (xem từng dòng)." in bad.text
    assert bad.text.count('name="tier_min"') == 2  # the blank row dropped, the others kept
    assert (
        'value="1.001"' in bad.text
        and 'id="f-crit_mode-tiers" name="crit_mode" value="tiers" checked' in bad.text
    )

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
    assert "Các khoảng số việc không được chồng lấn nhau" in overlap.text

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
    shown = text_of(added.text)
    assert "Đã thêm tiêu chí." in shown
    assert "Tỷ lệ thi hành xong về việc theo số việc · kỳ 2022-Q4" in shown
    assert "từ 0 đến 1.000 việc: ≥ 80,50 %" in shown and "từ 1.001 việc trở lên: ≥ 75,00 %" in shown
    # Each office: its caseload picks its band, shown with the numbers.
    thanh_phu = row_of(added.text, "huyện Thạnh Phú")
    caseload = int(re.search(r"% ([\d.]+) từ", thanh_phu).group(1).replace(".", ""))
    band = "≥ 80,50 %" if caseload <= 1000 else "≥ 75,00 %"
    assert f"87,95 % {band}" in thanh_phu and "861 979" in thanh_phu
    chart = re.search(r"<svg class=\"cmp-chart\".*?</svg>", added.text, re.S).group(0)
    assert len(re.findall(r'stroke-width="3"', chart)) == 3  # a mark per office + the legend
    assert "Chỉ tiêu theo số việc của đơn vị" in chart


def test_a_flat_criterion_needs_its_threshold(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    created = new_campaign(web, session)
    bad = post(
        web,
        f"/campaigns/{created}/criteria",
        {"crit_indicator": "", "crit_period": "2022-Q4", "crit_mode": "flat", "crit_threshold": ""},
    )
    assert bad.status_code == 422
    assert field_error(bad.text, "crit_indicator") == "Trường này bắt buộc"
    assert field_error(bad.text, "crit_threshold") == "Hãy nhập chỉ tiêu (tỷ lệ phần trăm)."

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
    assert field_error(too_high.text, "crit_threshold") == "Phải nhỏ hơn hoặc bằng 100.0"

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
    page = text_of(web.get(added.headers["location"]).text)
    assert "Tỷ lệ thi hành xong về tiền ≥ 40,10 %" in page and "trên 2 đơn vị" in page


# --- registrations ----------------------------------------------------------------------------
def test_a_chi_cuc_registers_then_sends_its_registration(web, demo, demo_password, session):
    drive = campaign_id(session, DRIVE_Q1)
    signed_in(web, "thanhphu", demo_password)
    page = web.get(f"/campaigns/{drive}").text
    registrations = section(page, "registrations")
    assert 'id="registration-form"' in registrations
    assert re.search(
        r'<select id="f-reg_unit_id"[^>]*>\s*<option value="\d+" selected>Chi cục '
        r"Thi hành án dân sự huyện Thạnh Phú</option>\s*</select>",
        registrations,
    )
    assert "Tập thể lao động xuất sắc" in registrations and "Lao động tiên tiến" in registrations

    token = page_token(web, f"/campaigns/{drive}")
    nothing = web.post(
        f"/campaigns/{drive}/registrations",
        data={"csrf_token": token, "reg_unit_id": str(unit_id(session, "CC-THANHPHU"))},
        headers={"HX-Request": "true"},
    )
    assert nothing.status_code == 422
    assert "Hãy chọn ít nhất một danh hiệu." in nothing.text

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
    row = row_of(saved.text, "huyện Thạnh Phú")
    assert row.startswith(
        "Chi cục Thi hành án dân sự huyện Thạnh Phú Tập thể lao động xuất sắc; "
        "Cờ thi đua ngành Tư pháp Nháp, chưa gửi Phấn đấu về đích sớm Gửi đăng ký"
    )
    registration, version = re.search(
        r'registrations/(\d+)/submit".*?name="version" value="(\d+)"', saved.text, re.S
    ).groups()
    board = text_of(section(web.get("/").text, "board-campaigns"))
    assert "Bản đăng ký của đơn vị còn là bản nháp" in board

    sent = web.post(
        f"/campaigns/{drive}/registrations/{registration}/submit",
        data={"csrf_token": token, "version": version},
        headers={"HX-Request": "true"},
    )
    assert sent.status_code == 200
    assert "Đã gửi bản đăng ký tới đơn vị quản lý phong trào." in sent.text
    assert "Đã gửi, chờ xem xét" in row_of(sent.text, "huyện Thạnh Phú")
    assert 'id="registration-form"' in sent.text  # people of the unit may still register

    twice = web.post(
        f"/campaigns/{drive}/registrations/{registration}/submit",
        data={"csrf_token": token, "version": version},
        headers={"HX-Request": "true"},
    )
    assert twice.status_code == 412
    assert "Người khác vừa thay đổi bản đăng ký này" in twice.text


def test_the_managing_unit_returns_with_a_reason_then_accepts(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    page = web.get(f"/campaigns/{plan}").text
    registration, version = re.search(
        r'registrations/(\d+)/return".*?name="version" value="(\d+)"', page, re.S
    ).groups()
    token = page_token(web, f"/campaigns/{plan}")

    no_reason = web.post(
        f"/campaigns/{plan}/registrations/{registration}/return",
        data={"csrf_token": token, "version": version, "reason": " "},
        headers={"HX-Request": "true"},
    )
    assert no_reason.status_code == 422
    assert "Hãy nêu lý do để đơn vị biết cần sửa gì." in no_reason.text
    assert '<details class="cmp-return" open>' in no_reason.text

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
    row = row_of(returned.text, "huyện Mỏ Cày Bắc")
    assert "Bị trả lại" in row and "Lý do: Bổ sung báo cáo thành tích theo mẫu" in row

    web.cookies.clear()
    signed_in(web, "mocaybac", demo_password)
    board = text_of(section(web.get("/").text, "board-campaigns"))
    assert (
        "Bản đăng ký của đơn vị bị trả lại. Lý do: Bổ sung báo cáo thành tích theo mẫu "
        "Xem và gửi lại"
    ) in board
    page = web.get(f"/campaigns/{plan}").text
    version = re.search(
        rf'registrations/{registration}/submit".*?name="version" value="(\d+)"', page, re.S
    ).group(1)
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
    page = web.get(f"/campaigns/{plan}").text
    version = re.search(
        rf'registrations/{registration}/accept".*?name="version" value="(\d+)"', page, re.S
    ).group(1)
    accepted = post(
        web,
        f"/campaigns/{plan}/registrations/{registration}/accept",
        {"version": version},
        page=f"/campaigns/{plan}",
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    registrations = section(web.get(accepted.headers["location"]).text, "registrations")
    assert "Đã chấp nhận" in row_of(registrations, "huyện Mỏ Cày Bắc")


# --- exemplars and reviews --------------------------------------------------------------------
def test_name_an_exemplar_person_and_add_a_review(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)
    ba_tri = unit_id(session, "CC-BATRI")

    options = web.get(f"/campaigns/{plan}/people-options", params={"ex_unit_id": ba_tri}).text
    assert options.lstrip().startswith('<option value="">— Tập thể đơn vị —</option>')
    person_id, person_name = re.search(r'<option value="(\d+)">([^<·]+)', options).groups()

    bad = post(web, f"/campaigns/{plan}/exemplars", {"ex_reason": "", "ex_from_on": "1/13/2022"})
    assert bad.status_code == 422
    assert field_error(bad.text, "ex_unit_id") == "Hãy chọn đơn vị (hoặc một cá nhân của đơn vị)."
    assert field_error(bad.text, "ex_from_on") == "Nhập ngày theo dạng dd/mm/yyyy"

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
    shown = text_of(added.text)
    assert "Đã thêm điển hình." in shown
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
    assert "Tổng kết 30/12/2022 Tổng kết phong trào thi đua năm 2022" in text_of(review.text)
    missing = post(web, f"/campaigns/{plan}/reviews", {"rv_kind": "so_ket", "rv_title": ""})
    assert field_error(missing.text, "rv_held_on") == "Trường này bắt buộc"
    assert field_error(missing.text, "rv_title") == "Không được để trống"


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
        },
        follow_redirects=False,
    )
    assert created.status_code == 303
    page_url = created.headers["location"].split("?")[0]
    version = re.search(r'/launch">.*?name="version" value="(\d+)"', web.get(page_url).text, re.S)
    refused = post(web, f"{page_url}/launch", {"version": version.group(1)})
    assert refused.status_code == 422
    assert "Cần ít nhất một đơn vị tham gia" in text_of(refused.text)
    assert "Nháp" in text_of(refused.text)


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
    assert "Đơn vị hoặc cá nhân này đã đăng ký trong phong trào" in text_of(again.text)
    assert len(re.findall(r'<tr id="registration-\d+">', again.text)) == 1
