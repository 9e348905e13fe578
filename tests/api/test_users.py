"""User accounts: administrators manage the accounts of their subtree; credentials changes end
sessions."""

from sqlmodel import select

from app.models.users import AccessToken, Role, User
from tests.api.helpers import audit_entries, error_fields, problem
from tests.factories import PASSWORD, make_user


def login(api, username: str, password: str = PASSWORD):
    return api.post("/api/v1/auth/token", data={"username": username, "password": password})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def new_user(world, **overrides):
    return {
        "username": "Thu.Ky",
        "full_name": "Lê Thị Thư",
        "role": "reporter",
        "unit_id": world.unit_id("CC_A2"),
        "password": "mật khẩu đủ dài",
        **overrides,
    }


def test_admin_creates_a_user_who_can_log_in(api, world, session):
    r = api.post("/api/v1/users", json=new_user(world), headers=world.headers("admin_a"))
    assert r.status_code == 201
    created = r.json()
    assert created["username"] == "thu.ky"  # usernames are lower case
    assert created["unit"]["code"] == "CC_A2"
    assert r.headers["location"] == f"/api/v1/users/{created['id']}"
    assert r.headers["etag"] == '"1"'
    assert not {"password", "password_hash"} & created.keys() and "password_hash" not in r.text

    assert login(api, "thu.ky", "mật khẩu đủ dài").status_code == 200
    (entry,) = audit_entries(session, entity="user", action="create")
    assert entry.after["username"] == "thu.ky" and "password_hash" not in entry.after


def test_invalid_user_lists_every_failing_field(api, world):
    r = api.post(
        "/api/v1/users",
        json={
            "username": "A!",
            "full_name": "",
            "role": "king",
            "unit_id": "x",
            "password": "short",
        },
        headers=world.headers("admin_a"),
    )
    assert error_fields(r) == {"username", "full_name", "role", "unit_id", "password"}


def test_missing_fields_are_listed_too(api, world):
    r = api.post("/api/v1/users", json={}, headers=world.headers("admin_a"))
    assert error_fields(r) == {"username", "full_name", "role", "unit_id", "password"}
    messages = {e["message"] for e in r.json()["errors"]}
    assert messages == {"Trường này bắt buộc"}


def test_username_taken_and_external_unit_refused(api, world):
    taken = api.post(
        "/api/v1/users",
        json=new_user(world, username="reporter_a2"),
        headers=world.headers("admin_a"),
    )
    assert error_fields(taken) == {"username"}
    external = api.post(
        "/api/v1/users",
        json=new_user(world, unit_id=world.unit_id("EXT_A")),
        headers=world.headers("admin_a"),
    )
    assert error_fields(external) == {"unit_id"}


def test_users_list_is_scoped_and_ordered(api, world):
    r = api.get("/api/v1/users", headers=world.headers("admin_a"))
    names = [u["username"] for u in r.json()["items"]]
    assert names == ["admin_a", "reporter_a1", "reporter_a2", "reviewer_a", "viewer_a"]
    b = api.get("/api/v1/users", headers=world.headers("admin_b")).json()
    assert [u["username"] for u in b["items"]] == ["admin_b", "reporter_b1"]
    filtered = api.get("/api/v1/users?role=reporter&q=a2", headers=world.headers("admin_a"))
    assert [u["username"] for u in filtered.json()["items"]] == ["reporter_a2"]


def test_deactivating_a_user_revokes_their_tokens(api, world, session):
    user_id = world.users["reporter_a1"].id
    personal = api.post(
        "/api/v1/tokens", json={"name": "sync"}, headers=world.headers("reporter_a1")
    ).json()["token"]
    r = api.patch(
        f"/api/v1/users/{user_id}", json={"is_active": False}, headers=world.headers("admin_a")
    )
    assert r.status_code == 200 and r.json()["is_active"] is False
    for token in (world.tokens["reporter_a1"], personal):
        problem(api.get("/api/v1/me", headers=bearer(token)), 401)
    session.expire_all()
    live = session.exec(
        select(AccessToken).where(AccessToken.user_id == user_id, AccessToken.revoked_at == None)  # noqa: E711
    ).all()
    assert live == []
    problem(login(api, "reporter_a1"), 401)


def test_changing_role_ends_the_users_sessions(api, world):
    user_id = world.users["viewer_a"].id
    r = api.patch(
        f"/api/v1/users/{user_id}", json={"role": "reviewer"}, headers=world.headers("admin_a")
    )
    assert r.json()["role"] == "reviewer"
    problem(api.get("/api/v1/me", headers=world.headers("viewer_a")), 401)


def test_renaming_does_not_end_sessions(api, world):
    user_id = world.users["viewer_a"].id
    api.patch(
        f"/api/v1/users/{user_id}", json={"full_name": "Tên mới"}, headers=world.headers("admin_a")
    )
    assert api.get("/api/v1/me", headers=world.headers("viewer_a")).status_code == 200


def test_password_reset_revokes_sessions_and_replaces_the_password(api, world, session):
    user_id = world.users["reporter_a1"].id
    r = api.post(
        f"/api/v1/users/{user_id}/password",
        json={"password": "mật khẩu mới tinh"},
        headers=world.headers("admin_a"),
    )
    assert r.status_code == 204
    problem(api.get("/api/v1/me", headers=world.headers("reporter_a1")), 401)
    problem(login(api, "reporter_a1"), 401)
    assert login(api, "reporter_a1", "mật khẩu mới tinh").status_code == 200
    assert audit_entries(session, action="reset_password", entity_id=user_id)


def test_changing_my_password_keeps_this_session_and_ends_the_others(api, world):
    other = login(api, "reviewer_a").json()["access_token"]
    r = api.post(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "một mật khẩu khác"},
        headers=world.headers("reviewer_a"),
    )
    assert r.status_code == 204
    assert api.get("/api/v1/me", headers=world.headers("reviewer_a")).status_code == 200
    problem(api.get("/api/v1/me", headers=bearer(other)), 401)
    assert login(api, "reviewer_a", "một mật khẩu khác").status_code == 200


def test_changing_my_password_needs_the_current_one(api, world, session):
    r = api.post(
        "/api/v1/me/password",
        json={"current_password": "wrong", "new_password": "một mật khẩu khác"},
        headers=world.headers("reviewer_a"),
    )
    assert error_fields(r) == {"current_password"}
    assert login(api, "reviewer_a").status_code == 200
    assert audit_entries(session, action="change_password") == []


def test_an_admin_cannot_lock_themselves_out(api, world):
    me = world.users["admin_a"].id
    r = api.patch(
        f"/api/v1/users/{me}", json={"is_active": False}, headers=world.headers("admin_a")
    )
    assert error_fields(r) == {"is_active"}
    problem(
        api.patch(f"/api/v1/users/{me}", json={"role": "viewer"}, headers=world.headers("admin_a")),
        403,
    )
    assert api.get("/api/v1/me", headers=world.headers("admin_a")).json()["role"] == "admin"


def test_moving_a_user_outside_the_admins_subtree_is_refused(api, world, session):
    user_id = world.users["reporter_a1"].id
    r = api.patch(
        f"/api/v1/users/{user_id}",
        json={"unit_id": world.unit_id("CC_B1")},
        headers=world.headers("admin_a"),
    )
    assert error_fields(r) == {"unit_id"}
    session.expire_all()
    assert session.get(User, user_id).unit_id == world.unit_id("CC_A1")


def test_stale_if_match_on_a_user_is_412(api, world, session):
    user_id = world.users["reporter_a1"].id
    url = f"/api/v1/users/{user_id}"
    etag = api.get(url, headers=world.headers("admin_a")).headers["etag"]
    assert (
        api.patch(
            url, json={"full_name": "Một"}, headers=world.headers("admin_a", **{"If-Match": etag})
        ).status_code
        == 200
    )
    r = api.patch(
        url, json={"full_name": "Hai"}, headers=world.headers("admin_a", **{"If-Match": etag})
    )
    problem(r, 412)
    session.expire_all()
    assert session.get(User, user_id).full_name == "Một"


def test_username_search_takes_underscore_literally(api, world, session):
    make_user(session, "reporterxa9", Role.reporter, world.units["CC_A2"])
    session.commit()
    r = api.get("/api/v1/users", params={"q": "reporter_a"}, headers=world.headers("admin_a"))
    assert [u["username"] for u in r.json()["items"]] == ["reporter_a1", "reporter_a2"]
