"""Users, their access tokens (web sessions and personal API tokens) and login throttling."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import StringConstraints
from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, SQLModel

from app.core.types import ExactText, Id, Name, UTCDateTime, utcnow
from app.models.base import ALLOWED_ACTIONS_DOC, Versioned
from app.models.units import UnitRef


class Role(StrEnum):
    admin = "admin"
    reviewer = "reviewer"
    reporter = "reporter"
    viewer = "viewer"


class TokenKind(StrEnum):
    session = "session"  # from POST /auth/token: idle + absolute expiry
    personal = "personal"  # from /tokens: for other systems, fixed expiry


class TokenScope(StrEnum):
    read = "read"
    write = "write"


Username = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        min_length=3,
        max_length=64,
        pattern=r"^[A-Za-z0-9._\-]+$",  # checked before to_lower: "Thu.Ky" is "thu.ky"
    ),
]
# ASVS 6.2.1/6.2.9: at least 8 characters, long passphrases allowed, no composition rules.
Password = Annotated[ExactText, StringConstraints(min_length=8, max_length=128)]


class User(Versioned, table=True):
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'reviewer', 'reporter', 'viewer')", name="ck_user_role"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    full_name: str = Field(max_length=255)
    role: Role = Field(sa_type=String(16))
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    password_hash: str = Field(max_length=255)
    is_active: bool = Field(default=True, nullable=False)
    password_changed_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False
    )


class UserCreate(SQLModel):
    username: Username
    full_name: Name
    role: Role
    unit_id: Id
    password: Password


class UserUpdate(SQLModel):
    full_name: Name | None = None
    role: Role | None = None
    unit_id: Id | None = None
    is_active: bool | None = None


class PasswordReset(SQLModel):
    password: Password


class PasswordChange(SQLModel):
    current_password: Annotated[ExactText, StringConstraints(max_length=128)]
    new_password: Password


class UserPublic(SQLModel):
    id: int
    username: str
    full_name: str
    role: Role
    unit: UnitRef
    is_active: bool
    allowed_actions: list[str] = Field(
        default_factory=list, description=ALLOWED_ACTIONS_DOC + " Users: update, reset_password."
    )
    version: int


class Me(UserPublic):
    """The caller, with what the token allows."""

    scope: TokenScope
    token_kind: TokenKind
    permissions: list[str] = Field(
        default_factory=list,
        description="The actions of the permission matrix this caller may perform with this "
        "token, sorted (e.g. reports.read, reports.write, reports.review); a read-only token "
        "gets only the read actions. Whether one object allows an action is its own "
        "allowed_actions.",
    )
    # The units above the user's own, from the top: they may launch campaigns or issue
    # decisions the user records, though their data lies outside the user's scope.
    ancestors: list[UnitRef] = []


class AccessToken(SQLModel, table=True):
    __tablename__ = "access_token"
    __table_args__ = (
        CheckConstraint("kind IN ('session', 'personal')", name="ck_token_kind"),
        CheckConstraint("scope IN ('read', 'write')", name="ck_token_scope"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    kind: TokenKind = Field(sa_type=String(16))
    name: str = Field(max_length=255)
    # HMAC-SHA256 of the secret under the server key: the secret itself is never stored.
    token_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=16)
    scope: TokenScope = Field(sa_type=String(8))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    last_used_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_agent: str | None = Field(default=None, max_length=255)


class TokenCreate(SQLModel):
    name: Name
    scope: TokenScope = TokenScope.read
    expires_in_days: int = Field(default=90, ge=1, le=365)


class TokenPublic(SQLModel):
    id: int
    user_id: int
    kind: TokenKind
    name: str
    prefix: str
    scope: TokenScope
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    user_agent: str | None


class TokenCreated(TokenPublic):
    token: str | None = Field(
        description="The secret, in the response that created the token only (only its hash "
        "is kept, so an Idempotency-Key replay answers null)"
    )


class TokenGrant(SQLModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105
    expires_in: int


class LoginThrottle(SQLModel, table=True):
    """Login attempts counted in fixed windows, one row per key: `u:<address>|<username>` and
    `a:<address>`. services/accounts/auth.py counts and reads a row in one upsert, so concurrent
    requests (any number of workers) cannot slip past the limit between a check and a count."""

    __tablename__ = "login_throttle"
    __table_args__ = (CheckConstraint("failures >= 0", name="ck_login_throttle_failures"),)

    key: str = Field(primary_key=True, max_length=160)
    failures: int = Field(default=0, nullable=False)
    window_start: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )
