"""What a row of the permission matrix says, and the expected answer of each cell.

A cell is (operation, caller, scope). Callers: one user per role in province A, a read-only
personal token (of admin_a) and no token. Scope: for an operation about one object, an object
in the caller's subtree ("in") and one in province B ("out"); "-" otherwise.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from app.core.security import token_digest
from app.models.users import AccessToken, Role, TokenKind, TokenScope
from tests.factories import World, make_token

ALL = frozenset(Role)
STAFF = frozenset({Role.admin, Role.reviewer, Role.reporter})
ADMIN = frozenset({Role.admin})
ADMIN_REVIEWER = frozenset({Role.admin, Role.reviewer})

CALLERS: dict[str, tuple[str | None, Role | None]] = {
    "admin": ("admin_a", Role.admin),
    "reviewer": ("reviewer_a", Role.reviewer),
    "reporter": ("reporter_a1", Role.reporter),
    "viewer": ("viewer_a", Role.viewer),
    "read-only token": ("admin_a_read", Role.admin),
    "no token": (None, None),
}
TOKEN_OWNER = {"admin_a_read": "admin_a"}


@dataclass
class Ctx:
    """What request builders see: the world, the acting user's key, the target."""

    world: World
    session: Session
    user: str  # whose token calls (admin_a for calls without a token)
    target: Any = None


Target = Callable[[Ctx, str], Any]
Request = Callable[[Ctx], dict[str, Any]]


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # as in the OpenAPI document, without /api/v1
    roles: frozenset[Role]  # the roles allowed
    status: int  # the answer to an allowed call on an object in scope
    writes: bool = False  # refused to a read-only token
    public: bool = False  # needs no token
    action: str | None = None  # the scope.PERMISSIONS entry it enforces
    target: Target | None = None  # an object in ("in") or out of ("out") the caller's subtree
    target_in: str = "path"  # path or query: 404 when out of scope; body: 422 (invalid field)
    out_status: int | None = None  # when out of scope answers otherwise than target_in implies
    path_params: dict[str, str] = field(default_factory=dict)  # the other path parameters
    request: Request = lambda ctx: {}  # httpx request arguments
    setup: Callable[[Ctx], None] | None = None  # objects the call needs that have no scope
    needs: tuple[str, ...] = ()  # extra fixtures, e.g. the figures catalogue and periods
    # Only the no-token cell is declared: role and scope cells are for the route's owner to
    # add (they need objects in particular states). See PENDING in test_permissions.
    anonymous_only: bool = False

    @property
    def placeholders(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    def url(self, target: Any) -> str:
        params = dict(self.path_params)
        missing = [p for p in self.placeholders if p not in params]
        if self.target_in == "path" and missing:
            params[missing[-1]] = str(target)
        for name in self.placeholders:
            params.setdefault(name, "1")
        return "/api/v1" + self.path.format(**params)

    def scopes(self) -> tuple[str, ...]:
        return ("in", "out") if self.target is not None and not self.anonymous_only else ("-",)

    def callers(self) -> list[str]:
        return ["no token"] if self.anonymous_only else list(CALLERS)


def expected_status(op: Op, caller: str, scope: str) -> int:
    user, role = CALLERS[caller]
    if op.public:
        return op.status
    if user is None:
        return 401
    if role not in op.roles or (op.writes and caller == "read-only token"):
        return 403
    if scope == "out":
        return op.out_status or (422 if op.target_in == "body" else 404)
    return op.status


# Targets over the shared world. Every province-A caller's subtree contains Chi cục CC_A1.


def unit_id(ctx: Ctx, scope: str) -> int:
    return ctx.world.unit_id("CC_A1" if scope == "in" else "CC_B1")


def unit_code(ctx: Ctx, scope: str) -> str:
    return "CC_A1" if scope == "in" else "CC_B1"


def home_unit_id(ctx: Ctx, scope: str) -> int:
    """The caller's own unit (the top of their subtree), or province B's department."""
    if scope == "in":
        return ctx.world.users[ctx.user].unit_id
    return ctx.world.unit_id("CUC_B")


def person_id(ctx: Ctx, scope: str) -> int:
    return ctx.world.person_id("staff_a1" if scope == "in" else "staff_b1")


def user_id(ctx: Ctx, scope: str) -> int:
    return ctx.world.users["reporter_a1" if scope == "in" else "reporter_b1"].id  # type: ignore[return-value]


def token_of(kind: TokenKind) -> Target:
    def find(ctx: Ctx, scope: str) -> int:
        # "in": another token of the caller's own user; "out": one of reporter_b1's.
        owner = ctx.world.users[ctx.user if scope == "in" else "reporter_b1"]
        secret = make_token(ctx.session, owner, kind=kind, scope=TokenScope.write)
        ctx.session.commit()
        token = ctx.session.exec(
            select(AccessToken).where(AccessToken.token_hash == token_digest(secret))
        ).one()
        return token.id

    return find
