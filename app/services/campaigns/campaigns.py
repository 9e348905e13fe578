"""Campaigns: who sees them (the managing unit's subtree and the participants'), who changes
them (the managing unit's reviewers and administrators), and their life: draft → launched →
closed. Launching puts the campaign on every participating unit's board."""

from sqlalchemy import or_
from sqlmodel import Session, col, func, select

from app.core.errors import FieldIssue, Forbidden, Invalid, NotFound
from app.core.types import utcnow
from app.models.campaigns import (
    Campaign,
    CampaignCreate,
    CampaignCriterion,
    CampaignDocument,
    CampaignKind,
    CampaignParticipant,
    CampaignPublic,
    CampaignRef,
    CampaignStatus,
    CampaignUpdate,
)
from app.models.units import Unit
from app.services import audit, workflow
from app.services.common import apply_changes, bump, check_version, page
from app.services.scope import PERMISSIONS, Actor, authorize, in_subtree, may, unit_in_scope
from app.services.text import code_contains, fold, words_match
from app.services.units import unit_ref


def visible(actor: Actor):  # type: ignore[no-untyped-def]
    """A campaign is seen in the subtree of its managing unit, and once launched, in the
    subtree of every participant."""
    in_scope_units = select(Unit.id).where(in_subtree(actor))
    participating = select(CampaignParticipant.campaign_id).where(
        col(CampaignParticipant.unit_id).in_(in_scope_units)
    )
    return or_(
        col(Campaign.owner_unit_id).in_(in_scope_units),
        col(Campaign.id).in_(participating) & (Campaign.status != CampaignStatus.draft),
    )


def get_visible(
    session: Session, actor: Actor, campaign_id: int, *, for_update: bool = False
) -> Campaign:
    stmt = select(Campaign).where(Campaign.id == campaign_id, visible(actor))
    if for_update:
        stmt = stmt.with_for_update()
    campaign = session.exec(stmt).first()
    if campaign is None:
        raise NotFound("No such {entity}", params={"entity": "campaign"})
    return campaign


def can_manage(session: Session, actor: Actor, campaign: Campaign) -> bool:
    if actor.role not in ("admin", "reviewer"):
        return False
    owner = session.get(Unit, campaign.owner_unit_id)
    return owner is not None and actor.sees(owner.path)


def get_managed(session: Session, actor: Actor, campaign_id: int) -> Campaign:
    """For changes: visible (else 404), the right role, and managed from the caller's subtree (else 403)."""
    authorize(actor, "campaigns.write")
    campaign = get_visible(session, actor, campaign_id, for_update=True)
    if not can_manage(session, actor, campaign):
        raise Forbidden("Only the managing unit may change this campaign")
    return campaign


# What the managing unit may do to a campaign in any state, besides launch and close.
MANAGER_ACTIONS = (
    "update",
    "add_document",
    "attach_file",
    "remove_document",
    "add_criterion",
    "remove_criterion",
    "add_exemplar",
    "add_review",
)


def allowed_actions(actor: Actor, campaign: Campaign, owner: Unit) -> list[str]:
    """The managing unit's reviewers and administrators change the campaign and its parts,
    and launch and close it; staff of a participating unit register while it is launched;
    a manager may preview progress with figures not yet approved (a read)."""
    manages = actor.role in PERMISSIONS["campaigns.write"] and actor.sees(owner.path)
    actions: list[str] = []
    if manages and may(actor, "campaigns.write"):
        actions += MANAGER_ACTIONS
    actions += workflow.allowed(
        actor,
        workflow.CAMPAIGN,
        campaign.status,
        {"launch": manages, "close": manages},
    )
    if campaign.status == CampaignStatus.launched and may(actor, "registrations.write"):
        actions.append("register")
    if manages:
        actions.append("preview_progress")
    return actions


def list_campaigns(
    session: Session,
    actor: Actor,
    *,
    q: str | None = None,
    kind: CampaignKind | None = None,
    status: CampaignStatus | None = None,
    year: int | None = None,
    parent_id: int | None = None,
    participant_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Campaign], int]:
    authorize(actor, "campaigns.read")
    stmt = select(Campaign).where(visible(actor))
    if q:
        by_document = select(CampaignDocument.campaign_id).where(
            code_contains(col(CampaignDocument.number), q)
        )
        stmt = stmt.where(
            words_match(col(Campaign.search_title), q) | col(Campaign.id).in_(by_document)
        )
    if kind is not None:
        stmt = stmt.where(Campaign.kind == kind)
    if status is not None:
        stmt = stmt.where(Campaign.status == status)
    if year is not None:
        stmt = stmt.where(Campaign.year == year)
    if parent_id is not None:
        stmt = stmt.where(Campaign.parent_id == parent_id)
    if participant_id is not None:
        stmt = stmt.where(
            col(Campaign.id).in_(
                select(CampaignParticipant.campaign_id).where(
                    CampaignParticipant.unit_id == participant_id
                )
            )
        )
    order = (col(Campaign.starts_on).desc(), col(Campaign.id).desc())
    return page(session, stmt.order_by(*order), limit=limit, offset=offset)


def publish(session: Session, actor: Actor, campaigns: list[Campaign]) -> list[CampaignPublic]:
    """Public views of several campaigns in a fixed number of queries."""
    if not campaigns:
        return []
    ids = [c.id for c in campaigns]
    unit_ids = {c.launched_by_id for c in campaigns} | {c.owner_unit_id for c in campaigns}
    participants: dict[int, list[Unit]] = {i: [] for i in ids}  # type: ignore[misc]
    for campaign_id, unit in session.exec(
        select(CampaignParticipant.campaign_id, Unit)
        .join(Unit, Unit.id == CampaignParticipant.unit_id)
        .where(col(CampaignParticipant.campaign_id).in_(ids))
        .order_by(Unit.path)
    ).all():
        participants[campaign_id].append(unit)
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids))).all()}
    parent_ids = {c.parent_id for c in campaigns if c.parent_id}
    parents = {
        p.id: p
        for p in session.exec(
            select(Campaign).where(col(Campaign.id).in_(parent_ids), visible(actor))
        ).all()
    }
    children: dict[int, list[Campaign]] = {i: [] for i in ids}  # type: ignore[misc]
    for child in session.exec(
        select(Campaign)
        .where(col(Campaign.parent_id).in_(ids), visible(actor))
        .order_by(Campaign.starts_on, Campaign.id)
    ).all():
        children[child.parent_id].append(child)  # type: ignore[index]
    counts = {}
    for model in (CampaignDocument, CampaignCriterion):
        counts[model] = dict(
            session.exec(
                select(model.campaign_id, func.count())  # type: ignore[attr-defined]
                .where(col(model.campaign_id).in_(ids))  # type: ignore[attr-defined]
                .group_by(model.campaign_id)  # type: ignore[attr-defined]
            ).all()
        )
    out = []
    for c in campaigns:
        owner = units[c.owner_unit_id]
        actions = allowed_actions(actor, c, owner)
        out.append(
            CampaignPublic.model_validate(
                c,
                update={
                    "launched_by": unit_ref(units[c.launched_by_id]),
                    "owner_unit": unit_ref(owner),
                    "parent": CampaignRef.model_validate(parents[c.parent_id])
                    if c.parent_id in parents
                    else None,
                    "participants": [unit_ref(u) for u in participants[c.id]],  # type: ignore[index]
                    "children": [CampaignRef.model_validate(x) for x in children[c.id]],  # type: ignore[index]
                    "documents": counts[CampaignDocument].get(c.id, 0),
                    "criteria": counts[CampaignCriterion].get(c.id, 0),
                    "can_edit": "update" in actions,
                    "allowed_actions": actions,
                },
            )
        )
    return out


def get_campaign(session: Session, actor: Actor, campaign_id: int) -> CampaignPublic:
    authorize(actor, "campaigns.read")
    return publish(session, actor, [get_visible(session, actor, campaign_id)])[0]


def _launcher(session: Session, actor: Actor, unit_id: int) -> Unit:
    """The launching unit: one in the caller's subtree, or one above it (the Ministry, the
    General Department) whose campaign the caller takes part in."""
    unit = session.get(Unit, unit_id)
    ancestors = {int(p) for p in actor.unit_path.strip("/").split("/") if p}
    if unit is None or not (actor.sees(unit.path) or unit.id in ancestors):
        raise Invalid(FieldIssue("launched_by_id", "No such unit in your scope", "not_found"))
    return unit


def _owner(session: Session, actor: Actor, unit_id: int | None) -> Unit:
    target = unit_id if unit_id is not None else actor.unit_id
    owner = unit_in_scope(session, actor, target, field="owner_unit_id")  # type: ignore[arg-type]
    if owner.is_external:
        raise Invalid(FieldIssue("owner_unit_id", "Users belong to an internal unit", "invalid"))
    return owner


def _participants(session: Session, actor: Actor, owner: Unit, ids: list[int]) -> list[Unit]:
    units = session.exec(
        select(Unit).where(
            col(Unit.id).in_(set(ids)), col(Unit.path).startswith(owner.path), in_subtree(actor)
        )
    ).all()
    found = {u.id for u in units}
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(
            *[
                FieldIssue(
                    f"participant_ids.{ids.index(i)}", "No such unit in your scope", "not_found"
                )
                for i in missing
            ]
        )
    return list(units)


def _parent(
    session: Session, actor: Actor, parent_id: int | None, own_id: int | None = None
) -> None:
    if parent_id is None:
        return
    try:
        get_visible(session, actor, parent_id)
    except NotFound:
        raise Invalid(FieldIssue("parent_id", "No such campaign", "not_found")) from None
    if own_id is not None:
        current: int | None = parent_id
        while current is not None:  # campaigns nest a few levels at most
            if current == own_id:
                raise Invalid(
                    FieldIssue("parent_id", "A campaign cannot be inside itself", "cycle")
                )
            current = session.exec(select(Campaign.parent_id).where(Campaign.id == current)).first()


def _set_participants(session: Session, campaign: Campaign, units: list[Unit]) -> None:
    existing = set(
        session.exec(
            select(CampaignParticipant.unit_id).where(
                CampaignParticipant.campaign_id == campaign.id
            )
        ).all()
    )
    wanted = {u.id for u in units}
    for unit_id in existing - wanted:
        row = session.get(CampaignParticipant, (campaign.id, unit_id))
        if row is not None:
            session.delete(row)
    for unit_id in wanted - existing:
        session.add(CampaignParticipant(campaign_id=campaign.id, unit_id=unit_id))  # type: ignore[arg-type]


def create_campaign(session: Session, actor: Actor, data: CampaignCreate) -> CampaignPublic:
    authorize(actor, "campaigns.write")
    launcher = _launcher(session, actor, data.launched_by_id)
    owner = _owner(session, actor, data.owner_unit_id)
    _parent(session, actor, data.parent_id)
    units = _participants(session, actor, owner, data.participant_ids)
    campaign = Campaign.model_validate(
        data.model_dump(exclude={"participant_ids"}),
        update={
            "launched_by_id": launcher.id,
            "owner_unit_id": owner.id,
            "search_title": fold(data.title),
        },
    )
    session.add(campaign)
    session.flush()
    _set_participants(session, campaign, units)
    audit.record(
        session,
        actor,
        "create",
        "campaign",
        campaign.id,
        unit_id=owner.id,
        after={**(audit.snapshot(campaign) or {}), "participant_ids": sorted(u.id for u in units)},  # type: ignore[type-var]
    )
    session.commit()
    return get_campaign(session, actor, campaign.id)  # type: ignore[arg-type]


def update_campaign(
    session: Session,
    actor: Actor,
    campaign_id: int,
    data: CampaignUpdate,
    *,
    expected_version: int | None,
) -> CampaignPublic:
    campaign = get_managed(session, actor, campaign_id)
    check_version(campaign, expected_version)
    changes = data.model_dump(exclude_unset=True)
    for required in ("title", "kind", "launched_by_id"):
        if required in changes and changes[required] is None:
            raise Invalid(FieldIssue(required, "This field is required", "missing"))
    if "launched_by_id" in changes:
        _launcher(session, actor, changes["launched_by_id"])
    if "parent_id" in changes:
        _parent(session, actor, changes["parent_id"], campaign.id)
    starts = changes.get("starts_on", campaign.starts_on)
    ends = changes.get("ends_on", campaign.ends_on)
    if starts and ends and ends < starts:
        raise Invalid(
            FieldIssue("ends_on", "The end date must not be before the start date", "invalid")
        )
    participant_ids = changes.pop("participant_ids", None)
    if "title" in changes:
        changes["search_title"] = fold(changes["title"])
    before = audit.snapshot(campaign)
    changed = apply_changes(campaign, changes)
    if participant_ids is not None:
        owner = session.get(Unit, campaign.owner_unit_id)
        _set_participants(session, campaign, _participants(session, actor, owner, participant_ids))  # type: ignore[arg-type]
        if not changed:
            bump(campaign)
        changed = True
    if changed:
        audit.record(
            session,
            actor,
            "update",
            "campaign",
            campaign.id,
            unit_id=campaign.owner_unit_id,
            before=before,
            after={**(audit.snapshot(campaign) or {}), "participant_ids": participant_ids},
        )
        session.commit()
    return get_campaign(session, actor, campaign.id)  # type: ignore[arg-type]


def _move(
    session: Session, actor: Actor, campaign_id: int, action: str, expected_version: int | None
) -> CampaignPublic:
    """Launch or close (workflow.CAMPAIGN), by the managing unit."""

    def managed(campaign: Campaign) -> None:
        if not can_manage(session, actor, campaign):
            raise Forbidden("Only the managing unit may change this campaign")

    def launch_checks(campaign: Campaign) -> None:
        if action != "launch":
            return
        count = session.exec(
            select(func.count()).where(CampaignParticipant.campaign_id == campaign.id)
        ).one()
        if not count:
            raise Invalid(
                FieldIssue("participant_ids", "Name at least one participating unit", "required")
            )
        campaign.launched_at = utcnow()

    campaign = workflow.transition(
        session,
        actor,
        workflow.CAMPAIGN,
        action,
        lambda: get_visible(session, actor, campaign_id, for_update=True),
        entity="campaign",
        unit_of=lambda c: c.owner_unit_id,
        expected_version=expected_version,
        guard=managed,
        effect=launch_checks,
    )
    return get_campaign(session, actor, campaign.id)  # type: ignore[arg-type]


def launch(
    session: Session, actor: Actor, campaign_id: int, expected_version: int | None
) -> CampaignPublic:
    return _move(session, actor, campaign_id, "launch", expected_version)


def close(
    session: Session, actor: Actor, campaign_id: int, expected_version: int | None
) -> CampaignPublic:
    return _move(session, actor, campaign_id, "close", expected_version)
