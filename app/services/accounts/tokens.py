"""Access tokens: web/API sessions (idle + absolute expiry) and personal API tokens.

Only an HMAC of each secret is stored; the secret is shown once, when made.
"""

from datetime import timedelta

from sqlmodel import Session, col, select, update

from app.core.config import get_settings
from app.core.errors import NotFound
from app.core.security import new_secret, token_digest
from app.core.types import utcnow
from app.models.units import Unit
from app.models.users import AccessToken, TokenCreate, TokenKind, TokenScope, User
from app.services import audit
from app.services.common import page
from app.services.scope import Actor, authorize, in_subtree, require_write_token

TOUCH_EVERY = timedelta(seconds=60)
PERSONAL_PREFIX = "thd_"


def issue(
    session: Session,
    user: User,
    *,
    kind: TokenKind,
    name: str,
    scope: TokenScope,
    lifetime: timedelta,
    user_agent: str | None = None,
) -> tuple[AccessToken, str]:
    secret = new_secret(PERSONAL_PREFIX if kind == TokenKind.personal else "")
    now = utcnow()
    token = AccessToken(
        user_id=user.id,  # type: ignore[arg-type]
        kind=kind,
        name=name,
        token_hash=token_digest(secret),
        prefix=secret[:8],
        scope=scope,
        created_at=now,
        last_used_at=now,
        expires_at=now + lifetime,
        user_agent=(user_agent or "")[:255] or None,
    )
    session.add(token)
    session.flush()
    return token, secret


def resolve(session: Session, secret: str) -> tuple[AccessToken, User, Unit] | None:
    """The live token, its user and home unit; None when unknown, expired, idle or revoked."""
    row = session.exec(
        select(AccessToken, User, Unit)
        .join(User, User.id == AccessToken.user_id)
        .join(Unit, Unit.id == User.unit_id)
        .where(AccessToken.token_hash == token_digest(secret))
    ).first()
    if row is None:
        return None
    token, user, unit = row
    now = utcnow()
    if token.revoked_at is not None or token.expires_at <= now or not user.is_active:
        return None
    if token.kind == TokenKind.session:
        idle = timedelta(minutes=get_settings().token_idle_minutes)
        if token.last_used_at + idle <= now:
            return None
    if now - token.last_used_at >= TOUCH_EVERY:
        session.exec(
            update(AccessToken).where(AccessToken.id == token.id).values(last_used_at=now)  # type: ignore[arg-type]
        )
        session.commit()
    return token, user, unit


def revoke(session: Session, token_id: int) -> None:
    session.exec(
        update(AccessToken)
        .where(AccessToken.id == token_id, col(AccessToken.revoked_at).is_(None))  # type: ignore[arg-type]
        .values(revoked_at=utcnow())
    )


def revoke_all(session: Session, user_id: int, *, except_id: int | None = None) -> None:
    stmt = update(AccessToken).where(
        AccessToken.user_id == user_id,  # type: ignore[arg-type]
        col(AccessToken.revoked_at).is_(None),
    )
    if except_id is not None:
        stmt = stmt.where(AccessToken.id != except_id)  # type: ignore[arg-type]
    session.exec(stmt.values(revoked_at=utcnow()))


def _visible(actor: Actor, user_id: int | None):  # type: ignore[no-untyped-def]
    """Own tokens for everyone; an administrator may look at users in their subtree."""
    stmt = (
        select(AccessToken)
        .join(User, User.id == AccessToken.user_id)
        .join(Unit, Unit.id == User.unit_id)
    )
    if user_id is None or user_id == actor.user_id:
        return stmt.where(AccessToken.user_id == actor.user_id)
    authorize(actor, "tokens.manage_others")
    return stmt.where(AccessToken.user_id == user_id, in_subtree(actor))


def list_tokens(
    session: Session,
    actor: Actor,
    *,
    kind: TokenKind | None,
    user_id: int | None = None,
    include_inactive: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AccessToken], int]:
    stmt = _visible(actor, user_id)
    if kind is not None:
        stmt = stmt.where(AccessToken.kind == kind)
    if not include_inactive:
        stmt = stmt.where(col(AccessToken.revoked_at).is_(None), AccessToken.expires_at > utcnow())
    return page(
        session,
        stmt.order_by(col(AccessToken.created_at).desc(), col(AccessToken.id).desc()),
        limit=limit,
        offset=offset,
    )


def create_personal(session: Session, actor: Actor, data: TokenCreate) -> tuple[AccessToken, str]:
    require_write_token(actor)
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("No such {entity}", params={"entity": "user"})
    token, secret = issue(
        session,
        user,
        kind=TokenKind.personal,
        name=data.name,
        scope=data.scope,
        lifetime=timedelta(days=data.expires_in_days),
    )
    audit.record(
        session,
        actor,
        "create",
        "token",
        token.id,
        unit_id=user.unit_id,
        after={
            "name": token.name,
            "scope": token.scope,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    session.commit()
    return token, secret


def revoke_visible(
    session: Session, actor: Actor, token_id: int, *, kind: TokenKind | None = None
) -> None:
    require_write_token(actor)
    stmt = _visible(actor, None).where(AccessToken.id == token_id)
    token = session.exec(stmt).first()
    if token is None and actor.role in {"admin"}:
        token = session.exec(
            select(AccessToken)
            .join(User, User.id == AccessToken.user_id)
            .join(Unit, Unit.id == User.unit_id)
            .where(AccessToken.id == token_id, in_subtree(actor))
        ).first()
    if token is None or (kind is not None and token.kind != kind):
        raise NotFound("No such {entity}", params={"entity": "token"})
    revoke(session, token.id)  # type: ignore[arg-type]
    user = session.get(User, token.user_id)
    audit.record(
        session, actor, "revoke", "token", token.id, unit_id=user.unit_id if user else None
    )
    session.commit()
