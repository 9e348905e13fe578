"""The figures form on the demo data: labels from the metrics, live results as the clerk types,
save and submit with the API's messages beside the fields, the reviewer's decisions."""

import pytest

from tests.web.conftest import landed, page_token, signed_in
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

NEW = "/reports/new?unit_id={unit}&period=2023-Q1"


@pytest.fixture
def giongtrom(web, api, demo, demo_password):
    """Signed in as Giồng Trôm's clerk; its unit id and API headers for checking."""
    signed_in(web, "giongtrom", demo_password)
    headers = api_headers(api, "giongtrom")
    return unit_id(api, headers, "CC-GIONGTROM"), headers


def _issue_beside(html, code: str):
    """The region beside a field where the checks write what they found."""
    return one(html, f"div#i-{code}.issues")


def _issues(html, code: str, kind: str) -> list[str]:
    """What the checks found beside a field, of one kind (error or warning)."""
    return [text(issue) for issue in select(_issue_beside(html, code), f"p.issue.{kind}")]


def _typed(html) -> dict[str, str]:
    """The figures the form holds, as typed."""
    return form_fields(one(html, "#figures-form"))


def _history(html) -> list[list[str]]:
    """The report's history: when, who, what, comment."""
    return table_rows(one(html, '[aria-labelledby="history-title"] tbody'))


def _form(unit: int, values: dict[str, int | str], **extra: str) -> dict[str, str]:
    data = {"unit_id": str(unit), "period": "2023-Q1", **extra}
    data.update({code: dotted(v) if isinstance(v, int) else v for code, v in values.items()})
    return data


def test_the_form_labels_every_input_in_vietnamese_by_section(web, giongtrom):
    unit, _ = giongtrom
    html = parse(web.get(NEW.format(unit=unit)))

    legends = [text(legend) for legend in select(html, "#figures-form legend")]
    assert "Về việc" in legends and "Về tiền (đồng)" in legends
    assert text(one(html, 'label[for="f-viec_thi_hanh_xong"]')) == "Số việc thi hành xong"
    assert text(one(html, 'label[for="f-tien_co_dieu_kien"]')) == "Số tiền có điều kiện thi hành"
    typed = select(html, 'input[type="text"][id^="f-viec_"], input[type="text"][id^="f-tien_"]')
    assert len(typed) == 14
    assert one(html, "#d-viec_chuyen_ky_sau").name == "output"  # derived totals: shown, not typed
    form = one(html, "#figures-form")
    assert form["hx-post"] == "/reports/live" and form["hx-trigger"] == "input changed delay:400ms"
    # Q1: a cumulative rate is progress toward the year's target, not a pass or a fail yet.
    targets = [text(target) for target in select(html, "#figures-results .rate-target")]
    assert targets[0].startswith("Chỉ tiêu được giao cả năm 81,50\u00a0%: đây là tiến độ đến nay")
    assert targets[1].startswith("Chỉ tiêu được giao cả năm 40,10\u00a0%")
    assert not select(html, ".attain.below")  # no red failure before the year's end
    assert f"/reports/template?unit_id={unit}&period=2023-Q1" in links(html)

    web.get("/lang/en?next=/")
    english = web.get(NEW.format(unit=unit))
    assert text(one(english, 'label[for="f-viec_thi_hanh_xong"]')) == "Cases completed"


def test_live_results_recompute_totals_rates_and_issues_beside_fields(web, giongtrom):
    unit, _ = giongtrom
    values = {
        "viec_cu_chuyen_sang": 530,  # 2022-Q4 carried 532 to the next period: a warning
        "viec_thu_ly_moi": 1272,
        "viec_uy_thac": 3,
        "viec_co_dieu_kien": 1200,
        "viec_chua_co_dieu_kien": 599,
        "viec_thi_hanh_xong": 1150,
        "viec_dinh_chi": 100,
        "tien_co_dieu_kien": 2_000_000,
        "tien_thi_hanh_xong": 1_082_000,
        "tien_dinh_chi": 0,
    }
    response = post_form(
        web,
        "/reports/live",
        NEW.format(unit=unit),
        _form(unit, values),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="figures-results"')
    html = parse(response)
    # Totals computed from what was typed (dots between thousands are fine).
    total = one(html, "output#d-viec_tong_thu_ly")
    assert total["hx-swap-oob"] == "true" and text(total) == "1.802"
    assert text(one(html, "output#d-viec_chuyen_ky_sau")) == "549"
    # Both rates: (1.150 + 100) / 1.200 = 104,17 %; 1.082.000 / 2.000.000 = 54,10 %.
    rates = [text(rate) for rate in select(html, "#figures-results .rate-value")]
    assert rates == ["104,17\u00a0%", "54,10\u00a0%"]
    # The target beside the rate; the points above it are the API's (the saved report's
    # attainment), not computed by the page.
    assert "40,10\u00a0%" in text(select(html, "#figures-results .rate-target")[1])
    # The rule names both fields: the error is beside each, styled as an error.
    rule = "Số việc thi hành xong cộng đình chỉ không được vượt số có điều kiện thi hành"
    for code in ("viec_thi_hanh_xong", "viec_dinh_chi"):
        assert any(rule in issue for issue in _issues(html, code, "error"))
    assert _issue_beside(html, "viec_thi_hanh_xong")["hx-swap-oob"] == "true"
    # A cross-period rule is only a warning, styled apart.
    carried = _issues(html, "viec_cu_chuyen_sang", "warning")
    assert any("năm thống kê trước" in issue for issue in carried)
    assert not _issues(html, "viec_cu_chuyen_sang", "error")
    assert text(_issue_beside(html, "viec_thu_ly_moi")) == ""


def test_a_value_the_api_cannot_read_is_named_and_the_rest_still_computed(web, giongtrom):
    unit, _ = giongtrom
    data = _form(unit, {"viec_cu_chuyen_sang": "12abc", "viec_thu_ly_moi": 40, "viec_uy_thac": -2})
    html = post_form(web, "/reports/live", NEW.format(unit=unit), data).text

    assert any("Phải là số nguyên" in i for i in _issues(html, "viec_cu_chuyen_sang", "error"))
    assert any("Phải lớn hơn hoặc bằng 0" in i for i in _issues(html, "viec_uy_thac", "error"))
    assert text(one(html, ".check-summary .count-error")) == "Lỗi: 2"


def test_save_draft_creates_the_report_with_the_numbers_typed(web, api, giongtrom):
    unit, headers = giongtrom
    values = giongtrom_q1()
    response = post_form(
        web,
        "/reports/new",
        NEW.format(unit=unit),
        _form(
            unit,
            {
                "viec_cu_chuyen_sang": values["viec_cu_chuyen_sang"],
                "tien_thu_ly_moi": values["tien_thu_ly_moi"],
            },
            action="save",
        ),
    )

    assert response.status_code == 303
    report = report_of(api, headers, unit, "2023-Q1")
    landed(response, f"/reports/{report['id']}", "saved")
    assert report["status"] == "draft"
    assert report["values"]["tien_thu_ly_moi"] == values["tien_thu_ly_moi"]
    page = web.get(response.headers["location"]).text
    assert text(one(page, "#report-page .notice")) == "Đã lưu nháp số liệu."
    # Said once: a reload of the address shows the report as it is, without the old news.
    assert "Đã lưu nháp số liệu." not in web.get(response.headers["location"]).text
    assert _typed(page)["tien_thu_ly_moi"] == dotted(values["tien_thu_ly_moi"])
    # Opening the new form again goes to the report now.
    again = web.get(NEW.format(unit=unit), follow_redirects=False)
    assert again.headers["location"] == f"/reports/{report['id']}"


def test_submit_refused_shows_each_field_to_fix_and_keeps_the_draft(web, api, giongtrom):
    unit, headers = giongtrom
    values = dict(giongtrom_q1())
    values["viec_thi_hanh_xong"] = values["viec_co_dieu_kien"]  # + đình chỉ > có điều kiện
    del values["tien_dinh_chi"]
    response = post_form(
        web,
        "/reports/new",
        NEW.format(unit=unit),
        _form(unit, values, action="submit"),
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    html = parse(response)
    report = report_of(api, headers, unit, "2023-Q1")
    assert report["status"] == "draft"  # saved, not submitted
    assert response.headers["HX-Push-Url"] == f"/reports/{report['id']}"
    assert "chưa thể nộp báo cáo" in text(one(html, ".error-summary"))
    assert field_error(html, "tien_dinh_chi") == "Trường này bắt buộc"
    beside = _issues(html, "viec_thi_hanh_xong", "error")
    assert any("không được vượt số có điều kiện" in issue for issue in beside)
    assert one(html, "#f-viec_thi_hanh_xong")["aria-invalid"] == "true"
    typed = _typed(html)  # what was typed is kept
    assert typed["viec_thi_hanh_xong"] == dotted(values["viec_thi_hanh_xong"])


def test_fix_and_submit_then_the_reviewer_returns_then_approves(web, api, giongtrom, demo_password):
    unit, headers = giongtrom
    values = giongtrom_q1()
    created = post_form(
        web, "/reports/new", NEW.format(unit=unit), _form(unit, values, action="save")
    )
    path = created.headers["location"].split("?")[0]
    report = report_of(api, headers, unit, "2023-Q1")

    submitted = post_form(
        web, path, path, _form(unit, values, action="submit", version=str(report["version"]))
    )
    assert (
        submitted.status_code == 303 and "thidua_done=submitted;" in submitted.headers["set-cookie"]
    )
    page = web.get(path).text
    assert text(one(page, ".report-meta .badge.status")) == "Đã nộp"
    assert not select(page, 'input[id^="f-"]') and not select(page, "#figures-form")  # read-only
    assert (
        web.post(f"{path}/approve", data={"csrf_token": page_token(web, path)}).status_code == 403
    )

    web.cookies.clear()
    signed_in(web, "cuc.tccb", demo_password)
    report = report_of(api, headers, unit, "2023-Q1")
    version = str(report["version"])
    empty = post_form(web, f"{path}/return", path, {"version": version, "comment": "  "})
    assert empty.status_code == 422
    assert field_error(empty, "comment").startswith("Hãy ghi rõ nội dung đơn vị cần sửa")
    comment = "Số việc đình chỉ chưa khớp quyết định; đề nghị kiểm tra lại."
    returned = post_form(web, f"{path}/return", path, {"version": version, "comment": comment})
    landed(returned, path, "returned")
    assert report_of(api, headers, unit, "2023-Q1")["status"] == "returned"

    web.cookies.clear()
    signed_in(web, "giongtrom", demo_password)
    assert text(one(web.get("/"), "#board .returned-box blockquote")) == comment
    page = web.get(path).text
    assert text(one(page, ".returned-box blockquote")) == comment  # the box
    assert ["Trả lại để sửa", comment] in [cells[2:] for cells in _history(page)]  # the history
    report = report_of(api, headers, unit, "2023-Q1")
    resubmit = post_form(
        web, path, path, _form(unit, values, action="submit", version=str(report["version"]))
    )
    landed(resubmit, path, "submitted")

    web.cookies.clear()
    signed_in(web, "cuc.tccb", demo_password)
    report = report_of(api, headers, unit, "2023-Q1")
    approved = post_form(web, f"{path}/approve", path, {"version": str(report["version"])})
    landed(approved, path, "approved")
    page = parse(web.get(approved.headers["location"]))
    assert text(one(page, "#report-page .notice")) == "Đã duyệt báo cáo; số liệu đã được khóa."
    assert not select(page, '[id^="f-viec_"]')  # approved figures are read-only
    figures = dict(cells for cells in table_rows(page) if len(cells) == 2)
    assert figures["Số việc thi hành xong"] == dotted(values["viec_thi_hanh_xong"])
    assert text(one(page, "#review-title")) == "Mở lại báo cáo đã duyệt"
    who = [cells[1] for cells in _history(page)]
    assert who.count("cuc.tccb") == 2 and who.count("giongtrom") == 3


def test_reopen_needs_a_reason_and_unlocks_the_figures(web, api, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    report = report_of(api, headers, unit_id(api, headers, "CC-BATRI"), "2023-Q1")
    path = f"/reports/{report['id']}"
    results = text(one(web.get(path), "#figures-results"))
    assert "vượt" in results or "thấp hơn" in results  # attainment in percentage points

    refused = post_form(web, f"{path}/reopen", path, {"version": str(report["version"])})
    assert refused.status_code == 422
    assert field_error(refused, "reason") == "Hãy ghi lý do mở lại báo cáo đã duyệt."
    done = post_form(
        web,
        f"{path}/reopen",
        path,
        {"version": str(report["version"]), "reason": "Sai số tiền thi hành xong"},
    )
    landed(done, path, "reopened")
    page = web.get(done.headers["location"]).text
    assert text(one(page, "#returned-title")) == "Mở lại để sửa"
    assert text(one(page, ".returned-box blockquote")) == "Sai số tiền thi hành xong"
    assert one(page, "#figures-form input#f-viec_thi_hanh_xong")  # editable again


def test_a_closed_period_is_reopened_for_one_office_by_the_reviewer(web, api, demo, demo_password):
    signed_in(web, "cuc.tccb", demo_password)
    headers = api_headers(api, "cuc.tccb")
    office = unit_id(api, headers, "CC-GIONGTROM")
    report = report_of(api, headers, office, "2022-Q4")
    path = f"/reports/{report['id']}"
    reopened = post_form(
        web, f"{path}/reopen", path, {"version": str(report["version"]), "reason": "Sai số"}
    )
    assert reopened.status_code == 303

    page = web.get(path).text
    assert text(one(page, ".locked-box strong")) == "Kỳ 2022-Q4 đã khóa."
    assert not select(page, '[id^="f-viec_"]')  # returned, yet locked
    refused = post_form(web, "/reports/unlock", path, {"unit_id": str(office), "period": "2022-Q4"})
    assert refused.status_code == 422
    assert field_error(refused, "unlock_reason").startswith("Hãy ghi lý do")

    web.cookies.clear()
    signed_in(web, "giongtrom", demo_password)
    assert "hãy đề nghị Cục mở lại kỳ báo cáo" in text(one(web.get(path), ".locked-box"))

    web.cookies.clear()
    signed_in(web, "cuc.tccb", demo_password)
    unlocked = post_form(
        web,
        "/reports/unlock",
        path,
        {"unit_id": str(office), "period": "2022-Q4", "unlock_reason": "Đính chính số liệu"},
    )
    landed(unlocked, path, "unlocked")
    page = web.get(unlocked.headers["location"]).text
    assert text(one(page, "#report-page .notice")) == "Đã mở lại kỳ báo cáo cho đơn vị này."
    assert one(page, "#figures-form input#f-viec_thi_hanh_xong") and "đã khóa." not in page


def test_a_stale_version_is_refused_with_a_clear_message(web, api, giongtrom):
    unit, headers = giongtrom
    values = giongtrom_q1()
    created = post_form(
        web, "/reports/new", NEW.format(unit=unit), _form(unit, values, action="save")
    )
    path = created.headers["location"].split("?")[0]

    stale = post_form(
        web, path, path, _form(unit, {**values, "viec_dinh_chi": 1}, action="save", version="0")
    )

    assert stale.status_code == 412
    assert "Người khác đã thay đổi báo cáo này" in text(one(stale, ".error-summary"))
    assert _typed(stale)["viec_dinh_chi"] == "1"  # what was typed is kept
    assert report_of(api, headers, unit, "2023-Q1")["values"]["viec_dinh_chi"] != 1


def test_a_viewer_reads_the_report_but_gets_no_form(web, api, demo, session, demo_password):
    from app.models.units import Unit
    from app.models.users import Role
    from tests.factories import PASSWORD, make_user

    cuc = session.get(Unit, unit_id(api, api_headers(api, "cuc.tccb"), "CTHADS-BENTRE"))
    make_user(session, "lanh.dao", Role.viewer, cuc)
    session.commit()
    signed_in(web, "lanh.dao", PASSWORD)
    headers = api_headers(api, "cuc.tccb")
    report = report_of(api, headers, unit_id(api, headers, "CC-CHOLACH"), "2023-Q1")  # a draft
    page = web.get(f"/reports/{report['id']}").text

    assert text(one(page, ".report-meta .badge.status")) == "Nháp"
    assert not select(page, '[id^="f-viec_"]') and "Lưu nháp" not in page
    assert "Kiểm tra, duyệt" not in text(one(web.get("/"), "#board"))


@pytest.mark.parametrize(
    "path",
    [
        "/reports/new",
        "/reports/live",
        "/reports/1",
        "/reports/1/approve",
        "/reports/1/return",
        "/reports/1/reopen",
        "/reports/unlock",
        "/reports/import",
        "/reports/import/apply",
    ],
)
def test_every_figures_post_needs_the_csrf_token(web, world, path):
    signed_in(web, "reviewer_a")
    response = web.post(path, data={"unit_id": "1", "period": "2023-Q1"}, follow_redirects=False)
    assert response.status_code == 403


def test_each_field_shows_the_same_quarter_last_year(web, giongtrom, api):
    unit, headers = giongtrom
    values = giongtrom_q1()
    created = api.post(
        "/api/v1/reports",
        headers=headers,
        json={"unit_id": unit, "period": "2023-Q1", "values": values},
    )
    assert created.status_code == 201, created.text
    html = web.get(f"/reports/{created.json()['id']}").text
    last_year = report_of(api, headers, unit, "2022-Q1")["values"]["viec_thu_ly_moi"]
    earlier = text(one(html, ".figure-row:has(> #f-viec_thu_ly_moi) .earlier"))
    assert f"Cùng kỳ năm trước: {dotted(last_year)}" in earlier
    assert "Quý trước:" not in html  # Q1 has no earlier quarter in its statistics year


def test_the_reviewer_sees_what_changed_since_the_previous_submission(web, giongtrom, api):
    unit, headers = giongtrom
    values = giongtrom_q1()
    report = api.post(
        "/api/v1/reports",
        headers=headers,
        json={"unit_id": unit, "period": "2023-Q1", "values": values},
    ).json()
    path = f"/api/v1/reports/{report['id']}"
    reviewer = api_headers(api, "cuc.tccb")
    assert api.post(f"{path}/submit", headers=headers).status_code == 200
    api.post(f"{path}/return", headers=reviewer, json={"comment": "Kiểm tra lại số đình chỉ"})
    fixed = {
        "viec_dinh_chi": values["viec_dinh_chi"] + 1,
        "viec_thi_hanh_xong": values["viec_thi_hanh_xong"] - 1,
    }
    assert api.patch(path, headers=headers, json={"values": fixed}).status_code == 200
    assert api.post(f"{path}/submit", headers=headers).status_code == 200
    web.cookies.clear()  # another person at another desk
    signed_in(web, "cuc.tccb", "demo-2022")
    changes = one(web.get(f"/reports/{report['id']}"), "table.changes")
    assert text(one(changes, "caption")) == "Thay đổi so với lần gửi trước"
    assert table_rows(row(changes, "Số việc đình chỉ thi hành"))[0][1:] == [
        dotted(values["viec_dinh_chi"]),
        dotted(values["viec_dinh_chi"] + 1),
    ]
