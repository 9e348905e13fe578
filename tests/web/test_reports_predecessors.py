"""A successor's report page shows, beside its own figures, whose figures its "last quarter"
values sum and the reports its predecessors made for the earlier quarters of the same year."""

from tests.api.test_succession_totals import report, succession  # noqa: F401 - the fixture
from tests.reporting import GOOD
from tests.web.conftest import signed_in
from tests.web.html import one, parse, table_rows, text


def test_the_report_page_shows_the_predecessors_quarters(web, api, succession):  # noqa: F811
    w = succession
    rid = report(api, w, "reviewer_vl", "PKV_1", "2025-Q4", GOOD)
    signed_in(web, "reviewer_vl")
    page = parse(web.get(f"/reports/{rid}"))
    section = one(page, "#predecessor-reports")
    assert "Báo cáo của các đơn vị tiền thân" in text(section)
    assert (
        "tổng số liệu của: Chi cục THADS huyện Giồng Trôm, Chi cục THADS huyện Thạnh Phú"
        in text(section)
    )
    rows = table_rows(section)[1:]  # below the header
    assert [r[:2] for r in rows] == [
        ["2025-Q3", "Chi cục THADS huyện Giồng Trôm"],
        ["2025-Q3", "Chi cục THADS huyện Thạnh Phú"],
    ]
    assert rows[0][3] == "82,50\u00a0%" and rows[1][3] == "51,90\u00a0%"


def test_an_office_without_predecessors_shows_no_such_section(web, api, succession):  # noqa: F811
    w = succession
    rid = report(api, w, "admin_c", "CC_C1", "2025-Q4", GOOD)
    signed_in(web, "admin_c")
    page = parse(web.get(f"/reports/{rid}"))
    assert page.select("#predecessor-reports") == []
