"""What each kind of event needs, checked for the whole plan before anything is touched, so
that every malformed event is named at once (422 on `events.{i}.<field>`)."""

from app.core.errors import FieldIssue, Invalid
from app.models.restructurings import PlannedEvent, RestructuringPlan
from app.models.unit_history import EventKind

# kind -> (how many `units`, how many takers (new_units + successors)) as (least, most)
SHAPES: dict[EventKind, tuple[tuple[int, int], tuple[int, int]]] = {
    EventKind.create: ((0, 0), (1, 1)),
    EventKind.rename: ((1, 1), (0, 0)),
    EventKind.move: ((1, 1), (0, 0)),
    EventKind.merge: ((1, 500), (1, 1)),
    EventKind.split: ((1, 1), (2, 500)),
    EventKind.dissolve: ((1, 500), (0, 1)),
}


def _issues(spec: PlannedEvent, where: str) -> list[FieldIssue]:
    (least, most), (least_takers, most_takers) = SHAPES[spec.kind]
    issues: list[FieldIssue] = []
    if not least <= len(spec.units) <= most:
        issues.append(
            FieldIssue(
                f"{where}.units",
                "This event names from {least} to {most} existing units",
                "shape",
                {"least": least, "most": most},
            )
        )
    takers = len(spec.new_units) + len(spec.successors)
    if not least_takers <= takers <= most_takers:
        issues.append(
            FieldIssue(
                f"{where}.successors",
                "This event has from {least} to {most} successors (new_units and successors)",
                "shape",
                {"least": least_takers, "most": most_takers},
            )
        )
    if spec.kind == EventKind.create and spec.successors:
        issues.append(
            FieldIssue(f"{where}.successors", "A create names its unit in new_units", "shape")
        )
    if spec.kind == EventKind.rename and not (spec.name or spec.code or spec.level):
        issues.append(FieldIssue(f"{where}.name", "Give a new name, code or level", "missing"))
    if spec.kind == EventKind.move and not spec.parent:
        issues.append(FieldIssue(f"{where}.parent", "This field is required", "missing"))
    for name in ("name", "code", "level", "parent"):
        allowed = {"name": EventKind.rename, "code": EventKind.rename, "level": EventKind.rename}
        if getattr(spec, name) is not None and spec.kind != allowed.get(name, EventKind.move):
            issues.append(FieldIssue(f"{where}.{name}", "Not used by this kind of event", "unused"))
    if len(set(spec.units)) != len(spec.units):
        issues.append(FieldIssue(f"{where}.units", "A unit is named twice", "duplicate"))
    return issues


def check_shapes(plan: RestructuringPlan) -> None:
    issues = [i for n, spec in enumerate(plan.events) for i in _issues(spec, f"events.{n}")]
    if issues:
        raise Invalid(*issues)
