"""The unit tree, a unit's page, and the administrators' edit form."""

from tests.web.conftest import page_token, signed_in
from tests.web.html import csrf_token, field_error, one, select, text


def test_tree_nests_units_in_scope_and_marks_external_ones(web, world):
    signed_in(web, "reviewer_a")
    html = web.get("/units").text

    # Nested: the Chi cục's own list holds its police partner.
    (giong_trom,) = [
        branch
        for branch in select(html, ".tree li.branch")
        if text(one(branch, ":scope > .node > a")) == "Chi cục THADS huyện Giồng Trôm"
    ]
    under = [text(a) for a in select(one(giong_trom, ":scope > details"), "a")]
    assert "Công an huyện Giồng Trôm" in under
    (partner,) = [a for a in select(html, ".tree a") if text(a) == "Công an huyện Giồng Trôm"]
    assert text(one(partner.parent, ".badge.external")) == "Ngoài ngành"
    # Tree order: the Cục before its offices.
    names = [text(a) for a in select(html, ".tree a")]
    assert names.index("Cục THADS tỉnh Bến Tre") < names.index("Phòng Tổ chức cán bộ")
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

    crumb = text(one(html, "nav.breadcrumb"))
    assert "Cục THADS tỉnh Bến Tre" in crumb and "Tổng cục" not in crumb  # out of scope
    sub_units = [text(a) for a in select(html, '[aria-labelledby="children-title"] a')]
    assert "Công an huyện Giồng Trôm" in sub_units
    people = [text(a) for a in select(html, "#unit-people tbody td:first-child a")]
    assert "Nguyễn Văn An" in people
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
    assert text(one(page, "main .notice")) == "Đã lưu thay đổi."
    details = text(one(page, '[aria-labelledby="details-title"] dl'))
    assert "Thị trấn Giồng Trôm" in details and "01/10/2021" in details

    # The same form again carries version 1, which is now stale.
    stale = web.post(f"/units/{unit_id}", data={**form, "address": "Khác"})
    assert stale.status_code == 412
    assert "Đơn vị này vừa được người khác thay đổi" in text(
        one(stale, "#unit-form .error-summary")
    )
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
    assert field_error(response, "name") == "Không được để trống"


def test_a_non_admin_cannot_post_the_unit_form(web, world):
    """The page shows no form (the unit allows no "update"), and a posted one is refused by
    the API, whose 403 the page shows; nothing changes."""
    signed_in(web, "reviewer_a")
    unit_id = world.unit_id("CC_A1")
    page = web.get(f"/units/{unit_id}").text
    assert not select(page, "#unit-form")
    response = web.post(
        f"/units/{unit_id}",
        data={
            "csrf_token": csrf_token(page),
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
    assert "Trang 2/2" in text(one(second, ".pagination"))
    assert text(one(second, ".count")) == "26 cá nhân"
    # Sorted by name: page 2 holds the last five "Cán Bộ" and Trần Thị Bình.
    names = [text(a) for a in select(second, "tbody td:first-child a")]
    assert names == [f"Cán Bộ Trang {i}" for i in range(20, 25)] + ["Trần Thị Bình"]
    assert "Cán Bộ Trang 00" not in second.text
