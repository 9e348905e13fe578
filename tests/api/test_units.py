"""Units: the hierarchy read within scope, created, changed with optimistic locking, and moved
with their subtree."""

from sqlmodel import select

from app.models.audit import IdempotencyRecord
from app.models.levels import LevelCode
from app.models.units import Unit
from app.models.users import Role
from tests.api.helpers import audit_entries, error_fields, problem
from tests.factories import make_token, make_unit, make_user


def codes(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [u["code"] for u in r.json()["items"]]


def new_unit(world, **overrides):
    return {
        "code": "CC_A3",
        "name": "Chi cục THADS huyện Bình Đại",
        "kind": "district_office",
        "parent_id": world.unit_id("CUC_A"),
        **overrides,
    }


# Reading


def test_units_are_listed_in_tree_order_within_scope(api, world):
    r = api.get("/api/v1/units", headers=world.headers("reviewer_a"))
    assert codes(r) == ["CUC_A", "OFFICE_A", "CC_A1", "EXT_A1", "CC_A2", "EXT_A"]
    first = r.json()["items"][0]
    assert first["parent_id"] == world.unit_id("TC") and first["depth"] == 2
    assert codes(api.get("/api/v1/units", headers=world.headers("admin_b"))) == ["CUC_B", "CC_B1"]


def test_unit_filters(api, world):
    h = world.headers("admin_a")
    cuc = world.unit_id("CUC_A")
    assert codes(api.get(f"/api/v1/units?parent_id={cuc}", headers=h)) == [
        "OFFICE_A",
        "CC_A1",
        "CC_A2",
        "EXT_A",
    ]
    assert codes(api.get("/api/v1/units?kind=district_office", headers=h)) == ["CC_A1", "CC_A2"]
    assert codes(api.get("/api/v1/units?external=true", headers=h)) == ["EXT_A1", "EXT_A"]
    subtree = api.get(f"/api/v1/units?subtree_of={world.unit_id('CC_A1')}", headers=h)
    assert codes(subtree) == ["CC_A1", "EXT_A1"]


def test_search_ignores_diacritics_and_case(api, world):
    h = world.headers("admin_a")
    assert codes(api.get("/api/v1/units", params={"q": "giong trom"}, headers=h)) == [
        "CC_A1",
        "EXT_A1",
    ]
    assert codes(api.get("/api/v1/units", params={"q": "THẠNH PHÚ"}, headers=h)) == ["CC_A2"]
    assert codes(api.get("/api/v1/units", params={"q": "uy ban"}, headers=h)) == ["EXT_A"]
    assert codes(api.get("/api/v1/units", params={"q": "cc_a"}, headers=h)) == ["CC_A1", "CC_A2"]


def test_a_reporter_cannot_see_another_office(api, world):
    for other in ("CC_A2", "CUC_A", "CC_B1"):
        r = api.get(f"/api/v1/units/{world.unit_id(other)}", headers=world.headers("reporter_a1"))
        assert problem(r, 404)["detail"] == "Không tìm thấy đơn vị"
    r = api.get(f"/api/v1/units/{world.unit_id('CC_A1')}", headers=world.headers("reporter_a1"))
    assert r.json()["code"] == "CC_A1"


def test_a_filter_on_a_unit_outside_scope_is_not_found(api, world):
    r = api.get(
        f"/api/v1/units?subtree_of={world.unit_id('CC_B1')}", headers=world.headers("admin_a")
    )
    problem(r, 404)


def test_get_unit_carries_its_version_as_etag(api, world):
    r = api.get(f"/api/v1/units/{world.unit_id('CC_A1')}", headers=world.headers("viewer_a"))
    assert r.headers["etag"] == '"1"'
    assert r.json()["version"] == 1


def test_pagination_bounds(api, world):
    h = world.headers("admin_a")
    for query in ("limit=0", "limit=501", "offset=-1", "limit=abc"):
        assert error_fields(api.get(f"/api/v1/units?{query}", headers=h)) == {query.split("=")[0]}
    assert api.get("/api/v1/units?limit=500", headers=h).json()["limit"] == 500


def test_pages_follow_a_stable_order(api, world):
    h = world.headers("admin_a")
    everything = codes(api.get("/api/v1/units", headers=h))
    pages = []
    for offset in range(0, len(everything) + 2, 2):
        page = api.get(f"/api/v1/units?limit=2&offset={offset}", headers=h).json()
        assert page["total"] == len(everything)
        pages += [u["code"] for u in page["items"]]
    assert pages == everything


# Creating


def test_admin_creates_a_unit(api, world, session):
    r = api.post("/api/v1/units", json=new_unit(world), headers=world.headers("admin_a"))
    assert r.status_code == 201
    unit = r.json()
    assert r.headers["location"] == f"/api/v1/units/{unit['id']}"
    assert r.headers["etag"] == '"1"'
    assert (unit["code"], unit["depth"], unit["is_external"]) == ("CC_A3", 3, False)
    listed = codes(api.get("/api/v1/units?q=binh dai", headers=world.headers("admin_a")))
    assert listed == ["CC_A3"]
    (entry,) = audit_entries(session, entity="unit", action="create")
    assert entry.entity_id == unit["id"] and entry.actor_name == "admin_a"
    assert entry.before is None and entry.after["code"] == "CC_A3"


def test_invalid_unit_lists_every_failing_field(api, world, session):
    r = api.post(
        "/api/v1/units",
        json={
            "code": "bad code!",
            "name": "",
            "kind": "Planet!",
            "parent_id": "x",
            "valid_from": "2024-13-01",
            "address": "x" * 300,
        },
        headers=world.headers("admin_a"),
    )
    assert error_fields(r) == {"code", "name", "kind", "parent_id", "valid_from", "address"}
    by_field = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert by_field["name"] == "Không được để trống"
    assert by_field["address"] == "Tối đa 255 ký tự"
    assert by_field["valid_from"] == "Phải là ngày hợp lệ (yyyy-mm-dd)"
    assert audit_entries(session) == []


def test_field_messages_in_english_on_request(api, world):
    r = api.post(
        "/api/v1/units",
        json={"code": "X", "name": "", "kind": "external"},
        headers=world.headers("admin_a", **{"Accept-Language": "en-GB,en;q=0.9"}),
    )
    body = problem(r, 422)
    assert body["title"] == "Invalid input"
    assert body["errors"] == [
        {"field": "name", "message": "Must not be empty", "code": "string_too_short"}
    ]


def test_unit_rules_are_field_errors(api, world):
    h = world.headers("admin_a")
    dup = api.post("/api/v1/units", json=new_unit(world, code="CC_A1"), headers=h)
    assert error_fields(dup) == {"code"}
    dates = api.post(
        "/api/v1/units",
        json=new_unit(world, valid_from="2025-07-01", valid_to="2025-06-30"),
        headers=h,
    )
    assert error_fields(dates) == {"valid_to"}
    under_external = api.post(
        "/api/v1/units", json=new_unit(world, parent_id=world.unit_id("EXT_A")), headers=h
    )
    assert error_fields(under_external) == {"kind"}
    elsewhere = api.post(
        "/api/v1/units", json=new_unit(world, parent_id=world.unit_id("CUC_B")), headers=h
    )
    assert error_fields(elsewhere) == {"parent_id"}
    no_parent = api.post("/api/v1/units", json=new_unit(world, parent_id=None), headers=h)
    assert error_fields(no_parent) == {"parent_id"}


def test_same_idempotency_key_creates_once_and_replays_the_response(api, world, session):
    h = world.headers("admin_a", **{"Idempotency-Key": "unit-2024-001"})
    first = api.post("/api/v1/units", json=new_unit(world), headers=h)
    again = api.post("/api/v1/units", json=new_unit(world), headers=h)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    session.expire_all()
    assert len(session.exec(select(Unit).where(Unit.code == "CC_A3")).all()) == 1
    assert len(audit_entries(session, entity="unit", action="create")) == 1


def test_same_idempotency_key_with_another_body_is_a_conflict(api, world, session):
    h = world.headers("admin_a", **{"Idempotency-Key": "unit-2024-001"})
    assert api.post("/api/v1/units", json=new_unit(world), headers=h).status_code == 201
    r = api.post("/api/v1/units", json=new_unit(world, code="CC_A4"), headers=h)
    assert problem(r, 409)["detail"] == "Idempotency-Key đã được dùng cho một yêu cầu khác"
    session.expire_all()
    assert session.exec(select(Unit).where(Unit.code == "CC_A4")).first() is None


def test_idempotency_keys_belong_to_their_user(api, world, session):
    key = {"Idempotency-Key": "shared-key"}
    assert (
        api.post(
            "/api/v1/units", json=new_unit(world), headers=world.headers("admin_a", **key)
        ).status_code
        == 201
    )
    r = api.post(
        "/api/v1/units",
        json=new_unit(world, code="CC_B2", parent_id=world.unit_id("CUC_B")),
        headers=world.headers("admin_b", **key),
    )
    assert r.status_code == 201 and r.json()["code"] == "CC_B2"
    assert len(session.exec(select(IdempotencyRecord)).all()) == 2


def test_a_failed_create_does_not_burn_the_idempotency_key(api, world):
    h = world.headers("admin_a", **{"Idempotency-Key": "retry-me"})
    problem(api.post("/api/v1/units", json=new_unit(world, code="CC_A1"), headers=h), 422)
    assert api.post("/api/v1/units", json=new_unit(world), headers=h).status_code == 201


# Changing


def test_patch_with_the_current_etag_then_a_stale_one(api, world, session):
    url = f"/api/v1/units/{world.unit_id('CC_A1')}"
    h = world.headers("admin_a")
    etag = api.get(url, headers=h).headers["etag"]
    ok = api.patch(url, json={"address": "Thị trấn Giồng Trôm"}, headers={**h, "If-Match": etag})
    assert ok.status_code == 200 and ok.headers["etag"] == '"2"'

    stale = api.patch(url, json={"address": "Somewhere else"}, headers={**h, "If-Match": etag})
    problem(stale, 412)
    assert stale.headers["etag"] == '"2"'
    assert api.get(url, headers=h).json()["address"] == "Thị trấn Giồng Trôm"
    assert len(audit_entries(session, entity="unit", action="update")) == 1


def test_weak_etag_and_wildcard_are_understood(api, world):
    url = f"/api/v1/units/{world.unit_id('CC_A1')}"
    h = world.headers("admin_a")
    assert (
        api.patch(url, json={"address": "A"}, headers={**h, "If-Match": 'W/"1"'}).status_code == 200
    )
    assert api.patch(url, json={"address": "B"}, headers={**h, "If-Match": "*"}).status_code == 200
    problem(api.patch(url, json={"address": "C"}, headers={**h, "If-Match": "garbage"}), 412)


def test_update_is_audited_with_before_and_after(api, world, session):
    unit_id = world.unit_id("CC_A2")
    r = api.patch(
        f"/api/v1/units/{unit_id}",
        json={"name": "Chi cục THADS huyện Thạnh Phú (mới)"},
        headers=world.headers("admin_a"),
    )
    assert r.json()["version"] == 2
    (entry,) = audit_entries(session, entity="unit", action="update")
    assert entry.entity_id == unit_id
    assert entry.before["name"] == "Chi cục THADS huyện Thạnh Phú"
    assert entry.after["name"] == "Chi cục THADS huyện Thạnh Phú (mới)"
    assert (entry.before["version"], entry.after["version"]) == (1, 2)
    # The new name is searchable without diacritics.
    found = api.get("/api/v1/units?q=thanh phu (moi)", headers=world.headers("admin_a"))
    assert codes(found) == ["CC_A2"]


def test_a_patch_that_changes_nothing_writes_nothing(api, world, session):
    url = f"/api/v1/units/{world.unit_id('CC_A2')}"
    r = api.patch(
        url, json={"name": "Chi cục THADS huyện Thạnh Phú"}, headers=world.headers("admin_a")
    )
    assert r.status_code == 200 and r.headers["etag"] == '"1"'
    assert audit_entries(session) == []


def test_required_fields_cannot_be_cleared(api, world):
    url = f"/api/v1/units/{world.unit_id('CC_A2')}"
    assert error_fields(api.patch(url, json={"name": None}, headers=world.headers("admin_a"))) == {
        "name"
    }


# Moving


def _national_admin(session, world):
    user = make_user(session, "admin_tc", Role.admin, world.units["TC"])
    token = make_token(session, user)
    session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_moving_a_unit_moves_its_subtree(api, world, session):
    h = _national_admin(session, world)
    grandchild = make_unit(session, "EXT_A1_X", LevelCode.external, world.units["EXT_A1"])
    session.commit()
    cc_a1 = world.unit_id("CC_A1")
    r = api.patch(f"/api/v1/units/{cc_a1}", json={"parent_id": world.unit_id("CUC_B")}, headers=h)
    assert r.status_code == 200
    assert r.json()["parent_id"] == world.unit_id("CUC_B")

    # The whole subtree now belongs to province B …
    in_b = codes(api.get("/api/v1/units", headers=world.headers("admin_b")))
    assert sorted(in_b) == ["CC_A1", "CC_B1", "CUC_B", "EXT_A1", "EXT_A1_X"]
    assert in_b.index("CUC_B") < in_b.index("CC_A1") < in_b.index("EXT_A1") < in_b.index("EXT_A1_X")
    people = api.get("/api/v1/people", headers=world.headers("admin_b")).json()["items"]
    assert "Nguyễn Văn An" in [p["full_name"] for p in people]
    # … and is gone from province A.
    problem(api.get(f"/api/v1/units/{grandchild.id}", headers=world.headers("admin_a")), 404)
    session.expire_all()
    cuc_b_path = session.get(Unit, world.unit_id("CUC_B")).path
    for code in ("CC_A1", "EXT_A1", "EXT_A1_X"):
        unit = session.exec(select(Unit).where(Unit.code == code)).one()
        assert unit.path.startswith(cuc_b_path), (code, unit.path)
    # The reporter of the moved office still sees exactly their office.
    assert codes(api.get("/api/v1/units", headers=world.headers("reporter_a1"))) == [
        "CC_A1",
        "EXT_A1",
        "EXT_A1_X",
    ]


def test_a_unit_cannot_move_under_itself_or_its_descendants(api, world, session):
    h = _national_admin(session, world)
    cuc_a = world.unit_id("CUC_A")
    for parent in ("CUC_A", "CC_A1"):
        r = api.patch(
            f"/api/v1/units/{cuc_a}", json={"parent_id": world.unit_id(parent)}, headers=h
        )
        assert error_fields(r) == {"parent_id"}, parent
    session.expire_all()
    assert session.get(Unit, cuc_a).parent_id == world.unit_id("TC")
    assert audit_entries(session, entity="unit") == []


def test_an_admin_cannot_move_their_own_unit_or_out_of_their_subtree(api, world, session):
    h = world.headers("admin_a")
    problem(
        api.patch(
            f"/api/v1/units/{world.unit_id('CUC_A')}",
            json={"parent_id": world.unit_id("CUC_B")},
            headers=h,
        ),
        403,
    )
    r = api.patch(
        f"/api/v1/units/{world.unit_id('CC_A1')}",
        json={"parent_id": world.unit_id("CUC_B")},
        headers=h,
    )
    assert error_fields(r) == {"parent_id"}
    session.expire_all()
    assert session.get(Unit, world.unit_id("CC_A1")).parent_id == world.unit_id("CUC_A")


def test_code_search_takes_underscore_literally(api, world, session):
    make_unit(session, "CCXA9", LevelCode.district_office, world.units["CUC_A"], "Chi cục mới")
    session.commit()
    found = api.get("/api/v1/units", params={"q": "cc_a"}, headers=world.headers("admin_a"))
    assert codes(found) == ["CC_A1", "CC_A2"]


def test_an_empty_idempotency_key_is_an_invalid_header(api, world, session):
    r = api.post(
        "/api/v1/units",
        json=new_unit(world),
        headers=world.headers("admin_a", **{"Idempotency-Key": ""}),
    )
    assert problem(r, 422)["errors"][0] == {
        "field": "Idempotency-Key",
        "message": "Không được để trống",
        "code": "string_too_short",
    }
    session.expire_all()
    assert session.exec(select(Unit).where(Unit.code == "CC_A3")).first() is None
