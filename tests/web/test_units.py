"""The unit tree, a unit's page, and the administrators' edit form."""

import re

from tests.web.conftest import csrf_in, page_token, signed_in


def test_tree_nests_units_in_scope_and_marks_external_ones(web, world):
    signed_in(web, "reviewer_a")
    html = web.get("/units").text

    # Nested: the Chi cục's own list holds its police partner.
    giong_trom = re.search(
        r"<a href=\"/units/(\d+)\">Chi cục THADS huyện Giồng Trôm</a>.*?<details>.*?</details>",
        html,
        re.S,
    )
    assert giong_trom and "Công an huyện Giồng Trôm" in giong_trom.group(0)
    partner = re.search(
        r"Công an huyện Giồng Trôm</a>\s*<span class=\"badge external\">([^<]+)<", html
    )
    assert partner and partner.group(1) == "Ngoài ngành"
    # Tree order: the Cục before its offices.
    assert html.index("Cục THADS tỉnh Bến Tre") < html.index("Phòng Tổ chức cán bộ")
    assert "Trà Vinh" not in html


def test_unit_search_as_you_type_returns_a_fragment(web, world):
    signed_in(web, "reviewer_a")
    response = web.get("/units?q=giong", headers={"HX-Request": "true"})

    assert "<html" not in response.text
    assert "Chi cục THADS huyện Giồng Trôm" in response.text
    assert "Thạnh Phú" not in response.text
    assert "Tìm thấy 2 đơn vị" in response.text


def test_unit_page_shows_breadcrumb_sub_units_and_people(web, world):
    signed_in(web, "reviewer_a")
    html = web.get(f"/units/{world.unit_id('CC_A1')}").text

    crumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S).group(0)
    assert "Cục THADS tỉnh Bến Tre" in crumb and "Tổng cục" not in crumb  # out of scope
    assert "Công an huyện Giồng Trôm" in html
    assert "Nguyễn Văn An" in html
    assert "Sửa thông tin đơn vị" not in html  # only administrators edit


def test_admin_edits_a_unit_with_if_match(web, world, api):
    signed_in(web, "admin_a")
    unit_id = world.unit_id("CC_A1")
    token = page_token(web, f"/units/{unit_id}")
    form = {
        "csrf_token": token,
        "version": "1",
        "code": "CC_A1",
        "name": "Chi cục THADS huyện Giồng Trôm",
        "kind": "district_office",
        "address": "Thị trấn Giồng Trôm",
        "valid_from": "01/10/2021",
        "valid_to": "",
    }

    saved = web.post(f"/units/{unit_id}", data=form, follow_redirects=False)
    assert saved.status_code == 303
    page = web.get(saved.headers["location"]).text
    assert "Đã lưu thay đổi." in page and "Thị trấn Giồng Trôm" in page and "01/10/2021" in page

    # The same form again carries version 1, which is now stale.
    stale = web.post(f"/units/{unit_id}", data={**form, "address": "Khác"})
    assert stale.status_code == 412
    assert "Đơn vị này vừa được người khác thay đổi" in stale.text
    current = api.get(f"/api/v1/units/{unit_id}", headers=world.headers("admin_a")).json()
    assert current["address"] == "Thị trấn Giồng Trôm"


def test_unit_edit_errors_are_shown_beside_fields(web, world):
    signed_in(web, "admin_a")
    unit_id = world.unit_id("CC_A1")
    token = page_token(web, f"/units/{unit_id}")
    response = web.post(
        f"/units/{unit_id}",
        data={
            "csrf_token": token,
            "version": "1",
            "code": "CC_A2",
            "name": "",
            "kind": "district_office",
            "valid_from": "",
            "valid_to": "",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert response.text.lstrip().startswith('<form id="unit-form"')
    assert '<p class="field-error" id="e-name">Không được để trống</p>' in response.text


def test_a_non_admin_cannot_post_the_unit_form(web, world):
    """The page shows no form (the unit allows no "update"), and a posted one is refused by
    the API, whose 403 the page shows; nothing changes."""
    signed_in(web, "reviewer_a")
    unit_id = world.unit_id("CC_A1")
    page = web.get(f"/units/{unit_id}").text
    assert 'id="unit-form"' not in page
    response = web.post(
        f"/units/{unit_id}",
        data={
            "csrf_token": csrf_in(page),
            "version": "1",
            "code": "CC_A1",
            "name": "X",
            "kind": "district_office",
        },
    )
    assert response.status_code == 403
    assert "Giồng Trôm" in web.get(f"/units/{unit_id}").text


def test_paging_the_unit_people_returns_only_that_list(web, world, session):
    from tests.factories import make_person

    for i in range(25):
        make_person(session, f"Cán Bộ Trang {i:02d}", world.units["CC_A2"])
    session.commit()
    signed_in(web, "reviewer_a")
    unit_id = world.unit_id("CC_A2")

    second = web.get(f"/units/{unit_id}?page=2", headers={"HX-Request": "true"})

    assert "<html" not in second.text and "Đơn vị trực thuộc" not in second.text
    assert "Trang 2/2" in second.text and "26 cá nhân" in second.text
    # Sorted by name: page 2 holds the last five "Cán Bộ" and Trần Thị Bình.
    assert "Cán Bộ Trang 20" in second.text and "Trần Thị Bình" in second.text
    assert "Cán Bộ Trang 00" not in second.text
