"""User accounts: created, changed and deactivated by an administrator within their scope."""

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Forbidden, Invalid, NotFound
from app.core.security import hash_password, verify_password
from app.core.types import utcnow
from app.models.units import Unit
from app.models.users import (
    PasswordChange,
    PasswordReset,
    Role,
    User,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from app.services import audit
from app.services.accounts import tokens
from app.services.common import apply_changes, bump, check_version, page
from app.services.scope import (
    Actor,
    authorize,
    in_subtree,
    may,
    require_write_token,
    unit_in_scope,
)
from app.services.text import fold
from app.services.units import unit_ref


def to_public(user: User, unit: Unit, actor: Actor | None = None) -> UserPublic:
    actions = (
        ["update", "reset_password"] if actor is not None and may(actor, "users.write") else []
    )
    return UserPublic.model_validate(
        user, update={"unit": unit_ref(unit), "allowed_actions": actions}
    )


def list_users(
    session: Session,
    actor: Actor,
    *,
    q: str | None = None,
    unit_id: int | None = None,
    role: Role | None = None,
    active: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[User, Unit]], int]:
    authorize(actor, "users.read")
    stmt = select(User, Unit).join(Unit, Unit.id == User.unit_id).where(in_subtree(actor))
    if q:
        # autoescape: "_" is common in usernames and must not match any character.
        stmt = stmt.where(col(User.username).contains(fold(q), autoescape=True))
    if unit_id is not None:
        stmt = stmt.where(User.unit_id == unit_id)
    if role is not None:
        stmt = stmt.where(User.role == role)
    if active is not None:
        stmt = stmt.where(User.is_active == active)
    return page(session, stmt.order_by(User.username), limit=limit, offset=offset)


def get_user(
    session: Session, actor: Actor, user_id: int, *, for_update: bool = False
) -> tuple[User, Unit]:
    authorize(actor, "users.read")
    stmt = (
        select(User, Unit)
        .join(Unit, Unit.id == User.unit_id)
        .where(User.id == user_id, in_subtree(actor))
    )
    if for_update:
        stmt = stmt.with_for_update(of=User)  # type: ignore[arg-type]
    row = session.exec(stmt).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "user"})
    return row


def _home_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    unit = unit_in_scope(session, actor, unit_id, field="unit_id")
    if unit.is_external:
        raise Invalid(FieldIssue("unit_id", "Users belong to an internal unit", "invalid"))
    return unit


def create_user(session: Session, actor: Actor, data: UserCreate) -> tuple[User, Unit]:
    authorize(actor, "users.write")
    unit = _home_unit(session, actor, data.unit_id)
    if session.exec(select(User.id).where(User.username == data.username)).first() is not None:
        raise Invalid(FieldIssue("username", "This username is already taken", "unique"))
    user = User(
        username=data.username,
        full_name=data.full_name,
        role=data.role,
        unit_id=unit.id,  # type: ignore[arg-type]
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "create", "user", user.id, unit_id=unit.id, after=audit.snapshot(user)
    )
    session.commit()
    return user, unit


def update_user(
    session: Session, actor: Actor, user_id: int, data: UserUpdate, *, expected_version: int | None
) -> tuple[User, Unit]:
    authorize(actor, "users.write")
    user, unit = get_user(session, actor, user_id, for_update=True)
    check_version(user, expected_version)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if user.id == actor.user_id:
        if changes.get("is_active") is False:
            raise Invalid(FieldIssue("is_active", "You cannot deactivate yourself", "invalid"))
        if ("role" in changes and changes["role"] != user.role) or (
            "unit_id" in changes and changes["unit_id"] != user.unit_id
        ):
            raise Forbidden("You cannot change your own role or unit")
    if "unit_id" in changes:
        unit = _home_unit(session, actor, changes["unit_id"])
    before = audit.snapshot(user)
    if apply_changes(user, changes):
        if user.is_active is False or "role" in changes or "unit_id" in changes:
            # ASVS 7.4.2: a disabled or re-scoped account keeps no live session.
            tokens.revoke_all(session, user.id)  # type: ignore[arg-type]
        audit.record(
            session,
            actor,
            "update",
            "user",
            user.id,
            unit_id=unit.id,
            before=before,
            after=audit.snapshot(user),
        )
        session.commit()
    return user, unit


def reset_password(
    session: Session, actor: Actor, user_id: int, data: PasswordReset
) -> tuple[User, Unit]:
    authorize(actor, "users.write")
    user, unit = get_user(session, actor, user_id, for_update=True)
    _set_password(session, user, data.password)
    audit.record(session, actor, "reset_password", "user", user.id, unit_id=unit.id)
    session.commit()
    return user, unit


def change_own_password(session: Session, actor: Actor, data: PasswordChange) -> None:
    require_write_token(actor)
    user = session.get(User, actor.user_id)
    if user is None or not verify_password(data.current_password, user.password_hash):
        raise Invalid(FieldIssue("current_password", "The current password is wrong", "invalid"))
    _set_password(session, user, data.new_password, keep_token_id=actor.token_id)
    audit.record(session, actor, "change_password", "user", user.id, unit_id=user.unit_id)
    session.commit()


def _set_password(
    session: Session, user: User, password: str, *, keep_token_id: int | None = None
) -> None:
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    bump(user)
    # ASVS 7.4.3: a credential change ends the other sessions.
    tokens.revoke_all(session, user.id, except_id=keep_token_id)  # type: ignore[arg-type]


def own_account(session: Session, actor: Actor) -> tuple[User, Unit]:
    row = session.exec(
        select(User, Unit).join(Unit, Unit.id == User.unit_id).where(User.id == actor.user_id)
    ).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "user"})
    return row
