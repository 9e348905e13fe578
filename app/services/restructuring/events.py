"""Applying a plan's events to the unit tree, in the caller's transaction (nothing commits
here): each event closes the versions it changes the day before its date and opens the next,
creates the units it names, ends the units it replaces, and links predecessors to successors.

History only grows at its end: an event may only follow the latest version of a unit. A unit
that ends leaves no living subunit behind: those the plan does not place go to its successor
(one more `move` event on the same basis), or, when there is no single successor, the plan is
refused."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid
from app.models.restructurings import NewUnit, PersonMove, PlannedEvent, RestructuringPlan
from app.models.unit_history import EventKind, LinkRole, UnitEvent, UnitEventLink, UnitVersion
from app.models.units import Unit
from app.services import audit, unit_history
from app.services.common import bump
from app.services.restructuring import people
from app.services.restructuring.shapes import check_shapes
from app.services.scope import Actor, in_subtree, refresh_inherited_scopes
from app.services.text import fold
from app.services.units import level_for, move_subtree, path_of


def day_before(day: date) -> date:
    return day - timedelta(days=1)


@dataclass
class Applied:
    """What a plan did, for the preview and the record of the restructuring."""

    events: list[UnitEvent] = field(default_factory=list)
    created: list[Unit] = field(default_factory=list)
    ended: dict[int, tuple[Unit, UnitEvent]] = field(default_factory=dict)  # by unit id
    changed: dict[int, Unit] = field(default_factory=dict)  # renamed or moved, by unit id
    successors: dict[int, list[Unit]] = field(default_factory=dict)  # ended unit id -> takers
    people_moved: list[PersonMove] = field(default_factory=list)  # to the single successor
    people_to_place: list[PersonMove] = field(default_factory=list)  # left for a transfer


class Applier:
    def __init__(self, session: Session, actor: Actor, plan: RestructuringPlan) -> None:
        self.session, self.actor, self.plan = session, actor, plan
        self.by_code: dict[str, Unit] = {}
        self.done = Applied()

    # Looking units up

    def unit(self, code: str, where: str) -> Unit:
        """A unit of the caller's subtree named by the plan (one it created, or existing)."""
        if code in self.by_code:
            return self.by_code[code]
        unit = self.session.exec(
            select(Unit).where(Unit.code == code, in_subtree(self.actor))
        ).first()
        if unit is None:
            raise Invalid(
                FieldIssue(where, "No unit {code} in your scope", "not_found", {"code": code})
            )
        self.by_code[code] = unit
        return unit

    def _exists(self, unit: Unit, day: date, where: str) -> None:
        if (unit.valid_from and unit.valid_from > day) or (unit.valid_to and unit.valid_to < day):
            params = {"code": unit.code, "date": day.isoformat()}
            raise Invalid(FieldIssue(where, "{code} does not exist on {date}", "not_alive", params))

    def _living(self, unit: Unit, day: date, where: str) -> UnitVersion:
        """The unit's latest version, which the event on `day` may follow."""
        params = {"code": unit.code, "date": day.isoformat()}
        if (unit.valid_from and unit.valid_from >= day) or (unit.valid_to and unit.valid_to < day):
            raise Invalid(FieldIssue(where, "{code} does not exist on {date}", "not_alive", params))
        last = unit_history.latest(self.session, unit.id)  # type: ignore[arg-type]
        if last is None:
            last = unit_history.record_first(self.session, unit)
            self.session.flush()
        if last.valid_to is not None or (last.valid_from and last.valid_from >= day):
            changed = (last.valid_from or day).isoformat()
            raise Invalid(
                FieldIssue(
                    where,
                    "{code} changed on {changed}: a change must come after its latest one",
                    "not_latest",
                    {**params, "changed": changed},
                )
            )
        return last

    # Changing units

    def _event(self, spec: PlannedEvent) -> UnitEvent:
        basis = spec.basis or self.plan.basis
        event = UnitEvent(
            kind=spec.kind,
            effective_on=spec.effective_on or self.plan.effective_on,
            basis_number=basis.number,
            basis_date=basis.signed_on,
            basis_title=basis.title,
            note=spec.note,
        )
        self.session.add(event)
        self.session.flush()
        self.done.events.append(event)
        return event

    def _link(self, event: UnitEvent, unit: Unit, role: LinkRole) -> None:
        self.session.add(UnitEventLink(event_id=event.id, unit_id=unit.id, role=role))  # type: ignore[arg-type]

    def _new_unit(self, new: NewUnit, event: UnitEvent, where: str) -> Unit:
        day = event.effective_on
        level = level_for(self.session, new.kind, day, field=f"{where}.kind")
        parent = self.unit(new.parent, f"{where}.parent") if new.parent else None
        if parent is None and self.actor.unit_path != "/":
            raise Invalid(
                FieldIssue(
                    f"{where}.parent", "A unit must have a parent within your scope", "required"
                )
            )
        if parent is not None:
            self._exists(parent, day, f"{where}.parent")
            if parent.is_external and not level.is_external:
                raise Invalid(
                    FieldIssue(
                        f"{where}.kind",
                        "An internal unit cannot be placed under an external organisation",
                        "invalid",
                    )
                )
        taken = self.session.exec(select(Unit.id).where(Unit.code == new.code)).first()
        if taken is not None or new.code in self.by_code:
            raise Invalid(FieldIssue(f"{where}.code", "This code is already used", "unique"))
        unit = Unit(
            code=new.code,
            name=new.name,
            kind=new.kind,
            parent_id=parent.id if parent else None,
            valid_from=day,
            address=new.address,
            is_external=level.is_external,
            search_name=fold(new.name),
        )
        unit.level = level
        self.session.add(unit)
        self.session.flush()
        unit.path = path_of(parent, unit.id)  # type: ignore[arg-type]
        unit_history.record_first(self.session, unit, event.id)
        audit.record(
            self.session,
            self.actor,
            "create",
            "unit",
            unit.id,
            unit_id=unit.id,
            after=audit.snapshot(unit),
        )
        self.by_code[unit.code] = unit
        self.done.created.append(unit)
        self._link(event, unit, LinkRole.successor)
        return unit

    def _end(self, unit: Unit, event: UnitEvent, where: str) -> None:
        last = self._living(unit, event.effective_on, where)
        before = audit.snapshot(unit)
        last.valid_to, last.ended_by_id = day_before(event.effective_on), event.id
        unit.valid_to = last.valid_to
        bump(unit)
        self.session.add_all([last, unit])
        audit.record(
            self.session,
            self.actor,
            "update",
            "unit",
            unit.id,
            unit_id=unit.id,
            before=before,
            after=audit.snapshot(unit),
        )
        self.done.ended[unit.id] = (unit, event)  # type: ignore[index]
        self._link(event, unit, LinkRole.predecessor)

    def change(self, unit: Unit, event: UnitEvent, where: str, **values: object) -> None:
        """Close the unit's latest version the day before the event and open the next, with
        `values` (name, code, kind, parent) changed; the unit row takes the new values. A second
        change the same day by the same plan amends the version the first one opened."""
        day = event.effective_on
        last = unit_history.latest(self.session, unit.id)  # type: ignore[arg-type]
        ours = {e.id for e in self.done.events}
        same_day = last is not None and last.valid_from == day and last.event_id in ours
        if not same_day:
            last = self._living(unit, day, where)
            last.valid_to, last.ended_by_id = day_before(day), event.id
            self.session.add(last)
        before = audit.snapshot(unit)
        for name, value in values.items():
            setattr(unit, name, value)
        unit.search_name = fold(unit.name)
        if "parent_id" in values:
            parent = self.session.get(Unit, unit.parent_id)
            old_path, unit.path = unit.path, path_of(parent, unit.id)  # type: ignore[arg-type]
            move_subtree(self.session, unit, old_path, unit.path)
        bump(unit)
        self.session.add(unit)
        if same_day:
            unit_history.correct(self.session, unit)  # the version opened today takes them
        else:
            version = unit_history.record_first(self.session, unit, event.id)
            version.valid_from, version.valid_to = day, None
        audit.record(
            self.session,
            self.actor,
            "update",
            "unit",
            unit.id,
            unit_id=unit.id,
            before=before,
            after=audit.snapshot(unit),
        )
        self._link(event, unit, LinkRole.predecessor)
        self._link(event, unit, LinkRole.successor)
        self.done.changed[unit.id] = unit  # type: ignore[index]

    # The events

    def apply(self) -> Applied:
        check_shapes(self.plan)
        for i, spec in enumerate(self.plan.events):
            getattr(self, f"_{spec.kind.value}")(spec, f"events.{i}")
        self._place_orphans()
        people.move_people(self.session, self.actor, self.done)
        self.session.flush()
        refresh_inherited_scopes(self.session)
        return self.done

    def _takers(self, spec: PlannedEvent, event: UnitEvent, where: str) -> list[Unit]:
        takers = [
            self._new_unit(n, event, f"{where}.new_units.{j}") for j, n in enumerate(spec.new_units)
        ]
        for j, code in enumerate(spec.successors):
            taker = self.unit(code, f"{where}.successors.{j}")
            self._exists(taker, event.effective_on, f"{where}.successors.{j}")
            self._link(event, taker, LinkRole.successor)
            takers.append(taker)
        return takers

    def _create(self, spec: PlannedEvent, where: str) -> None:
        self._new_unit(spec.new_units[0], self._event(spec), f"{where}.new_units.0")

    def _rename(self, spec: PlannedEvent, where: str) -> None:
        event = self._event(spec)
        unit = self.unit(spec.units[0], f"{where}.units.0")
        values: dict[str, object] = {}
        if spec.name is not None:
            values["name"] = spec.name
        if spec.code is not None and spec.code != unit.code:
            taken = self.session.exec(select(Unit.id).where(Unit.code == spec.code)).first()
            if taken is not None or spec.code in self.by_code:
                raise Invalid(FieldIssue(f"{where}.code", "This code is already used", "unique"))
            self.by_code[spec.code] = unit
            values["code"] = spec.code
        if spec.level is not None:
            level = level_for(self.session, spec.level, event.effective_on, field=f"{where}.level")
            values.update(kind=level.code, level=level, is_external=level.is_external)
        self.change(unit, event, f"{where}.units.0", **values)

    def _move(self, spec: PlannedEvent, where: str) -> None:
        event = self._event(spec)
        unit = self.unit(spec.units[0], f"{where}.units.0")
        parent = self.unit(spec.parent, f"{where}.parent")  # type: ignore[arg-type]
        self._exists(parent, event.effective_on, f"{where}.parent")
        if parent.path.startswith(unit.path):
            raise Invalid(
                FieldIssue(
                    f"{where}.parent",
                    "A unit cannot be moved under itself or its own subunits",
                    "cycle",
                )
            )
        if parent.is_external and not unit.is_external:
            raise Invalid(
                FieldIssue(
                    f"{where}.parent",
                    "An internal unit cannot be placed under an external organisation",
                    "invalid",
                )
            )
        self.change(unit, event, f"{where}.units.0", parent_id=parent.id)

    def _replace(self, spec: PlannedEvent, where: str) -> None:
        """merge, split and dissolve: the units named end; the takers (if any) succeed them."""
        event = self._event(spec)
        ending = [self.unit(code, f"{where}.units.{j}") for j, code in enumerate(spec.units)]
        takers = self._takers(spec, event, where)
        if any(t.id == u.id for t in takers for u in ending):
            raise Invalid(
                FieldIssue(f"{where}.successors", "A unit cannot succeed itself", "invalid")
            )
        for j, unit in enumerate(ending):
            self._end(unit, event, f"{where}.units.{j}")
            self.done.successors[unit.id] = takers  # type: ignore[index]

    _merge = _split = _dissolve = _replace

    def _place_orphans(self) -> None:
        """Living subunits of a unit the plan ended go to its single successor."""
        for unit_id, (unit, event) in list(self.done.ended.items()):
            children = self.session.exec(
                select(Unit).where(
                    Unit.parent_id == unit_id,
                    col(Unit.valid_to).is_(None) | (col(Unit.valid_to) >= event.effective_on),
                )
            ).all()
            if not children:
                continue
            takers = self.done.successors.get(unit_id, [])
            if len(takers) != 1:
                index = self.done.events.index(event)
                raise Invalid(
                    FieldIssue(
                        f"events.{index}.units",
                        "The subunits of {code} must be moved, merged or dissolved in the plan: {codes}",
                        "orphans",
                        {"code": unit.code, "codes": ", ".join(sorted(c.code for c in children))},
                    )
                )
            move = UnitEvent(
                kind=EventKind.move,
                effective_on=event.effective_on,
                basis_number=event.basis_number,
                basis_date=event.basis_date,
                basis_title=event.basis_title,
            )
            self.session.add(move)
            self.session.flush()
            self.done.events.append(move)
            for child in children:
                self.change(
                    child,
                    move,
                    f"events.{self.done.events.index(event)}.units",
                    parent_id=takers[0].id,
                )


def apply_plan(session: Session, actor: Actor, plan: RestructuringPlan) -> Applied:
    """Apply the plan in the caller's transaction; the caller commits or rolls back."""
    return Applier(session, actor, plan).apply()
