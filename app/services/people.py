"""People: internal staff and external individuals, always read through their unit's scope."""

from datetime import date

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid, NotFound
from app.models.assignments import AssignmentPublic
from app.models.people import Person, PersonCreate, PersonPublic, PersonUpdate
from app.models.units import Unit
from app.services import assignments, audit
from app.services.common import apply_changes, bump, check_version, page
from app.services.scope import Actor, authorize, in_subtree, may, unit_in_scope
from app.services.text import fold, words_match
from app.services.units import unit_ref


def to_public(person: Person, unit: Unit, actor: Actor | None = None) -> PersonPublic:
    actions = ["update"] if actor is not None and may(actor, "people.write") else []
    return PersonPublic.model_validate(
        person, update={"unit": unit_ref(unit), "allowed_actions": actions}
    )


def list_people(
    session: Session,
    actor: Actor,
    *,
    q: str | None = None,
    unit_id: int | None = None,
    external: bool | None = None,
    active: bool | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[Person, Unit]], int]:
    authorize(actor, "people.read")
    stmt = select(Person, Unit).join(Unit, Unit.id == Person.unit_id).where(in_subtree(actor))
    if unit_id is not None:
        root = unit_in_scope(session, actor, unit_id)
        stmt = stmt.where(col(Unit.path).startswith(root.path))
    if q:
        # autoescape: a "%" or "_" typed by the user is a character, not a wildcard.
        stmt = stmt.where(words_match(col(Person.search_name), q))
    if external is not None:
        stmt = stmt.where(Person.is_external == external)
    if active is not None:
        stmt = stmt.where(Person.is_active == active)
    return page(session, stmt.order_by(Person.search_name, Person.id), limit=limit, offset=offset)


def get_person(
    session: Session, actor: Actor, person_id: int, *, for_update: bool = False
) -> tuple[Person, Unit]:
    authorize(actor, "people.read")
    stmt = (
        select(Person, Unit)
        .join(Unit, Unit.id == Person.unit_id)
        .where(Person.id == person_id, in_subtree(actor))
    )
    if for_update:
        stmt = stmt.with_for_update(of=Person)  # type: ignore[arg-type]
    row = session.exec(stmt).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "person"})
    return row


def _unit_for(session: Session, actor: Actor, unit_id: int) -> Unit:
    return unit_in_scope(session, actor, unit_id, field="unit_id")


def _transfer_day(effective_on: object) -> date:
    today = assignments.local_today()
    if effective_on is None:
        return today
    assert isinstance(effective_on, date)
    if effective_on > today:
        raise Invalid(
            FieldIssue(
                "effective_on",
                "A transfer cannot take effect after today ({date})",
                "future",
                {"date": today.isoformat()},
            )
        )
    return effective_on


def list_assignments(session: Session, actor: Actor, person_id: int) -> list[AssignmentPublic]:
    """Whoever sees the person (their current unit is in the caller's scope) sees all their
    assignments, those in units outside that scope included."""
    person, _ = get_person(session, actor, person_id)
    return assignments.publish(session, assignments.of_person(session, person))


def _check_membership(unit: Unit, is_external: bool, organisation: str | None) -> None:
    if unit.is_external and not is_external:
        raise Invalid(
            FieldIssue("is_external", "A person of an external unit is external", "invalid")
        )
    if not is_external:
        return
    if not unit.is_external and not organisation:
        raise Invalid(
            FieldIssue(
                "organisation",
                "An external person needs an external unit or an organisation name",
                "required",
            )
        )


def create_person(
    session: Session, actor: Actor, data: PersonCreate, *, is_demo: bool = False
) -> tuple[Person, Unit]:
    authorize(actor, "people.write")
    unit = _unit_for(session, actor, data.unit_id)
    _check_membership(unit, data.is_external, data.organisation)
    person = Person.model_validate(
        data, update={"search_name": fold(data.full_name), "is_demo": is_demo}
    )
    session.add(person)
    session.flush()
    session.add(assignments.first_for(person, actor))
    audit.record(
        session, actor, "create", "person", person.id, unit_id=unit.id, after=audit.snapshot(person)
    )
    session.commit()
    return person, unit


def update_person(
    session: Session,
    actor: Actor,
    person_id: int,
    data: PersonUpdate,
    *,
    expected_version: int | None,
) -> tuple[Person, Unit]:
    authorize(actor, "people.write")
    person, unit = get_person(session, actor, person_id, for_update=True)
    check_version(person, expected_version)
    changes = data.model_dump(exclude_unset=True)
    effective_on = changes.pop("effective_on", None)
    for required in ("full_name", "unit_id", "is_external", "is_active"):
        if required in changes and changes[required] is None:
            raise Invalid(FieldIssue(required, "This field is required", "missing"))
    moving = "unit_id" in changes and changes["unit_id"] != person.unit_id
    if moving:
        unit = _unit_for(session, actor, changes.pop("unit_id"))
    _check_membership(
        unit,
        changes.get("is_external", person.is_external),
        changes.get("organisation", person.organisation),
    )
    if "full_name" in changes:
        changes["search_name"] = fold(changes["full_name"])
    before = audit.snapshot(person)
    day = _transfer_day(effective_on) if moving else None
    if day is not None:
        assignments.check_transfer(assignments.current(session, person, actor), unit, day)
    changed = apply_changes(person, changes)
    if day is not None:
        if not changed:
            bump(person)
        # After the other changes, so that the new assignment records the new position.
        assignments.transfer(session, actor, person, unit, day)
    if changed or day is not None:
        audit.record(
            session,
            actor,
            "update",
            "person",
            person.id,
            unit_id=unit.id,
            before=before,
            after=audit.snapshot(person),
        )
        session.commit()
    return person, unit
