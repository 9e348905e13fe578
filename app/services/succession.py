"""Succession: which units' records a unit answers for on a day before it existed, the unit
tree as it stood on a day, and whether a unit may report a period.

A unit made by a restructuring takes over its predecessors' past: asked about a day before it
existed, it stands for the predecessors that existed on that day, found transitively through
the events that made it (THADS tỉnh Vĩnh Long on 30/09/2022 stands for the Cục THADS of Bến
Tre, Trà Vinh and the old Vĩnh Long; through a chain of mergers, for the first ones).

A split is the one case that cannot be summed: the figures of the unit that was split went to
several successors in shares nobody recorded. Counting it for each successor would count it
twice, so it is counted for none of them and named as `unattributed`: the answer says which
part is unknown instead of guessing."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue
from app.core.messages import translate
from app.models.unit_history import LinkRole, UnitEvent, UnitEventLink, UnitVersion
from app.models.units import Unit, UnitRef
from app.services.unit_history import first, holds_on, latest, version_on


@dataclass(frozen=True)
class Coverage:
    """The units whose records stand for `unit_id` on `day`: itself unless it was made later."""

    unit_id: int
    day: date
    units: tuple[int, ...]
    unattributed: tuple[int, ...] = ()  # split predecessors: their share is unknown

    @property
    def inherited(self) -> bool:
        """Whether predecessors stand in for the unit (it did not exist on the day)."""
        return self.units != (self.unit_id,)


def coverage(session: Session, unit_id: int, day: date) -> Coverage:
    units: list[int] = []
    unattributed: list[int] = []
    seen: set[int] = set()
    todo = [unit_id]
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        made = [] if version_on(session, current, day) else _events_that_made(session, current, day)
        if not made:  # it existed then, or it had ended: its records are its own
            units.append(current)
            continue
        for predecessors, successors in made:
            if len(successors) > 1:  # a split: which share went where is not known
                unattributed += [p for p in predecessors if p not in unattributed]
            else:
                todo += predecessors
    return Coverage(unit_id, day, tuple(units), tuple(u for u in unattributed if u not in units))


def _events_that_made(
    session: Session, unit_id: int, day: date
) -> list[tuple[list[int], list[int]]]:
    """The events after `day` of which the unit is a successor: (predecessors other than
    itself, successors) of each."""
    made = select(UnitEventLink.event_id).where(
        UnitEventLink.unit_id == unit_id, UnitEventLink.role == LinkRole.successor
    )
    events = session.exec(
        select(UnitEvent.id).where(col(UnitEvent.id).in_(made), UnitEvent.effective_on > day)
    ).all()
    if not events:
        return []
    links = session.exec(select(UnitEventLink).where(col(UnitEventLink.event_id).in_(events))).all()
    out = []
    for event_id in events:
        mine = [link for link in links if link.event_id == event_id]
        out.append(
            (
                sorted(
                    link.unit_id
                    for link in mine
                    if link.role == LinkRole.predecessor and link.unit_id != unit_id
                ),
                sorted(link.unit_id for link in mine if link.role == LinkRole.successor),
            )
        )
    return out


def parents_on(session: Session, day: date) -> dict[int, int | None]:
    """Every unit's parent as of `day`; a unit that did not exist then keeps the parent of
    its latest version (as refs_on names it), so that a past record still finds its place."""
    now = dict(session.exec(select(Unit.id, Unit.parent_id)).all())
    then = dict(
        session.exec(select(UnitVersion.unit_id, UnitVersion.parent_id).where(holds_on(day))).all()
    )
    return {uid: then.get(uid, parent) for uid, parent in now.items()}  # type: ignore[misc]


def descendants(parents: dict[int, int | None], roots: Iterable[int]) -> set[int]:
    """The units below any of `roots` in the given parent map (the roots excluded)."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in parents.items():
        children.setdefault(parent, []).append(uid)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found - set(roots)


def reporting_issue(session: Session, unit: Unit, period_end: date) -> FieldIssue | None:
    """A period is reported by the units alive on its last day: an office that ended before
    then hands the whole statistics year to its successor, and one made later reports from
    the first period ending after it began. Shared by the form and the file import."""
    if version_on(session, unit.id, period_end) is not None:  # type: ignore[arg-type]
        return None
    last, start = latest(session, unit.id), first(session, unit.id)  # type: ignore[arg-type]
    if last is None:  # a unit from before versions were kept: timeless, as it always was
        return None
    if last.valid_to is not None and last.valid_to < period_end:
        return FieldIssue(
            "unit_id",
            "The unit ended on {ended}, before the period's end ({end}): its successor reports "
            "this period",
            "unit_ended",
            {"ended": f"{last.valid_to:%d/%m/%Y}", "end": f"{period_end:%d/%m/%Y}"},
        )
    begun = f"{start.valid_from:%d/%m/%Y}" if start and start.valid_from else "?"
    return FieldIssue(
        "unit_id",
        "The unit began on {begun}, after the period's end ({end}): its predecessors report "
        "this period",
        "unit_not_yet",
        {"begun": begun, "end": f"{period_end:%d/%m/%Y}"},
    )


def succession_note(
    sentence: str, covers: list[UnitRef], unattributed: list[UnitRef], lang: str
) -> str | None:
    """The sentence a response carries when predecessors stand in for the unit asked about
    (`sentence` has a {units} placeholder), and which split predecessors were left out."""
    parts = []
    if covers:
        parts.append(translate(sentence, lang, {"units": ", ".join(u.name for u in covers)}))
    if unattributed:
        names = ", ".join(u.name for u in unattributed)
        parts.append(
            translate(
                "Not counted, split between several successors in unknown shares: {units}",
                lang,
                {"units": names},
            )
        )
    return ". ".join(parts) + "." if parts else None
