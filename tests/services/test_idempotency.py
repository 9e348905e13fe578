"""Stored first responses for idempotent POSTs."""

from datetime import timedelta

import pytest
from sqlmodel import select

from app.core.errors import Conflict, Invalid
from app.core.types import utcnow
from app.models.audit import IdempotencyRecord
from app.services import idempotency
from app.services.scope import Actor


def actor_for(world, user="admin_a") -> Actor:
    u = world.users[user]
    return Actor(user_id=u.id, username=u.username, role=u.role, unit_id=u.unit_id, unit_path="/")


def test_request_hash_depends_on_method_path_and_body():
    base = idempotency.request_hash("POST", "/api/v1/units", b'{"a":1}')
    assert base == idempotency.request_hash("POST", "/api/v1/units", b'{"a":1}')
    assert base != idempotency.request_hash("PUT", "/api/v1/units", b'{"a":1}')
    assert base != idempotency.request_hash("POST", "/api/v1/people", b'{"a":1}')
    assert base != idempotency.request_hash("POST", "/api/v1/units", b'{"a":2}')


def test_first_use_then_replay(session, world):
    actor = actor_for(world)
    record = idempotency.begin(session, actor, "k1", "POST", "/x", "d1")
    assert isinstance(record, IdempotencyRecord)
    idempotency.finish(session, record, 201, {"id": 7, "name": "Bến Tre"}, '"1"')

    replay = idempotency.begin(session, actor, "k1", "POST", "/x", "d1")
    assert replay == idempotency.Replay(201, {"id": 7, "name": "Bến Tre"}, '"1"')


def test_another_request_under_the_same_key_is_a_conflict(session, world):
    actor = actor_for(world)
    record = idempotency.begin(session, actor, "k1", "POST", "/x", "d1")
    idempotency.finish(session, record, 201, {}, None)
    with pytest.raises(Conflict, match="different request"):
        idempotency.begin(session, actor, "k1", "POST", "/x", "d2")


def test_a_request_still_in_progress_is_a_conflict(session, world):
    actor = actor_for(world)
    idempotency.begin(session, actor, "k1", "POST", "/x", "d1")
    session.commit()  # pending: no response stored yet
    with pytest.raises(Conflict, match="still being processed"):
        idempotency.begin(session, actor, "k1", "POST", "/x", "d1")


def test_keys_are_per_user(session, world):
    first = idempotency.begin(session, actor_for(world), "k1", "POST", "/x", "d1")
    idempotency.finish(session, first, 201, {"by": "a"}, None)
    other = idempotency.begin(session, actor_for(world, "admin_b"), "k1", "POST", "/x", "d2")
    assert isinstance(other, IdempotencyRecord)


def test_an_expired_key_starts_afresh(session, world):
    actor = actor_for(world)
    record = idempotency.begin(session, actor, "k1", "POST", "/x", "d1")
    idempotency.finish(session, record, 201, {"old": True}, None)
    record.created_at = utcnow() - timedelta(days=2)
    session.add(record)
    session.commit()
    fresh = idempotency.begin(session, actor, "k1", "POST", "/x", "d2")
    assert isinstance(fresh, IdempotencyRecord) and fresh.request_hash == "d2"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "Must not be empty"),
        ("  ", "Must not be empty"),
        ("x" * 256, "At most {max_length} characters"),
        ("a\x00b", "Must not contain NUL characters"),
    ],
)
def test_unusable_keys_are_invalid_and_say_why(session, world, key, message):
    with pytest.raises(Invalid) as refused:
        idempotency.begin(session, actor_for(world), key, "POST", "/x", "d1")
    assert [(e.field, e.message) for e in refused.value.errors] == [("Idempotency-Key", message)]


def test_prune_forgets_old_records_only(session, world):
    actor = actor_for(world)
    for key, age in (("old", timedelta(days=2)), ("new", timedelta(minutes=5))):
        record = idempotency.begin(session, actor, key, "POST", "/x", key)
        idempotency.finish(session, record, 201, {}, None)
        record.created_at = utcnow() - age
        session.add(record)
    session.commit()
    idempotency.prune(session)
    assert session.exec(select(IdempotencyRecord.key)).all() == ["new"]
