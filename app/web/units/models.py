"""A unit through time, as the pages read it from GET /api/v1/units/{id}/history."""

from datetime import date

from app.web.api_models import ApiModel, Level, UnitRef
from app.web.i18n import N_, gettext

EVENT_LABELS = {
    "create": N_("Established"),
    "rename": N_("Renamed"),
    "move": N_("Moved under another unit"),
    "merge": N_("Merged"),
    "split": N_("Split"),
    "dissolve": N_("Dissolved"),
}


class LegalBasis(ApiModel):
    number: str
    signed_on: date | None = None
    title: str | None = None


class UnitVersion(ApiModel):
    valid_from: date | None = None
    valid_to: date | None = None
    code: str
    name: str
    kind: str
    level: Level
    parent: UnitRef | None = None


class UnitEvent(ApiModel):
    id: int
    kind: str
    effective_on: date
    basis: LegalBasis
    note: str | None = None
    predecessors: list[UnitRef] = []
    successors: list[UnitRef] = []

    @property
    def label(self) -> str:
        return gettext(EVENT_LABELS[self.kind]) if self.kind in EVENT_LABELS else self.kind


class UnitHistory(ApiModel):
    unit: UnitRef
    versions: list[UnitVersion] = []
    events: list[UnitEvent] = []
    predecessors: list[UnitRef] = []
    successors: list[UnitRef] = []

    @property
    def changed(self) -> bool:
        """Worth a timeline: more than one version, or an event, or a predecessor."""
        return len(self.versions) > 1 or bool(self.events or self.predecessors or self.successors)
