"""Reading units through time: a unit as of a day, the names of many units as of a day, and a
unit's history (its versions, the events that changed it, its predecessors and successors).

Plain edits (PATCH /units/{id}) correct the unit's latest version in place; dated changes are
restructuring events (services/restructuring), which close a version and open the next."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid, NotFound
from app.models.levels import UnitLevelRef
from app.models.unit_history import (
    LegalBasis,
    LinkRole,
    UnitEvent,
    UnitEventLink,
    UnitEventPublic,
    UnitHistory,
    UnitVersion,
    UnitVersionPublic,
)
from app.models.units import Unit, UnitRef
from app.services.levels import reports_figures
from app.services.scope import Actor, authorize, unit_in_scope


def holds_on(day: date) -> ColumnElement[bool]:
    """SQL: the version is in force on `day` (both ends inclusive, none: open)."""
    return (col(UnitVersion.valid_from).is_(None) | (col(UnitVersion.valid_from) <= day)) & (
        col(UnitVersion.valid_to).is_(None) | (col(UnitVersion.valid_to) >= day)
    )


def record_first(session: Session, unit: Unit, event_id: int | None = None) -> UnitVersion:
    """The first version of a unit just created (flushed, with its id)."""
    version = UnitVersion(
        unit_id=unit.id,  # type: ignore[arg-type]
        code=unit.code,
        name=unit.name,
        search_name=unit.search_name,
        kind=unit.kind,
        parent_id=unit.parent_id,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        event_id=event_id,
    )
    session.add(version)
    return version


def latest(session: Session, unit_id: int) -> UnitVersion | None:
    return session.exec(
        select(UnitVersion)
        .where(UnitVersion.unit_id == unit_id)
        .order_by(col(UnitVersion.valid_from).desc().nulls_last())
    ).first()


def first(session: Session, unit_id: int) -> UnitVersion | None:
    return session.exec(
        select(UnitVersion)
        .where(UnitVersion.unit_id == unit_id)
        .order_by(col(UnitVersion.valid_from).asc().nulls_first())
    ).first()


def correct(session: Session, unit: Unit) -> None:
    """A plain edit of the unit corrects its latest version (and its first one's start)."""
    last = latest(session, unit.id)  # type: ignore[arg-type]
    if last is None:  # a unit from before versions existed: give it one
        record_first(session, unit)
        return
    last.code, last.name, last.search_name = unit.code, unit.name, unit.search_name
    last.kind, last.parent_id, last.valid_to = unit.kind, unit.parent_id, unit.valid_to
    start = first(session, unit.id)  # type: ignore[arg-type]
    if start is not None:
        start.valid_from = unit.valid_from
        session.add(start)
    session.add(last)


def check_bounds(
    session: Session, unit: Unit, valid_from: date | None, valid_to: date | None
) -> None:
    """A plain edit of the unit's dates must leave each of its versions a day at least."""
    start, last = first(session, unit.id), latest(session, unit.id)  # type: ignore[arg-type]
    if start is None or last is None or start.id == last.id:
        return  # one version: it simply takes the unit's dates
    if valid_from and start.valid_to and valid_from > start.valid_to:
        raise Invalid(
            FieldIssue(
                "valid_from",
                "The unit's first version ends on {date}: it cannot start later",
                "history",
                {"date": start.valid_to.isoformat()},
            )
        )
    if valid_to and last.valid_from and valid_to < last.valid_from:
        raise Invalid(
            FieldIssue(
                "valid_to",
                "The unit's latest version starts on {date}: it cannot end earlier",
                "history",
                {"date": last.valid_from.isoformat()},
            )
        )


def version_on(session: Session, unit_id: int, day: date) -> UnitVersion | None:
    return session.exec(
        select(UnitVersion).where(UnitVersion.unit_id == unit_id, holds_on(day))
    ).first()


def get_as_of(session: Session, actor: Actor, unit_id: int, day: date) -> tuple[Unit, UnitVersion]:
    """A unit of the caller's scope as it was on `day`; 404 when it did not exist then."""
    authorize(actor, "units.read")
    unit = unit_in_scope(session, actor, unit_id)
    version = version_on(session, unit_id, day)
    if version is None:
        raise NotFound("No such {entity} on {date}", params={"entity": "unit", "date": day})
    return unit, version


def ref_of(unit: Unit, version: UnitVersion | None = None) -> UnitRef:
    """The short form of a unit, with the values of `version` when one is given."""
    ref = UnitRef.model_validate(unit, update={"reports_figures": reports_figures(unit)})
    if version is None:
        return ref
    external = version.level.is_external
    return ref.model_copy(
        update={
            "code": version.code,
            "name": version.name,
            "kind": version.kind,
            "is_external": external,
            "reports_figures": version.level.reports_figures and not external,
        }
    )


def refs_on(session: Session, unit_ids: Iterable[int], day: date) -> dict[int, UnitRef]:
    """The units named as they were on `day` (as they are now, for a unit that did not exist
    then): two queries, whatever the number of units."""
    ids = set(unit_ids)
    if not ids:
        return {}
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(ids))).all()}
    versions = {
        v.unit_id: v
        for v in session.exec(
            select(UnitVersion).where(col(UnitVersion.unit_id).in_(ids), holds_on(day))
        ).all()
    }
    return {uid: ref_of(u, versions.get(uid)) for uid, u in units.items()}  # type: ignore[misc]


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


def history(session: Session, actor: Actor, unit_id: int) -> UnitHistory:
    authorize(actor, "units.read")
    unit = unit_in_scope(session, actor, unit_id)
    versions = session.exec(
        select(UnitVersion)
        .where(UnitVersion.unit_id == unit_id)
        .order_by(col(UnitVersion.valid_from).asc().nulls_first())
    ).all()
    event_ids = select(UnitEventLink.event_id).where(UnitEventLink.unit_id == unit_id)
    events = session.exec(
        select(UnitEvent)
        .where(col(UnitEvent.id).in_(event_ids))
        .order_by(UnitEvent.effective_on, UnitEvent.id)
    ).all()
    links = session.exec(
        select(UnitEventLink).where(col(UnitEventLink.event_id).in_([e.id for e in events]))
    ).all()
    by_event: dict[int, dict[LinkRole, list[int]]] = defaultdict(lambda: defaultdict(list))
    for link in links:
        by_event[link.event_id][LinkRole(link.role)].append(link.unit_id)
    names = _names_at_events(session, events, by_event)
    public_events = [
        UnitEventPublic(
            id=e.id,  # type: ignore[arg-type]
            kind=e.kind,
            effective_on=e.effective_on,
            basis=LegalBasis(number=e.basis_number, signed_on=e.basis_date, title=e.basis_title),
            note=e.note,
            predecessors=[
                names[(e.id, u, True)] for u in sorted(by_event[e.id][LinkRole.predecessor])
            ],  # type: ignore[index]
            successors=[
                names[(e.id, u, False)] for u in sorted(by_event[e.id][LinkRole.successor])
            ],  # type: ignore[index]
        )
        for e in events
    ]
    return UnitHistory(
        unit=ref_of(unit),
        versions=[_version_public(session, v) for v in versions],
        events=public_events,
        predecessors=_others(public_events, unit_id, successor_side=True),
        successors=_others(public_events, unit_id, successor_side=False),
    )


def _names_at_events(
    session: Session, events: list[UnitEvent], by_event: dict[int, dict[LinkRole, list[int]]]
) -> dict[tuple[int, int, bool], UnitRef]:
    """Each linked unit named the day before its event (a predecessor) or on it (a successor)."""
    names: dict[tuple[int, int, bool], UnitRef] = {}
    for e in events:
        roles = by_event[e.id]  # type: ignore[index]
        before = refs_on(session, roles[LinkRole.predecessor], _day_before(e.effective_on))
        after = refs_on(session, roles[LinkRole.successor], e.effective_on)
        names.update({(e.id, uid, True): ref for uid, ref in before.items()})  # type: ignore[misc]
        names.update({(e.id, uid, False): ref for uid, ref in after.items()})  # type: ignore[misc]
    return names


def _others(events: list[UnitEventPublic], unit_id: int, *, successor_side: bool) -> list[UnitRef]:
    """Units on the other side of the events that passed records from one unit to another."""
    found: dict[int, UnitRef] = {}
    for e in events:
        mine, theirs = (
            (e.successors, e.predecessors) if successor_side else (e.predecessors, e.successors)
        )
        if any(u.id == unit_id for u in mine):
            found.update({u.id: u for u in theirs if u.id != unit_id})
    return list(found.values())


def _version_public(session: Session, v: UnitVersion) -> UnitVersionPublic:
    parent = None
    if v.parent_id is not None:
        day = v.valid_from or v.valid_to
        parent_unit = session.get(Unit, v.parent_id)
        parent_version = version_on(session, v.parent_id, day) if day else None
        parent = ref_of(parent_unit, parent_version) if parent_unit else None  # type: ignore[arg-type]
    return UnitVersionPublic(
        valid_from=v.valid_from,
        valid_to=v.valid_to,
        code=v.code,
        name=v.name,
        kind=v.kind,
        level=UnitLevelRef.model_validate(v.level),
        parent=parent,
    )
