"""A person's dated assignments: the first one when the person is recorded, a transfer that
closes the current one and opens the next, the move a restructuring makes, and the list read
with each unit named as it was.

History only grows at its end, like a unit's versions: a transfer takes effect on a day after
the current assignment's start (the current one ends the day before), so that assignments never
overlap. A transfer dated on the current assignment's very start is a correction: that
assignment's unit is replaced, no new one opens. A person recorded before assignments existed
(or inserted without the service) gets the assignment they implicitly had, from `recruited_on`,
the first time one is needed."""

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from app.core.config import get_settings
from app.core.errors import FieldIssue, Invalid
from app.core.types import utcnow
from app.models.assignments import AssignmentPublic, PersonAssignment
from app.models.people import Person
from app.models.units import Unit, UnitRef
from app.services import unit_history
from app.services.scope import Actor
from app.services.unit_history import ref_of, refs_on


def local_today() -> date:
    return utcnow().astimezone(ZoneInfo(get_settings().timezone)).date()


def first_for(person: Person, actor: Actor) -> PersonAssignment:
    """The assignment a person has from being recorded: their unit, since `recruited_on`."""
    return PersonAssignment(
        person_id=person.id,  # type: ignore[arg-type]
        unit_id=person.unit_id,
        valid_from=person.recruited_on,
        position=person.position,
        recorded_by=actor.username,
    )


def current(session: Session, person: Person, actor: Actor) -> PersonAssignment:
    """The person's open assignment (created, flushed, when they have none yet)."""
    found = session.exec(
        select(PersonAssignment).where(
            PersonAssignment.person_id == person.id, col(PersonAssignment.valid_to).is_(None)
        )
    ).first()
    if found is None:
        found = first_for(person, actor)
        session.add(found)
        session.flush()
    return found


def check_transfer(current_one: PersonAssignment, unit: Unit, day: date) -> None:
    """422 on `effective_on` unless the transfer may take effect on `day`."""
    if current_one.valid_from is not None and day < current_one.valid_from:
        raise Invalid(
            FieldIssue(
                "effective_on",
                "The current assignment starts on {date}: a transfer cannot take effect earlier",
                "before_current",
                {"date": current_one.valid_from.isoformat()},
            )
        )
    if (unit.valid_from and unit.valid_from > day) or (unit.valid_to and unit.valid_to < day):
        raise Invalid(
            FieldIssue(
                "effective_on",
                "{code} does not exist on {date}",
                "not_alive",
                {"code": unit.code, "date": day.isoformat()},
            )
        )


def transfer(
    session: Session,
    actor: Actor,
    person: Person,
    unit: Unit,
    day: date,
    *,
    basis: str | None = None,
    event_id: int | None = None,
) -> PersonAssignment:
    """Move the person to `unit` from `day` (checked by the caller): the current assignment
    ends the day before, or is corrected when it starts that very day. The person row takes
    the new unit; the caller audits and commits."""
    now = current(session, person, actor)
    if now.valid_from == day:
        now.unit_id = unit.id  # type: ignore[assignment]
        now.recorded_by, now.recorded_at = actor.username, utcnow()
        session.add(now)
        opened = now
    else:
        now.valid_to, now.ended_by_id = day - timedelta(days=1), event_id
        session.add(now)
        session.flush()  # the open assignment closes before the next opens (unique index)
        opened = PersonAssignment(
            person_id=person.id,  # type: ignore[arg-type]
            unit_id=unit.id,  # type: ignore[arg-type]
            valid_from=day,
            position=person.position,
            basis=basis,
            event_id=event_id,
            recorded_by=actor.username,
        )
        session.add(opened)
    person.unit_id = unit.id  # type: ignore[assignment]
    session.add(person)
    session.flush()
    return opened


def of_person(session: Session, person: Person) -> list[PersonAssignment]:
    """The person's assignments, oldest first (the implicit one when none is recorded)."""
    rows = list(
        session.exec(
            select(PersonAssignment)
            .where(PersonAssignment.person_id == person.id)
            .order_by(col(PersonAssignment.valid_from).asc().nulls_first())
        ).all()
    )
    if not rows:
        implicit = first_for(person, Actor.system())
        implicit.recorded_at = person.created_at
        rows = [implicit]
    return rows


def _names(session: Session, rows: list[PersonAssignment]) -> dict[int, UnitRef]:
    """Each assignment's unit (by row index) as it was when the assignment began; for one
    that runs since always, as the unit's first version has it."""
    by_day: dict[date, set[int]] = defaultdict(set)
    for r in rows:
        if r.valid_from is not None:
            by_day[r.valid_from].add(r.unit_id)
    then = {day: refs_on(session, ids, day) for day, ids in by_day.items()}
    out: dict[int, UnitRef] = {}
    for i, r in enumerate(rows):
        if r.valid_from is not None:
            out[i] = then[r.valid_from][r.unit_id]
            continue
        unit = session.get(Unit, r.unit_id)
        assert unit is not None
        out[i] = ref_of(unit, unit_history.first(session, r.unit_id))
    return out


def publish(session: Session, rows: list[PersonAssignment]) -> list[AssignmentPublic]:
    units = {
        u.id: u
        for u in session.exec(select(Unit).where(col(Unit.id).in_({r.unit_id for r in rows})))
    }
    then = _names(session, rows)
    return [
        AssignmentPublic(
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            unit=then[i],
            unit_now=ref_of(units[r.unit_id]),
            position=r.position,
            basis=r.basis,
            note=r.note,
            by_restructuring=r.event_id is not None,
            recorded_by=r.recorded_by,
            recorded_at=r.recorded_at,
        )
        for i, r in enumerate(rows)
    ]
