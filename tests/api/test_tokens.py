"""Personal API tokens for other systems: shown once, stored hashed, scoped, revocable."""

from datetime import timedelta

from sqlalchemy import text
from sqlmodel import Session, select, update

from app.core.db import get_engine
from app.core.types import utcnow
from app.models.audit import AuditEntry
from app.models.users import AccessToken
from tests.api.helpers import error_fields, problem, token_row


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def create(api, world, user="reporter_a1", **body):
    body = {"name": "Hệ thống thống kê", **body}
    r = api.post("/api/v1/tokens", json=body, headers=world.headers(user))
    assert r.status_code == 201, r.text
    return r.json()


def every_stored_text(session: Session) -> str:
    """Every value of every row of every table, as one string."""
    from sqlmodel import SQLModel

    dump = []
    for table in SQLModel.metadata.sorted_tables:
        for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
            dump.extend(str(v) for v in row)
    return "\n".join(dump)


def test_secret_is_shown_once_and_only_its_hash_is_stored(api, world, session):
    created = create(api, world, scope="write", expires_in_days=30)
    secret = created["token"]
    assert secret.startswith("thd_") and len(secret) > 40
    assert created["prefix"] == secret[:8]
    assert created["kind"] == "personal" and created["scope"] == "write"

    listed = api.get("/api/v1/tokens", headers=world.headers("reporter_a1")).json()["items"]
    assert [t["id"] for t in listed] == [created["id"]]
    assert "token" not in listed[0] and secret not in str(listed)

    session.expire_all()
    assert secret not in every_stored_text(session)
    assert token_row(session, secret).id == created["id"]  # found by its keyed hash


def test_secret_is_not_kept_for_idempotent_replays(api, world, session):
    headers = world.headers("reporter_a1", **{"Idempotency-Key": "token-1"})
    body = {"name": "Cổng dữ liệu", "scope": "read"}
    first = api.post("/api/v1/tokens", json=body, headers=headers)
    assert first.status_code == 201
    secret = first.json()["token"]
    session.expire_all()
    assert secret not in every_stored_text(session)

    replay = api.post("/api/v1/tokens", json=body, headers=headers)
    assert replay.status_code == 201
    assert replay.json()["id"] == first.json()["id"]
    assert replay.json()["token"] is None  # the secret was shown once
    assert (
        len(session.exec(select(AccessToken).where(AccessToken.name == "Cổng dữ liệu")).all()) == 1
    )


def test_a_personal_token_works_until_revoked(api, world, session):
    created = create(api, world, scope="write")
    secret = created["token"]
    me = api.get("/api/v1/me", headers=bearer(secret)).json()
    assert (me["username"], me["token_kind"], me["scope"]) == ("reporter_a1", "personal", "write")

    r = api.delete(f"/api/v1/tokens/{created['id']}", headers=world.headers("reporter_a1"))
    assert r.status_code == 204
    problem(api.get("/api/v1/me", headers=bearer(secret)), 401)
    assert api.get("/api/v1/tokens", headers=world.headers("reporter_a1")).json()["total"] == 0
    everything = api.get(
        "/api/v1/tokens?include_inactive=true", headers=world.headers("reporter_a1")
    ).json()["items"]
    assert everything[0]["revoked_at"] is not None
    revoked = session.exec(select(AuditEntry).where(AuditEntry.action == "revoke")).one()
    assert (revoked.entity, revoked.entity_id) == ("token", created["id"])


def test_a_read_only_token_reads_but_cannot_write(api, world):
    secret = create(api, world, scope="read")["token"]
    assert api.get("/api/v1/people", headers=bearer(secret)).status_code == 200
    body = problem(
        api.post(
            "/api/v1/people",
            json={"full_name": "Võ Văn Tám", "unit_id": world.unit_id("CC_A1")},
            headers=bearer(secret),
        ),
        403,
    )
    assert body["detail"] == "Mã truy cập này chỉ có quyền đọc"
    problem(api.post("/api/v1/tokens", json={"name": "x"}, headers=bearer(secret)), 403)


def test_a_write_token_can_write(api, world):
    secret = create(api, world, scope="write")["token"]
    r = api.post(
        "/api/v1/people",
        json={"full_name": "Võ Văn Tám", "unit_id": world.unit_id("CC_A1")},
        headers=bearer(secret),
    )
    assert r.status_code == 201


def test_tokens_are_read_only_unless_asked(api, world):
    assert create(api, world)["scope"] == "read"


def test_personal_tokens_have_no_idle_limit_but_do_expire(api, world, session):
    created = create(api, world, expires_in_days=1)
    secret = created["token"]
    two_days_ago = utcnow() - timedelta(days=2)
    session.exec(
        update(AccessToken)
        .where(AccessToken.id == created["id"])
        .values(last_used_at=two_days_ago, expires_at=utcnow() + timedelta(hours=1))
    )
    session.commit()
    assert api.get("/api/v1/me", headers=bearer(secret)).status_code == 200

    session.exec(
        update(AccessToken)
        .where(AccessToken.id == created["id"])
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    session.commit()
    problem(api.get("/api/v1/me", headers=bearer(secret)), 401)


def test_invalid_token_requests_list_every_field(api, world):
    r = api.post(
        "/api/v1/tokens",
        json={"name": "", "scope": "admin", "expires_in_days": 0},
        headers=world.headers("reporter_a1"),
    )
    assert error_fields(r) == {"name", "scope", "expires_in_days"}


def test_someone_elses_token_is_not_found(api, world):
    other = create(api, world, user="reporter_a2")
    problem(api.delete(f"/api/v1/tokens/{other['id']}", headers=world.headers("reporter_a1")), 404)
    problem(api.delete(f"/api/v1/tokens/{other['id']}", headers=world.headers("admin_b")), 404)
    assert api.get("/api/v1/me", headers=bearer(other["token"])).status_code == 200


def test_an_admin_sees_and_revokes_tokens_of_users_in_their_subtree(api, world):
    other = create(api, world, user="reporter_a2")
    user_id = world.users["reporter_a2"].id
    listed = api.get(f"/api/v1/tokens?user_id={user_id}", headers=world.headers("admin_a"))
    assert [t["id"] for t in listed.json()["items"]] == [other["id"]]
    problem(api.get(f"/api/v1/tokens?user_id={user_id}", headers=world.headers("reporter_a1")), 403)
    assert (
        api.get(f"/api/v1/tokens?user_id={user_id}", headers=world.headers("admin_b")).json()[
            "items"
        ]
        == []
    )

    r = api.delete(f"/api/v1/tokens/{other['id']}", headers=world.headers("admin_a"))
    assert r.status_code == 204
    problem(api.get("/api/v1/me", headers=bearer(other["token"])), 401)


def test_a_session_is_not_revoked_through_the_tokens_route(api, world, session):
    session_id = token_row(session, world.tokens["reporter_a1"]).id
    problem(api.delete(f"/api/v1/tokens/{session_id}", headers=world.headers("reporter_a1")), 404)


def test_no_secret_reaches_the_change_log(api, world):
    secret = create(api, world)["token"]
    with Session(get_engine()) as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.entity == "token")).one()
    assert entry.action == "create"
    assert entry.after["prefix"] == secret[:8]
    assert secret not in str(entry.after)
