"""Idempotent POSTs: the first response to a key is stored and replayed for the same request.

The pending record is added to the session before the work, so it commits in the same
transaction as what it protects; a concurrent twin fails on the unique key instead of
creating a second record.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, select

from app.core.config import get_settings
from app.core.errors import Conflict, FieldIssue, Invalid
from app.core.types import utcnow
from app.models.audit import IdempotencyRecord
from app.services.scope import Actor


@dataclass
class Replay:
    status_code: int
    body: Any
    etag: str | None


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


def _check_key(key: str) -> None:
    if not key.strip():
        issue = FieldIssue("Idempotency-Key", "Must not be empty", "string_too_short")
    elif len(key) > 255:
        issue = FieldIssue(
            "Idempotency-Key",
            "At most {max_length} characters",
            "string_too_long",
            {"max_length": 255},
        )
    elif "\x00" in key:
        issue = FieldIssue("Idempotency-Key", "Must not contain NUL characters", "value_error")
    else:
        return
    raise Invalid(issue)


def begin(
    session: Session, actor: Actor, key: str, method: str, path: str, digest: str
) -> Replay | IdempotencyRecord:
    _check_key(key)
    horizon = utcnow() - timedelta(hours=get_settings().idempotency_hours)
    existing = session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == actor.user_id, IdempotencyRecord.key == key
        )
    ).first()
    if existing is not None and existing.created_at < horizon:
        session.delete(existing)
        session.flush()
        existing = None
    if existing is not None:
        if existing.request_hash != digest:
            raise Conflict("The Idempotency-Key was used for a different request")
        if existing.status_code is None:
            raise Conflict("A request with this Idempotency-Key is still being processed")
        return Replay(
            existing.status_code, json.loads(existing.response_body or "null"), existing.etag
        )
    record = IdempotencyRecord(
        user_id=actor.user_id, key=key, method=method, path=path[:512], request_hash=digest
    )  # type: ignore[arg-type]
    session.add(record)
    return record


def finish(
    session: Session, record: IdempotencyRecord, status_code: int, body: Any, etag: str | None
) -> None:
    record.status_code = status_code
    record.response_body = json.dumps(body, default=str, ensure_ascii=False)
    record.etag = etag
    session.add(record)
    try:
        session.commit()
    except IntegrityError:  # a twin got there first; its response stands
        session.rollback()


def prune(session: Session) -> None:
    horizon = utcnow() - timedelta(hours=get_settings().idempotency_hours)
    session.exec(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < horizon))
    session.commit()
