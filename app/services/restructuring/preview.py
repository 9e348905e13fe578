"""What a plan changes, read from the database right after its events were applied (in the same
transaction): the events with their units named before and after, the units created, ended and
changed, the users and people who move or must be moved, whose scope grows, the open reports and the
running campaigns of the units that end. A dry run computes this and rolls back; applying it
keeps it as the restructuring's summary."""

from collections import defaultdict

from sqlmodel import Session, col, select

from app.models.campaigns import Campaign, CampaignParticipant, CampaignStatus
from app.models.periods import Period
from app.models.reports import Report, ReportStatus
from app.models.restructurings import (
    EventPreview,
    OpenReport,
    RestructuringSummary,
    RunningCampaign,
    ScopeGain,
    UserMove,
)
from app.models.unit_history import EventKind, LegalBasis, LinkRole, UnitEventLink
from app.models.units import Unit, UnitRef
from app.models.users import User
from app.services.restructuring.events import Applied, day_before
from app.services.unit_history import ref_of, refs_on, version_on


def user_moves(session: Session, done: Applied) -> tuple[list[UserMove], list[UserMove]]:
    """The users of the units that end: to the single successor, or to be reassigned."""
    users = session.exec(
        select(User).where(col(User.unit_id).in_(list(done.ended)), User.is_active == True)  # noqa: E712
    ).all()
    moved, stranded = [], []
    for user in users:
        unit, _ = done.ended[user.unit_id]
        takers = done.successors.get(user.unit_id, [])
        move = UserMove(
            user_id=user.id,  # type: ignore[arg-type]
            username=user.username,
            full_name=user.full_name,
            from_unit=ref_of(unit),
            to_unit=ref_of(takers[0]) if len(takers) == 1 else None,
        )
        (moved if len(takers) == 1 else stranded).append(move)
    return moved, stranded


def summarise(
    session: Session,
    done: Applied,
    moved: list[UserMove],
    stranded: list[UserMove],
    scopes_before: dict[int, str],
) -> RestructuringSummary:
    return RestructuringSummary(
        events=_events(session, done),
        created=[ref_of(u) for u in done.created],
        ended=[ref_of(u) for u, _ in done.ended.values()],
        changed=[ref_of(u) for u in done.changed.values() if u.id not in done.ended],
        users_moved=moved,
        users_to_reassign=stranded,
        scopes=_scope_gains(session, scopes_before, moved),
        open_reports=_open_reports(session, done),
        running_campaigns=_running_campaigns(session, done),
        people_moved=done.people_moved,
        people_to_place=done.people_to_place,
    )


def inherited_scopes(session: Session) -> dict[int, str]:
    """Every unit's inherited scope now, to compare before and after."""
    rows = session.exec(
        select(Unit.id, Unit.inherited_scope).where(Unit.inherited_scope != "")
    ).all()
    return {uid: scope for uid, scope in rows}  # type: ignore[misc]


def _events(session: Session, done: Applied) -> list[EventPreview]:
    links = session.exec(
        select(UnitEventLink).where(col(UnitEventLink.event_id).in_([e.id for e in done.events]))
    ).all()
    by_event: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for link in links:
        by_event[link.event_id][link.role].append(link.unit_id)
    previews = []
    for e in done.events:
        roles = by_event[e.id]  # type: ignore[index]
        before = refs_on(session, roles[LinkRole.predecessor], day_before(e.effective_on))
        after = refs_on(session, roles[LinkRole.successor], e.effective_on)
        parent = None
        if e.kind == EventKind.move and roles[LinkRole.successor]:
            version = version_on(session, roles[LinkRole.successor][0], e.effective_on)
            if version is not None and version.parent_id is not None:
                parent = refs_on(session, [version.parent_id], e.effective_on)[version.parent_id]
        previews.append(
            EventPreview(
                kind=e.kind,
                effective_on=e.effective_on,
                basis=LegalBasis(
                    number=e.basis_number, signed_on=e.basis_date, title=e.basis_title
                ),
                predecessors=[before[u] for u in roles[LinkRole.predecessor]],
                successors=[after[u] for u in roles[LinkRole.successor]],
                parent=parent,
                note=e.note,
            )
        )
    return previews


def _scope_gains(
    session: Session, before: dict[int, str], moved: list[UserMove]
) -> list[ScopeGain]:
    after = inherited_scopes(session)
    grown = {
        uid: set(scope.split()) - set(before.get(uid, "").split()) for uid, scope in after.items()
    }
    grown = {uid: paths for uid, paths in grown.items() if paths}
    if not grown:
        return []
    users: dict[int, int] = defaultdict(int)
    for unit_id in session.exec(
        select(User.unit_id).where(col(User.unit_id).in_(list(grown)), User.is_active == True)  # noqa: E712
    ).all():
        users[unit_id] += 1
    for move in moved:  # the users of the units that end arrive with the plan
        if move.to_unit is not None and move.to_unit.id in grown:
            users[move.to_unit.id] += 1
    paths = {p for ps in grown.values() for p in ps}
    roots = {u.path: u for u in session.exec(select(Unit).where(col(Unit.path).in_(paths))).all()}
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(list(grown)))).all()}
    return [
        ScopeGain(
            unit=ref_of(units[uid]),
            users=users[uid],
            inherits=[ref_of(roots[p]) for p in sorted(ps) if p in roots],
        )
        for uid, ps in sorted(grown.items(), key=lambda item: units[item[0]].path)
    ]


def _open_reports(session: Session, done: Applied) -> list[OpenReport]:
    rows = session.exec(
        select(Report, Period.code)
        .join(Period, Period.id == Report.period_id)
        .where(col(Report.unit_id).in_(list(done.ended)), Report.status != ReportStatus.approved)
        .order_by(Period.code, Report.id)
    ).all()
    return [
        OpenReport(
            id=r.id,  # type: ignore[arg-type]
            unit=ref_of(done.ended[r.unit_id][0]),
            period=code,
            status=r.status,
        )
        for r, code in rows
    ]


def _running_campaigns(session: Session, done: Applied) -> list[RunningCampaign]:
    ended = list(done.ended)
    owned = select(Campaign.id).where(col(Campaign.owner_unit_id).in_(ended))
    joined = select(CampaignParticipant.campaign_id).where(
        col(CampaignParticipant.unit_id).in_(ended)
    )
    campaigns = session.exec(
        select(Campaign)
        .where(
            Campaign.status != CampaignStatus.closed,
            col(Campaign.id).in_(owned) | col(Campaign.id).in_(joined),
        )
        .order_by(Campaign.id)
    ).all()
    participants: dict[int, set[int]] = defaultdict(set)
    for campaign_id, unit_id in session.exec(
        select(CampaignParticipant.campaign_id, CampaignParticipant.unit_id).where(
            col(CampaignParticipant.unit_id).in_(ended)
        )
    ).all():
        participants[campaign_id].add(unit_id)
    out = []
    for c in campaigns:
        ids = participants[c.id] | ({c.owner_unit_id} & set(ended))  # type: ignore[index]
        units: list[UnitRef] = [ref_of(done.ended[i][0]) for i in sorted(ids)]
        out.append(RunningCampaign(id=c.id, title=c.title, status=c.status, units=units))  # type: ignore[arg-type]
    return out
