"""Who the caller is, what their role allows, and the unit subtree every query is limited to.

Authorisation happens here, once, on the queries: outside-scope objects are not found (404).
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlmodel import Session, select

from app.core.errors import FieldIssue, Forbidden, Invalid, NotFound
from app.models.units import Unit
from app.models.users import Role, TokenKind, TokenScope

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.admin, Role.reviewer, Role.reporter})

# The permission matrix: action -> roles allowed. Writes also need a write-scoped token.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "units.read": ALL_ROLES,
    "units.write": frozenset({Role.admin}),
    "people.read": ALL_ROLES,
    "people.write": STAFF,
    "users.read": frozenset({Role.admin}),
    "users.write": frozenset({Role.admin}),
    "audit.read": frozenset({Role.admin, Role.reviewer}),
    "tokens.manage_others": frozenset({Role.admin}),
    "reports.read": ALL_ROLES,
    "reports.write": STAFF,
    "reports.review": frozenset({Role.admin, Role.reviewer}),
    "periods.manage": frozenset({Role.admin, Role.reviewer}),
    "targets.write": frozenset({Role.admin}),
    "campaigns.read": ALL_ROLES,
    "campaigns.write": frozenset({Role.admin, Role.reviewer}),
    "registrations.write": STAFF,
    "awards.read": ALL_ROLES,
    "decisions.write": frozenset({Role.admin, Role.reviewer}),
    "nominations.write": STAFF,
    "nominations.review": frozenset({Role.admin, Role.reviewer}),
    "facts.write": frozenset({Role.admin, Role.reviewer}),
}
WRITE_ACTIONS = {a for a in PERMISSIONS if a.endswith((".write", ".review", ".manage"))}


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    role: Role
    unit_id: int | None
    unit_path: str  # "/" for the system actor: everything
    scope: TokenScope = TokenScope.write
    token_id: int | None = None
    token_kind: TokenKind = TokenKind.session

    @classmethod
    def system(cls) -> "Actor":
        """The CLI and the demo loader: every unit, every right."""
        return cls(user_id=None, username="system", role=Role.admin, unit_id=None, unit_path="/")


def may(actor: Actor, action: str) -> bool:
    """Whether `authorize` would let the actor do `action` (for permissions and allowed_actions)."""
    if actor.role not in PERMISSIONS[action]:
        return False
    return action not in WRITE_ACTIONS or actor.scope == TokenScope.write


def permissions_of(actor: Actor) -> list[str]:
    """Every action of the matrix the caller may perform with this token, sorted."""
    return sorted(action for action in PERMISSIONS if may(actor, action))


def authorize(actor: Actor, action: str) -> None:
    if actor.role not in PERMISSIONS[action]:
        raise Forbidden("Your role does not allow this")
    if action in WRITE_ACTIONS and actor.scope != TokenScope.write:
        raise Forbidden("This token is read-only")


def require_write_token(actor: Actor) -> None:
    if actor.scope != TokenScope.write:
        raise Forbidden("This token is read-only")


def in_subtree(actor: Actor) -> ColumnElement[bool]:
    """The filter every unit-bearing query joins through."""
    return Unit.path.startswith(actor.unit_path)  # type: ignore[attr-defined]


def unit_in_scope(
    session: Session,
    actor: Actor,
    unit_id: int,
    *,
    for_update: bool = False,
    field: str | None = None,
) -> Unit:
    """A unit of the caller's subtree. Addressed by the URL, a miss is 404; named by `field`
    of a body, it is a 422 on that field (a reference the client sent)."""
    stmt = select(Unit).where(Unit.id == unit_id, in_subtree(actor))
    if for_update:
        stmt = stmt.with_for_update(of=Unit)  # type: ignore[arg-type]  # not its level
    unit = session.exec(stmt).first()
    if unit is None and field is not None:
        raise Invalid(FieldIssue(field, "No such unit in your scope", "not_found"))
    if unit is None:
        raise NotFound("No such {entity}", params={"entity": "unit"})
    return unit
