"""Logging in and out.

Login attempts are counted in the database (so every worker agrees) per (username, client
address) and per address, in fixed windows. Each attempt is counted *before* the password is
checked, by one upsert that also returns the new count, committed before the slow hash: however
many requests race, at most the limit of them reach the password check in a window. A refused
attempt is counted and audited, and never compared with the password.
"""

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, delete, select, update

from app.core.config import get_settings
from app.core.errors import TooManyRequests, Unauthorized
from app.core.security import verify_password
from app.core.types import utcnow
from app.models.users import AccessToken, LoginThrottle, Role, TokenKind, TokenScope, User
from app.services import audit
from app.services.accounts import tokens
from app.services.scope import Actor, inherited_paths

# What an address may look like in a throttle key: IPv4, IPv6 (with a zone), or a name such as
# "testclient". Anything else is replaced, so "|" only ever separates address and username.
_ADDRESS_JUNK = re.compile(r"[^0-9A-Za-z.:%_\-]")


def _actor_for(
    user: User, unit_path: str, token: AccessToken | None = None, inherited: tuple[str, ...] = ()
) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        unit_id=user.unit_id,
        unit_path=unit_path,
        inherited_paths=inherited,
        scope=TokenScope(token.scope) if token else TokenScope.write,
        token_id=token.id if token else None,
        token_kind=TokenKind(token.kind) if token else TokenKind.session,
    )


@dataclass(frozen=True)
class _Keys:
    user: str  # this username from this address
    address: str  # every username from this address


def _keys(username: str, ip: str) -> _Keys:
    return _Keys(user=f"u:{ip}|{username}", address=f"a:{ip}")


def _count_attempt(session: Session, keys: _Keys, now: datetime) -> dict[str, tuple[int, datetime]]:
    """Counts one attempt against both keys and returns {key: (attempts, window start)}.

    One INSERT … ON CONFLICT DO UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL): the row is
    locked while it is read and raised, so two requests never both see the old count. A window
    that has run out starts again at 1. Keys go in sorted order so that concurrent statements
    lock rows in the same order (no deadlock). The caller commits.
    """
    since = now - timedelta(minutes=get_settings().login_window_minutes)
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    rows = [
        {"key": k, "failures": 1, "window_start": now} for k in sorted({keys.user, keys.address})
    ]
    stmt = insert(table).values(rows)
    expired = table.c.window_start < since
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "failures": case((expired, 1), else_=table.c.failures + 1),
            "window_start": case((expired, stmt.excluded.window_start), else_=table.c.window_start),
        },
    ).returning(table.c.key, table.c.failures, table.c.window_start)
    result = session.exec(stmt)
    return {key: (failures, start) for key, failures, start in result.all()}


def _refuse_if_over(
    session: Session, counts: dict[str, tuple[int, datetime]], keys: _Keys, username: str, ip: str
) -> None:
    """429 (audited, committed) when this attempt is beyond either allowance."""
    settings = get_settings()
    limits = {
        keys.user: settings.login_max_failures,
        keys.address: settings.login_address_max_failures,
    }
    over = {key: counts[key] for key in limits if counts[key][0] > limits[key]}
    if not over:
        return
    window = timedelta(minutes=settings.login_window_minutes)
    now = utcnow()
    wait = max((start + window - now).total_seconds() for _, start in over.values())
    seconds = max(1, math.ceil(wait))
    user = session.exec(select(User).where(User.username == username)).first()
    audit.record(
        session,
        Actor.system(),
        "login_throttled",
        "user",
        user.id if user else None,
        unit_id=user.unit_id if user else None,
        after={
            "username": username,
            "ip": ip,
            "limit": "user" if keys.user in over else "address",
            "attempts": counts[keys.user][0],
            "address_attempts": counts[keys.address][0],
        },
    )
    session.commit()
    raise TooManyRequests(
        "Too many failed logins; try again in {minutes} minutes",
        params={"minutes": max(1, math.ceil(seconds / 60))},
        headers={"Retry-After": str(seconds)},
    )


def login(
    session: Session, username: str, password: str, *, ip: str, user_agent: str | None
) -> tuple[str, int]:
    """Returns (secret, seconds until it expires at most)."""
    username = username.strip().lower()[:64]
    ip = _ADDRESS_JUNK.sub("_", ip)[:64] or "unknown"
    keys = _keys(username, ip)
    counts = _count_attempt(session, keys, utcnow())
    _refuse_if_over(session, counts, keys, username, ip)
    # Commit the count before the slow hash, so that requests racing this one see it.
    session.commit()

    user = session.exec(select(User).where(User.username == username)).first()
    ok = (
        verify_password(password, user.password_hash if user else None)
        and user is not None
        and user.is_active
    )
    if not ok or user is None:
        audit.record(
            session,
            Actor.system(),
            "login_failed",
            "user",
            user.id if user else None,
            unit_id=user.unit_id if user else None,
            after={"username": username, "ip": ip},
        )
        session.commit()
        raise Unauthorized("Incorrect username or password")
    settings = get_settings()
    lifetime = timedelta(hours=settings.token_absolute_hours)
    token, secret = tokens.issue(
        session,
        user,
        kind=TokenKind.session,
        name="login",
        scope=TokenScope.write,
        lifetime=lifetime,
        user_agent=user_agent,
    )
    # A success clears this user's count from this address, and is not held against the
    # address (colleagues behind the same public address log in all day).
    session.exec(delete(LoginThrottle).where(col(LoginThrottle.key) == keys.user))
    session.exec(
        update(LoginThrottle)
        .where(col(LoginThrottle.key) == keys.address, col(LoginThrottle.failures) > 0)
        .values(failures=col(LoginThrottle.failures) - 1)
    )
    actor = _actor_for(user, "/", token)
    audit.record(session, actor, "login", "user", user.id, unit_id=user.unit_id, after={"ip": ip})
    session.commit()
    return secret, int(lifetime.total_seconds())


def authenticate(session: Session, secret: str) -> Actor:
    found = tokens.resolve(session, secret) if secret else None
    if found is None:
        raise Unauthorized(
            "Missing or invalid access token", headers={"WWW-Authenticate": "Bearer"}
        )
    token, user, unit = found
    return _actor_for(user, unit.path, token, inherited_paths(unit))


def logout(session: Session, actor: Actor) -> None:
    if actor.token_id is not None:
        tokens.revoke(session, actor.token_id)
        audit.record(session, actor, "logout", "user", actor.user_id, unit_id=actor.unit_id)
        session.commit()


def prune(session: Session) -> int:
    """Forget throttle counters whose window has run out (run from the CLI)."""
    since = utcnow() - timedelta(minutes=get_settings().login_window_minutes)
    result = session.exec(delete(LoginThrottle).where(col(LoginThrottle.window_start) < since))
    session.commit()
    return int(result.rowcount or 0)
