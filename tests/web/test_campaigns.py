"""Campaign pages on the Bến Tre demo year: the list with its tree and search, the 2022 plan's
page (documents, each office's progress with the numbers, registrations, exemplars, reviews),
the home board's section, the unit page's exemplar titles, and who may see and do what."""

from datetime import date

from sqlmodel import Session, select

from app.models.campaigns import Campaign, CampaignCreate, CampaignKind
from app.models.units import Unit
from app.services.campaigns import campaigns as campaign_service
from app.services.scope import Actor
from tests.web.conftest import page_token, signed_in
from tests.web.html import links, one, parse, row, table_rows, text
from tests.web.html import select as css

PLAN_2022 = "Tổ chức thực hiện phong trào thi đua “Đồng Khởi mới” trong các cơ quan"
MOVEMENT = "Phong trào thi đua “Đồng Khởi mới” giai đoạn 2020 – 2025"
SYSTEM_PLAN = "Phong trào thi đua “Đồng Khởi mới” trong Hệ thống Thi hành án dân sự"
DRIVE_Q1 = "Đợt thi đua cao điểm quý I năm 2022"
DRIVE_Q4 = "Đợt thi đua cao điểm quý IV năm 2022"


# --- helpers shared with test_campaigns_forms.py ----------------------------------------------
def campaign_id(session: Session, title_start: str) -> int:
    session.expire_all()
    found = session.exec(select(Campaign).where(Campaign.title.startswith(title_start))).all()  # type: ignore[attr-defined]
    assert len(found) == 1, f"{len(found)} campaigns start with {title_start!r}"
    return found[0].id  # type: ignore[return-value]


def unit_id(session: Session, code: str) -> int:
    return session.exec(select(Unit).where(Unit.code == code)).one().id  # type: ignore[return-value]


def row_of(html, label: str) -> str:
    """The text of the table row that mentions `label`."""
    return text(row(html, label))


# --- the list ---------------------------------------------------------------------------------
def test_the_list_shows_every_campaign_under_its_parent_with_its_status(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get("/campaigns"))

    rows = [
        (int(tr["class"][0].removeprefix("cmp-depth-")), text(one(tr, "td.cmp-title-cell a")))
        for tr in css(html, "tbody tr")
    ]
    titles = [t for _, t in rows]
    depth = {t: d for d, t in rows}
    assert len(titles) == 7
    # Parent → child: the movement, the Cục's system plan, the 2022 plan, its four drives.
    assert titles[0].startswith(MOVEMENT) and depth[titles[0]] == 0
    assert titles[1].startswith(SYSTEM_PLAN) and depth[titles[1]] == 1
    assert titles[2].startswith(PLAN_2022) and depth[titles[2]] == 2
    assert titles[3:] == [
        DRIVE_Q1,
        "Đợt thi đua cao điểm quý II năm 2022",
        "Đợt thi đua cao điểm quý III năm 2022",
        DRIVE_Q4,
    ]
    assert all(depth[t] == 3 for t in titles[3:])
    statuses = [text(badge) for badge in css(html, "tbody .badge.cmp-status.cmp-launched")]
    assert statuses == ["Đã phát động"] * 7
    launchers = [text(cell) for cell in css(html, "tbody td.cmp-launcher")]
    assert launchers[0] == "Ủy ban nhân dân tỉnh Bến Tre"  # the movement's launcher
    assert "/campaigns/new" in links(html)  # a reviewer may create one


def test_search_by_title_without_diacritics_or_by_document_number(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)

    by_title = text(web.get("/campaigns", params={"q": "dong khoi moi"}))
    assert "Tìm thấy 3 phong trào" in by_title
    assert DRIVE_Q1 not in by_title

    by_number = web.get("/campaigns", params={"q": "258/KH"}, headers={"HX-Request": "true"})
    assert "<html" not in by_number.text  # htmx gets the results block only
    found = text(by_number)
    assert "Tìm thấy 1 phong trào" in found and PLAN_2022 in found
    assert "Thuộc: Phong trào thi đua “Đồng Khởi mới” trong Hệ thống" in found

    drives = text(web.get("/campaigns", params={"kind": "cao_diem", "year": "2022"}))
    assert "Tìm thấy 4 phong trào" in drives and DRIVE_Q4 in drives

    nothing = text(web.get("/campaigns", params={"status": "closed"}))
    assert "Không có phong trào nào phù hợp." in nothing
    # A year out of range is ignored rather than refused.
    assert web.get("/campaigns", params={"year": "99999"}).status_code == 200


# --- the 2022 plan's page ---------------------------------------------------------------------
def test_the_2022_plan_shows_its_documents_facts_and_family(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get(f"/campaigns/{campaign_id(session, PLAN_2022)}"))
    page = text(html)

    assert "Đơn vị phát động Cục Thi hành án dân sự tỉnh Bến Tre" in page
    assert "Từ ngày 02/03/2022" in page and "Đến ngày 31/12/2022" in page
    assert "Thuộc Phong trào thi đua “Đồng Khởi mới” trong Hệ thống" in page
    for drive in (DRIVE_Q1, DRIVE_Q4):
        assert drive in page
    assert "Thực hiện hiệu quả công tác vận động giáo dục, thuyết phục" in page  # key content

    documents = one(html, "#documents")
    assert row_of(documents, "258/KH-CTHADS") == (
        "258/KH-CTHADS 02/03/2022 Cục Thi hành án dân sự tỉnh Bến Tre Kế hoạch Kế hoạch tổ chức "
        "thực hiện phong trào thi đua “Đồng Khởi mới” trong các cơ quan Thi hành án dân sự năm "
        "2022 Chưa có tệp: đính kèm Tệp của văn bản 258/KH-CTHADS Đính kèm"
    )


def test_the_2022_plan_shows_each_office_against_each_criterion(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get(f"/campaigns/{campaign_id(session, PLAN_2022)}"))
    progress = one(html, "#progress")
    cases, money = css(progress, "article.cmp-criterion")[:2]

    assert "Tỷ lệ thi hành xong về việc ≥ 81,50\u00a0% · kỳ 2022-Q4" in text(one(cases, "h3"))
    assert text(one(cases, ".cmp-counts")) == "Đạt: 7 Chưa đạt: 2 Chưa báo cáo: 0 trên 9 đơn vị"
    # Every Chi cục, with the rate, the threshold and the numbers behind the rate.
    assert len(css(cases, "tbody tr > th[scope=row]:first-child")) == 9
    assert table_rows(row(cases, "huyện Ba Tri")) == [
        [
            "Chi cục Thi hành án dân sự huyện Ba Tri",
            "Đạt",
            "83,60\u00a0%",
            "≥ 81,50\u00a0%",
            "1.081",
            "1.293",
        ]
    ]
    assert table_rows(row(cases, "huyện Bình Đại")) == [
        [
            "Chi cục Thi hành án dân sự huyện Bình Đại",
            "Chưa đạt",
            "80,38\u00a0%",
            "≥ 81,50\u00a0%",
            "770",
            "958",
        ]
    ]
    assert table_rows(row(money, "huyện Giồng Trôm"))[0][:4] == [
        "Chi cục Thi hành án dân sự huyện Giồng Trôm",
        "Đạt",
        "47,80\u00a0%",
        "≥ 40,10\u00a0%",
    ]
    # A chart per criterion: a bar per office and the threshold line, labelled.
    charts = css(progress, "svg.cmp-chart")
    assert len(charts) == 2
    assert len(css(charts[0], 'rect[height="18"]')) == 9
    assert "Chỉ tiêu ≥ 81,50\u00a0%" in text(charts[0]) and "huyện Ba Tri" in text(charts[0])
    assert css(charts[0], 'line[stroke-dasharray="6 4"]')  # the threshold line
    assert not css(html, "[style], style")  # the CSP forbids style attributes


def test_approved_figures_by_default_and_a_preview_for_the_managing_unit(
    web, demo, demo_password, session
):
    signed_in(web, "cuc.tccb", demo_password)
    drive = campaign_id(session, DRIVE_Q4)  # judged on 2023-Q1, mostly not approved yet

    approved = text(one(web.get(f"/campaigns/{drive}"), "#progress"))
    assert "Chỉ tính số liệu đã được duyệt." in approved
    assert "Đạt: 2 Chưa đạt: 0 Chưa báo cáo: 7" in approved

    preview = web.get(f"/campaigns/{drive}/progress?preview=1", headers={"HX-Request": "true"})
    assert "<html" not in preview.text
    shown = text(preview)
    assert "Đang xem trước" in shown
    assert "Đạt: 6 Chưa đạt: 0 Chưa báo cáo: 3" in shown
    assert table_rows(row(preview, "huyện Bình Đại"))[0][-1] == "Chưa duyệt"
    legends = [text(chart) for chart in css(preview, "svg.cmp-chart")]
    assert legends and all("Chưa được duyệt (xem trước)" in legend for legend in legends)


def test_registrations_not_registered_exemplars_and_review(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get(f"/campaigns/{campaign_id(session, PLAN_2022)}"))

    registrations = one(html, "#registrations")
    assert row_of(registrations, "huyện Giồng Trôm").startswith(
        "Chi cục Thi hành án dân sự huyện Giồng Trôm Tập thể lao động xuất sắc; Cờ thi đua ngành "
        "Tư pháp Đã chấp nhận"
    )
    waiting = row(registrations, "huyện Mỏ Cày Bắc")
    assert "Tập thể lao động tiên tiến Đã gửi, chờ xem xét" in text(waiting)
    controls = [text(control) for control in css(waiting, "button, summary")]
    assert "Chấp nhận" in controls and "Trả lại…" in controls  # the managing unit decides
    assert text(one(registrations, "h3")).endswith("chưa gửi đăng ký (2)")
    assert [text(unit) for unit in css(registrations, "ul.cmp-not-registered li")] == [
        "Chi cục Thi hành án dân sự huyện Chợ Lách",
        "Chi cục Thi hành án dân sự huyện Mỏ Cày Nam",
    ]
    assert not css(registrations, "#registration-form")  # the Cục does not register itself

    exemplars = text(one(html, "#exemplars"))
    assert len(css(html, "#exemplars article.cmp-exemplar")) == 2
    assert "Chi cục Thi hành án dân sự huyện Giồng Trôm (02/03/2022 – 31/12/2022)" in exemplars
    assert "Chi cục Thi hành án dân sự huyện Thạnh Phú" in exemplars
    assert "Tham mưu Ban Chỉ đạo thi hành án dân sự cùng cấp" in exemplars

    reviews = table_rows(one(html, "#reviews tbody"))
    assert reviews[0][:3] == ["Sơ kết", "15/07/2022", "Sơ kết 6 tháng đầu năm 2022"]


# --- the board and the unit page --------------------------------------------------------------
def test_the_board_tells_a_chi_cuc_what_each_campaign_asks(web, demo, demo_password):
    signed_in(web, "thanhphu", demo_password)
    board = one(web.get("/"), "#board-campaigns")
    blocks = {text(one(block, "strong")): block for block in css(board, "li.board-campaign")}

    drive = text(blocks[DRIVE_Q4])
    assert "Cần làm Đơn vị chưa đăng ký thi đua trong phong trào này. Đăng ký" in drive
    assert (
        "Tiêu chí Tỷ lệ thi hành xong về việc ≥ 30,00\u00a0%, đánh giá kỳ 2023-Q1 (số liệu đến "
        "31/12/2022), hạn báo cáo 04/01/2023: chưa báo cáo"
    ) in drive
    # The 2022 plan: registered and accepted, its criteria judged on a closed period.
    assert not any(title.startswith(PLAN_2022) for title in blocks)


def test_the_board_tells_the_cuc_about_its_offices(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    board = text(one(web.get("/"), "#board-campaigns"))

    assert "Đơn vị tham gia chưa gửi đăng ký (2): huyện Chợ Lách, huyện Mỏ Cày Nam." in board
    assert "Bản đăng ký chờ bạn xem xét (1): huyện Mỏ Cày Bắc." in board
    assert "đạt 6 · chưa đạt 0 · chưa báo cáo 3" in board


def test_the_unit_page_lists_its_exemplar_titles(web, demo, demo_password, session):
    signed_in(web, "cuc.tccb", demo_password)
    giong_trom = unit_id(session, "CC-GIONGTROM")
    assert css(web.get(f"/units/{giong_trom}"), f'[hx-get="/units/{giong_trom}/exemplars"]')

    fragment = web.get(f"/units/{giong_trom}/exemplars", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<section class="card" id="unit-exemplars"')
    assert "điển hình của" in text(fragment) and PLAN_2022 in text(fragment)

    none = web.get(f"/units/{unit_id(session, 'CC-BATRI')}/exemplars")
    assert none.status_code == 200 and none.text == ""


# --- who sees and does what -------------------------------------------------------------------
def test_a_reporter_sees_no_edit_controls_and_the_api_refuses_a_forged_post(
    web, demo, demo_password, session
):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "thanhphu", demo_password)
    html = web.get(f"/campaigns/{plan}").text

    assert "Sửa phong trào" not in html and "Kết thúc phong trào" not in html
    for form in ("document-form", "criterion-form", "exemplar-form", "review-form"):
        assert not css(html, f"#{form}")
    assert "Xem trước" not in html
    assert "/campaigns/new" not in links(web.get("/campaigns"))
    assert web.get("/campaigns/new").status_code == 403
    assert web.get(f"/campaigns/{plan}/edit").status_code == 403
    # Its own office only: another office's registration is not in its list.
    assert "huyện Giồng Trôm" not in text(one(html, "#registrations"))

    token = page_token(web, f"/campaigns/{plan}")
    forged = web.post(f"/campaigns/{plan}/close", data={"csrf_token": token, "version": "3"})
    assert forged.status_code == 403
    assert "Bạn không có quyền truy cập trang này" in forged.text
    forged_doc = web.post(
        f"/campaigns/{plan}/documents",
        data={
            "csrf_token": token,
            "doc_number": "1/KH",
            "doc_issued_on": "01/01/2022",
            "doc_issuer": "X",
            "doc_kind": "ke_hoach",
            "doc_title": "Giả mạo",
        },
    )
    assert forged_doc.status_code == 403
    session.expire_all()
    assert session.get(Campaign, plan).status == "launched"
    assert "Giả mạo" not in web.get(f"/campaigns/{plan}").text


def test_posts_without_the_csrf_token_are_refused(web, demo, demo_password, session):
    plan = campaign_id(session, PLAN_2022)
    signed_in(web, "cuc.tccb", demo_password)

    refused = web.post(f"/campaigns/{plan}/close", data={"version": "3"})
    assert refused.status_code == 403
    assert "Biểu mẫu đã hết hạn hoặc không được gửi từ trang này" in refused.text
    wrong = web.post(
        f"/campaigns/{plan}/reviews",
        data={
            "csrf_token": "forged",
            "rv_kind": "tong_ket",
            "rv_held_on": "30/12/2022",
            "rv_title": "Tổng kết",
        },
    )
    assert wrong.status_code == 403
    session.expire_all()
    assert session.get(Campaign, plan).status == "launched"
    reviews = table_rows(one(web.get(f"/campaigns/{plan}"), "#reviews tbody"))
    assert "Tổng kết" not in [cell for cells in reviews for cell in cells]


def test_another_provinces_campaign_is_a_not_found_page(web, demo, demo_password, session):
    tra_vinh = unit_id(session, "CTHADS-TRAVINH")
    other = campaign_service.create_campaign(
        session,
        Actor.system(),
        CampaignCreate(
            title="Phong trào thi đua của Trà Vinh",
            kind=CampaignKind.thematic,
            launched_by_id=tra_vinh,
            owner_unit_id=tra_vinh,
            starts_on=date(2022, 1, 1),
            participant_ids=[unit_id(session, "CC-CANGLONG")],
        ),
    )
    signed_in(web, "cuc.tccb", demo_password)

    response = web.get(f"/campaigns/{other.id}")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
    assert "Trà Vinh" not in response.text
    assert "Trà Vinh" not in web.get("/campaigns").text
    assert web.get(f"/campaigns/{other.id}/edit").status_code == 404
    token = page_token(web, "/campaigns")
    assert web.post(f"/campaigns/{other.id}/launch", data={"csrf_token": token}).status_code == 404
