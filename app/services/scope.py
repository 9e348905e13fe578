"""Who the caller is, what their role allows, and the unit subtree every query is limited to.

Authorisation happens here, once, on the queries: outside-scope objects are not found (404).

Scope follows succession: a user of a unit that took others over (by a merger, a split or a
dissolution) also sees the subtrees of those predecessors, and of theirs, as they stood when
they ended; a user of the new THADS tỉnh Vĩnh Long sees Bến Tre's and Trà Vinh's records and no
other province's. Which subtrees a unit inherits is kept on the unit (`inherited_scope`),
recomputed here whenever the tree changes shape, so that a request costs no extra query.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Forbidden, Invalid, NotFound
from app.models.unit_history import LinkRole, UnitEventLink
from app.models.units import Unit
from app.models.users import Role, TokenKind, TokenScope

ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.admin, Role.reviewer, Role.reporter})

# The permission matrix: action -> roles allowed. Writes also need a write-scoped token.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "units.read": ALL_ROLES,
    "units.write": frozenset({Role.admin}),
    "restructurings.read": frozenset({Role.admin, Role.reviewer}),
    # A dry run changes nothing: the Phòng Tổ chức cán bộ who prepare a plan preview it.
    "restructurings.preview": frozenset({Role.admin, Role.reviewer}),
    "restructurings.write": frozenset({Role.admin}),
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
    # The subtrees of the unit's predecessors (scope follows succession), beyond its own.
    inherited_paths: tuple[str, ...] = ()

    @property
    def paths(self) -> tuple[str, ...]:
        return (self.unit_path, *self.inherited_paths)

    def sees(self, path: str) -> bool:
        """Whether a unit of this materialised path is within the caller's scope."""
        return any(path.startswith(p) for p in self.paths)

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
    """The filter every unit-bearing query joins through: the caller's subtree and those it
    inherited from its unit's predecessors."""
    if not actor.inherited_paths:
        return col(Unit.path).startswith(actor.unit_path)
    return or_(*(col(Unit.path).startswith(p) for p in actor.paths))


def inherited_paths(unit: Unit) -> tuple[str, ...]:
    return tuple(unit.inherited_scope.split())


def _covered(path: str, prefixes: set[str]) -> bool:
    return any(path.startswith(p) for p in prefixes)


def refresh_inherited_scopes(session: Session) -> None:
    """Recompute which predecessors' subtrees each unit inherits, from the succession links
    (a predecessor and a different successor of one event) and today's paths. Run in the
    transaction of every change of shape: a restructuring applied or reverted, a unit moved.

    A unit inherits the subtree of every predecessor of itself or of a unit below it, and,
    transitively, the predecessors of what it inherited."""
    pred, succ = aliased(UnitEventLink), aliased(UnitEventLink)
    pred_unit, succ_unit = aliased(Unit), aliased(Unit)
    links = session.exec(
        select(pred_unit.path, succ_unit.path)
        .select_from(pred)
        .join(succ, (succ.event_id == pred.event_id) & (succ.role == LinkRole.successor))
        .join(pred_unit, pred_unit.id == pred.unit_id)
        .join(succ_unit, succ_unit.id == succ.unit_id)
        .where(pred.role == LinkRole.predecessor, pred.unit_id != succ.unit_id)
    ).all()
    # Only a successor or a unit above one can inherit: every prefix of a successor's path.
    candidates: set[str] = set()
    for _, successor in links:
        parts = successor.strip("/").split("/")
        candidates.update("/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts)))
    inherited: dict[str, str] = {}
    for own in candidates:
        seen = {own}
        grew = True
        while grew:
            grew = False
            for predecessor, successor in links:
                if _covered(successor, seen) and not _covered(predecessor, seen):
                    seen = {p for p in seen if not p.startswith(predecessor)} | {predecessor}
                    grew = True
        extra = sorted(p for p in seen if p != own and not p.startswith(own))
        if extra:
            inherited[own] = " ".join(extra)
    by_value: dict[str, list[str]] = defaultdict(list)
    for own, value in inherited.items():
        by_value[value].append(own)
    # Plain UPDATEs: the unit's version (its ETag) is not touched, this is not an edit of it.
    session.exec(
        update(Unit)
        .where(col(Unit.inherited_scope) != "", col(Unit.path).not_in(list(inherited)))
        .values(inherited_scope="")
    )
    for value, paths in by_value.items():
        session.exec(update(Unit).where(col(Unit.path).in_(paths)).values(inherited_scope=value))


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
