"""People: internal staff and external individuals, always read through their unit's scope."""

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid, NotFound
from app.models.people import Person, PersonCreate, PersonPublic, PersonUpdate
from app.models.units import Unit
from app.services import audit
from app.services.common import apply_changes, check_version, page
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
    for required in ("full_name", "unit_id", "is_external", "is_active"):
        if required in changes and changes[required] is None:
            raise Invalid(FieldIssue(required, "This field is required", "missing"))
    if "unit_id" in changes and changes["unit_id"] != person.unit_id:
        unit = _unit_for(session, actor, changes["unit_id"])
    _check_membership(
        unit,
        changes.get("is_external", person.is_external),
        changes.get("organisation", person.organisation),
    )
    if "full_name" in changes:
        changes["search_name"] = fold(changes["full_name"])
    before = audit.snapshot(person)
    if apply_changes(person, changes):
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
