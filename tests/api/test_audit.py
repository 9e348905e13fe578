"""The change log: every change with who, when, before and after, in the change's own
transaction, readable only within the reader's subtree."""

import pytest
from sqlmodel import select

from app.models.people import Person
from app.models.units import Unit
from app.services import audit
from tests.api.helpers import audit_entries, problem


def make_changes(api, world):
    """One change in each province."""
    a = api.patch(
        f"/api/v1/units/{world.unit_id('CC_A1')}",
        json={"address": "Ấp 3, xã Bình Hòa"},
        headers=world.headers("admin_a"),
    )
    b = api.patch(
        f"/api/v1/people/{world.person_id('staff_b1')}",
        json={"position": "Thẩm tra viên"},
        headers=world.headers("admin_b"),
    )
    assert a.status_code == b.status_code == 200


def test_audit_shows_who_changed_what_with_before_and_after(api, world):
    make_changes(api, world)
    r = api.get("/api/v1/audit", headers=world.headers("reviewer_a"))
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1
    (entry,) = body["items"]
    assert (entry["actor_name"], entry["action"], entry["entity"]) == ("admin_a", "update", "unit")
    assert entry["entity_id"] == world.unit_id("CC_A1")
    assert entry["before"]["address"] is None
    assert entry["after"]["address"] == "Ấp 3, xã Bình Hòa"
    assert entry["at"].endswith(("Z", "+00:00"))


def test_audit_is_scoped_to_the_readers_subtree(api, world):
    make_changes(api, world)
    b = api.get("/api/v1/audit", headers=world.headers("admin_b")).json()["items"]
    assert [(e["entity"], e["actor_name"]) for e in b] == [("person", "admin_b")]
    # Reaching for the other province's entry by filter finds nothing.
    unit_id = world.unit_id("CC_A1")
    hidden = api.get(
        f"/api/v1/audit?entity=unit&entity_id={unit_id}", headers=world.headers("admin_b")
    )
    assert hidden.json()["items"] == []


def test_reporters_and_viewers_cannot_read_the_audit(api, world):
    for user in ("reporter_a1", "viewer_a"):
        problem(api.get("/api/v1/audit", headers=world.headers(user)), 403)


def test_audit_filters_and_newest_first(api, world):
    h = world.headers("admin_a")
    url = f"/api/v1/units/{world.unit_id('CC_A2')}"
    for address in ("Một", "Hai", "Ba"):
        api.patch(url, json={"address": address}, headers=h)
    api.patch(f"/api/v1/people/{world.person_id('staff_a2')}", json={"position": "X"}, headers=h)

    units = api.get(
        f"/api/v1/audit?entity=unit&entity_id={world.unit_id('CC_A2')}", headers=h
    ).json()
    assert units["total"] == 3
    assert [e["after"]["address"] for e in units["items"]] == ["Ba", "Hai", "Một"]
    page = api.get("/api/v1/audit?limit=1&offset=1", headers=h).json()
    assert page["total"] == 4 and page["items"][0]["after"]["address"] == "Ba"
    problem(api.get("/api/v1/audit?entity=unit;drop", headers=h), 422)


def test_logins_are_audited_for_the_users_unit(api, world):
    assert (
        api.post(
            "/api/v1/auth/token", data={"username": "reporter_a1", "password": "wrong password"}
        ).status_code
        == 401
    )
    entries = api.get("/api/v1/audit?entity=user", headers=world.headers("reviewer_a")).json()
    assert [e["action"] for e in entries["items"]] == ["login_failed"]
    assert entries["items"][0]["after"]["username"] == "reporter_a1"
    assert "wrong password" not in str(entries)


@pytest.fixture
def crash_after_audit(monkeypatch):
    """The change and its audit entry are written, then the request fails before committing."""
    original = audit.record

    def record_then_crash(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", record_then_crash)


def test_a_failing_update_leaves_neither_change_nor_audit_entry(
    api, world, session, crash_after_audit
):
    r = api.patch(
        f"/api/v1/units/{world.unit_id('CC_A1')}",
        json={"name": "Tên không được lưu"},
        headers=world.headers("admin_a"),
    )
    body = problem(r, 500)
    assert body["title"] == "Lỗi hệ thống" and "disk full" not in r.text
    session.expire_all()
    assert session.get(Unit, world.unit_id("CC_A1")).name == "Chi cục THADS huyện Giồng Trôm"
    assert audit_entries(session) == []


def test_a_failing_create_leaves_neither_record_nor_audit_entry(
    api, world, session, crash_after_audit
):
    r = api.post(
        "/api/v1/people",
        json={"full_name": "Người không được lưu", "unit_id": world.unit_id("CC_A1")},
        headers=world.headers("admin_a"),
    )
    problem(r, 500)
    session.expire_all()
    assert (
        session.exec(select(Person).where(Person.full_name == "Người không được lưu")).all() == []
    )
    assert audit_entries(session) == []
