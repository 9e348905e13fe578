"""Targets per statistics year and indicator. The effective target of a unit is its own
override, else its nearest ancestor's, else the year's default."""

from collections.abc import Iterable

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Forbidden, Invalid, NotFound
from app.models.metrics import Indicator
from app.models.targets import Target, TargetPublic, TargetsPublic, TargetsPut
from app.models.units import Unit, UnitRef
from app.services import audit
from app.services.scope import Actor, authorize, unit_in_scope


class TargetTable:
    """All targets of one year, resolved per unit path without further queries."""

    def __init__(self, rows: Iterable[tuple[Target, str]]) -> None:
        self.defaults: dict[str, float] = {}
        self.overrides: dict[tuple[int, str], float] = {}
        for target, indicator in rows:
            value = target.value_bp / 100
            if target.unit_id is None:
                self.defaults[indicator] = value
            else:
                self.overrides[(target.unit_id, indicator)] = value

    def for_path(self, path: str, indicators: Iterable[str]) -> dict[str, float | None]:
        chain = [int(p) for p in reversed(path.strip("/").split("/")) if p]
        out: dict[str, float | None] = {}
        for code in indicators:
            value = next(
                (self.overrides[(u, code)] for u in chain if (u, code) in self.overrides), None
            )
            out[code] = value if value is not None else self.defaults.get(code)
        return out


def table_for_year(session: Session, year: int) -> TargetTable:
    rows = session.exec(
        select(Target, Indicator.code)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .where(Target.year == year)
    ).all()
    return TargetTable(rows)


def list_targets(session: Session, actor: Actor, year: int, unit_id: int | None) -> TargetsPublic:
    authorize(actor, "reports.read")
    rows = session.exec(
        select(Target, Indicator.code, Unit)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .outerjoin(Unit, Unit.id == Target.unit_id)
        .where(Target.year == year)
        .order_by(col(Target.unit_id).is_not(None), Unit.path, Indicator.position)
    ).all()
    items = [
        TargetPublic(
            indicator=code,
            unit=UnitRef.model_validate(unit) if unit else None,
            value=t.value_bp / 100,
        )
        for t, code, unit in rows
        # defaults are public; overrides only within the caller's subtree
        if unit is None or actor.sees(unit.path)
    ]
    effective = None
    if unit_id is not None:
        unit = unit_in_scope(session, actor, unit_id)
        codes = session.exec(select(Indicator.code).order_by(Indicator.position)).all()
        effective = table_for_year(session, year).for_path(unit.path, codes)
    return TargetsPublic(year=year, items=items, effective=effective)


def put_targets(session: Session, actor: Actor, year: int, data: TargetsPut) -> TargetsPublic:
    """Set (or with value null, remove) each listed target; all or nothing."""
    authorize(actor, "targets.write")
    indicators = {i.code: i for i in session.exec(select(Indicator)).all()}
    issues: list[FieldIssue] = []
    for n, item in enumerate(data.items):
        if item.indicator not in indicators:
            issues.append(FieldIssue(f"items.{n}.indicator", "Unknown indicator", "not_found"))
        if item.unit_id is None and actor.unit_path.count("/") > 2:
            # The default applies to every unit: only someone whose scope is the whole tree sets it.
            raise Forbidden("Only a user at the top of the hierarchy may set the default target")
        if item.unit_id is not None:
            try:
                unit_in_scope(session, actor, item.unit_id)
            except NotFound:
                issues.append(
                    FieldIssue(f"items.{n}.unit_id", "No such unit in your scope", "not_found")
                )
    if issues:
        raise Invalid(*issues)
    for item in data.items:
        indicator = indicators[item.indicator]
        stmt = select(Target).where(Target.year == year, Target.indicator_id == indicator.id)
        stmt = stmt.where(
            Target.unit_id == item.unit_id if item.unit_id else col(Target.unit_id).is_(None)
        )
        existing = session.exec(stmt).first()
        before = audit.snapshot(existing)
        if item.value is None:
            if existing is not None:
                session.delete(existing)
                audit.record(
                    session,
                    actor,
                    "delete",
                    "target",
                    existing.id,
                    unit_id=item.unit_id or actor.unit_id,
                    before=before,
                )
            continue
        value_bp = round(item.value * 100)
        if existing is None:
            existing = Target(
                year=year, indicator_id=indicator.id, unit_id=item.unit_id, value_bp=value_bp
            )  # type: ignore[arg-type]
            session.add(existing)
            session.flush()
        elif existing.value_bp == value_bp:
            continue
        existing.value_bp = value_bp
        audit.record(
            session,
            actor,
            "update" if before else "create",
            "target",
            existing.id,
            unit_id=item.unit_id or actor.unit_id,
            before=before,
            after=audit.snapshot(existing),
        )
    session.commit()
    return list_targets(session, actor, year, None)
