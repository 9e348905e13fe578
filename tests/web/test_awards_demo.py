"""The award pages on the Bến Tre 2022 demo year: eligibility with the regime and its reasons,
the annual summary reproducing the article's 12 rows (and its .docx / .xlsx downloads with the
same counts), the council's 90 % secret-ballot rule, and a person's yearly record."""

import io
import re

from docx import Document
from openpyxl import load_workbook

from tests.web.conftest import page_token, signed_in
from tests.web.html import form_fields, links, one, parse, select, table_rows, text

CUC = "Cục Thi hành án dân sự tỉnh Bến Tre"
ARTICLE_ROWS = [
    (CUC, "Giấy khen", "Tập thể", "Ngoài ngành", 19),
    (CUC, "Giấy khen", "Cá nhân", "Ngoài ngành", 39),
    (CUC, "Chiến sĩ thi đua cơ sở", "Cá nhân", "Trong ngành", 20),
    (CUC, "Giấy khen", "Tập thể", "Trong ngành", 14),
    (CUC, "Giấy khen", "Cá nhân", "Trong ngành", 141),
    ("Tổng cục Thi hành án dân sự", "Giấy khen", "Tập thể", "Trong ngành", 1),
    ("Tổng cục Thi hành án dân sự", "Giấy khen", "Cá nhân", "Trong ngành", 2),
    ("Bộ Tư pháp", "Xếp hạng xuất sắc", "Tập thể", "Trong ngành", 1),
    ("Bộ Tư pháp", "Tập thể lao động xuất sắc", "Tập thể", "Trong ngành", 5),
    ("Bộ Tư pháp", "Cờ thi đua ngành Tư pháp", "Tập thể", "Trong ngành", 1),
    ("Bộ Tư pháp", "Bằng khen của Bộ trưởng Bộ Tư pháp", "Tập thể", "Trong ngành", 3),
    ("Bộ Tư pháp", "Bằng khen của Bộ trưởng Bộ Tư pháp", "Cá nhân", "Trong ngành", 13),
]


def _summary_rows(html) -> list[tuple[str, str, str, str, int]]:
    rows = []
    for _n, issuer, award, kind, side, count in table_rows(one(html, "#summary-table tbody")):
        rows.append((issuer, award, kind, side, int(count.replace(".", ""))))
    return rows


def _counts(html) -> list[str]:
    """The figures above a table: "<number> <what>" each."""
    return [text(item) for item in select(html, "ul.counts li")]


def test_eligibility_shows_the_regime_every_candidate_and_the_reasons(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get("/eligibility", params={"year": "2022", "award_type": "CSTDCS"}))

    regime = text(one(html, "section.regime"))
    assert regime.startswith("Căn cứ pháp lý áp dụng cho năm 2022:")
    assert "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2009, 2013)" in regime
    assert "Nghị định 91/2017/NĐ-CP" in regime and "Thông tư 05/2018/TT-BTP" in regime
    counts = _counts(html)
    assert "20 đạt tiêu chuẩn" in counts and "169 chưa đạt tiêu chuẩn" in counts
    # Each criterion with its mark and evidence, the quota included.
    reasons = " | ".join(text(cell) for cell in select(html, "td.reasons"))
    assert "Đạt danh hiệu Lao động tiên tiến trong năm" in reasons
    assert (
        "Không quá 15 % số Lao động tiên tiến của đơn vị (Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3)"
        in reasons
    )
    assert "182 Lao động tiên tiến năm 2022 → tối đa 27 Chiến sĩ thi đua cơ sở" in reasons
    assert "Chưa có sáng kiến được công nhận cấp cơ sở trở lên năm 2022" in reasons
    assert "✗ Chưa đạt tiêu chuẩn" in [text(v) for v in select(html, "td .verdict.no")]
    assert "Đã được khen năm này" in [text(b) for b in select(html, "td .badge.holds")]
    # The not-yet-awarded can be nominated straight from here.
    nominate = [
        href
        for href in links(one(html, "#eligibility-results tbody"))
        if href.startswith("/nominations/new?year=2022&award_type=CSTDCS")
    ]
    assert nominate and "candidate=person%3A" in nominate[0]
    form = form_fields(one(web.get(nominate[0]), "#nomination-form"))
    assert re.fullmatch(r"person:\d+", form["candidate"])
    assert form["award_type"] == "CSTDCS"

    only = web.get(
        "/eligibility", params={"year": "2022", "award_type": "CSTDCS", "result": "eligible"}
    ).text
    assert len(select(only, "td .verdict.yes")) == 20
    assert not select(only, ".verdict.no")

    units = web.get("/eligibility", params={"year": "2022", "award_type": "TTLDXS"}).text
    reasons = " | ".join(text(cell) for cell in select(units, "td.reasons"))
    assert "Số liệu năm đạt chỉ tiêu được giao" in reasons
    assert "Tỷ lệ thi hành xong về việc" in reasons and "ty_le_viec" not in units


def test_the_summary_reproduces_the_articles_12_rows_and_the_files_agree(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = parse(web.get("/summary", params={"year": "2022"}))
    rows = _summary_rows(html)
    assert rows == ARTICLE_ROWS
    total = sum(r[4] for r in rows)
    assert total == 259
    counts = _counts(html)
    assert "259 lượt khen thưởng" in counts and "58 ngoài ngành" in counts
    assert table_rows(one(html, "#summary-table tfoot"))[0][-1] == "259"  # the total row

    docx = web.get("/summary/download", params={"format": "docx", "year": "2022"})
    assert docx.status_code == 200
    assert docx.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="tong-hop-khen-thuong-2022.docx"' in docx.headers["content-disposition"]
    table = Document(io.BytesIO(docx.content)).tables[0]
    body = [[c.text for c in row.cells] for row in table.rows[1:-1]]
    assert [(r[1], r[2], r[3], r[4], int(r[5])) for r in body] == ARTICLE_ROWS
    assert table.rows[-1].cells[5].text == "259"

    xlsx = web.get("/summary/download", params={"format": "xlsx", "year": "2022"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [tuple(row[1:6]) for row in sheet.iter_rows(min_row=4, max_row=15, values_only=True)]
    assert values == ARTICLE_ROWS
    assert sheet.cell(row=16, column=6).value == 259

    assert web.get("/summary/download", params={"format": "pdf", "year": "2022"}).status_code == 404


def test_the_ministry_title_needs_a_secret_ballot_of_90_percent(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    listed = web.get("/nominations").text
    found = select(listed, 'tbody a[href^="/nominations/"]')
    assert found, listed[-2000:]
    nomination = found[0]["href"].removeprefix("/nominations/")
    page = web.get(f"/nominations/{nomination}").text
    assert text(one(page, "h1")).startswith("Chiến sĩ thi đua ngành Tư pháp")
    assert text(one(page, ".page-head .badge")) == "Đã gửi Hội đồng"
    assert "Bỏ phiếu kín; cần ít nhất 90 % tổng số thành viên Hội đồng đồng ý" in page
    eligibility = text(one(page, '[aria-labelledby="n-eligibility"] .criteria'))
    assert "3 năm liên tục đạt Chiến sĩ thi đua cơ sở" in eligibility
    assert "2020 ✓, 2021 ✓, 2022 ✓" in eligibility
    version = form_fields(one(page, "#vote-form"))["version"]

    voted = web.post(
        f"/nominations/{nomination}/vote",
        data={
            "members": "9",
            "present": "9",
            "yes": "8",
            "secret_ballot": "on",
            "version": version,
            "csrf_token": page_token(web, f"/nominations/{nomination}"),
        },
        follow_redirects=True,
    ).text
    outcome = text(one(voted, ".outcome[role=status]"))
    assert "Không thông qua: đề nghị bị từ chối." in outcome
    assert "8/9 thành viên đồng ý (88,9 %); cần ≥ 90 % tổng số thành viên, tức ≥ 9 phiếu" in outcome
    assert text(one(voted, ".page-head .badge")) == "Không được chấp thuận"


def test_a_persons_section_shows_awards_assessments_and_initiatives(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    html = web.get("/eligibility", params={"year": "2022", "award_type": "CSTD_NGANH"}).text
    person = links(select(html, "td.candidate")[0])[0].removeprefix("/people/")
    section = web.get(f"/people/{person}/awards", headers={"HX-Request": "true"}).text
    assert section.lstrip().startswith('<section class="card"')
    assert "Chiến sĩ thi đua cơ sở" in section and "Lao động tiên tiến" in section
    assert "416/QĐ-CTHADS" in section
    assert (
        "Hoàn thành xuất sắc nhiệm vụ" in section
        and "Đánh giá, xếp loại chất lượng hằng năm" in section
    )
    assert "Sáng kiến được công nhận" in section and "Cấp Bộ, tỉnh" in section
    history = web.get("/awards", params={"person": person}).text
    assert "Chiến sĩ thi đua cơ sở" in history and "2021" in history and "2020" in history
