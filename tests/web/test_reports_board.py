"""The home page's "việc cần làm" board on the Bến Tre demo data: a reporter's periods and
what was returned, a reviewer's completeness of every office."""

import re
from datetime import date

from app.web.formatting import number
from app.web.reports.common import today
from tests.web.conftest import signed_in
from tests.web.html import links, one, parse, row, select, table_rows, text

Q1_DUE = date(2023, 1, 4)


def _overdue() -> str:
    return f"quá hạn {number((today() - Q1_DUE).days)} ngày"


def test_a_reporter_sees_the_open_period_and_the_way_into_its_figures(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    html = parse(web.get("/"))

    assert text(one(html, "#todo-title")) == "Việc cần làm"
    task = one(html, "#board .task")
    assert text(one(task, ".task-title")) == "Số liệu kỳ 2023-Q1 Chưa báo cáo"
    due = text(one(task, ".task-text"))
    assert "Hạn nộp 04/01/2023" in due and _overdue() in due
    unit_id = demo_unit_id(html)
    button = one(task, "a.btn.primary.big")
    assert text(button) == "Nhập số liệu kỳ 2023-Q1"
    assert button["href"] == f"/reports/new?unit_id={unit_id}&period=2023-Q1"
    # Every period of the office, the approved ones with their rates.
    periods = {text(one(tr, "strong")): table_rows(tr)[0] for tr in select(html, "#board tbody tr")}
    for code in ("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"):
        assert code in periods
    assert [cells[1] for cells in periods.values()].count("Đã duyệt") == 4
    q4 = periods["2022-Q4"]
    assert "88,66\u00a0%" in q4 and "47,80\u00a0%" in q4  # cases and money
    # The compact header still says who I am and what I reach.
    me = text(one(html, '[aria-labelledby="me-title"] dl'))
    assert "Cán bộ báo cáo" in me and "Chi cục Thi hành án dân sự huyện Giồng Trôm" in me


def demo_unit_id(html) -> str:
    """The id of the signed-in user's unit, from "Your account"."""
    (unit,) = links(one(html, '[aria-labelledby="me-title"] dl'))
    return re.fullmatch(r"/units/(\d+)", unit).group(1)


def test_a_returned_report_shows_why_and_the_call_to_correct_it(web, demo, demo_password):
    signed_in(web, "mocaybac", demo_password)
    html = parse(web.get("/"))

    returned = one(html, "#board .returned-box")
    assert text(one(returned, "h3")) == "Báo cáo kỳ 2023-Q1 bị trả lại để sửa"
    comment = text(one(returned, "blockquote"))
    assert "Số việc chưa có điều kiện thi hành chưa khớp sổ thụ lý" in comment
    history = one(returned, ".history-list")  # the history
    assert "Trả lại để sửa" in text(history)
    assert "cuc.tccb" in [text(who) for who in select(history, "code")]
    (fix,) = links(html, "Sửa và nộp lại kỳ 2023-Q1")
    assert re.fullmatch(r"/reports/\d+", fix)


def test_the_reviewer_sees_every_office_late_and_overdue_first(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    board = one(web.get("/"), "#board")

    counts = [text(count) for count in select(board, "ul.board-counts li")]
    assert counts == [
        "4/9 đã báo cáo",
        "3 đúng hạn",
        "1 muộn",
        "5 chưa báo cáo",
        "2 chờ kiểm tra, duyệt",
        "2 đã duyệt",
    ]
    rows = [
        ("row-late" in tr.get("class", []), text(one(tr, 'td:first-child a[href^="/units/"]')))
        for tr in select(board, "tbody tr")
    ]
    names = [name for _late, name in rows]
    assert len(names) == 9
    late_first = [late for late, _ in rows]
    assert late_first == sorted(late_first, reverse=True)  # every late/overdue row on top
    assert names.index("Chi cục Thi hành án dân sự huyện Giồng Trôm") < names.index(
        "Chi cục Thi hành án dân sự huyện Ba Tri"
    )
    binh_dai = row(board, "huyện Bình Đại")
    assert "Nộp muộn" in table_rows(binh_dai)[0]
    review = one(binh_dai, "a.btn")
    assert text(review).startswith("Kiểm tra, duyệt")
    assert re.fullmatch(r"/reports/\d+", review["href"])
    mo_cay_bac = text(row(board, "huyện Mỏ Cày Bắc"))
    assert "Số việc chưa có điều kiện thi hành chưa khớp sổ thụ lý" in mo_cay_bac
    assert "/rankings?period=2023-Q1" in links(board)


def test_the_reviewer_can_look_at_another_period(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/?period=2022-Q4", headers={"HX-Request": "true"}).text

    assert "<html" not in html  # only the board is redrawn
    counts = [text(count) for count in select(html, "ul.board-counts li")]
    assert "9/9 đã báo cáo" in counts and "0 chưa báo cáo" in counts
    assert one(html, "#f-board-period option[selected]")["value"] == "2022-Q4"


def test_without_any_period_the_board_says_so(web, world):
    signed_in(web, "reporter_a1")
    assert text(one(web.get("/"), "#board .empty")) == "Chưa có kỳ báo cáo nào."
    web.cookies.clear()
    signed_in(web, "reviewer_a")
    assert text(one(web.get("/"), "#board .empty")) == "Chưa có kỳ báo cáo nào."
