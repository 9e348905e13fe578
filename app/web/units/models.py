"""A unit through time, as the pages read it from GET /api/v1/units/{id}/history."""

from datetime import date, datetime
from typing import Any

from app.web.api_models import ApiModel, Level, UnitRef
from app.web.i18n import N_, gettext
from app.web.reports.models import status_label as report_status_label

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


# ---- restructurings, as GET/POST /api/v1/restructurings answer ------------------------------

PLAN_STATUS_LABELS = {"applied": N_("Applied"), "reverted": N_("Reverted")}


class EventPreview(ApiModel):
    kind: str
    effective_on: date
    basis: LegalBasis
    predecessors: list[UnitRef] = []
    successors: list[UnitRef] = []
    parent: UnitRef | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return gettext(EVENT_LABELS[self.kind]) if self.kind in EVENT_LABELS else self.kind


class UserMove(ApiModel):
    user_id: int
    username: str
    full_name: str
    from_unit: UnitRef
    to_unit: UnitRef | None = None


class PersonMove(ApiModel):
    person_id: int
    full_name: str
    from_unit: UnitRef
    to_unit: UnitRef | None = None


class ScopeGain(ApiModel):
    unit: UnitRef
    users: int
    inherits: list[UnitRef] = []


class OpenReport(ApiModel):
    id: int
    unit: UnitRef
    period: str
    status: str

    @property
    def status_label(self) -> str:
        return report_status_label(self.status)


class RunningCampaign(ApiModel):
    id: int
    title: str
    status: str
    units: list[UnitRef] = []


class RestructuringSummary(ApiModel):
    events: list[EventPreview] = []
    created: list[UnitRef] = []
    ended: list[UnitRef] = []
    changed: list[UnitRef] = []
    users_moved: list[UserMove] = []
    users_to_reassign: list[UserMove] = []
    scopes: list[ScopeGain] = []
    open_reports: list[OpenReport] = []
    running_campaigns: list[RunningCampaign] = []
    people_moved: list[PersonMove] = []
    people_to_place: list[PersonMove] = []


class RestructuringPreview(ApiModel):
    dry_run: bool
    title: str
    effective_on: date
    basis: LegalBasis
    summary: RestructuringSummary


class PlanPreview(RestructuringPreview):
    plan: dict[str, Any]


class Restructuring(RestructuringPreview):
    id: int
    status: str
    applied_by: str
    created_at: datetime
    reverted_by: str | None = None
    reverted_at: datetime | None = None
    allowed_actions: list[str] = []
    version: int

    @property
    def status_label(self) -> str:
        label = PLAN_STATUS_LABELS.get(self.status)
        return gettext(label) if label else self.status
