"""The rankings and the award summary pages: a date picker for the structure they name the units
by, the day the API used, and the API's note when predecessors stand in for a successor."""

from datetime import date

import pytest
from sqlmodel import Session, select

from app.models.awards import Award, AwardType, Decision
from app.models.users import Role
from tests.factories import World, make_token, make_user
from tests.reporting import GOOD
from tests.restructuring import restructure
from tests.web.conftest import signed_in
from tests.web.html import one, parse, text
from tests.web.html import select as select_all

TOWN = "Chi cục THADS thị xã Giồng Trôm"


@pytest.fixture
def restructured(api, session: Session, figures_world: World) -> World:
    """Giồng Trôm's approved 2022-Q4 report and a Tổng cục award of 2022; Giồng Trôm becomes a
    town's office in 2023; then the 1 July 2025 restructuring."""
    w = figures_world
    r = api.post(
        "/api/v1/reports",
        headers=w.headers("admin_a"),
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q4", "values": GOOD},
    )
    rid = r.json()["id"]
    api.post(f"/api/v1/reports/{rid}/submit", headers=w.headers("admin_a"))
    api.post(f"/api/v1/reports/{rid}/approve", headers=w.headers("reviewer_a"))
    w.rid = rid  # type: ignore[attr-defined]
    giay_khen = session.exec(select(AwardType).where(AwardType.code == "GIAY_KHEN")).one()
    decision = Decision(
        number="1520/QĐ-TCTHADS",
        signed_on=date(2022, 8, 29),
        issuer_id=w.unit_id("TC"),
        kind="cong_trang",
        year=2022,
        regime="test",
    )
    session.add(decision)
    session.flush()
    session.add(
        Award(
            decision_id=decision.id,  # type: ignore[arg-type]
            award_type_id=giay_khen.id,  # type: ignore[arg-type]
            recipient_unit_id=w.unit_id("CC_A1"),
            unit_id=w.unit_id("CC_A1"),
            year=2022,
        )
    )
    session.commit()
    restructure(
        session,
        w,
        {
            "title": "Thành lập thị xã Giồng Trôm",
            "effective_on": "2023-01-01",
            "basis": {"number": "7/QĐ-TCTHADS", "signed_on": "2022-12-15"},
            "events": [{"kind": "rename", "units": ["CC_A1"], "name": TOWN}],
        },
    )
    restructure(session, w)
    w.users["admin_vl"] = make_user(session, "admin_vl", Role.admin, w.units["THADS_VL"])
    w.tokens["admin_vl"] = make_token(session, w.users["admin_vl"])
    session.commit()
    return w


def _picker(html) -> tuple[str, str]:
    """The as_of field's label and value."""
    field = one(html, 'form.filters input[type="date"][name="as_of"]')
    label = one(html, 'label[for="f-as_of"]')
    return text(label), field.get("value", "")


def test_the_rankings_page_names_the_structure_and_the_predecessors(web, restructured):
    w = restructured
    signed_in(web, "admin_vl")
    page = parse(web.get(f"/rankings?period=2022-Q4&parent_id={w.unit_id('THADS_VL')}"))
    assert _picker(page) == ("Cơ cấu tổ chức tại ngày", "")
    assert text(one(page, ".as-of-note")) == "Tên đơn vị theo cơ cấu ngày 30/09/2022"
    assert text(one(page, ".succession-note")) == (
        "Xếp hạng các đơn vị trực thuộc của các đơn vị tiền thân: Cục THADS tỉnh Bến Tre, "
        "Cục THADS tỉnh Trà Vinh."
    )
    assert "Huyện Giồng Trôm" in text(one(page, "table.ranking-table"))  # named as in 2022

    later = parse(
        web.get(f"/rankings?period=2022-Q4&parent_id={w.unit_id('CUC_A')}&as_of=2024-01-01")
    )
    assert _picker(later) == ("Cơ cấu tổ chức tại ngày", "2024-01-01")
    assert text(one(later, ".as-of-note")) == "Tên đơn vị theo cơ cấu ngày 01/01/2024"
    assert "Thị xã Giồng Trôm" in text(one(later, "table.ranking-table"))
    assert not select_all(later, ".succession-note")  # Bến Tre existed then: its own offices


def test_the_summary_page_names_the_structure_and_sums_the_predecessors(web, restructured):
    w = restructured
    signed_in(web, "admin_vl")
    page = parse(web.get(f"/summary?year=2022&unit_id={w.unit_id('THADS_VL')}"))
    assert _picker(page) == ("Cơ cấu tổ chức tại ngày", "")
    assert text(one(page, ".as-of-note")) == "Tên đơn vị theo cơ cấu ngày 30/09/2022"
    assert text(one(page, ".succession-note")) == (
        "Tổng hợp từ các đơn vị tiền thân: Cục THADS tỉnh Bến Tre, Cục THADS tỉnh Trà Vinh."
    )
    assert "Tổng cục THADS" in text(one(page, "#summary-table"))

    now = parse(web.get(f"/summary?year=2022&unit_id={w.unit_id('THADS_VL')}&as_of=2025-07-01"))
    assert _picker(now) == ("Cơ cấu tổ chức tại ngày", "2025-07-01")
    assert text(one(now, ".as-of-note")) == "Tên đơn vị theo cơ cấu ngày 01/07/2025"
    assert "Cục Quản lý Thi hành án dân sự" in text(one(now, "#summary-table"))
    download = one(now, 'a[href^="/summary/download?format=xlsx"]').get("href")
    assert "as_of=2025-07-01" in download


def test_a_successors_trend_section_sums_its_predecessors(web, restructured):
    w = restructured
    signed_in(web, "admin_vl")
    html = parse(web.get(f"/units/{w.unit_id('PKV_1')}/trend", headers={"HX-Request": "true"}))
    assert "các đơn vị tiền thân" in text(one(html, "section.trend .hint + .hint"))
    cell = one(html, "section.trend tbody tr td:first-child")
    assert text(cell) == "2022-Q4 Tổng của Huyện Giồng Trôm"
    assert one(cell, "a").get("href") == f"/reports/{w.rid}"
