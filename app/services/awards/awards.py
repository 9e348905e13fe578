"""Award decisions and the awards they carry. Refuses what the law refuses: an authority
conferring above its level, the same achievement awarded twice, a title for the wrong kind
of recipient or for someone outside the sector."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from app.core.errors import Conflict, FieldIssue, Invalid, NotFound
from app.core.types import utcnow
from app.models.awards import (
    Award,
    AwardLine,
    AwardPublic,
    AwardType,
    AwardTypeRef,
    Decision,
    DecisionCreate,
    DecisionKind,
    DecisionPublic,
    DecisionRef,
    DecisionUpdate,
    PersonRef,
    RecipientKind,
)
from app.models.campaigns import Campaign, CampaignRef
from app.models.people import Person
from app.models.units import Unit
from app.services import audit
from app.services.awards import eligibility
from app.services.awards.catalogue import regime_for_year
from app.services.awards.checks import (
    check_line,
    issuer_for,
    may_record_for,
    preload,
    types_by_code,
)
from app.services.awards.issuers import issuers_as_signed
from app.services.campaigns.campaigns import visible
from app.services.common import apply_changes, bump, check_version, page
from app.services.scope import Actor, authorize, in_subtree, may
from app.services.text import code_contains, nfc
from app.services.unit_history import refs_on
from app.services.units import unit_ref


def scope_unit_ids(actor: Actor):  # type: ignore[no-untyped-def]
    return select(Unit.id).where(in_subtree(actor))


def decision_visible(actor: Actor):  # type: ignore[no-untyped-def]
    """Seen by the issuer's subtree and by the subtrees its awards went to."""
    units = scope_unit_ids(actor)
    return or_(
        col(Decision.issuer_id).in_(units),
        col(Decision.id).in_(select(Award.decision_id).where(col(Award.unit_id).in_(units))),
    )


def create_decision(
    session: Session,
    actor: Actor,
    data: DecisionCreate,
    *,
    nomination_ids: dict[int, int] | None = None,
) -> DecisionPublic:
    authorize(actor, "decisions.write")
    issuer = issuer_for(session, actor, data.issuer_id)
    if session.exec(
        select(Decision.id).where(Decision.issuer_id == issuer.id, Decision.number == data.number)
    ).first():
        raise Invalid(
            FieldIssue("number", "This decision number is already used by the issuer", "unique")
        )
    _check_campaign(session, actor, data.campaign_id)
    types = types_by_code(session)
    batch = preload(session, actor, data.year, data.awards, data.signed_on)
    checked = []
    refused: list[FieldIssue] = []
    for i, line in enumerate(data.awards):  # every refused row is named, not only the first
        try:
            checked.append(
                check_line(batch, issuer, data.kind, data.year, line, f"awards.{i}", types)
            )
        except Invalid as exc:
            refused.extend(exc.errors)
    if refused:
        raise Invalid(*refused)
    decision = Decision.model_validate(
        data.model_dump(exclude={"awards"}),
        update={"issuer_id": issuer.id, "regime": regime_for_year(data.year)},
    )
    session.add(decision)
    session.flush()
    scope = session.get(Unit, actor.unit_id) if actor.unit_id is not None else issuer
    results = eligibility.snapshots(
        session,
        data.year,
        scope or issuer,
        [(t, p.id if p else None, home) for t, _u, p, home in checked],
    )
    for i, ((award_type, unit, person, home), line) in enumerate(
        zip(checked, data.awards, strict=True)
    ):
        session.add(
            Award(
                decision_id=decision.id,  # type: ignore[arg-type]
                award_type_id=award_type.id,  # type: ignore[arg-type]
                recipient_unit_id=unit.id if unit else None,
                recipient_person_id=person.id if person else None,
                unit_id=home.id,  # type: ignore[arg-type]
                year=data.year,
                is_external=home.is_external or bool(person and person.is_external),
                citation=line.citation,
                eligibility=results[i],
                nomination_id=(nomination_ids or {}).get(i),
            )
        )
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "decision",
        decision.id,
        unit_id=issuer.id,
        after={
            **(audit.snapshot(decision) or {}),
            "awards": [a.model_dump(mode="json") for a in data.awards],
        },
    )
    session.commit()
    return get_decision(session, actor, decision.id)  # type: ignore[arg-type]


def _person_refs(session: Session, ids: Iterable[int]) -> dict[int, PersonRef]:
    rows = session.exec(
        select(Person, Unit)
        .join(Unit, Unit.id == Person.unit_id)
        .where(col(Person.id).in_(set(ids)))
    ).all()
    return {
        p.id: PersonRef(
            id=p.id,
            full_name=p.full_name,
            unit=unit_ref(u),
            is_external=p.is_external,
        )  # type: ignore[misc]
        for p, u in rows
    }


def award_actions(actor: Actor | None, award: Award) -> list[str]:
    """An award of the caller's scope may be revoked once, by whoever writes decisions."""
    if actor is None or award.revoked_at is not None or not may(actor, "decisions.write"):
        return []
    return ["revoke"]


def decision_actions(actor: Actor, issuer: Unit) -> list[str]:
    """The issuer's subtree, or an office recording a decision of a unit above it, changes
    a decision and adds awards to it (checks.issuer_for)."""
    recorder = may_record_for(actor, issuer)
    return ["update", "add_award"] if recorder and may(actor, "decisions.write") else []


def publish_awards(
    session: Session, awards: list[Award], actor: Actor | None = None
) -> list[AwardPublic]:
    if not awards:
        return []
    decisions = {
        d.id: d
        for d in session.exec(
            select(Decision).where(col(Decision.id).in_({a.decision_id for a in awards}))
        ).all()
    }
    # Every unit named as it was on its decision's signing day (one lookup per day).
    by_day: dict[date, set[int]] = defaultdict(set)
    for a in awards:
        d = decisions[a.decision_id]
        by_day[d.signed_on] |= {a.unit_id, d.issuer_id}
        if a.recipient_unit_id is not None:
            by_day[d.signed_on].add(a.recipient_unit_id)
    named = {day: refs_on(session, ids, day) for day, ids in by_day.items()}
    people = _person_refs(session, [a.recipient_person_id for a in awards if a.recipient_person_id])
    types = {t.id: AwardTypeRef.model_validate(t) for t in session.exec(select(AwardType)).all()}
    out = []
    for a in awards:
        d = decisions[a.decision_id]
        units = named[d.signed_on]
        out.append(
            AwardPublic(
                id=a.id,  # type: ignore[arg-type]
                decision=DecisionRef(
                    id=d.id,
                    number=d.number,
                    signed_on=d.signed_on,
                    issuer=units[d.issuer_id],  # type: ignore[arg-type]
                    kind=d.kind,
                    year=d.year,
                ),
                award_type=types[a.award_type_id],
                recipient_kind=RecipientKind.collective
                if a.recipient_unit_id
                else RecipientKind.individual,
                recipient_unit=units.get(a.recipient_unit_id) if a.recipient_unit_id else None,  # type: ignore[arg-type]
                recipient_person=people.get(a.recipient_person_id)
                if a.recipient_person_id
                else None,  # type: ignore[arg-type]
                unit=units[a.unit_id],
                year=a.year,
                is_external=a.is_external,
                citation=a.citation,
                eligibility=a.eligibility,
                nomination_id=a.nomination_id,
                revoked_at=a.revoked_at,
                revoked_reason=a.revoked_reason,
                allowed_actions=award_actions(actor, a),
            )
        )
    return out


def _publish_decisions(
    session: Session, actor: Actor, decisions: list[Decision]
) -> list[DecisionPublic]:
    if not decisions:
        return []
    ids = [d.id for d in decisions]
    awards = session.exec(
        select(Award)
        .where(col(Award.decision_id).in_(ids), col(Award.unit_id).in_(scope_unit_ids(actor)))
        .order_by(Award.id)
    ).all()
    public = publish_awards(session, list(awards), actor)
    by_decision: dict[int, list[AwardPublic]] = {i: [] for i in ids}  # type: ignore[misc]
    for a in public:
        by_decision[a.decision.id].append(a)
    who = select(Unit).where(col(Unit.id).in_({d.issuer_id for d in decisions}))
    issuers, as_signed = (
        {u.id: u for u in session.exec(who).all()},
        issuers_as_signed(session, decisions),
    )
    campaigns = {
        c.id: CampaignRef.model_validate(c)
        for c in session.exec(
            select(Campaign).where(
                col(Campaign.id).in_({d.campaign_id for d in decisions if d.campaign_id})
            )
        ).all()
    }
    return [
        DecisionPublic.model_validate(
            d,
            update={
                "issuer": as_signed[d.id],
                "campaign": campaigns.get(d.campaign_id) if d.campaign_id else None,
                "awards": by_decision[d.id],
                "allowed_actions": decision_actions(actor, issuers[d.issuer_id]),
            },  # type: ignore[index]
        )
        for d in decisions
    ]


def _check_campaign(session: Session, actor: Actor, campaign_id: int | None) -> None:
    """A decision may name a campaign the caller can see; any other id is refused."""
    if campaign_id is not None and (
        session.exec(select(Campaign.id).where(Campaign.id == campaign_id, visible(actor))).first()
        is None
    ):
        raise Invalid(FieldIssue("campaign_id", "No such campaign", "not_found"))


def _visible_decision(
    session: Session, actor: Actor, decision_id: int, *, for_update: bool = False
) -> Decision:
    stmt = select(Decision).where(Decision.id == decision_id, decision_visible(actor))
    if for_update:
        stmt = stmt.with_for_update()
    decision = session.exec(stmt).first()
    if decision is None:
        raise NotFound("No such {entity}", params={"entity": "decision"})
    return decision


def get_decision(session: Session, actor: Actor, decision_id: int) -> DecisionPublic:
    authorize(actor, "awards.read")
    return _publish_decisions(session, actor, [_visible_decision(session, actor, decision_id)])[0]


def list_decisions(
    session: Session,
    actor: Actor,
    *,
    year: int | None = None,
    issuer_id: int | None = None,
    kind: DecisionKind | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DecisionPublic], int]:
    authorize(actor, "awards.read")
    stmt = select(Decision).where(decision_visible(actor))
    if year is not None:
        stmt = stmt.where(Decision.year == year)
    if issuer_id is not None:
        stmt = stmt.where(Decision.issuer_id == issuer_id)
    if kind is not None:
        stmt = stmt.where(Decision.kind == kind)
    if q:
        stmt = stmt.where(
            code_contains(col(Decision.number), q)
            | col(Decision.title).contains(nfc(q.strip()), autoescape=True)
        )
    rows, total = page(
        session,
        stmt.order_by(col(Decision.signed_on).desc(), col(Decision.id).desc()),
        limit=limit,
        offset=offset,
    )
    return _publish_decisions(session, actor, rows), total


def update_decision(
    session: Session,
    actor: Actor,
    decision_id: int,
    data: DecisionUpdate,
    *,
    expected_version: int | None,
) -> DecisionPublic:
    authorize(actor, "decisions.write")
    decision = _visible_decision(session, actor, decision_id, for_update=True)
    issuer_for(session, actor, decision.issuer_id)
    check_version(decision, expected_version)
    changes = {
        k: v
        for k, v in data.model_dump(exclude_unset=True).items()
        if v is not None or k in ("title", "campaign_id")
    }
    if (
        "number" in changes
        and changes["number"] != decision.number
        and session.exec(
            select(Decision.id).where(
                Decision.issuer_id == decision.issuer_id, Decision.number == changes["number"]
            )
        ).first()
    ):
        raise Invalid(
            FieldIssue("number", "This decision number is already used by the issuer", "unique")
        )
    _check_campaign(session, actor, changes.get("campaign_id"))
    before = audit.snapshot(decision)
    if apply_changes(decision, changes):
        audit.record(
            session,
            actor,
            "update",
            "decision",
            decision.id,
            unit_id=decision.issuer_id,
            before=before,
            after=audit.snapshot(decision),
        )
        session.commit()
    return get_decision(session, actor, decision.id)  # type: ignore[arg-type]


def list_awards(
    session: Session,
    actor: Actor,
    *,
    year: int | None = None,
    issuer_id: int | None = None,
    award_type: str | None = None,
    recipient_unit_id: int | None = None,
    recipient_person_id: int | None = None,
    external: bool | None = None,
    unit_id: int | None = None,
    include_revoked: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AwardPublic], int]:
    authorize(actor, "awards.read")
    stmt = (
        select(Award)
        .join(Decision, Decision.id == Award.decision_id)
        .join(Unit, Unit.id == Award.unit_id)
        .where(in_subtree(actor))
    )
    if year is not None:
        stmt = stmt.where(Award.year == year)
    if issuer_id is not None:
        stmt = stmt.where(Decision.issuer_id == issuer_id)
    if award_type:
        stmt = stmt.where(
            col(Award.award_type_id).in_(select(AwardType.id).where(AwardType.code == award_type))
        )
    if recipient_unit_id is not None:
        stmt = stmt.where(Award.recipient_unit_id == recipient_unit_id)
    if recipient_person_id is not None:
        stmt = stmt.where(Award.recipient_person_id == recipient_person_id)
    if external is not None:
        stmt = stmt.where(Award.is_external == external)
    if unit_id is not None:
        root = session.exec(select(Unit).where(Unit.id == unit_id, in_subtree(actor))).first()
        if root is None:
            raise NotFound("No such {entity}", params={"entity": "unit"})
        stmt = stmt.where(col(Unit.path).startswith(root.path))
    if not include_revoked:
        stmt = stmt.where(col(Award.revoked_at).is_(None))
    rows, total = page(
        session,
        stmt.order_by(col(Award.year).desc(), col(Decision.signed_on).desc(), col(Award.id)),
        limit=limit,
        offset=offset,
    )
    return publish_awards(session, rows, actor), total


def get_award(session: Session, actor: Actor, award_id: int) -> AwardPublic:
    authorize(actor, "awards.read")
    award = session.exec(
        select(Award)
        .join(Unit, Unit.id == Award.unit_id)
        .where(Award.id == award_id, in_subtree(actor))
    ).first()
    if award is None:
        raise NotFound("No such {entity}", params={"entity": "award"})
    return publish_awards(session, [award], actor)[0]


def revoke_award(session: Session, actor: Actor, award_id: int, reason: str) -> AwardPublic:
    """Cancel an award (Luật TĐKT 2022 chương VII): it leaves the summary, the audit keeps it."""
    authorize(actor, "decisions.write")
    award = session.exec(
        select(Award)
        .join(Unit, Unit.id == Award.unit_id)
        .where(Award.id == award_id, in_subtree(actor))
        .with_for_update(of=Award)  # type: ignore[arg-type]
    ).first()
    if award is None:
        raise NotFound("No such {entity}", params={"entity": "award"})
    if award.revoked_at is not None:
        raise Conflict("This award was already revoked")
    before = audit.snapshot(award)
    # Awards carry no version: the UPDATE itself requires "not yet revoked", so of two
    # simultaneous revocations one wins on either database (SQLite ignores FOR UPDATE).
    changes = {"revoked_at": utcnow(), "revoked_reason": reason, "revoked_by": actor.username}
    claimed = session.exec(
        update(Award)
        .where(col(Award.id) == award.id, col(Award.revoked_at).is_(None))
        .values(**changes)
    )
    if claimed.rowcount != 1:
        session.rollback()
        raise Conflict("This award was already revoked")
    for name, value in changes.items():
        set_committed_value(award, name, value)
    audit.record(
        session,
        actor,
        "revoke",
        "award",
        award.id,
        unit_id=award.unit_id,
        before=before,
        after=audit.snapshot(award),
    )
    session.commit()
    return publish_awards(session, [award], actor)[0]


def add_award(
    session: Session,
    actor: Actor,
    decision_id: int,
    line: AwardLine,
    *,
    nomination_id: int | None = None,
) -> Award:
    """One more award on an existing decision (a nomination decided onto it)."""
    authorize(actor, "decisions.write")
    decision = _visible_decision(session, actor, decision_id, for_update=True)
    issuer = issuer_for(session, actor, decision.issuer_id, "decision_id")
    batch = preload(session, actor, decision.year, [line], decision.signed_on)
    batch.seen = {
        (t.code, a.recipient_unit_id, a.recipient_person_id)
        for a, t in session.exec(
            select(Award, AwardType)
            .join(AwardType, AwardType.id == Award.award_type_id)
            .where(Award.decision_id == decision.id)
        ).all()
    }
    award_type, unit, person, home = check_line(
        batch,
        issuer,
        DecisionKind(decision.kind),
        decision.year,
        line,
        "award",
        types_by_code(session),
    )
    scope = session.get(Unit, actor.unit_id) if actor.unit_id is not None else issuer
    result = eligibility.snapshots(
        session, decision.year, scope or issuer, [(award_type, person.id if person else None, home)]
    )[0]
    award = Award(
        decision_id=decision.id,  # type: ignore[arg-type]
        award_type_id=award_type.id,  # type: ignore[arg-type]
        recipient_unit_id=unit.id if unit else None,
        recipient_person_id=person.id if person else None,
        unit_id=home.id,  # type: ignore[arg-type]
        year=decision.year,
        is_external=home.is_external or bool(person and person.is_external),
        citation=line.citation,
        eligibility=result,
        nomination_id=nomination_id,
    )
    session.add(award)
    bump(decision)
    session.add(decision)
    session.flush()
    audit.record(
        session,
        actor,
        "add_award",
        "decision",
        decision.id,
        unit_id=issuer.id,
        after=line.model_dump(mode="json"),
    )
    return award
