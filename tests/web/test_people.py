"""People: the list with search and filters, and the forms with the API's errors beside fields."""

from tests.web.conftest import page_token, signed_in
from tests.web.html import field_error, form_fields, one, select, table_rows, text


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
    assert field_error(html, "full_name") == "Không được để trống"
    assert field_error(html, "birth_year") == "Phải là số nguyên"
    assert field_error(html, "recruited_on") == "Nhập ngày theo dạng dd/mm/yyyy"
    kept = form_fields(one(html, "#person-form"))
    assert kept["birth_year"] == "18x" and kept["recruited_on"] == "31/02/2020"
    assert kept["position"] == "Chấp hành viên <b>"  # kept…
    assert "Chấp hành viên <b>" not in html  # …and escaped wherever it is written
    chosen = one(html, "#f-unit_id option[selected]")
    assert chosen["value"] == str(world.unit_id("CC_A1"))
    assert api.get("/api/v1/people", headers=world.headers("admin_a")).json()["total"] == before


def test_rules_checked_by_the_api_come_back_beside_their_field(web, world):
    signed_in(web, "reporter_a1")
    response = _post_person(
        web,
        {"full_name": "Lê Văn Tám", "unit_id": str(world.unit_id("CC_A1")), "is_external": "on"},
    )
    assert response.status_code == 422
    assert "Người ngoài ngành cần thuộc" in field_error(response.text, "organisation")


def test_htmx_form_post_gets_only_the_form_fragment(web, world):
    signed_in(web, "reporter_a1")
    response = _post_person(web, {"full_name": "", "unit_id": ""}, headers={"HX-Request": "true"})

    assert response.status_code == 422
    assert response.text.lstrip().startswith('<form id="person-form"')
    assert "<html" not in response.text and "<header" not in response.text
    assert field_error(response.text, "unit_id") == "Trường này bắt buộc"


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

    assert text(one(listed, "#people-results .notice")) == "Đã thêm cá nhân."
    added = one(listed, "tr.just-added")
    name, _position, _unit, _kind, born = table_rows(added)[0]
    assert name == "Nguyễn Thị Kim Ngân" and born == "1990"
    detail = web.get(one(added, "a")["href"]).text
    assert "01/10/2015" in detail and "Nữ" in detail


def test_search_as_you_type_returns_only_the_rows_fragment(web, world):
    signed_in(web, "admin_a")
    full = web.get("/people?q=nguyen")
    fragment = web.get("/people?q=nguyen", headers={"HX-Request": "true"})

    assert "<html" in full.text
    assert one(full, "#f-q")["hx-trigger"].startswith("keyup changed delay:300ms")
    assert "<html" not in fragment.text and not select(fragment, "form")
    names = [cells[0] for cells in table_rows(one(fragment, "tbody"))]
    assert "Nguyễn Văn An" in names and "Trần Thị Bình" not in fragment.text
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

    assert text(one(first, "#people-results .count")).startswith("30 cá nhân")
    assert "Trang 1/2" in text(one(first, ".pagination"))
    assert "Cán Bộ Số 00" in [cells[0] for cells in table_rows(one(first, "tbody"))]
    assert "Cán Bộ Số 29" not in first
    assert "Cán Bộ Số 29" in [cells[0] for cells in table_rows(one(second, "tbody"))]
    assert "Trang 2/2" in text(one(second, ".pagination"))


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
