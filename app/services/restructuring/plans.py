"""A restructuring plan, previewed or applied in one transaction: the events change the tree,
the users of the units that end follow their single successor, the restructuring is recorded
with what it did, and every change is audited in the same transaction. A dry run does all of
it and rolls back, so that the preview is exactly what applying would do."""

from sqlmodel import Session, col, select, update

from app.core.errors import NotFound
from app.models.restructurings import (
    Restructuring,
    RestructuringPlan,
    RestructuringPreview,
    RestructuringPublic,
    RestructuringStatus,
    RestructuringSummary,
)
from app.models.unit_history import LegalBasis, UnitEvent
from app.models.units import Unit
from app.models.users import User
from app.services import audit
from app.services.common import bump, page
from app.services.restructuring import events, preview
from app.services.scope import Actor, authorize, in_subtree, may


def owner_of(session: Session, done: events.Applied) -> Unit:
    """The deepest unit above everything the plan touched that existed before it (the parents
    of the units it created, the units it ended or changed): whose scope it belongs to."""
    created = {u.id for u in done.created}
    paths = [u.path for u, _ in done.ended.values()] + [u.path for u in done.changed.values()]
    for unit in done.created:
        parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
        if parent is not None and parent.id not in created:
            paths.append(parent.path)
    common = [p.strip("/").split("/") for p in paths] or [
        done.created[0].path.strip("/").split("/")
    ]
    shared: list[str] = []
    for parts in zip(*common, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    unit_id = int(shared[-1]) if shared else int(common[0][0])
    owner = session.get(Unit, unit_id)
    assert owner is not None
    return owner


def _basis(plan: RestructuringPlan) -> LegalBasis:
    return LegalBasis(
        number=plan.basis.number, signed_on=plan.basis.signed_on, title=plan.basis.title
    )


def run(
    session: Session, actor: Actor, plan: RestructuringPlan, *, dry_run: bool
) -> RestructuringPreview | Restructuring:
    """Preview (dry run: nothing stays) or apply the plan. Reviewers may preview within their
    scope; only administrators apply."""
    authorize(actor, "restructurings.preview" if dry_run else "restructurings.write")
    scopes_before = preview.inherited_scopes(session)
    done = events.apply_plan(session, actor, plan)
    moved, stranded = preview.user_moves(session, done)
    summary = preview.summarise(session, done, moved, stranded, scopes_before)
    if dry_run:
        session.rollback()
        return RestructuringPreview(
            dry_run=True,
            title=plan.title,
            effective_on=plan.effective_on,
            basis=_basis(plan),
            summary=summary,
        )
    users = {
        u.id: u
        for u in session.exec(
            select(User).where(col(User.id).in_([m.user_id for m in moved]))
        ).all()
    }
    for move in moved:
        user = users[move.user_id]
        before = audit.snapshot(user)
        user.unit_id = move.to_unit.id  # type: ignore[union-attr]
        bump(user)
        session.add(user)
        audit.record(
            session,
            actor,
            "update",
            "user",
            user.id,
            unit_id=user.unit_id,
            before=before,
            after=audit.snapshot(user),
        )
    owner = owner_of(session, done)
    touched = {
        **{u.id: u for u in done.created},
        **{u.id: u for u, _ in done.ended.values()},
        **done.changed,
    }
    row = Restructuring(
        title=plan.title,
        effective_on=plan.effective_on,
        basis_number=plan.basis.number,
        basis_date=plan.basis.signed_on,
        unit_id=owner.id,  # type: ignore[arg-type]
        applied_by=actor.username,
        plan=plan.model_dump(mode="json"),
        summary=summary.model_dump(mode="json"),
        state={
            "events": [e.id for e in done.events],
            "created": [u.id for u in done.created],
            "users": [[m.user_id, m.from_unit.id, m.to_unit.id] for m in moved],  # type: ignore[union-attr]
            "units": {str(uid): u.version for uid, u in touched.items()},
        },
    )
    session.add(row)
    session.flush()
    session.exec(
        update(UnitEvent)
        .where(col(UnitEvent.id).in_([e.id for e in done.events]))
        .values(restructuring_id=row.id)
    )
    audit.record(
        session,
        actor,
        "apply",
        "restructuring",
        row.id,
        unit_id=owner.id,
        after={"title": row.title, "effective_on": row.effective_on.isoformat(), "plan": row.plan},
    )
    session.commit()
    return row


def to_public(
    row: Restructuring, actor: Actor | None = None, *, owned: bool = True
) -> RestructuringPublic:
    """`owned`: the caller's scope holds the unit the plan belongs to; a successor's users who
    read it through succession may not revert it."""
    may_revert = (
        actor is not None
        and owned
        and row.status == RestructuringStatus.applied
        and may(actor, "restructurings.write")
    )
    return RestructuringPublic(
        id=row.id,  # type: ignore[arg-type]
        dry_run=False,
        title=row.title,
        effective_on=row.effective_on,
        basis=LegalBasis(
            number=row.basis_number,
            signed_on=row.basis_date,
            title=row.plan.get("basis", {}).get("title"),
        ),
        summary=RestructuringSummary.model_validate(row.summary),
        status=row.status,
        applied_by=row.applied_by,
        created_at=row.created_at,
        reverted_by=row.reverted_by,
        reverted_at=row.reverted_at,
        allowed_actions=["revert"] if may_revert else [],
        version=row.version,
    )


def visible(actor: Actor):  # type: ignore[no-untyped-def]
    """A restructuring belongs to the scope of the unit above everything it touched."""
    return col(Restructuring.unit_id).in_(select(Unit.id).where(in_subtree(actor)))


def owned_ids(session: Session, actor: Actor, ids: list[int]) -> set[int]:
    """Which of these restructurings belong to the caller's scope (not only read through it)."""
    stmt = select(Restructuring.id).where(col(Restructuring.id).in_(ids), visible(actor))
    return set(session.exec(stmt).all())  # type: ignore[arg-type]


def _touched(row: Restructuring) -> set[int]:
    return {int(uid) for uid in row.state.get("units", {})}


def _held_by_successors(session: Session, actor: Actor, rows: list[Restructuring]) -> set[int]:
    """The rows whose every touched unit lies in the caller's scope, inherited scope included:
    the reviewer of THADS tỉnh Vĩnh Long reads the plan that merged its predecessors into it,
    although the plan belongs to the Cục Quản lý above (it created a unit under it). A plan that
    touched one unit beyond the caller's scope stays hidden: its record names them all."""
    wanted = set().union(*(_touched(r) for r in rows)) if rows else set()
    if not wanted:
        return set()
    seen = set(
        session.exec(select(Unit.id).where(col(Unit.id).in_(wanted), in_subtree(actor))).all()
    )
    return {r.id for r in rows if _touched(r) and _touched(r) <= seen}  # type: ignore[misc]


def list_restructurings(
    session: Session, actor: Actor, *, limit: int, offset: int
) -> tuple[list[Restructuring], int]:
    authorize(actor, "restructurings.read")
    order = (col(Restructuring.effective_on).desc(), col(Restructuring.id).desc())
    owned = set(session.exec(select(Restructuring.id).where(visible(actor))).all())
    # Restructurings are few (a handful a decade), so the successor rule is read in Python.
    others = list(session.exec(select(Restructuring).where(col(Restructuring.id).not_in(owned))))
    ids = owned | _held_by_successors(session, actor, others)
    stmt = select(Restructuring).where(col(Restructuring.id).in_(ids)).order_by(*order)
    return page(session, stmt, limit=limit, offset=offset)


def get_restructuring(
    session: Session, actor: Actor, restructuring_id: int, *, for_update: bool = False
) -> Restructuring:
    authorize(actor, "restructurings.read")
    stmt = select(Restructuring).where(Restructuring.id == restructuring_id)
    if for_update:
        stmt = stmt.with_for_update()
    row = session.exec(stmt).first()
    owned = row is not None and bool(owned_ids(session, actor, [row.id]))  # type: ignore[list-item]
    # Reverting (for_update) is for the scope the plan belongs to; reading, also its successors.
    held = (
        not for_update and row is not None and row.id in _held_by_successors(session, actor, [row])
    )
    if row is None or not (owned or held):
        raise NotFound("No such {entity}", params={"entity": "restructuring"})
    return row
