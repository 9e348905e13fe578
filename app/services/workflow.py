"""One workflow engine. Each workflow is a table {action: Transition}; `transition()` checks
the permission, the scope (the caller's loader finds only objects of the caller's subtree),
the version (If-Match), any object guard and the from-state, then sets the new state, bumps
the version and writes the audit row — in one place, for every workflow. The same tables
answer `allowed_actions`, so what the API offers is exactly what it accepts.

Versions are compared and set by the ORM in the UPDATE itself (models/base.py), so of two
simultaneous transitions from the same version only one commits, on SQLite as on PostgreSQL."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.core.errors import Conflict, FieldIssue, Invalid
from app.models.awards import NominationStatus
from app.models.campaigns import CampaignStatus, RegistrationStatus
from app.models.reports import ReportStatus
from app.services import audit
from app.services.common import bump, check_version
from app.services.scope import Actor, authorize, may


@dataclass(frozen=True)
class Transition:
    from_states: frozenset[str]
    to_state: str
    permission: str  # the scope.PERMISSIONS entry it needs
    refusal: str  # the 409 message when the object's state does not allow it
    needs_reason: bool = False
    audit_action: str | None = None  # the audit log's name for it, when not the action's


Workflow = Mapping[str, Transition]


def _t(
    sources: Iterable[str],
    to: str,
    permission: str,
    refusal: str,
    *,
    needs_reason: bool = False,
    audit_action: str | None = None,
) -> Transition:
    return Transition(frozenset(sources), to, permission, refusal, needs_reason, audit_action)


_REPORT_LOCKED = "A {status} report cannot be changed"
_REPORT_UNREVIEWED = "Only a submitted report can be approved or returned"
REPORT: Workflow = {
    "submit": _t(
        {ReportStatus.draft, ReportStatus.returned},
        ReportStatus.submitted,
        "reports.write",
        _REPORT_LOCKED,
    ),
    "approve": _t(
        {ReportStatus.submitted}, ReportStatus.approved, "reports.review", _REPORT_UNREVIEWED
    ),
    "return": _t(
        {ReportStatus.submitted},
        ReportStatus.returned,
        "reports.review",
        _REPORT_UNREVIEWED,
        needs_reason=True,
    ),
    "reopen": _t(
        {ReportStatus.approved},
        ReportStatus.returned,
        "reports.review",
        "Only an approved report can be reopened",
        needs_reason=True,
    ),
}

_REGISTRATION_UNDECIDED = "Only a submitted registration can be accepted or returned"
REGISTRATION: Workflow = {
    "submit": _t(
        {RegistrationStatus.draft, RegistrationStatus.returned},
        RegistrationStatus.submitted,
        "registrations.write",
        "Only a draft or returned registration can be submitted",
    ),
    # accept and return also need the managing unit (a guard of campaigns.participation)
    "accept": _t(
        {RegistrationStatus.submitted},
        RegistrationStatus.accepted,
        "registrations.write",
        _REGISTRATION_UNDECIDED,
    ),
    "return": _t(
        {RegistrationStatus.submitted},
        RegistrationStatus.returned,
        "registrations.write",
        _REGISTRATION_UNDECIDED,
        needs_reason=True,
    ),
}

NOMINATION: Workflow = {
    "submit": _t(
        {NominationStatus.draft},
        NominationStatus.submitted,
        "nominations.write",
        "Only a draft nomination can be submitted",
    ),
    # The vote's effect may turn it into a rejection: the council did not pass it.
    "vote": _t(
        {NominationStatus.submitted},
        NominationStatus.approved,
        "nominations.review",
        "Only a submitted nomination can be voted on",
    ),
    "reject": _t(
        {NominationStatus.submitted, NominationStatus.approved},
        NominationStatus.rejected,
        "nominations.review",
        "Only a submitted or approved nomination can be rejected",
        needs_reason=True,
    ),
    "decide": _t(
        {NominationStatus.approved},
        NominationStatus.decided,
        "nominations.review",
        "Only a nomination the council approved can be decided",
    ),
}

_CAMPAIGN_MOVE = "A {status} campaign cannot move to {to}"
CAMPAIGN: Workflow = {
    # the managing unit's guard applies to both (campaigns.can_manage)
    "launch": _t(
        {CampaignStatus.draft},
        CampaignStatus.launched,
        "campaigns.write",
        _CAMPAIGN_MOVE,
        audit_action="launched",
    ),
    "close": _t(
        {CampaignStatus.launched},
        CampaignStatus.closed,
        "campaigns.write",
        _CAMPAIGN_MOVE,
        audit_action="closed",
    ),
}

WORKFLOWS: dict[str, Workflow] = {
    "report": REPORT,
    "registration": REGISTRATION,
    "nomination": NOMINATION,
    "campaign": CAMPAIGN,
}


def allowed(
    actor: Actor, workflow: Workflow, state: str, guards: Mapping[str, bool] | None = None
) -> list[str]:
    """The workflow's actions the actor may take on an object in `state`: the permission
    passes with this token, the state is one it leaves from, and its guard (if any) holds."""
    guards = guards or {}
    return [
        action
        for action, step in workflow.items()
        if state in step.from_states and may(actor, step.permission) and guards.get(action, True)
    ]


def transition(
    session: Session,
    actor: Actor,
    workflow: Workflow,
    action: str,
    load: Callable[[], Any],
    *,
    entity: str,
    unit_of: Callable[[Any], int | None],
    expected_version: int | None,
    reason: str | None = None,
    guard: Callable[[Any], None] | None = None,
    effect: Callable[[Any], str | None] | None = None,
) -> Any:
    """Move one object through `action` and commit; returns what `load` returned.

    `load` finds the object in the caller's scope (404 otherwise), locked for update: the
    object itself, or a row (a sequence) whose first item is the object and the rest its context.
    `guard` refuses an actor the table cannot judge alone (403); `effect` checks and does
    the action's own work once the state allows it, and may name another end state."""
    step = workflow[action]
    authorize(actor, step.permission)
    loaded = load()
    obj = loaded[0] if isinstance(loaded, Sequence) else loaded
    check_version(obj, expected_version)
    if guard is not None:
        guard(loaded)
    if obj.status not in step.from_states:
        raise Conflict(step.refusal, params={"status": obj.status, "to": step.to_state})
    if step.needs_reason and not (reason or "").strip():
        raise Invalid(FieldIssue("reason", "This field is required", "missing"))
    before = audit.snapshot(obj)
    to_state = step.to_state
    if effect is not None:
        to_state = effect(loaded) or to_state
    obj.status = to_state
    bump(obj)
    session.add(obj)
    audit.record(
        session,
        actor,
        step.audit_action or action,
        entity,
        obj.id,
        unit_id=unit_of(loaded),
        before=before,
        after=audit.snapshot(obj),
    )
    session.commit()
    return loaded
