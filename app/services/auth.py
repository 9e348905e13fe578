"""Logging in and out. Failed attempts are counted in the database, so every worker agrees."""

import math
from datetime import timedelta

from sqlmodel import Session, col, delete, func, select

from app.core.config import get_settings
from app.core.errors import TooManyRequests, Unauthorized
from app.core.security import verify_password
from app.core.types import utcnow
from app.models.users import AccessToken, LoginAttempt, Role, TokenKind, TokenScope, User
from app.services import audit, tokens
from app.services.scope import Actor

# Per address, a wider allowance: offices share one public IP.
IP_FACTOR = 4


def _actor_for(user: User, unit_path: str, token: AccessToken | None = None) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        unit_id=user.unit_id,
        unit_path=unit_path,
        scope=TokenScope(token.scope) if token else TokenScope.write,
        token_id=token.id if token else None,
        token_kind=TokenKind(token.kind) if token else TokenKind.session,
    )


def _throttle(session: Session, username: str, ip: str) -> None:
    settings = get_settings()
    window = timedelta(minutes=settings.login_window_minutes)
    since = utcnow() - window
    failures = select(func.count()).where(LoginAttempt.success == False, LoginAttempt.at > since)  # noqa: E712
    by_user = session.exec(failures.where(LoginAttempt.username == username)).one()
    by_ip = session.exec(failures.where(LoginAttempt.ip == ip)).one()
    if by_user >= settings.login_max_failures or by_ip >= settings.login_max_failures * IP_FACTOR:
        oldest = session.exec(
            select(func.min(LoginAttempt.at)).where(
                LoginAttempt.success == False,  # noqa: E712
                LoginAttempt.at > since,
                (LoginAttempt.username == username) | (LoginAttempt.ip == ip),
            )
        ).one()
        wait = (oldest + window - utcnow()).total_seconds() if oldest else window.total_seconds()
        seconds = max(1, math.ceil(wait))
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
    ip = ip[:64]
    _throttle(session, username, ip)
    user = session.exec(select(User).where(User.username == username)).first()
    ok = (
        verify_password(password, user.password_hash if user else None)
        and user is not None
        and user.is_active
    )
    session.add(LoginAttempt(username=username, ip=ip, success=ok))
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
    # A success clears the user's failure count.
    session.exec(
        delete(LoginAttempt).where(
            LoginAttempt.username == username, col(LoginAttempt.success).is_(False)
        )
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
    return _actor_for(user, unit.path, token)


def logout(session: Session, actor: Actor) -> None:
    if actor.token_id is not None:
        tokens.revoke(session, actor.token_id)
        audit.record(session, actor, "logout", "user", actor.user_id, unit_id=actor.unit_id)
        session.commit()


def prune(session: Session) -> int:
    """Forget login attempts older than a day (run from the CLI or on start)."""
    cutoff = utcnow() - timedelta(days=1)
    result = session.exec(delete(LoginAttempt).where(LoginAttempt.at < cutoff))
    session.commit()
    return int(result.rowcount or 0)
