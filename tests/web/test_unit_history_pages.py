"""The unit pages through time: a unit's timeline (names, parents, levels, events with their
legal basis, predecessors and successors), the tree as of a past day, and levels named by the
API's table of levels, in Vietnamese and English."""

import pytest
from sqlmodel import Session

from app.models.users import Role
from tests.factories import World, make_user
from tests.restructuring import restructure
from tests.web.conftest import signed_in
from tests.web.html import field_error, one, select, table_rows, text


@pytest.fixture
def national(session: Session, world: World) -> World:
    restructure(session, world)
    make_user(session, "admin_btp", Role.admin, world.units["BTP"])
    session.commit()
    return world


def _timeline(web, unit_id: int) -> str:
    response = web.get(f"/units/{unit_id}/timeline")
    assert response.status_code == 200
    return response.text


def test_a_merged_province_shows_its_successor_and_the_legal_basis(web, national):
    w = signed_in(web, "admin_btp")
    page = _timeline(w, national.unit_id("CUC_A"))
    rows = table_rows(one(page, "#timeline tbody"))
    assert rows == [
        [
            "—",
            "30/06/2025",
            "Cục THADS tỉnh Bến Tre",
            "CUC_A",
            "Cục Thi hành án dân sự tỉnh, thành phố",
            "Tổng cục THADS",
        ]
    ]
    events = text(one(page, "#timeline ol.timeline"))
    assert "01/07/2025 · Hợp nhất, sáp nhập" in events
    assert "202/2025/QH15" in events
    successors = [a.get_text() for a in select(page, "#timeline p a")]
    assert "Thi hành án dân sự tỉnh Vĩnh Long" in successors


def test_the_successor_names_what_it_took_over(web, national):
    w = signed_in(web, "admin_btp")
    page = _timeline(w, national.unit_id("THADS_VL"))
    first = text(select(page, "#timeline p")[0])
    assert first.startswith("Kế thừa từ:")
    assert "Cục THADS tỉnh Bến Tre" in first


def test_a_unit_never_restructured_says_so(web, world):
    w = signed_in(web, "admin_a")
    page = _timeline(w, world.unit_id("CC_A1"))
    assert "Chưa có lần sắp xếp tổ chức nào" in text(one(page, "#timeline"))
    assert select(page, "#timeline table") == []


def test_the_tree_as_of_a_past_day_shows_that_days_names(web, national):
    w = signed_in(web, "admin_btp")
    before = w.get("/units", params={"as_of": "30/06/2025"})
    assert before.status_code == 200
    names = [a.get_text() for a in select(before.text, "#unit-results a")]
    assert "Tổng cục THADS" in names and "Cục Quản lý Thi hành án dân sự" not in names
    assert "30/06/2025" in text(one(before.text, "#unit-results .notice"))
    # Links keep the day, so the unit page shows the unit as it was.
    link = next(
        a for a in select(before.text, "#unit-results a") if a.get_text() == "Tổng cục THADS"
    )
    assert link["href"].endswith("?as_of=2025-06-30")
    unit_page = w.get(link["href"])
    assert one(unit_page.text, "h1").get_text(strip=True).startswith("Tổng cục THADS")
    assert "30/06/2025" in text(one(unit_page.text, "p.notice"))
    assert select(unit_page.text, "#unit-form") == []  # a past state is read only
    today = w.get("/units")
    names_now = [a.get_text() for a in select(today.text, "#unit-results a")]
    assert "Cục Quản lý Thi hành án dân sự" in names_now


def test_an_unreadable_day_is_named_beside_the_field(web, national):
    w = signed_in(web, "admin_btp")
    response = w.get("/units", params={"as_of": "31/02/2025"})
    assert response.status_code == 422
    assert field_error(response, "as_of") == "Nhập ngày theo dạng dd/mm/yyyy"


def test_levels_are_named_by_the_api_in_both_languages(web, national):
    w = signed_in(web, "admin_btp")
    unit = national.unit_id("THADS_VL")
    page = w.get(f"/units/{unit}").text
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in select(page, "dl.facts dt")],
            [dd.get_text(strip=True) for dd in select(page, "dl.facts dd")],
            strict=True,
        )
    )
    assert facts["Cấp"] == "Thi hành án dân sự tỉnh, thành phố"
    options = [o.get_text() for o in select(page, "#f-kind option")]
    assert "Phòng Thi hành án dân sự khu vực" in options
    w.get("/lang/en?next=/")
    english = w.get(f"/units/{unit}").text
    facts_en = [dd.get_text(strip=True) for dd in select(english, "dl.facts dd")]
    assert any("Civil Judgment Enforcement" in f or "enforcement" in f.lower() for f in facts_en)
