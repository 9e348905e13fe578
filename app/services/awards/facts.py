"""People's yearly facts: assessment and discipline per year, recognised initiatives."""

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid
from app.models.facts import (
    Assessment,
    AssessmentIn,
    AssessmentPublic,
    Initiative,
    InitiativeAuthor,
    InitiativeIn,
    InitiativePublic,
    PersonFacts,
)
from app.models.people import Person
from app.models.units import Unit
from app.services import audit, people
from app.services.common import bump
from app.services.scope import Actor, authorize, in_subtree


def person_facts(session: Session, actor: Actor, person_id: int) -> PersonFacts:
    people.get_person(session, actor, person_id)
    assessments = session.exec(
        select(Assessment)
        .where(Assessment.person_id == person_id)
        .order_by(col(Assessment.year).desc())
    ).all()
    rows = session.exec(
        select(Initiative)
        .join(InitiativeAuthor, InitiativeAuthor.initiative_id == Initiative.id)
        .where(InitiativeAuthor.person_id == person_id)
        .order_by(col(Initiative.year).desc())
    ).all()
    authors = _authors(session, [i.id for i in rows])  # type: ignore[misc]
    return PersonFacts(
        person_id=person_id,
        assessments=[AssessmentPublic.model_validate(a) for a in assessments],
        initiatives=[
            InitiativePublic.model_validate(i, update={"author_ids": authors[i.id]}) for i in rows
        ],  # type: ignore[index]
    )


def _authors(session: Session, ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {i: [] for i in ids}
    for iid, pid in session.exec(
        select(InitiativeAuthor.initiative_id, InitiativeAuthor.person_id).where(
            col(InitiativeAuthor.initiative_id).in_(ids)
        )
    ).all():
        out[iid].append(pid)
    return out


def set_assessment(
    session: Session, actor: Actor, person_id: int, data: AssessmentIn
) -> AssessmentPublic:
    """Create or replace the person's assessment for the year."""
    authorize(actor, "facts.write")
    person, unit = people.get_person(session, actor, person_id)
    if person.is_external:
        raise Invalid(
            FieldIssue("person_id", "Assessments are for the sector's own staff", "external")
        )
    row = session.exec(
        select(Assessment).where(Assessment.person_id == person_id, Assessment.year == data.year)
    ).first()
    before = audit.snapshot(row)
    if row is None:
        row = Assessment(person_id=person_id, **data.model_dump())
    else:
        for key, value in data.model_dump().items():
            setattr(row, key, value)
        bump(row)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "update" if before else "create",
        "assessment",
        row.id,
        unit_id=unit.id,
        before=before,
        after=audit.snapshot(row),
    )
    session.commit()
    return AssessmentPublic.model_validate(row)


def add_initiative(session: Session, actor: Actor, data: InitiativeIn) -> InitiativePublic:
    authorize(actor, "facts.write")
    authors = session.exec(
        select(Person, Unit)
        .join(Unit, Unit.id == Person.unit_id)
        .where(col(Person.id).in_(data.author_ids), in_subtree(actor))
    ).all()
    found = {p.id for p, _ in authors}
    missing = [i for i, pid in enumerate(data.author_ids) if pid not in found]
    if missing:
        raise Invalid(
            *[
                FieldIssue(f"author_ids.{i}", "No such person in your scope", "not_found")
                for i in missing
            ]
        )
    initiative = Initiative(**data.model_dump(exclude={"author_ids"}))
    session.add(initiative)
    session.flush()
    for pid in dict.fromkeys(data.author_ids):
        session.add(InitiativeAuthor(initiative_id=initiative.id, person_id=pid))  # type: ignore[arg-type]
    audit.record(
        session,
        actor,
        "create",
        "initiative",
        initiative.id,
        unit_id=authors[0][1].id,
        after=data.model_dump(mode="json"),
    )
    session.commit()
    return InitiativePublic.model_validate(
        initiative, update={"author_ids": list(dict.fromkeys(data.author_ids))}
    )
