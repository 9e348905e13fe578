"""Rankings with their chart, the report list with filters and pages, a unit's trend section."""

from tests.web.conftest import signed_in
from tests.web.html import inline_code, links, one, parse, row, select, table_rows, text
from tests.web.test_reports_support import api_headers, unit_id

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


def _table_rows(html) -> list[tuple[str, str]]:
    """(rank, office) of each row of the ranking table, the office linked to its report."""
    return [
        (text(one(tr, "td.rank")), text(one(tr, 'td.rank + td > a[href^="/reports/"]')))
        for tr in select(html, "table.ranking-table tbody tr")
    ]


def _svg_texts(svg) -> list[str]:
    """The words a chart writes (its <text> elements)."""
    return [text(label) for label in select(svg, "text")]


def test_the_ranking_lists_every_approved_office_with_its_rank_and_chart(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get("/rankings?period=2022-Q4"))

    rows = _table_rows(html)
    assert [rank for rank, _ in rows] == [str(n) for n in range(1, 10)]
    assert rows[0] == ("1", "Huyện Giồng Trôm") and rows[-1] == ("9", "Huyện Bình Đại")
    assert {name for _, name in rows} == OFFICES
    assert text(one(html, ".approved-note .badge")) == "Chỉ số liệu đã duyệt"
    assert "Bản xem trước" not in text(html)
    # The chart: one group of bars per office, both rates, the two target lines, a legend.
    svg = one(html, "#ranking svg.bar-chart")
    assert len(select(svg, "g.bar-row:not(.preview)")) == 9
    assert len(select(svg, "rect.bar.s-cases")) == 9 and len(select(svg, "rect.bar.s-money")) == 9
    assert [text(label) for label in select(svg, "text.target-label.s-cases")] == ["81,50\u00a0%"]
    words = _svg_texts(svg)
    assert "Chỉ tiêu được giao 40,10\u00a0%" in words and "Tỷ lệ thi hành xong về tiền" in words
    assert "1. Huyện Giồng Trôm" in words
    attainment = [text(points) for points in select(html, "table.ranking-table .attain")]
    assert "vượt 7,16 điểm %" in attainment and "thấp hơn 1,12 điểm %" in attainment
    met = [cells[-1] for cells in table_rows(one(html, "table.ranking-table tbody"))]
    assert "2/2" in met and "0/2" in met  # targets met


def test_the_preview_marks_figures_not_yet_approved(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    official = web.get("/rankings?period=2023-Q1").text
    preview = parse(web.get("/rankings?period=2023-Q1&preview=1"))

    assert len(_table_rows(official)) == 2  # Ba Tri and TP Bến Tre are approved
    assert text(one(preview, ".preview-note strong")) == "Bản xem trước"
    assert "Chỉ số liệu đã duyệt" not in text(preview)
    assert len(_table_rows(preview)) == 6  # + submitted, returned and draft reports
    assert len(select(preview, "table.ranking-table tr.preview-row")) == 4
    assert len(select(preview, "svg g.bar-row.preview")) == 4
    marked = [text(badge) for badge in select(preview, "tr.preview-row .badge.status")]
    assert "* Đã nộp" in marked and "* Nháp" in marked


def test_a_period_without_approved_figures_points_to_the_preview(web, world, session):
    from app.models.periods import PeriodCreate
    from app.services.reports import periods
    from app.services.scope import Actor

    periods.create_period(session, Actor.system(), PeriodCreate(year=2023, quarter=1))
    signed_in(web, "reviewer_a")
    empty = one(web.get("/rankings"), "#ranking .empty")
    assert text(empty).startswith("Chưa có đơn vị nào được duyệt số liệu kỳ này.")
    assert links(empty) == ["/rankings?period=2023-Q1&preview=1"]


def test_the_report_list_filters_and_pages(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    everything = web.get("/reports").text
    count = text(one(everything, "#report-results .count"))
    assert count.startswith("42 báo cáo") and "hiển thị 1–25" in count
    assert "/reports?page=2" in links(one(everything, "#report-results"))

    late = web.get("/reports?late=true", headers={"HX-Request": "true"}).text
    assert "<html" not in late  # one office late each quarter + Bình Đại
    assert text(one(late, ".count")).startswith("5 báo cáo")

    submitted = web.get("/reports?period=2023-Q1&status=submitted").text
    assert text(one(submitted, "#report-results .count")).startswith("2 báo cáo")
    offices = text(one(submitted, "#report-results tbody"))
    assert "huyện Bình Đại" in offices and "huyện Châu Thành" in offices
    assert "/reports/export?period=2023-Q1&format=csv&status=submitted" in links(submitted)

    ignored = web.get("/reports?unit_id=abc&status=nonsense")
    # unreadable filters are ignored, not an error
    assert text(one(ignored, "#report-results .count")).startswith("42 báo cáo")


def test_a_reporter_sees_only_the_office_s_reports(web, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    results = one(web.get("/reports"), "#report-results")
    assert text(one(results, ".count")).startswith("4 báo cáo")
    assert "huyện Thạnh Phú" not in str(results)


def test_the_unit_trend_section_charts_both_rates_against_the_targets(
    web, api, demo, demo_password
):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CC-GIONGTROM")
    html = web.get(f"/units/{office}/trend", headers={"HX-Request": "true"}).text

    assert html.lstrip().startswith('<section class="card trend"')
    svg = one(html, "svg.line-chart")
    assert len(select(svg, "polyline.trend")) == 2  # one line per rate for 2022
    assert len(select(svg, "circle.dot")) == 8
    words = _svg_texts(svg)
    assert "Năm 2022" in words and "Q4" in words
    assert len(select(svg, "line.target-line.s-cases")) == 1 and "81,50\u00a0%" in words
    for period in ("2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"):
        assert len(links(html, period)) == 1
    q4 = table_rows(row(one(html, "table tbody"), "2022-Q4"))[0]
    assert q4[1].startswith("88,66\u00a0%") and "vượt 7,16 điểm %" in q4[1]


def test_a_unit_without_figures_has_an_empty_trend(web, api, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CTHADS-BENTRE")
    response = web.get(f"/units/{office}/trend", headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.text == ""


def test_reports_pages_carry_no_inline_script_or_style(web, api, demo, demo_password):
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
        assert inline_code(web.get(path)) == [], path


def test_an_office_sees_its_own_rank_among_the_province_not_the_others_figures(
    web, demo, demo_password
):
    signed_in(web, "thanhphu", demo_password)
    html = web.get("/rankings?period=2022-Q4").text

    assert _table_rows(html) == [("2", "Huyện Thạnh Phú")]
    assert text(one(html, "#ranking .notice")).startswith(
        "Đơn vị của bạn xếp hạng 2 trên 9 đơn vị thuộc Cục Thi hành án dân sự tỉnh Bến Tre"
    )
    assert "Giồng Trôm" not in html
