"""The home page's "việc cần làm" board on the Bến Tre demo data: a reporter's periods and
what was returned, a reviewer's completeness of every office."""

import re
from datetime import date

from app.web.formatting import number
from app.web.reports.common import today
from tests.web.conftest import signed_in

Q1_DUE = date(2023, 1, 4)


def _overdue() -> str:
    return f"quá hạn {number((today() - Q1_DUE).days)} ngày"


def test_a_reporter_sees_the_open_period_and_the_way_into_its_figures(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    html = web.get("/").text

    assert "Việc cần làm" in html
    assert "Số liệu kỳ 2023-Q1" in html and "Chưa báo cáo" in html
    assert "Hạn nộp 04/01/2023" in html and _overdue() in html
    unit_id = demo_unit_id(html)
    assert re.search(
        rf'<a class="btn primary big" href="/reports/new\?unit_id={unit_id}&amp;period=2023-Q1">'
        r"Nhập số liệu kỳ 2023-Q1</a>",
        html,
    )
    # Every period of the office, the approved ones with their rates.
    for code in ("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"):
        assert f"<strong>{code}</strong>" in html
    assert html.count(">Đã duyệt<") == 4
    assert "88,66\u00a0%" in html and "47,80\u00a0%" in html  # 2022-Q4, cases and money
    # The compact header still says who I am and what I reach.
    assert "Cán bộ báo cáo" in html and "Chi cục Thi hành án dân sự huyện Giồng Trôm" in html


def demo_unit_id(html: str) -> str:
    return re.search(r'<dd><a href="/units/(\d+)">', html).group(1)


def test_a_returned_report_shows_why_and_the_call_to_correct_it(web, demo, demo_password):
    signed_in(web, "mocaybac", demo_password)
    html = web.get("/").text

    assert "Báo cáo kỳ 2023-Q1 bị trả lại để sửa" in html
    assert "Số việc chưa có điều kiện thi hành chưa khớp sổ thụ lý" in html
    assert "Trả lại để sửa" in html and "<code>cuc.tccb</code>" in html  # the history
    assert len(re.findall(r'href="/reports/\d+">Sửa và nộp lại kỳ 2023-Q1</a>', html)) == 1


def test_the_reviewer_sees_every_office_late_and_overdue_first(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/").text

    counts = re.findall(r'<span class="stat">([\d/]+)</span> ([^<]+)</li>', html)
    assert counts == [
        ("4/9", "đã báo cáo"),
        ("3", "đúng hạn"),
        ("1", "muộn"),
        ("5", "chưa báo cáo"),
        ("2", "chờ kiểm tra, duyệt"),
        ("2", "đã duyệt"),
    ]
    html = html[html.index('id="board"') :]
    rows = re.findall(r'<tr class="(row-late|)">\s*<td><a href="/units/\d+">([^<]+)</a>', html)
    names = [name for _cls, name in rows]
    assert len(names) == 9
    late_first = [cls for cls, _ in rows]
    assert late_first == sorted(late_first, reverse=True)  # every late/overdue row on top
    assert names.index("Chi cục Thi hành án dân sự huyện Giồng Trôm") < names.index(
        "Chi cục Thi hành án dân sự huyện Ba Tri"
    )
    binh_dai = html[html.index("huyện Bình Đại</a>") :]
    binh_dai = binh_dai[: binh_dai.index("</tr>")]
    assert "Nộp muộn" in binh_dai and ">Kiểm tra, duyệt<" in binh_dai and "/reports/" in binh_dai
    assert "Số việc chưa có điều kiện thi hành chưa khớp sổ thụ lý" in html  # Mỏ Cày Bắc
    assert 'href="/rankings?period=2023-Q1"' in html


def test_the_reviewer_can_look_at_another_period(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/?period=2022-Q4", headers={"HX-Request": "true"}).text

    assert "<html" not in html  # only the board is redrawn
    assert '<span class="stat">9/9</span> đã báo cáo' in html
    assert '<span class="stat">0</span> chưa báo cáo' in html
    assert '<option value="2022-Q4" selected>' in html


def test_without_any_period_the_board_says_so(web, world):
    signed_in(web, "reporter_a1")
    assert "Chưa có kỳ báo cáo nào." in web.get("/").text
    web.cookies.clear()
    signed_in(web, "reviewer_a")
    assert "Chưa có kỳ báo cáo nào." in web.get("/").text
