"""Everything the rules read about a year's candidates, loaded in a handful of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from app.models.assignments import PersonAssignment
from app.models.awards import Award, AwardType
from app.models.facts import Assessment, Initiative, InitiativeAuthor
from app.models.people import Person
from app.models.periods import Period
from app.models.reports import Report, ReportStatus
from app.models.units import Unit
from app.services import succession
from app.services.levels import reports_figures
from app.services.reports import catalogue, evaluation, targets
from app.services.reports.reports import values_of

HISTORY_YEARS = 6


@dataclass
class Facts:
    year: int
    scope: Unit
    people: dict[int, Person] = field(default_factory=dict)
    unit_of: dict[int, int] = field(default_factory=dict)  # person -> their unit at year end
    units: dict[int, Unit] = field(default_factory=dict)
    staff: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # unit -> people
    assessments: dict[tuple[int, int], Assessment] = field(default_factory=dict)  # (person, year)
    person_awards: dict[int, list[tuple[str, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    unit_awards: dict[int, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    initiatives: dict[int, list[Initiative]] = field(default_factory=lambda: defaultdict(list))
    rates: dict[int, dict[str, float | None]] = field(
        default_factory=dict
    )  # unit -> approved Q4 rates
    goals: dict[int, dict[str, float | None]] = field(default_factory=dict)
    title_counts: dict[str, int] = field(default_factory=dict)  # code -> awarded in scope this year

    def has_award(self, person_id: int, code: str, year: int) -> bool:
        return (code, year) in self.person_awards.get(person_id, [])

    def unit_has_award(self, unit_id: int, code: str, year: int) -> bool:
        return (code, year) in self.unit_awards.get(unit_id, [])

    def year_end(self) -> date:
        return date(self.year, 12, 31)


def _people_on(session: Session, unit_ids: list[int], day: date) -> list[tuple[Person, int]]:
    """Active people with their unit on `day`: by their dated assignment, or, for a person
    recorded without one, by their unit."""
    held = (
        select(Person, PersonAssignment.unit_id)
        .join(PersonAssignment, PersonAssignment.person_id == Person.id)
        .where(
            col(PersonAssignment.unit_id).in_(unit_ids),
            col(PersonAssignment.valid_from).is_(None) | (PersonAssignment.valid_from <= day),
            col(PersonAssignment.valid_to).is_(None) | (PersonAssignment.valid_to >= day),
            Person.is_active == True,  # noqa: E712
        )
    )
    unassigned = select(Person, Person.unit_id).where(
        col(Person.unit_id).in_(unit_ids),
        Person.is_active == True,  # noqa: E712
        ~select(PersonAssignment.id).where(PersonAssignment.person_id == Person.id).exists(),
    )
    return [*session.exec(held).all(), *session.exec(unassigned).all()]  # type: ignore[list-item]


def load(session: Session, year: int, scope: Unit) -> Facts:
    facts = Facts(year=year, scope=scope)
    # The scope as it stood at the year's end (a successor stands for its predecessors), and
    # the people assigned to it that day: a restructuring or a transfer since does not take a
    # year's candidates away from the unit they served.
    day = facts.year_end()
    roots = succession.coverage(session, scope.id, day).units  # type: ignore[arg-type]
    ids_then = set(roots) | succession.descendants(succession.parents_on(session, day), roots)
    units = session.exec(
        select(Unit).where(
            col(Unit.id).in_(ids_then),
            col(Unit.is_external).is_(False),
            # only the units of that day: none made later, none ended before it
            col(Unit.valid_from).is_(None) | (col(Unit.valid_from) <= day),
            col(Unit.valid_to).is_(None) | (col(Unit.valid_to) >= day),
        )
    ).all()
    facts.units = {u.id: u for u in units}  # type: ignore[misc]
    for person, unit_id in _people_on(session, list(facts.units), day):
        facts.people[person.id] = person  # type: ignore[index]
        facts.unit_of[person.id] = unit_id  # type: ignore[index]
        facts.staff[unit_id].append(person.id)  # type: ignore[arg-type]
    ids = list(facts.people)
    first = year - HISTORY_YEARS
    for a in session.exec(
        select(Assessment).where(
            col(Assessment.person_id).in_(ids), Assessment.year >= first, Assessment.year <= year
        )
    ).all():
        facts.assessments[(a.person_id, a.year)] = a
    codes = {t.id: t.code for t in session.exec(select(AwardType)).all()}
    # A person's earlier titles follow them across a transfer: their awards in other units
    # count for them (consecutive years), not for this scope's quota.
    for a in session.exec(
        select(Award).where(
            col(Award.unit_id).in_(list(facts.units)) | col(Award.recipient_person_id).in_(ids),
            col(Award.revoked_at).is_(None),
            Award.year >= first,
            Award.year <= year,
        )
    ).all():
        code = codes[a.award_type_id]
        if a.recipient_person_id is not None:
            facts.person_awards[a.recipient_person_id].append((code, a.year))
        elif a.recipient_unit_id is not None:
            facts.unit_awards[a.recipient_unit_id].append((code, a.year))
        if a.year == year and a.unit_id in facts.units:
            facts.title_counts[code] = facts.title_counts.get(code, 0) + 1
    for initiative, person_id in session.exec(
        select(Initiative, InitiativeAuthor.person_id)
        .join(InitiativeAuthor, InitiativeAuthor.initiative_id == Initiative.id)
        .where(
            col(InitiativeAuthor.person_id).in_(ids),
            Initiative.year >= first,
            Initiative.year <= year,
        )
    ).all():
        facts.initiatives[person_id].append(initiative)
    _load_rates(session, facts)
    return facts


def _load_rates(session: Session, facts: Facts) -> None:
    """Each reporting unit's approved 12-month rates for the year, and its targets."""
    period = session.exec(
        select(Period).where(Period.year == facts.year, Period.quarter == 4)
    ).first()
    if period is None:
        return
    cat = catalogue.load(session)
    reporting = [u for u in facts.units.values() if reports_figures(u)]
    reports = session.exec(
        select(Report).where(
            Report.period_id == period.id,
            col(Report.unit_id).in_([u.id for u in reporting]),
            Report.status == ReportStatus.approved,
        )
    ).all()
    vals = values_of(session, cat, [r.id for r in reports])  # type: ignore[misc]
    table = targets.table_for_year(session, facts.year)
    codes = [c for c, _, _ in cat.indicators]
    for report in reports:
        scope = {**vals[report.id], **evaluation.derive(cat, vals[report.id])}  # type: ignore[index]
        facts.rates[report.unit_id] = {
            c: evaluation.rate(n.evaluate(scope), d.evaluate(scope)) for c, n, d in cat.indicators
        }
        facts.goals[report.unit_id] = table.for_path(facts.units[report.unit_id].path, codes)
