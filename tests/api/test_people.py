"""People: staff and external individuals, searched without diacritics, read through their
unit's scope, changed with optimistic locking."""

from sqlmodel import select

from app.models.people import Person
from tests.api.helpers import audit_entries, error_fields, problem
from tests.factories import make_person


def names(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [p["full_name"] for p in r.json()["items"]]


def test_people_are_listed_within_scope_in_name_order(api, world):
    assert names(api.get("/api/v1/people", headers=world.headers("viewer_a"))) == [
        "Lê Minh Châu",
        "Nguyễn Văn An",
        "Phạm Quốc Dũng",
        "Trần Thị Bình",
    ]
    assert names(api.get("/api/v1/people", headers=world.headers("reporter_a1"))) == [
        "Nguyễn Văn An"
    ]
    assert names(api.get("/api/v1/people", headers=world.headers("admin_b"))) == ["Huỳnh Thị Em"]


def test_search_without_diacritics_finds_accented_names(api, world, session):
    make_person(session, "Đặng Thị Đào", world.units["CC_A1"])
    make_person(session, "Nguyễn Văn Ân", world.units["CC_A2"])
    session.commit()
    h = world.headers("admin_a")
    assert names(api.get("/api/v1/people", params={"q": "dang thi dao"}, headers=h)) == [
        "Đặng Thị Đào"
    ]
    assert names(api.get("/api/v1/people", params={"q": "VAN AN"}, headers=h)) == [
        "Nguyễn Văn An",
        "Nguyễn Văn Ân",
    ]
    assert names(api.get("/api/v1/people", params={"q": "Dũng"}, headers=h)) == ["Phạm Quốc Dũng"]
    assert names(api.get("/api/v1/people", params={"q": "  quoc   dung "}, headers=h)) == [
        "Phạm Quốc Dũng"
    ]


def test_search_treats_wildcards_literally(api, world):
    h = world.headers("admin_a")
    assert names(api.get("/api/v1/people", params={"q": "%"}, headers=h)) == []
    assert names(api.get("/api/v1/people", params={"q": "_"}, headers=h)) == []


def test_people_filters(api, world):
    h = world.headers("admin_a")
    cc_a1 = world.unit_id("CC_A1")
    assert names(api.get(f"/api/v1/people?unit_id={world.unit_id('CUC_A')}", headers=h)) == names(
        api.get("/api/v1/people", headers=h)
    )
    assert names(api.get(f"/api/v1/people?unit_id={cc_a1}", headers=h)) == ["Nguyễn Văn An"]
    assert names(api.get("/api/v1/people?external=true", headers=h)) == ["Phạm Quốc Dũng"]
    problem(api.get(f"/api/v1/people?unit_id={world.unit_id('CC_B1')}", headers=h), 404)


def test_a_person_of_another_office_is_not_found(api, world):
    for key in ("staff_a2", "staff_b1"):
        r = api.get(f"/api/v1/people/{world.person_id(key)}", headers=world.headers("reporter_a1"))
        assert problem(r, 404)["detail"] == "Không tìm thấy người"


def test_reporter_adds_staff_to_their_own_office(api, world, session):
    h = world.headers("reporter_a1")
    r = api.post(
        "/api/v1/people",
        json={"full_name": "  Võ Thị Giàu ", "unit_id": world.unit_id("CC_A1"), "gender": "female"},
        headers=h,
    )
    assert r.status_code == 201
    person = r.json()
    assert person["full_name"] == "Võ Thị Giàu"
    assert person["unit"] == {
        "id": world.unit_id("CC_A1"),
        "code": "CC_A1",
        "name": "Chi cục THADS huyện Giồng Trôm",
        "kind": "district_office",
        "is_external": False,
        "reports_figures": True,
    }
    assert r.headers["location"] == f"/api/v1/people/{person['id']}"
    (entry,) = audit_entries(session, entity="person", action="create")
    assert entry.after["full_name"] == "Võ Thị Giàu" and entry.unit_id == world.unit_id("CC_A1")

    elsewhere = api.post(
        "/api/v1/people",
        json={"full_name": "Võ Thị Giàu", "unit_id": world.unit_id("CC_A2")},
        headers=h,
    )
    assert error_fields(elsewhere) == {"unit_id"}


def test_invalid_person_lists_every_failing_field(api, world, session):
    r = api.post(
        "/api/v1/people",
        json={
            "full_name": "",
            "unit_id": "x",
            "gender": "other",
            "birth_year": 1800,
            "recruited_on": "31/12/2020",
            "is_external": "maybe",
            "position": "x" * 256,
        },
        headers=world.headers("admin_a"),
    )
    assert error_fields(r) == {
        "full_name",
        "unit_id",
        "gender",
        "birth_year",
        "recruited_on",
        "is_external",
        "position",
    }
    assert {e["message"] for e in r.json()["errors"] if e["field"] == "birth_year"} == {
        "Phải lớn hơn hoặc bằng 1900"
    }
    assert session.exec(select(Person).where(Person.full_name == "")).first() is None


def test_internal_and_external_membership_rules(api, world):
    h = world.headers("admin_a")
    internal_in_external = api.post(
        "/api/v1/people",
        json={"full_name": "Lý Văn Tư", "unit_id": world.unit_id("EXT_A"), "is_external": False},
        headers=h,
    )
    assert error_fields(internal_in_external) == {"is_external"}
    no_organisation = api.post(
        "/api/v1/people",
        json={"full_name": "Lý Văn Tư", "unit_id": world.unit_id("CC_A1"), "is_external": True},
        headers=h,
    )
    assert error_fields(no_organisation) == {"organisation"}
    with_organisation = api.post(
        "/api/v1/people",
        json={
            "full_name": "Lý Văn Tư",
            "unit_id": world.unit_id("CC_A1"),
            "is_external": True,
            "organisation": "Viện kiểm sát nhân dân huyện Giồng Trôm",
        },
        headers=h,
    )
    assert with_organisation.status_code == 201
    assert with_organisation.json()["is_external"] is True


def test_stale_if_match_is_412_and_nothing_changes(api, world, session):
    url = f"/api/v1/people/{world.person_id('staff_a1')}"
    h = world.headers("reporter_a1")
    read = api.get(url, headers=h)
    assert read.headers["etag"] == '"1"'
    first = api.patch(url, json={"position": "Chấp hành viên"}, headers={**h, "If-Match": '"1"'})
    assert first.status_code == 200 and first.headers["etag"] == '"2"'

    stale = api.patch(url, json={"position": "Thư ký"}, headers={**h, "If-Match": '"1"'})
    body = problem(stale, 412)
    assert body["detail"] == "Bản ghi đã thay đổi kể từ khi bạn đọc (phiên bản 2)"
    session.expire_all()
    person = session.get(Person, world.person_id("staff_a1"))
    assert (person.position, person.version) == ("Chấp hành viên", 2)
    assert len(audit_entries(session, entity="person", action="update")) == 1


def test_update_is_audited_with_before_and_after_and_renames_are_searchable(api, world, session):
    person_id = world.person_id("staff_a2")
    r = api.patch(
        f"/api/v1/people/{person_id}",
        json={"full_name": "Trần Thị Bích", "birth_year": 1985},
        headers=world.headers("reviewer_a"),
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    (entry,) = audit_entries(session, entity="person", action="update")
    assert (entry.before["full_name"], entry.after["full_name"]) == (
        "Trần Thị Bình",
        "Trần Thị Bích",
    )
    assert (entry.before["birth_year"], entry.after["birth_year"]) == (None, 1985)
    assert entry.actor_name == "reviewer_a"
    found = api.get("/api/v1/people?q=thi bich", headers=world.headers("viewer_a"))
    assert names(found) == ["Trần Thị Bích"]


def test_a_refused_update_writes_nothing(api, world, session):
    person_id = world.person_id("staff_a1")
    r = api.patch(
        f"/api/v1/people/{person_id}",
        json={"full_name": "Tên Mới", "unit_id": world.unit_id("CC_A2")},
        headers=world.headers("reporter_a1"),
    )
    assert error_fields(r) == {"unit_id"}
    session.expire_all()
    assert session.get(Person, person_id).full_name == "Nguyễn Văn An"
    assert audit_entries(session) == []


def test_same_idempotency_key_creates_one_person(api, world, session):
    h = world.headers("reporter_a1", **{"Idempotency-Key": "person-1"})
    body = {"full_name": "Võ Thị Giàu", "unit_id": world.unit_id("CC_A1")}
    first = api.post("/api/v1/people", json=body, headers=h)
    again = api.post("/api/v1/people", json=body, headers=h)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert len(session.exec(select(Person).where(Person.full_name == "Võ Thị Giàu")).all()) == 1
    conflict = api.post("/api/v1/people", json={**body, "position": "Thư ký"}, headers=h)
    problem(conflict, 409)


def test_pagination_limits_and_stable_order_among_equal_names(api, world, session):
    for _ in range(5):
        make_person(session, "Nguyễn Văn An", world.units["CC_A1"])
    session.commit()
    h = world.headers("reporter_a1")
    for query in ("limit=0", "limit=501", "offset=-1"):
        problem(api.get(f"/api/v1/people?{query}", headers=h), 422)
    everyone = [p["id"] for p in api.get("/api/v1/people", headers=h).json()["items"]]
    assert everyone == sorted(everyone)  # same name: by id
    paged = []
    for offset in range(0, 6, 2):
        page = api.get(f"/api/v1/people?limit=2&offset={offset}", headers=h).json()
        assert page["total"] == 6 and page["limit"] == 2 and page["offset"] == offset
        paged += [p["id"] for p in page["items"]]
    assert paged == everyone
