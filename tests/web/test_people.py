"""People: the list with search and filters, and the forms with the API's errors beside fields."""

import re

from tests.web.conftest import page_token, signed_in


def _field_error(html: str, name: str) -> str:
    """The message shown for a field, checked to be wired to the input for screen readers."""
    found = re.search(rf'<p class="field-error" id="e-{name}">([^<]*)</p>', html)
    assert found, f"no error shown beside {name}"
    control = re.search(rf'<(input|select)[^>]*id="f-{name}"[^>]*>', html, re.S)
    assert control, f"no control {name}"
    assert 'aria-invalid="true"' in control.group(0)
    assert f"e-{name}" in re.search(r'aria-describedby="([^"]*)"', control.group(0)).group(1)
    return found.group(1)


def _post_person(web, data: dict[str, str], **kwargs):
    token = page_token(web, "/people/new")
    return web.post("/people/new", data={**data, "csrf_token": token}, **kwargs)


def test_invalid_person_shows_vietnamese_messages_beside_fields_and_keeps_input(web, world, api):
    signed_in(web, "reporter_a1")
    before = api.get("/api/v1/people", headers=world.headers("admin_a")).json()["total"]

    response = _post_person(
        web,
        {
            "full_name": "",
            "unit_id": str(world.unit_id("CC_A1")),
            "birth_year": "18x",
            "position": "Chấp hành viên <b>",
            "recruited_on": "31/02/2020",
        },
    )

    assert response.status_code == 422
    html = response.text
    assert _field_error(html, "full_name") == "Không được để trống"
    assert _field_error(html, "birth_year") == "Phải là số nguyên"
    assert _field_error(html, "recruited_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    assert 'value="18x"' in html and 'value="31/02/2020"' in html
    assert 'value="Chấp hành viên &lt;b&gt;"' in html  # kept, and escaped
    assert re.search(rf'<option value="{world.unit_id("CC_A1")}" selected>', html)
    assert api.get("/api/v1/people", headers=world.headers("admin_a")).json()["total"] == before


def test_rules_checked_by_the_api_come_back_beside_their_field(web, world):
    signed_in(web, "reporter_a1")
    response = _post_person(
        web,
        {"full_name": "Lê Văn Tám", "unit_id": str(world.unit_id("CC_A1")), "is_external": "on"},
    )
    assert response.status_code == 422
    assert "Người ngoài ngành cần thuộc" in _field_error(response.text, "organisation")


def test_htmx_form_post_gets_only_the_form_fragment(web, world):
    signed_in(web, "reporter_a1")
    response = _post_person(web, {"full_name": "", "unit_id": ""}, headers={"HX-Request": "true"})

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<form id="person-form"')
    assert "<html" not in response.text and "<header" not in response.text
    assert _field_error(response.text, "unit_id") == "Trường này bắt buộc"


def test_valid_person_is_created_and_shown_in_the_list(web, world):
    signed_in(web, "reporter_a1")
    response = _post_person(
        web,
        {
            "full_name": "Nguyễn Thị Kim Ngân",
            "unit_id": str(world.unit_id("CC_A1")),
            "birth_year": "1990",
            "gender": "female",
            "recruited_on": "01/10/2015",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    listed = web.get(response.headers["location"])

    assert "Đã thêm cá nhân." in listed.text
    row = re.search(r'<tr class="just-added">(.*?)</tr>', listed.text, re.S)
    assert row and "Nguyễn Thị Kim Ngân" in row.group(1) and "1990" in row.group(1)
    person_id = re.search(r'href="/people/(\d+)"', row.group(1)).group(1)
    detail = web.get(f"/people/{person_id}").text
    assert "01/10/2015" in detail and "Nữ" in detail


def test_search_as_you_type_returns_only_the_rows_fragment(web, world):
    signed_in(web, "admin_a")
    full = web.get("/people?q=nguyen")
    fragment = web.get("/people?q=nguyen", headers={"HX-Request": "true"})

    assert "<html" in full.text and 'hx-trigger="keyup changed delay:300ms' in full.text
    assert "<html" not in fragment.text and "<form" not in fragment.text
    assert "Nguyễn Văn An" in fragment.text and "Trần Thị Bình" not in fragment.text
    assert fragment.headers["Vary"] == "HX-Request"


def test_filters_by_kind_and_unit_and_scope(web, world):
    signed_in(web, "admin_a")
    external = web.get("/people?kind=external").text
    assert "Phạm Quốc Dũng" in external and "Nguyễn Văn An" not in external
    in_unit = web.get(f"/people?unit_id={world.unit_id('CC_A2')}").text
    assert "Trần Thị Bình" in in_unit and "Nguyễn Văn An" not in in_unit
    # Another province's staff are never listed.
    assert "Huỳnh Thị Em" not in web.get("/people").text


def test_list_pages_through_results(web, world, session):
    from tests.factories import make_person

    for i in range(30):
        make_person(session, f"Cán Bộ Số {i:02d}", world.units["CC_A1"])
    session.commit()
    signed_in(web, "reporter_a1")

    first = web.get("/people?q=can bo so").text
    second = web.get("/people?q=can+bo+so&page=2").text

    assert "30 cá nhân" in first and "Trang 1/2" in first
    assert "Cán Bộ Số 00" in first and "Cán Bộ Số 29" not in first
    assert "Cán Bộ Số 29" in second and "Trang 2/2" in second


def test_edit_person_with_stale_version_is_refused_and_explained(web, world, api):
    signed_in(web, "reporter_a1")
    person_id = world.person_id("staff_a1")
    token = page_token(web, f"/people/{person_id}/edit")
    # Someone else saves first.
    api.patch(
        f"/api/v1/people/{person_id}",
        json={"position": "Chi cục trưởng"},
        headers=world.headers("reporter_a1"),
    )

    response = web.post(
        f"/people/{person_id}/edit",
        data={
            "full_name": "Nguyễn Văn An",
            "unit_id": str(world.unit_id("CC_A1")),
            "is_active": "on",
            "version": "1",
            "csrf_token": token,
        },
    )

    assert response.status_code == 412
    assert "vừa được người khác thay đổi" in response.text
    current = api.get(f"/api/v1/people/{person_id}", headers=world.headers("admin_a")).json()
    assert current["position"] == "Chi cục trưởng"


def test_edit_person_saves_changes(web, world, api):
    signed_in(web, "reporter_a1")
    person_id = world.person_id("staff_a1")
    token = page_token(web, f"/people/{person_id}/edit")
    response = web.post(
        f"/people/{person_id}/edit",
        data={
            "full_name": "Nguyễn Văn An",
            "unit_id": str(world.unit_id("CC_A1")),
            "position": "Thẩm tra viên",
            "version": "1",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = web.get(response.headers["location"]).text
    assert "Đã lưu thay đổi." in page and "Thẩm tra viên" in page
    assert "Không còn công tác" in page  # the box was left unticked


def test_viewer_reads_people_but_cannot_open_the_form(web, world):
    signed_in(web, "viewer_a")
    assert "Thêm cá nhân" not in web.get("/people").text
    assert web.get("/people/new").status_code == 403


def test_person_outside_scope_is_not_found(web, world):
    signed_in(web, "reporter_a1")
    response = web.get(f"/people/{world.person_id('staff_b1')}")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
