"""Figures as files through the pages: the Excel template (a real .xlsx), the upload with a
preview of what will change, then the import; the exports."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from tests.web.conftest import landed, signed_in
from tests.web.html import (
    field_error,
    form_fields,
    links,
    one,
    parse,
    row,
    select,
    table_rows,
    text,
)
from tests.web.test_reports_support import (
    api_headers,
    dotted,
    giongtrom_q1,
    post_form,
    report_of,
    unit_id,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def giongtrom(web, api, demo, demo_password):
    signed_in(web, "giongtrom", demo_password)
    headers = api_headers(api, "giongtrom")
    return unit_id(api, headers, "CC-GIONGTROM"), headers


def _template(web, unit: int, period: str) -> bytes:
    response = web.get(f"/reports/template?unit_id={unit}&period={period}")
    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert (
        f'filename="bao-cao-CC-GIONGTROM-{period}.xlsx"' in response.headers["content-disposition"]
    )
    return response.content


def _fill(content: bytes, values: dict[str, int]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Báo cáo"]
    for line in sheet.iter_rows(min_row=1):
        if line[0].value in values:
            line[2].value = values[line[0].value]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _counts(html) -> list[str]:
    """What the preview counts: "<number> <what>" each."""
    return [text(count) for count in select(html, "ul.import-counts li")]


def _upload(web, page: str, name: str, content: bytes, back: str):
    return post_form(
        web,
        "/reports/import",
        page,
        {"back": back},
        files={"file": (name, content, "application/octet-stream")},
        headers={"HX-Request": "true"},
    )


def test_the_template_is_a_real_xlsx_labelled_in_vietnamese(web, giongtrom):
    unit, _ = giongtrom
    book = load_workbook(io.BytesIO(_template(web, unit, "2022-Q4")))

    sheet = book["Báo cáo"]
    rows = {r[0]: (r[1], r[2]) for r in sheet.iter_rows(values_only=True) if r[0]}
    assert rows["viec_thi_hanh_xong"] == ("Số việc thi hành xong", 1014)
    assert rows["tien_co_dieu_kien"][0] == "Số tiền có điều kiện thi hành"
    assert "Chi cục Thi hành án dân sự huyện Giồng Trôm" in sheet["A2"].value
    assert book["_thidua"]["B1"].value == "CC-GIONGTROM"


def test_upload_shows_what_will_change_then_applies_it(web, api, giongtrom):
    unit, headers = giongtrom
    values = giongtrom_q1()
    page = f"/reports/new?unit_id={unit}&period=2023-Q1"
    filled = _fill(_template(web, unit, "2023-Q1"), values)

    preview = _upload(web, page, "bao-cao.xlsx", filled, page)

    assert preview.status_code == 200
    html = parse(preview)
    assert text(one(html, "#preview-title")) == "Những gì tệp sẽ thay đổi"
    assert "1 báo cáo mới" in _counts(html)
    # the API's dry run names the unit, a new report's too
    diff = one(html, "table.import-diff")
    assert text(one(diff, "caption")) == (
        "Chi cục Thi hành án dân sự huyện Giồng Trôm · 2023-Q1 · báo cáo mới"
    )
    done = row(diff, "Số việc thi hành xong")
    assert table_rows(done) == [
        ["Số việc thi hành xong", "—", dotted(values["viec_thi_hanh_xong"])]
    ]
    assert text(one(done, "td.changed")) == dotted(values["viec_thi_hanh_xong"])
    assert report_of(api, headers, unit, "2023-Q1") is None  # a preview writes nothing

    content = form_fields(one(html, 'form[action="/reports/import/apply"]'))["content"]
    applied = post_form(
        web,
        "/reports/import/apply",
        page,
        {"back": page, "content": content, "content_type": XLSX, "filename": "bao-cao.xlsx"},
    )
    assert applied.status_code == 303
    report = report_of(api, headers, unit, "2023-Q1")
    landed(applied, page, "imported")
    assert report["values"] == {**{k: None for k in report["values"]}, **values}
    assert report["status"] == "draft" and report["issues"] == []


def test_an_update_lists_only_the_values_that_change(web, api, demo, demo_password):
    signed_in(web, "cholach", demo_password)
    headers = api_headers(api, "cholach")
    unit = unit_id(api, headers, "CC-CHOLACH")
    report = report_of(api, headers, unit, "2023-Q1")  # a draft in the demo
    page = f"/reports/{report['id']}"
    before = report["values"]["viec_dinh_chi"]
    response = web.get(f"/reports/template?unit_id={unit}&period=2023-Q1")
    filled = _fill(response.content, {"viec_dinh_chi": before + 2})

    html = parse(_upload(web, page, "mau.xlsx", filled, page))

    assert "1 báo cáo được cập nhật" in _counts(html)
    changed = table_rows(one(html, "table.import-diff tbody"))
    assert changed == [["Số việc đình chỉ thi hành", dotted(before), dotted(before + 2)]]
    assert [text(cell) for cell in select(html, "td.changed")] == [dotted(before + 2)]


def test_a_file_with_errors_names_the_row_and_field_and_offers_no_import(web, api, giongtrom):
    unit, headers = giongtrom
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "period", "viec_thi_hanh_xong", "viec_dinh_chi"])
    writer.writerow(["CC-GIONGTROM", "2023-Q1", "12", "x1"])
    writer.writerow(["CC-NOWHERE", "2023-Q1", "1", "2"])

    response = _upload(web, "/reports", "so-lieu.csv", out.getvalue().encode(), "/reports")

    assert response.status_code == 422
    html = response.text
    assert text(one(html, "#preview-title")) == "Không thể nhập tệp này"
    refused = one(html, ".error-summary")
    assert "Chưa nhập gì" in text(one(refused, "p"))
    rows = table_rows(one(refused, "tbody"))
    assert ["2", "Số việc đình chỉ thi hành", "Phải là số nguyên không âm"] in rows
    assert any(r[0] == "3" and r[1] == "Mã đơn vị" for r in rows)
    assert "/reports/import/apply" not in html
    assert report_of(api, headers, unit, "2023-Q1") is None


def test_a_sheet_past_the_limits_shows_the_apis_reason_and_offers_no_import(web, api, giongtrom):
    unit, headers = giongtrom
    book = Workbook()
    book.active["A1"], book.active["B1"] = "unit", "period"
    book.active["CV20000"] = 1  # the page never opens the file itself: the API measures it
    out = io.BytesIO()
    book.save(out)

    response = _upload(web, "/reports", "so-lieu.xlsx", out.getvalue(), "/reports")

    assert response.status_code == 422
    assert "Tệp có quá nhiều cột (tối đa 64)" in response.text
    assert "/reports/import/apply" not in response.text
    assert report_of(api, headers, unit, "2023-Q1") is None


def test_an_unknown_file_type_is_refused_beside_the_file_field(web, giongtrom):
    response = _upload(web, "/reports", "notes.txt", b"hello", "/reports")
    assert response.status_code == 422
    assert field_error(response, "file") == "Hãy chọn tệp .xlsx, .csv hoặc .json."


def test_exports_come_back_as_files(web, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    listing = web.get("/reports?period=2022-Q4").text
    assert "/reports/export?period=2022-Q4&format=xlsx" in links(listing)

    as_csv = web.get("/reports/export?period=2022-Q4&format=csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert lines[0][:4] == ["unit", "unit_name", "period", "status"] and len(lines) == 10

    as_xlsx = web.get("/reports/export?period=2022-Q4&format=xlsx&status=approved")
    assert 'filename="so-lieu-2022-Q4.xlsx"' in as_xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet.max_row == 10
    assert web.get("/reports/export?period=bad&format=csv").status_code == 400


def test_the_preview_runs_every_rule_and_names_row_and_field(web, api, giongtrom):
    """A file whose figures break a rule no longer previews cleanly: the page says which row
    and which figure, before "apply", as the form would once it is imported."""
    unit, headers = giongtrom
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["unit", "period", "viec_co_dieu_kien", "viec_thi_hanh_xong", "viec_dinh_chi"])
    writer.writerow(["CC-GIONGTROM", "2023-Q1", "100", "90", "20"])  # 90 + 20 > 100

    response = _upload(web, "/reports", "so-lieu.csv", out.getvalue().encode(), "/reports")

    assert response.status_code == 200, response.text[-1500:]
    checks = one(response, ".issue-summary")
    assert "phải sửa các lỗi trước khi gửi" in text(one(checks, "p"))
    assert any(
        field == "Số việc thi hành xong" and "(90 + 20 > 100)" in problem
        for _row, field, problem in table_rows(one(checks, "tbody"))
    )
    assert report_of(api, headers, unit, "2023-Q1") is None  # a preview imports nothing
