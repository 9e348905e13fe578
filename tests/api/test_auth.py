"""Logging in and out: the password grant, session expiry, throttling, the caller's sessions."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import update

from app.api.main import create_api
from app.core.config import get_settings
from app.core.types import utcnow
from app.models.users import AccessToken
from tests.api.helpers import audit_entries, problem, token_row
from tests.factories import PASSWORD, make_token


def login(api: TestClient, username: str, password: str = PASSWORD, **headers: str):
    return api.post(
        "/api/v1/auth/token", data={"username": username, "password": password}, headers=headers
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def set_token_times(session, secret: str, **values) -> None:
    token_id = token_row(session, secret).id
    session.exec(update(AccessToken).where(AccessToken.id == token_id).values(**values))
    session.commit()


def test_password_grant_gives_a_bearer_token_for_the_api(api, world):
    r = login(api, "reporter_a1")
    assert r.status_code == 200
    grant = r.json()
    assert grant["token_type"] == "bearer"
    assert grant["expires_in"] == get_settings().token_absolute_hours * 3600

    units = api.get("/api/v1/units", headers=bearer(grant["access_token"]))
    assert units.status_code == 200
    body = units.json()
    assert set(body) == {"items", "total", "limit", "offset"}
    assert (body["total"], body["limit"], body["offset"]) == (2, 50, 0)
    assert [u["code"] for u in body["items"]] == ["CC_A1", "EXT_A1"]
    assert {"id", "code", "name", "kind", "parent_id", "is_external"} <= set(body["items"][0])


def test_username_is_not_case_sensitive(api, world):
    assert login(api, "  Reporter_A1 ").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_401(api, world, session):
    wrong = problem(login(api, "admin_a", "not the password"), 401)
    unknown = problem(login(api, "nobody", "not the password"), 401)
    assert wrong["detail"] == unknown["detail"] == "Sai tên đăng nhập hoặc mật khẩu"
    failed = audit_entries(session, action="login_failed")
    assert [e.after["username"] for e in failed] == ["admin_a", "nobody"]


def test_english_messages_on_request(api, world):
    body = problem(login(api, "admin_a", "not the password", **{"Accept-Language": "en"}), 401)
    assert body["detail"] == "Incorrect username or password"
    assert body["title"] == "Authentication required"


def test_deactivated_user_cannot_log_in(api, world, session):
    user = world.users["reporter_a1"]
    user.is_active = False
    session.add(user)
    session.commit()
    problem(login(api, "reporter_a1"), 401)


def test_missing_or_invalid_token_is_401_with_bearer_challenge(api, world):
    for headers in ({}, bearer("not-a-token"), {"Authorization": "Basic YWRtaW46eA=="}):
        r = api.get("/api/v1/me", headers=headers)
        body = problem(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"
        assert body["detail"] == "Thiếu hoặc sai mã truy cập"


def test_sixth_attempt_after_five_failures_is_throttled_even_with_the_right_password(api, world):
    limit = get_settings().login_max_failures
    for _ in range(limit):
        problem(login(api, "admin_a", "guess"), 401)
    r = login(api, "admin_a")
    problem(r, 429)
    window = get_settings().login_window_minutes * 60
    assert 0 < int(r.headers["retry-after"]) <= window


def test_throttling_is_shared_by_every_app_instance(world):
    """Failures are counted in the database, so a second worker sees the first one's."""
    limit = get_settings().login_max_failures
    with TestClient(create_api()) as first:
        for _ in range(limit):
            problem(login(first, "admin_a", "guess"), 401)
    with TestClient(create_api()) as second:
        r = login(second, "admin_a")
        problem(r, 429)
        assert int(r.headers["retry-after"]) > 0


def test_throttling_one_account_leaves_the_others_alone(api, world):
    for _ in range(get_settings().login_max_failures):
        login(api, "admin_a", "guess")
    assert login(api, "reviewer_a").status_code == 200


def test_a_successful_login_clears_earlier_failures(api, world):
    for _ in range(2):
        for _ in range(get_settings().login_max_failures - 1):
            problem(login(api, "admin_a", "guess"), 401)
        assert login(api, "admin_a").status_code == 200


def test_session_expires_after_idle_limit(api, world, session):
    token = login(api, "viewer_a").json()["access_token"]
    idle = timedelta(minutes=get_settings().token_idle_minutes)
    set_token_times(session, token, last_used_at=utcnow() - idle - timedelta(minutes=1))
    problem(api.get("/api/v1/me", headers=bearer(token)), 401)


def test_session_in_use_stays_alive_and_its_idle_clock_restarts(api, world, session):
    token = login(api, "viewer_a").json()["access_token"]
    idle = timedelta(minutes=get_settings().token_idle_minutes)
    set_token_times(session, token, last_used_at=utcnow() - idle + timedelta(minutes=5))
    assert api.get("/api/v1/me", headers=bearer(token)).status_code == 200
    assert utcnow() - token_row(session, token).last_used_at < timedelta(minutes=1)


def test_session_expires_at_absolute_limit_even_when_in_use(api, world, session):
    token = login(api, "viewer_a").json()["access_token"]
    now = utcnow()
    set_token_times(session, token, last_used_at=now, expires_at=now - timedelta(seconds=1))
    problem(api.get("/api/v1/me", headers=bearer(token)), 401)


def test_logout_revokes_only_the_token_used(api, world, session):
    first = login(api, "reporter_a1").json()["access_token"]
    second = login(api, "reporter_a1").json()["access_token"]
    assert api.post("/api/v1/auth/logout", headers=bearer(first)).status_code == 204
    problem(api.get("/api/v1/me", headers=bearer(first)), 401)
    assert token_row(session, first).revoked_at is not None
    assert api.get("/api/v1/me", headers=bearer(second)).status_code == 200
    assert audit_entries(session, action="logout", entity_id=world.users["reporter_a1"].id)


def test_me_tells_who_is_calling_and_what_the_token_allows(api, world):
    me = api.get("/api/v1/me", headers=world.headers("reporter_a1")).json()
    assert me["username"] == "reporter_a1"
    assert me["role"] == "reporter"
    assert me["unit"]["code"] == "CC_A1"
    assert (me["scope"], me["token_kind"]) == ("write", "session")
    assert "password_hash" not in me

    read_only = api.get("/api/v1/me", headers=world.headers("admin_a_read")).json()
    assert (read_only["username"], read_only["scope"], read_only["token_kind"]) == (
        "admin_a",
        "read",
        "personal",
    )


def test_sessions_lists_own_live_sessions_without_secrets(api, world, session):
    fresh = login(api, "reporter_a1", **{"User-Agent": "Firefox/140"}).json()["access_token"]
    ended = make_token(session, world.users["reporter_a1"])
    session.commit()
    set_token_times(session, ended, revoked_at=utcnow())

    r = api.get("/api/v1/auth/sessions", headers=world.headers("reporter_a1"))
    items = r.json()["items"]
    assert r.json()["total"] == 2  # the world's session and the fresh login
    assert {s["user_id"] for s in items} == {world.users["reporter_a1"].id}
    assert items[0]["id"] == token_row(session, fresh).id  # newest first
    assert items[0]["user_agent"] == "Firefox/140"
    assert all("token" not in s and "token_hash" not in s for s in items)
    assert fresh not in r.text


def test_ending_one_of_my_sessions(api, world, session):
    other = login(api, "reporter_a1").json()["access_token"]
    other_id = token_row(session, other).id
    r = api.delete(f"/api/v1/auth/sessions/{other_id}", headers=world.headers("reporter_a1"))
    assert r.status_code == 204
    problem(api.get("/api/v1/me", headers=bearer(other)), 401)
    assert api.get("/api/v1/me", headers=world.headers("reporter_a1")).status_code == 200


def test_nobody_ends_a_colleagues_session_except_an_admin_of_their_unit(api, world, session):
    colleague = login(api, "reporter_a2").json()["access_token"]
    colleague_id = token_row(session, colleague).id
    url = f"/api/v1/auth/sessions/{colleague_id}"
    problem(api.delete(url, headers=world.headers("reporter_a1")), 404)
    problem(api.delete(url, headers=world.headers("admin_b")), 404)
    assert api.get("/api/v1/me", headers=bearer(colleague)).status_code == 200
    assert api.delete(url, headers=world.headers("admin_a")).status_code == 204
    problem(api.get("/api/v1/me", headers=bearer(colleague)), 401)


def test_login_form_rejects_missing_fields_listing_both(api, world):
    r = api.post("/api/v1/auth/token", data={})
    body = problem(r, 422)
    assert {e["field"] for e in body["errors"]} == {"username", "password"}
