"""The unit hierarchy: reading within scope, creating and moving units with their subtree."""

from datetime import date

from sqlalchemy import String, literal
from sqlalchemy import func as sa_func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from app.core.errors import FieldIssue, Forbidden, Invalid
from app.models.levels import UnitLevel, UnitLevelRef
from app.models.unit_history import UnitVersion
from app.models.units import Unit, UnitCreate, UnitPublic, UnitRef, UnitUpdate
from app.services import audit, unit_history
from app.services.common import apply_changes, check_version, page
from app.services.levels import get_level, reports_figures
from app.services.scope import (
    Actor,
    authorize,
    in_subtree,
    may,
    refresh_inherited_scopes,
    unit_in_scope,
)
from app.services.text import fold, words_match


def unit_ref(unit: Unit) -> UnitRef:
    """The short form of a unit every response embeds, with whether it reports figures."""
    return UnitRef.model_validate(unit, update={"reports_figures": reports_figures(unit)})


def path_of(parent: Unit | None, unit_id: int) -> str:
    return (parent.path if parent else "/") + f"{unit_id:08d}/"


def move_subtree(session: Session, unit: Unit, old_path: str, new_path: str) -> None:
    """The unit's descendants follow it (the unit's own path is set by the caller)."""
    session.exec(
        update(Unit)
        .where(col(Unit.path).startswith(old_path), Unit.id != unit.id)
        .values(path=literal(new_path, String) + sa_func.substr(Unit.path, len(old_path) + 1))
    )


def depth_of(unit: Unit) -> int:
    return unit.path.count("/") - 2


def to_public(
    unit: Unit,
    actor: Actor | None = None,
    version: UnitVersion | None = None,
    as_of: date | None = None,
) -> UnitPublic:
    """The unit as it is, or with the values of one of its versions (a unit as of a day)."""
    actions = (
        ["update"] if actor is not None and version is None and may(actor, "units.write") else []
    )
    shown = unit_history.ref_of(unit, version)
    level = version.level if version is not None else unit.level
    return UnitPublic.model_validate(
        unit,
        update={
            "code": shown.code,
            "name": shown.name,
            "kind": shown.kind,
            "is_external": shown.is_external,
            "parent_id": version.parent_id if version is not None else unit.parent_id,
            "depth": depth_of(unit),
            "level": UnitLevelRef.model_validate(level),
            "reports_figures": shown.reports_figures,
            "as_of": as_of,
            "allowed_actions": actions,
        },
    )


def list_units(
    session: Session,
    actor: Actor,
    *,
    parent_id: int | None = None,
    kind: str | None = None,
    q: str | None = None,
    external: bool | None = None,
    subtree_of: int | None = None,
    as_of: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[Unit, UnitVersion | None]], int]:
    """Units of the caller's scope in today's tree order; with `as_of`, only those that existed
    that day, with their code, name, parent and level of that day (filters read those too)."""
    authorize(actor, "units.read")
    if kind is not None:
        get_level(session, kind)  # an unknown level is a mistake, not an empty list
    if as_of is None:
        stmt = select(Unit)
        shown = Unit
    else:
        stmt = select(Unit, UnitVersion).join(
            UnitVersion, (UnitVersion.unit_id == Unit.id) & unit_history.holds_on(as_of)
        )
        shown = UnitVersion  # type: ignore[assignment]
    stmt = stmt.where(in_subtree(actor))
    if parent_id is not None:
        stmt = stmt.where(shown.parent_id == parent_id)
    if subtree_of is not None:
        root = unit_in_scope(session, actor, subtree_of)
        stmt = stmt.where(col(Unit.path).startswith(root.path))
    if kind is not None:
        stmt = stmt.where(shown.kind == kind)
    if external is not None:
        stmt = stmt.where(Unit.is_external == external)
    if q:
        needle = fold(q)  # autoescape: "%" and "_" are characters, not wildcards
        stmt = stmt.where(
            sa_func.lower(shown.code).contains(needle, autoescape=True)
            | words_match(col(shown.search_name), q)
        )
    # Tree order: a parent precedes its children.
    rows, total = page(session, stmt.order_by(Unit.path), limit=limit, offset=offset)
    if as_of is None:
        return [(unit, None) for unit in rows], total
    return [(unit, version) for unit, version in rows], total


def get_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    authorize(actor, "units.read")
    return unit_in_scope(session, actor, unit_id)


def ancestors(session: Session, unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent (for breadcrumbs); names only, no scope needed."""
    ids = [int(p) for p in unit.path.strip("/").split("/")[:-1] if p]
    if not ids:
        return []
    rows = session.exec(select(Unit).where(col(Unit.id).in_(ids)).order_by(Unit.path)).all()
    return list(rows)


def _parent_for(
    session: Session, actor: Actor, parent_id: int | None, level: UnitLevel
) -> Unit | None:
    if parent_id is None:
        if actor.unit_path != "/":
            raise Invalid(
                FieldIssue("parent_id", "A unit must have a parent within your scope", "required")
            )
        return None
    parent = unit_in_scope(session, actor, parent_id, field="parent_id")
    if parent.is_external and not level.is_external:
        raise Invalid(
            FieldIssue(
                "kind",
                "An internal unit cannot be placed under an external organisation",
                "invalid",
            )
        )
    return parent


def level_for(
    session: Session, code: str, valid_from: date | None, field: str = "kind"
) -> UnitLevel:
    """The level a client names for a unit: one that exists and is in use when the unit
    starts (no new Chi cục from 1/7/2025, no Phòng THADS khu vực before)."""
    level = get_level(session, code, field=field)
    if valid_from is not None and not level.in_use_on(valid_from):
        raise Invalid(
            FieldIssue(
                field,
                "This level is not in use on {date}",
                "level_not_in_use",
                {"date": valid_from.isoformat()},
            )
        )
    return level


def _code_taken(session: Session, code: str, except_id: int | None = None) -> bool:
    stmt = select(Unit.id).where(Unit.code == code)
    if except_id is not None:
        stmt = stmt.where(Unit.id != except_id)
    return session.exec(stmt).first() is not None


def create_unit(session: Session, actor: Actor, data: UnitCreate) -> Unit:
    authorize(actor, "units.write")
    level = level_for(session, data.kind, data.valid_from)
    parent = _parent_for(session, actor, data.parent_id, level)
    if _code_taken(session, data.code):
        raise Invalid(FieldIssue("code", "This code is already used", "unique"))
    unit = Unit.model_validate(
        data, update={"is_external": level.is_external, "search_name": fold(data.name)}
    )
    unit.level = level
    session.add(unit)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Invalid(FieldIssue("code", "This code is already used", "unique")) from None
    assert unit.id is not None
    unit.path = path_of(parent, unit.id)
    unit_history.record_first(session, unit)
    audit.record(
        session, actor, "create", "unit", unit.id, unit_id=unit.id, after=audit.snapshot(unit)
    )
    session.commit()
    return unit


def update_unit(
    session: Session, actor: Actor, unit_id: int, data: UnitUpdate, *, expected_version: int | None
) -> Unit:
    authorize(actor, "units.write")
    unit = unit_in_scope(session, actor, unit_id, for_update=True)
    check_version(unit, expected_version)
    before = audit.snapshot(unit)
    changes = data.model_dump(exclude_unset=True)
    for required in ("code", "name", "kind"):
        if required in changes and changes[required] is None:
            raise Invalid(FieldIssue(required, "This field is required", "missing"))
    valid_from = changes.get("valid_from", unit.valid_from)
    level = level_for(session, changes["kind"], valid_from) if "kind" in changes else unit.level
    if "code" in changes and _code_taken(session, changes["code"], unit.id):
        raise Invalid(FieldIssue("code", "This code is already used", "unique"))
    valid_to = changes.get("valid_to", unit.valid_to)
    if valid_from and valid_to and valid_to < valid_from:
        raise Invalid(FieldIssue("valid_to", "Valid to must not be before valid from", "invalid"))
    if "valid_from" in changes or "valid_to" in changes:
        unit_history.check_bounds(session, unit, valid_from, valid_to)
    old_path = unit.path
    new_path = old_path
    if "parent_id" in changes and changes["parent_id"] != unit.parent_id:
        if unit.id == actor.unit_id:
            raise Forbidden("You cannot move the unit you belong to")
        parent = _parent_for(session, actor, changes["parent_id"], level)
        if parent is not None and parent.path.startswith(old_path):
            raise Invalid(
                FieldIssue(
                    "parent_id", "A unit cannot be moved under itself or its own subunits", "cycle"
                )
            )
        assert unit.id is not None
        new_path = path_of(parent, unit.id)
    elif "kind" in changes and unit.parent_id is not None:
        _parent_for(session, actor, unit.parent_id, level)
    if "kind" in changes:
        changes["is_external"] = level.is_external
        changes["level"] = level
    if "name" in changes:
        changes["search_name"] = fold(changes["name"])
    changes["path"] = new_path
    if apply_changes(unit, changes):
        if new_path != old_path:
            move_subtree(session, unit, old_path, new_path)
            session.flush()
            refresh_inherited_scopes(session)  # inherited subtrees are kept as paths
        unit_history.correct(session, unit)
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
        session.commit()
    return unit
