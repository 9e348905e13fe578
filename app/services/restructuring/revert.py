"""Reverting an applied restructuring, while nothing newer depends on it: no later event
touched its units, none of them was edited since, the users it moved are where it put them,
and no record (a report, a person, a user, an award, a campaign…) belongs to a unit it created.
Then its versions go, the versions it closed reopen, the units take their old values back,
the units it created are deleted and the users and people it moved go home (the assignments
it opened go, those it closed reopen), in one audited transaction."""

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from app.core.errors import Conflict
from app.core.types import utcnow
from app.models.restructurings import Restructuring, RestructuringStatus
from app.models.unit_history import UnitEvent, UnitEventLink, UnitVersion
from app.models.units import Unit
from app.models.users import User
from app.services import audit, unit_history
from app.services.common import bump, check_version
from app.services.restructuring import people
from app.services.restructuring.plans import get_restructuring
from app.services.scope import Actor, authorize, refresh_inherited_scopes
from app.services.units import move_subtree, path_of

# References to a unit that reverting removes or rewrites itself, or that only record the past.
OWN_REFERENCES = {
    ("unit_version", "unit_id"),
    ("unit_version", "parent_id"),
    ("unit_event_link", "unit_id"),
    ("audit_entry", "unit_id"),
    ("restructuring", "unit_id"),
}


def revert(
    session: Session, actor: Actor, restructuring_id: int, *, expected_version: int | None
) -> Restructuring:
    authorize(actor, "restructurings.write")
    row = get_restructuring(session, actor, restructuring_id, for_update=True)
    check_version(row, expected_version)
    if row.status != RestructuringStatus.applied:
        raise Conflict("Only an applied restructuring can be reverted")
    event_ids: list[int] = row.state["events"]
    created: set[int] = set(row.state["created"])
    units = {
        u.id: u
        for u in session.exec(
            select(Unit).where(col(Unit.id).in_([int(i) for i in row.state["units"]]))
        ).all()
    }
    _check_nothing_newer(session, row, event_ids, units)
    people.check_people_in_place(session, event_ids)
    _move_users_back(session, actor, row)
    people.move_people_back(session, actor, event_ids)
    # Versions the restructuring opened go; those it closed reopen.
    session.exec(delete(UnitVersion).where(col(UnitVersion.event_id).in_(event_ids)))
    for version in session.exec(
        select(UnitVersion).where(col(UnitVersion.ended_by_id).in_(event_ids))
    ).all():
        version.valid_to, version.ended_by_id = None, None
        session.add(version)
    session.flush()
    for unit in sorted(
        (u for uid, u in units.items() if uid not in created), key=lambda u: len(u.path)
    ):
        _restore(session, actor, unit)
    _check_no_dependents(session, created)
    session.exec(delete(UnitEventLink).where(col(UnitEventLink.event_id).in_(event_ids)))
    session.exec(delete(UnitEvent).where(col(UnitEvent.id).in_(event_ids)))
    for unit in sorted((units[i] for i in created), key=lambda u: -len(u.path)):
        audit.record(
            session,
            actor,
            "delete",
            "unit",
            unit.id,
            unit_id=row.unit_id,
            before=audit.snapshot(unit),
        )
        session.delete(unit)
        session.flush()
    refresh_inherited_scopes(session)
    row.status, row.reverted_by, row.reverted_at = (
        RestructuringStatus.reverted,
        actor.username,
        utcnow(),
    )
    bump(row)
    session.add(row)
    audit.record(
        session,
        actor,
        "revert",
        "restructuring",
        row.id,
        unit_id=row.unit_id,
        after={"title": row.title},
    )
    session.commit()
    return row


def _check_nothing_newer(
    session: Session, row: Restructuring, event_ids: list[int], units: dict[int, Unit]
) -> None:
    later = session.exec(
        select(Unit.code)
        .join(UnitEventLink, UnitEventLink.unit_id == Unit.id)
        .where(
            col(UnitEventLink.unit_id).in_(list(units)),
            col(UnitEventLink.event_id).not_in(event_ids),
            UnitEventLink.event_id > min(event_ids),
        )
        .distinct()
    ).all()
    changed = [
        u.code for uid, u in units.items() if u.version != row.state["units"][str(uid)]
    ] + list(later)
    if len(units) != len(row.state["units"]) or changed:
        raise Conflict(
            "Units changed since the restructuring: {codes}",
            params={"codes": ", ".join(sorted(set(changed))) or "?"},
        )
    moved = {user_id: to for user_id, _, to in row.state["users"]}
    if moved:
        now = dict(
            session.exec(select(User.id, User.unit_id).where(col(User.id).in_(list(moved)))).all()
        )
        astray = [uid for uid, to in moved.items() if now.get(uid) != to]
        if astray:
            raise Conflict(
                "Users it moved have moved since: {count}", params={"count": len(astray)}
            )


def _move_users_back(session: Session, actor: Actor, row: Restructuring) -> None:
    for user_id, home, _ in row.state["users"]:
        user = session.get(User, user_id)
        assert user is not None
        before = audit.snapshot(user)
        user.unit_id = home
        bump(user)
        session.add(user)
        audit.record(
            session,
            actor,
            "update",
            "user",
            user.id,
            unit_id=home,
            before=before,
            after=audit.snapshot(user),
        )
    session.flush()


def _restore(session: Session, actor: Actor, unit: Unit) -> None:
    """The unit takes back the values of its (again) latest version."""
    last = unit_history.latest(session, unit.id)  # type: ignore[arg-type]
    assert last is not None
    before = audit.snapshot(unit)
    old_path = unit.path
    unit.code, unit.name, unit.search_name = last.code, last.name, last.search_name
    unit.kind, unit.level, unit.is_external = last.kind, last.level, last.level.is_external
    unit.parent_id, unit.valid_to = last.parent_id, last.valid_to
    parent = session.get(Unit, unit.parent_id) if unit.parent_id else None
    unit.path = path_of(parent, unit.id)  # type: ignore[arg-type]
    if unit.path != old_path:
        move_subtree(session, unit, old_path, unit.path)
    bump(unit)
    session.add(unit)
    audit.record(
        session,
        actor,
        "update",
        "unit",
        unit.id,
        unit_id=unit.id,
        before=before,
        after=audit.snapshot(unit),
    )
    session.flush()


def _check_no_dependents(session: Session, created: set[int]) -> None:
    """Every reference to a unit the restructuring created, in any table, found by the schema's
    foreign keys (so a table added later is covered too)."""
    if not created:
        return
    found: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name != "unit" or (table.name, fk.parent.name) in OWN_REFERENCES:
                continue
            stmt = select(func.count()).select_from(table).where(fk.parent.in_(created))
            if table.name == "unit":
                stmt = stmt.where(table.c.id.not_in(created))
            if session.exec(stmt).one():  # type: ignore[call-overload]
                found.append(table.name)
    if found:
        raise Conflict(
            "Records now belong to units it created: {tables}",
            params={"tables": ", ".join(sorted(set(found)))},
        )
