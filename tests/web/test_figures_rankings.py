"""Rankings with their chart, the report list with filters and pages, a unit's trend section."""

import re

from tests.web.conftest import signed_in
from tests.web.test_figures_support import api_headers, unit_id

OFFICES = {
    *(
        f"Huyện {name}"
        for name in (
            "Giồng Trôm",
            "Thạnh Phú",
            "Châu Thành",
            "Ba Tri",
            "Mỏ Cày Nam",
            "Mỏ Cày Bắc",
            "Chợ Lách",
            "Bình Đại",
        )
    ),
    "Thành phố Bến Tre",
}


def _table_rows(html: str) -> list[tuple[str, str]]:
    """(rank, office) of each row of the ranking table."""
    return re.findall(
        r'<td class="num rank">(\d+)</td>\s*<td><a href="/reports/\d+">([^<]+)</a>', html
    )


def test_the_ranking_lists_every_approved_office_with_its_rank_and_chart(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/rankings?period=2022-Q4").text

    rows = _table_rows(html)
    assert [rank for rank, _ in rows] == [str(n) for n in range(1, 10)]
    assert rows[0] == ("1", "Huyện Giồng Trôm") and rows[-1] == ("9", "Huyện Bình Đại")
    assert {name for _, name in rows} == OFFICES
    assert "Chỉ số liệu đã duyệt" in html and "Bản xem trước" not in html
    # The chart: one group of bars per office, both rates, the two target lines, a legend.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('<g class="bar-row">') == 9
    assert svg.count('class="bar s-cases"') == 9 and svg.count('class="bar s-money"') == 9
    assert '<text class="target-label s-cases"' in svg and ">81,50\u00a0%</text>" in svg
    assert "Chỉ tiêu được giao 40,10\u00a0%" in svg and "Tỷ lệ thi hành xong về tiền" in svg
    assert ">1. Huyện Giồng Trôm</text>" in svg
    assert "vượt 7,16 điểm %" in html and "thấp hơn 1,12 điểm %" in html
    assert "2/2" in html and "0/2" in html  # targets met


def test_the_preview_marks_figures_not_yet_approved(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    official = web.get("/rankings?period=2023-Q1").text
    preview = web.get("/rankings?period=2023-Q1&preview=1").text

    assert len(_table_rows(official)) == 2  # Ba Tri and TP Bến Tre are approved
    assert "Bản xem trước" in preview and "Chỉ số liệu đã duyệt" not in preview
    assert len(_table_rows(preview)) == 6  # + submitted, returned and draft reports
    assert preview.count('<tr class="preview-row">') == 4
    assert preview.count('<g class="bar-row preview">') == 4
    assert "* Đã nộp" in preview and "* Nháp" in preview


def test_a_period_without_approved_figures_points_to_the_preview(web, world, session):
    from app.models.periods import PeriodCreate
    from app.services.reports import periods
    from app.services.scope import Actor

    periods.create_period(session, Actor.system(), PeriodCreate(year=2023, quarter=1))
    signed_in(web, "reviewer_a")
    html = web.get("/rankings").text
    assert "Chưa có đơn vị nào được duyệt số liệu kỳ này." in html
    assert 'href="/rankings?period=2023-Q1&amp;preview=1"' in html


def test_the_report_list_filters_and_pages(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    everything = web.get("/reports").text
    assert "42 báo cáo" in everything and "hiển thị 1–25" in everything
    assert 'href="/reports?page=2"' in everything

    late = web.get("/reports?late=true", headers={"HX-Request": "true"}).text
    assert "<html" not in late and "5 báo cáo" in late  # one office late each quarter + Bình Đại

    submitted = web.get("/reports?period=2023-Q1&status=submitted").text
    assert "2 báo cáo" in submitted
    assert "huyện Bình Đại" in submitted and "huyện Châu Thành" in submitted
    assert 'href="/reports/export?period=2023-Q1&amp;format=csv&amp;status=submitted"' in submitted

    one = web.get("/reports?unit_id=abc&status=nonsense").text
    assert "42 báo cáo" in one  # unreadable filters are ignored, not an error


def test_a_reporter_sees_only_the_office_s_reports(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    html = web.get("/reports").text
    assert "4 báo cáo" in html and "huyện Thạnh Phú" not in html.split('id="report-results"')[1]


def test_the_unit_trend_section_charts_both_rates_against_the_targets(
    web, api, demo, demo_password
):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CC-GIONGTROM")
    html = web.get(f"/units/{office}/trend", headers={"HX-Request": "true"}).text

    assert html.lstrip().startswith('<section class="card trend"')
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('<polyline class="trend"') == 2  # one line per rate for 2022
    assert svg.count('<circle class="dot"') == 8
    assert ">Năm 2022</text>" in svg and ">Q4</text>" in svg
    assert svg.count('<line class="target-line s-cases"') == 1 and ">81,50\u00a0%</text>" in svg
    for period in ("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"):
        assert f">{period}</a>" in html
    assert "88,66\u00a0%" in html and "vượt 7,16 điểm %" in html


def test_a_unit_without_figures_has_an_empty_trend(web, api, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CTHADS-BENTRE")
    response = web.get(f"/units/{office}/trend", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.text == ""


def test_figures_pages_carry_no_inline_script_or_style(web, api, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CC-GIONGTROM")
    for path in (
        "/",
        "/reports",
        "/reports/1",
        f"/reports/new?unit_id={office}&period=2023-Q1",
        "/rankings?period=2022-Q4&preview=1",
        f"/units/{office}/trend",
    ):
        html = web.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"<[^>]+\son[a-z]+=", html), path
        assert "hx-on" not in html, path


def test_an_office_sees_its_own_rank_among_the_province_not_the_others_figures(
    web, demo, demo_password
):
    signed_in(web, "thanhphu", demo_password)
    html = web.get("/rankings?period=2022-Q4").text

    assert _table_rows(html) == [("2", "Huyện Thạnh Phú")]
    assert (
        "Đơn vị của bạn xếp hạng 2 trên 9 đơn vị thuộc Cục Thi hành án dân sự tỉnh Bến Tre" in html
    )
    assert "Giồng Trôm" not in html
