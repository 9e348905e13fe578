"""The person page's work history and the edit form's transfer date: a transfer shows as two
rows with Vietnamese dates, each unit named as it was; a refused date is explained in
Vietnamese beside the field and nothing is saved."""

from tests.web.conftest import page_token, signed_in
from tests.web.html import field_error, form_fields, one, table_rows


def _edit(web, world, key: str, unit: str, effective_on: str, version: str = "1"):
    person_id = world.person_id(key)
    token = page_token(web, f"/people/{person_id}/edit")
    return web.post(
        f"/people/{person_id}/edit",
        data={
            "full_name": "Nguyễn Văn An",
            "unit_id": str(world.unit_id(unit)),
            "is_active": "on",
            "effective_on": effective_on,
            "version": version,
            "csrf_token": token,
        },
        follow_redirects=False,
    )


def test_a_transfer_from_the_form_shows_in_the_work_history(web, world):
    signed_in(web, "admin_a")
    form = web.get(f"/people/{world.person_id('staff_a1')}/edit").text
    assert (
        one(form, "label[for=f-effective_on]")
        .get_text(strip=True)
        .startswith("Ngày điều động/chuyển công tác")
    )
    response = _edit(web, world, "staff_a1", "CC_A2", "01/03/2024")
    assert response.status_code == 303, response.text
    page = web.get(response.headers["location"]).text
    rows = table_rows(one(page, "#assignments tbody"))
    assert [r[:3] for r in rows] == [
        ["—", "29/02/2024", "Chi cục THADS huyện Giồng Trôm"],
        ["01/03/2024", "nay", "Chi cục THADS huyện Thạnh Phú"],
    ]
    assert "Quá trình công tác" in page


def test_a_transfer_date_before_the_current_assignment_is_explained_beside_the_field(web, world):
    signed_in(web, "admin_a")
    assert _edit(web, world, "staff_a1", "CC_A2", "01/03/2024").status_code == 303
    response = _edit(web, world, "staff_a1", "OFFICE_A", "15/01/2024", version="2")
    assert response.status_code == 422
    assert field_error(response.text, "effective_on") == (
        "Quá trình công tác hiện tại bắt đầu từ ngày 2024-03-01: ngày điều động không thể sớm hơn"
    )
    assert form_fields(one(response.text, "#person-form"))["effective_on"] == "15/01/2024"
    page = web.get(f"/people/{world.person_id('staff_a1')}").text
    assert len(table_rows(one(page, "#assignments tbody"))) == 2  # nothing saved


def test_a_unit_renamed_since_shows_its_name_then_and_now(web, session, world):
    from app.models.restructurings import RestructuringPlan
    from app.services.restructuring.events import apply_plan
    from app.services.scope import Actor

    signed_in(web, "admin_a")
    plan = {
        "title": "Đổi tên Chi cục",
        "effective_on": "2025-07-01",
        "basis": {"number": "1898/QĐ-BTP", "signed_on": "2025-06-25"},
        "events": [{"kind": "rename", "units": ["CC_A1"], "name": "Chi cục THADS Giồng Trôm mới"}],
    }
    apply_plan(session, Actor.system(), RestructuringPlan.model_validate(plan))
    session.commit()
    assert _edit(web, world, "staff_a1", "CC_A2", "01/08/2025").status_code == 303
    page = web.get(f"/people/{world.person_id('staff_a1')}").text
    first = table_rows(one(page, "#assignments tbody"))[0]
    assert first[2] == "Chi cục THADS huyện Giồng Trôm nay: Chi cục THADS Giồng Trôm mới"
