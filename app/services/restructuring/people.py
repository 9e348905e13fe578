"""People follow their unit through a restructuring: the active people of a unit that ends with
a single successor get an assignment on it from the event's date (the current one ends the day
before); those of a unit with several successors or none stay where they are, to be placed by
hand. The assignments record the event that opened and closed them, so that reverting the
restructuring finds them (services/restructuring/revert.py)."""

from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from app.core.errors import Conflict
from app.models.assignments import PersonAssignment
from app.models.people import Person
from app.models.restructurings import PersonMove
from app.services import assignments, audit
from app.services.common import bump
from app.services.scope import Actor
from app.services.unit_history import ref_of

if TYPE_CHECKING:
    from app.services.restructuring.events import Applied


def move_people(session: Session, actor: Actor, done: "Applied") -> None:
    """Move (or list, to place by hand) the active people of the units `done` ended."""
    people = session.exec(
        select(Person)
        .where(col(Person.unit_id).in_(list(done.ended)), Person.is_active == True)  # noqa: E712
        .order_by(Person.search_name, Person.id)
    ).all()
    for person in people:
        unit, event = done.ended[person.unit_id]
        takers = done.successors.get(person.unit_id, [])
        now = assignments.current(session, person, actor)
        starts_late = now.valid_from is not None and now.valid_from >= event.effective_on
        move = PersonMove(
            person_id=person.id,  # type: ignore[arg-type]
            full_name=person.full_name,
            from_unit=ref_of(unit),
            to_unit=None if len(takers) != 1 or starts_late else ref_of(takers[0]),
        )
        if move.to_unit is None:
            done.people_to_place.append(move)
            continue
        before = audit.snapshot(person)
        bump(person)
        assignments.transfer(
            session,
            actor,
            person,
            takers[0],
            event.effective_on,
            basis=event.basis_number,
            event_id=event.id,
        )
        audit.record(
            session,
            actor,
            "update",
            "person",
            person.id,
            unit_id=person.unit_id,
            before=before,
            after=audit.snapshot(person),
        )
        done.people_moved.append(move)


def check_people_in_place(session: Session, event_ids: list[int]) -> None:
    """Reverting requires the people the restructuring moved to be still where it put them."""
    opened = session.exec(
        select(PersonAssignment, Person.unit_id)
        .join(Person, Person.id == PersonAssignment.person_id)
        .where(col(PersonAssignment.event_id).in_(event_ids))
    ).all()
    astray = [a for a, unit_id in opened if a.valid_to is not None or unit_id != a.unit_id]
    if astray:
        raise Conflict("People it moved have moved since: {count}", params={"count": len(astray)})


def move_people_back(session: Session, actor: Actor, event_ids: list[int]) -> None:
    """The assignments the restructuring opened go; those it closed reopen; each person is
    back on their unit."""
    opened = session.exec(
        select(PersonAssignment).where(col(PersonAssignment.event_id).in_(event_ids))
    ).all()
    for assignment in opened:
        session.delete(assignment)
    session.flush()  # before the closed ones reopen (one open assignment per person)
    closed = session.exec(
        select(PersonAssignment).where(col(PersonAssignment.ended_by_id).in_(event_ids))
    ).all()
    for assignment in closed:
        assignment.valid_to, assignment.ended_by_id = None, None
        session.add(assignment)
        person = session.get(Person, assignment.person_id)
        assert person is not None
        before = audit.snapshot(person)
        person.unit_id = assignment.unit_id
        bump(person)
        session.add(person)
        audit.record(
            session,
            actor,
            "update",
            "person",
            person.id,
            unit_id=person.unit_id,
            before=before,
            after=audit.snapshot(person),
        )
    session.flush()
