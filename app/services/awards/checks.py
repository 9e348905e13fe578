"""The checks an award must pass before it is made, under the law: the authority confers at
its own level, the recipient is of the kind the award is for (and inside the sector when it
must be), and one achievement is not awarded twice. A batch of rows is checked with three
queries."""

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid
from app.models.assignments import PersonAssignment
from app.models.awards import (
    Award,
    AwardCategory,
    AwardLine,
    AwardType,
    Decision,
    DecisionKind,
    RecipientKind,
)
from app.models.levels import LEVEL_RANK, LevelRank
from app.models.people import Person
from app.models.units import Unit
from app.services.levels import confers_as
from app.services.scope import Actor, in_subtree

# Kinds of decision that reward a whole year's work: one per recipient, type and year.
YEARLY = {DecisionKind.merit}


def types_by_code(session: Session) -> dict[str, AwardType]:
    return {t.code: t for t in session.exec(select(AwardType).order_by(AwardType.position)).all()}


def may_record_for(actor: Actor, issuer: Unit) -> bool:
    """Whose decisions the caller records: its subtree's, those of a unit above it (the
    Ministry's or the General Department's decision recorded by the office that received it),
    and those of the State's issuers (Chủ tịch nước, Chính phủ), which stand above every tree."""
    ancestors = {int(p) for p in actor.unit_path.strip("/").split("/") if p}
    return actor.sees(issuer.path) or issuer.id in ancestors or issuer.level.rank == LevelRank.state


def issuer_for(session: Session, actor: Actor, unit_id: int, field: str = "issuer_id") -> Unit:
    """The issuing authority: a unit whose decisions the caller records, of a level that
    confers awards."""
    unit = session.get(Unit, unit_id)
    if unit is None or not may_record_for(actor, unit):
        raise Invalid(FieldIssue(field, "No such unit in your scope", "not_found"))
    if confers_as(unit) is None:
        raise Invalid(FieldIssue(field, "This unit cannot issue award decisions", "not_authority"))
    return unit


def recipient(
    session: Session, actor: Actor, line: AwardLine, prefix: str
) -> tuple[Unit | None, Person | None, Unit]:
    if line.recipient_unit_id is not None:
        unit = session.exec(
            select(Unit).where(Unit.id == line.recipient_unit_id, in_subtree(actor))
        ).first()
        if unit is None:
            raise Invalid(
                FieldIssue(f"{prefix}.recipient_unit_id", "No such unit in your scope", "not_found")
            )
        return unit, None, unit
    row = session.exec(
        select(Person, Unit)
        .join(Unit, Unit.id == Person.unit_id)
        .where(Person.id == line.recipient_person_id, in_subtree(actor))
    ).first()
    if row is None:
        raise Invalid(
            FieldIssue(f"{prefix}.recipient_person_id", "No such person in your scope", "not_found")
        )
    return None, row[0], row[1]


@dataclass
class Batch:
    """What checking a batch of award lines needs, loaded in three queries."""

    units: dict[int, Unit]
    people: dict[int, tuple[Person, Unit]]
    # (award type id, recipient unit id, recipient person id, given by a year-end decision)
    given: set[tuple[int, int | None, int | None, bool]]
    seen: set[tuple[str, int | None, int | None]] = field(default_factory=set)


def preload(
    session: Session, actor: Actor, year: int, lines: list[AwardLine], signed_on: date | None = None
) -> Batch:
    """`signed_on`: a person's award belongs to the unit they served on the decision's day
    (their dated assignment), not to where they work when it is recorded."""
    unit_ids = {line.recipient_unit_id for line in lines if line.recipient_unit_id is not None}
    person_ids = {
        line.recipient_person_id for line in lines if line.recipient_person_id is not None
    }
    units = {
        u.id: u
        for u in session.exec(
            select(Unit).where(col(Unit.id).in_(unit_ids), in_subtree(actor))
        ).all()
    }
    people = {
        p.id: (p, u)
        for p, u in session.exec(
            select(Person, Unit)
            .join(Unit, Unit.id == Person.unit_id)
            .where(col(Person.id).in_(person_ids), in_subtree(actor))
        ).all()
    }
    if signed_on is not None and people:
        for person_id, unit in session.exec(
            select(PersonAssignment.person_id, Unit)
            .join(Unit, Unit.id == PersonAssignment.unit_id)
            .where(
                col(PersonAssignment.person_id).in_(list(people)),
                col(PersonAssignment.valid_from).is_(None)
                | (PersonAssignment.valid_from <= signed_on),
                col(PersonAssignment.valid_to).is_(None) | (PersonAssignment.valid_to >= signed_on),
            )
        ).all():
            people[person_id] = (people[person_id][0], unit)
    given = {
        (type_id, unit_id, person_id, kind in YEARLY)
        for type_id, unit_id, person_id, kind in session.exec(
            select(
                Award.award_type_id,
                Award.recipient_unit_id,
                Award.recipient_person_id,
                Decision.kind,
            )
            .join(Decision, Decision.id == Award.decision_id)
            .where(
                Award.year == year,
                col(Award.revoked_at).is_(None),
                col(Award.recipient_unit_id).in_(unit_ids)
                | col(Award.recipient_person_id).in_(person_ids),
            )
        ).all()
    }
    return Batch(units=units, people=people, given=given)  # type: ignore[arg-type]


def check_line(
    batch: Batch,
    issuer: Unit,
    kind: DecisionKind,
    year: int,
    line: AwardLine,
    prefix: str,
    types: dict[str, AwardType],
) -> tuple[AwardType, Unit | None, Person | None, Unit]:
    award_type = types.get(line.award_type)
    if award_type is None:
        raise Invalid(FieldIssue(f"{prefix}.award_type", "Unknown award type", "not_found"))
    level = confers_as(issuer)
    assert level is not None  # issuer_for refused the others
    if level not in award_type.levels:
        lowest = min(LEVEL_RANK[lv] for lv in award_type.levels)  # type: ignore[index]
        message = (
            "{issuer} cannot confer {award}: it is conferred at a higher level"
            if LEVEL_RANK[level] < lowest
            else "{issuer} does not confer {award}"
        )
        raise Invalid(
            FieldIssue(
                f"{prefix}.award_type",
                message,
                "authority",
                {"issuer": issuer.name, "award": award_type.name_vi},
            )
        )
    unit = person = None
    if line.recipient_unit_id is not None:
        unit = batch.units.get(line.recipient_unit_id)
        if unit is None:
            raise Invalid(
                FieldIssue(f"{prefix}.recipient_unit_id", "No such unit in your scope", "not_found")
            )
        home = unit
    else:
        found = batch.people.get(line.recipient_person_id)  # type: ignore[arg-type]
        if found is None:
            raise Invalid(
                FieldIssue(
                    f"{prefix}.recipient_person_id", "No such person in your scope", "not_found"
                )
            )
        person, home = found
    kind_of = RecipientKind.collective if unit is not None else RecipientKind.individual
    if kind_of.value not in award_type.recipients:
        raise Invalid(
            FieldIssue(
                f"{prefix}.award_type",
                "{award} is for collectives only"
                if kind_of == RecipientKind.individual
                else "{award} is for individuals only",
                "recipient_kind",
                {"award": award_type.name_vi},
            )
        )
    external = home.is_external or bool(person and person.is_external)
    if external and not award_type.external_allowed:
        raise Invalid(
            FieldIssue(
                f"{prefix}.award_type",
                "{award} is only for the sector's own staff and units",
                "external",
                {"award": award_type.name_vi},
            )
        )
    key = (award_type.code, line.recipient_unit_id, line.recipient_person_id)
    if key in batch.seen:
        raise Invalid(
            FieldIssue(
                prefix, "The same award to the same recipient twice in one decision", "duplicate"
            )
        )
    batch.seen.add(key)
    # A title or grade is given once a year; a form once for the year's work (ad hoc and
    # campaign awards reward other achievements).
    yearly_only = award_type.category == AwardCategory.form
    clashes = {
        (award_type.id, line.recipient_unit_id, line.recipient_person_id, True),
        *(
            []
            if yearly_only
            else [(award_type.id, line.recipient_unit_id, line.recipient_person_id, False)]
        ),
    }
    if (yearly_only and kind not in YEARLY) or not (clashes & batch.given):
        return award_type, unit, person, home
    raise Invalid(
        FieldIssue(
            prefix,
            "Already awarded {award} for {year}: one achievement, one award",
            "duplicate",
            {"award": award_type.name_vi, "year": year},
        )
    )
