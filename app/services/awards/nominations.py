"""Nominations (đề nghị khen thưởng): proposed by a unit for a candidate, submitted with the
dossier the award asks for, voted by the council under the rule of its regime, then decided
(the award is made on a decision) or rejected with the reason."""

from collections.abc import Callable

from sqlmodel import Session, col, select

from app.core.errors import Conflict, FieldIssue, Invalid, NotFound
from app.core.messages import translate
from app.core.types import utcnow
from app.models.awards import (
    Award,
    AwardLine,
    AwardType,
    AwardTypePublic,
    AwardTypeRef,
    CouncilVote,
    DecisionCreate,
    DecisionKind,
    DossierItem,
    Nomination,
    NominationCreate,
    NominationDecide,
    NominationPublic,
    NominationStatus,
    NominationUpdate,
    PersonRef,
    RecipientKind,
)
from app.models.people import Person
from app.models.units import Unit
from app.services import audit, workflow
from app.services.awards import awards, checks, eligibility
from app.services.awards.catalogue import regime_for_year
from app.services.awards.council_vote import (
    VOTE_RULES,
    public_reason,
    public_vote,
    vote_outcome,
    vote_rule_code,
)
from app.services.common import apply_changes, check_version, page
from app.services.scope import Actor, authorize, in_subtree, may, unit_in_scope
from app.services.units import unit_ref

# English keys; the Vietnamese wording is in app.core.messages (the sector's own terms).
DOSSIER_LABELS = {
    "to_trinh": "Submission proposing the award",
    "bien_ban": "Minutes of the Emulation and Commendation Council meeting",
    "bao_cao_thanh_tich": "Report of achievements",
    "chung_nhan_sang_kien": "Certificate of the recognised initiative or research",
    "ket_qua_bo_phieu": "Result of the council's secret ballot",
}
BASE_DOSSIER = ["to_trinh", "bien_ban", "bao_cao_thanh_tich"]
EXTRA_DOSSIER = {  # R-DOSSIER-1
    "CSTDCS": ["chung_nhan_sang_kien"],
    "CSTD_NGANH": ["chung_nhan_sang_kien", "ket_qua_bo_phieu"],
    "CSTD_TOAN_QUOC": ["chung_nhan_sang_kien", "ket_qua_bo_phieu"],
    "CO_THI_DUA_CP": ["ket_qua_bo_phieu"],
}


def dossier_items(code: str) -> list[str]:
    return BASE_DOSSIER + EXTRA_DOSSIER.get(code, [])


def dossier_checklist(code: str, lang: str = "vi") -> list[DossierItem]:
    return [
        DossierItem(code=c, label=translate(DOSSIER_LABELS[c], lang), required=True, done=False)
        for c in dossier_items(code)
    ]


def list_award_types(session: Session, actor: Actor, lang: str = "vi") -> list[AwardTypePublic]:
    """The catalogue, each type with the dossier a nomination for it must hold."""
    authorize(actor, "awards.read")
    return [
        AwardTypePublic.model_validate(t, update={"dossier": dossier_checklist(t.code, lang)})
        for t in checks.types_by_code(session).values()
    ]


def allowed_actions(actor: Actor, n: Nomination) -> list[str]:
    """`update` (a draft) and workflow.NOMINATION's steps; deciding makes an award, so it
    also needs the right to write decisions."""
    actions = (
        ["update"] if n.status == NominationStatus.draft and may(actor, "nominations.write") else []
    )
    return actions + workflow.allowed(
        actor, workflow.NOMINATION, n.status, {"decide": may(actor, "decisions.write")}
    )


def _public(
    session: Session, actor: Actor, rows: list[Nomination], lang: str = "vi"
) -> list[NominationPublic]:
    if not rows:
        return []
    types = {t.id: t for t in session.exec(select(AwardType)).all()}
    unit_ids = {n.proposer_id for n in rows} | {
        n.candidate_unit_id for n in rows if n.candidate_unit_id
    }
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids))).all()}
    people = {
        p.id: (p, u)
        for p, u in session.exec(
            select(Person, Unit)
            .join(Unit, Unit.id == Person.unit_id)
            .where(
                col(Person.id).in_({n.candidate_person_id for n in rows if n.candidate_person_id})
            )
        ).all()
    }
    out = []
    for n in rows:
        award_type = types[n.award_type_id]
        person = people.get(n.candidate_person_id) if n.candidate_person_id else None
        live = n.eligibility
        if n.status in (
            NominationStatus.draft,
            NominationStatus.submitted,
            NominationStatus.approved,
        ):
            home = person[1] if person else units[n.candidate_unit_id]  # type: ignore[index]
            scope = (
                session.get(Unit, actor.unit_id)
                if actor.unit_id is not None
                else units[n.proposer_id]
            )
            live = eligibility.snapshots(
                session, n.year, scope or home, [(award_type, n.candidate_person_id, home)]
            )[0]
        out.append(
            NominationPublic(
                id=n.id,  # type: ignore[arg-type]
                proposer=unit_ref(units[n.proposer_id]),
                year=n.year,
                award_type=AwardTypeRef.model_validate(award_type),
                candidate_unit=unit_ref(units[n.candidate_unit_id])
                if n.candidate_unit_id
                else None,
                candidate_person=PersonRef(
                    id=person[0].id,
                    full_name=person[0].full_name,  # type: ignore[arg-type]
                    unit=unit_ref(person[1]),
                    is_external=person[0].is_external,
                )
                if person
                else None,
                achievements=n.achievements,
                status=n.status,
                dossier=[
                    DossierItem(
                        code=c,
                        label=translate(DOSSIER_LABELS[c], lang),
                        required=True,
                        done=bool(n.dossier.get(c)),
                    )
                    for c in dossier_items(award_type.code)
                ],
                vote=public_vote(n.vote, lang),
                vote_rule=translate(VOTE_RULES[vote_rule_code(award_type.code)], lang),
                eligibility=eligibility.render_snapshot(live, lang),
                reason=public_reason(n, lang),
                allowed_actions=allowed_actions(actor, n),
                award_id=n.award_id,
                submitted_at=n.submitted_at,
                version=n.version,
            )
        )
    return out


def _visible(actor: Actor):  # type: ignore[no-untyped-def]
    return col(Nomination.proposer_id).in_(select(Unit.id).where(in_subtree(actor)))


def list_nominations(
    session: Session,
    actor: Actor,
    *,
    year: int | None = None,
    status: NominationStatus | None = None,
    award_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
    lang: str = "vi",
) -> tuple[list[NominationPublic], int]:
    authorize(actor, "awards.read")
    stmt = select(Nomination).where(_visible(actor))
    if year is not None:
        stmt = stmt.where(Nomination.year == year)
    if status is not None:
        stmt = stmt.where(Nomination.status == status)
    if award_type:
        stmt = stmt.where(
            col(Nomination.award_type_id).in_(
                select(AwardType.id).where(AwardType.code == award_type)
            )
        )
    rows, total = page(
        session, stmt.order_by(col(Nomination.id).desc()), limit=limit, offset=offset
    )
    return _public(session, actor, rows, lang), total


def _load(session: Session, actor: Actor, nomination_id: int) -> Nomination:
    row = session.exec(
        select(Nomination).where(Nomination.id == nomination_id, _visible(actor)).with_for_update()
    ).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "nomination"})
    return row


def get_nomination(
    session: Session, actor: Actor, nomination_id: int, *, lang: str = "vi"
) -> NominationPublic:
    authorize(actor, "awards.read")
    return _public(session, actor, [_load(session, actor, nomination_id)], lang)[0]


def create_nomination(session: Session, actor: Actor, data: NominationCreate) -> NominationPublic:
    authorize(actor, "nominations.write")
    proposer = unit_in_scope(session, actor, data.proposer_id, field="proposer_id")
    award_type = checks.types_by_code(session).get(data.award_type)
    if award_type is None:
        raise Invalid(FieldIssue("award_type", "Unknown award type", "not_found"))
    line = AwardLine(
        award_type=data.award_type,
        recipient_unit_id=data.candidate_unit_id,
        recipient_person_id=data.candidate_person_id,
    )
    try:
        _unit, person, home = checks.recipient(session, actor, line, "candidate")
    except Invalid as refused:  # the nomination's own field names, not the award line's
        for issue in refused.errors:
            issue.field = issue.field.replace("candidate.recipient_", "candidate_")
        raise
    kind = RecipientKind.individual if person else RecipientKind.collective
    if kind.value not in award_type.recipients:
        raise Invalid(
            FieldIssue(
                "award_type",
                "{award} is for collectives only" if person else "{award} is for individuals only",
                "recipient_kind",
                {"award": award_type.name_vi},
            )
        )
    if (home.is_external or (person and person.is_external)) and not award_type.external_allowed:
        raise Invalid(
            FieldIssue(
                "award_type",
                "{award} is only for the sector's own staff and units",
                "external",
                {"award": award_type.name_vi},
            )
        )
    unknown = [k for k in data.dossier if k not in DOSSIER_LABELS]
    if unknown:
        raise Invalid(*[FieldIssue(f"dossier.{k}", "Unknown field", "unknown") for k in unknown])
    nomination = Nomination(
        proposer_id=proposer.id,  # type: ignore[arg-type]
        year=data.year,
        award_type_id=award_type.id,  # type: ignore[arg-type]
        candidate_unit_id=data.candidate_unit_id,
        candidate_person_id=data.candidate_person_id,
        achievements=data.achievements,
        dossier=dict(data.dossier),
    )
    session.add(nomination)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "nomination",
        nomination.id,
        unit_id=proposer.id,
        after=audit.snapshot(nomination),
    )
    session.commit()
    return get_nomination(session, actor, nomination.id)  # type: ignore[arg-type]


def update_nomination(
    session: Session,
    actor: Actor,
    nomination_id: int,
    data: NominationUpdate,
    *,
    expected_version: int | None,
) -> NominationPublic:
    authorize(actor, "nominations.write")
    n = _load(session, actor, nomination_id)
    check_version(n, expected_version)
    if n.status != NominationStatus.draft:
        raise Conflict("Only a draft nomination can be changed")
    changes = data.model_dump(exclude_unset=True)
    if "dossier" in changes:
        unknown = [k for k in changes["dossier"] or {} if k not in DOSSIER_LABELS]
        if unknown:
            raise Invalid(
                *[FieldIssue(f"dossier.{k}", "Unknown field", "unknown") for k in unknown]
            )
        changes["dossier"] = {**n.dossier, **(changes["dossier"] or {})}
    before = audit.snapshot(n)
    if apply_changes(n, changes):
        audit.record(
            session,
            actor,
            "update",
            "nomination",
            n.id,
            unit_id=n.proposer_id,
            before=before,
            after=audit.snapshot(n),
        )
        session.commit()
    return get_nomination(session, actor, n.id)  # type: ignore[arg-type]


def _move(
    session: Session,
    actor: Actor,
    nomination_id: int,
    action: str,
    expected_version: int | None,
    lang: str,
    *,
    reason: str | None = None,
    guard: Callable[[Nomination], None] | None = None,
    effect: Callable[[Nomination], str | None] | None = None,
) -> NominationPublic:
    """One step of workflow.NOMINATION on a nomination of the caller's scope."""
    n = workflow.transition(
        session,
        actor,
        workflow.NOMINATION,
        action,
        lambda: _load(session, actor, nomination_id),
        entity="nomination",
        unit_of=lambda x: x.proposer_id,
        expected_version=expected_version,
        reason=reason,
        guard=guard,
        effect=effect,
    )
    return get_nomination(session, actor, n.id, lang=lang)  # type: ignore[arg-type]


def _award_code(session: Session, n: Nomination) -> str:
    return session.get(AwardType, n.award_type_id).code  # type: ignore[union-attr]


def submit(
    session: Session,
    actor: Actor,
    nomination_id: int,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> NominationPublic:
    def dossier_complete(n: Nomination) -> None:
        missing = [c for c in dossier_items(_award_code(session, n)) if not n.dossier.get(c)]
        if missing:
            raise Invalid(
                *[
                    FieldIssue(
                        f"dossier.{c}", "This document is missing from the dossier", "missing"
                    )
                    for c in missing
                ],
                detail="The dossier is not complete",
            )
        n.submitted_at = utcnow()

    return _move(
        session, actor, nomination_id, "submit", expected_version, lang, effect=dossier_complete
    )


def record_vote(
    session: Session,
    actor: Actor,
    nomination_id: int,
    vote: CouncilVote,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> NominationPublic:
    def count(n: Nomination) -> str:
        outcome = vote_outcome(_award_code(session, n), vote)
        n.vote = {**vote.model_dump(mode="json"), **outcome, "regime": regime_for_year(n.year)}
        if outcome["passed"]:
            return NominationStatus.approved
        n.reason = None  # the council's reason is the vote's outcome, rendered when read
        return NominationStatus.rejected

    return _move(session, actor, nomination_id, "vote", expected_version, lang, effect=count)


def reject(
    session: Session,
    actor: Actor,
    nomination_id: int,
    reason: str,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> NominationPublic:
    def note(n: Nomination) -> None:
        n.reason = reason

    return _move(
        session, actor, nomination_id, "reject", expected_version, lang, reason=reason, effect=note
    )


def decide(
    session: Session,
    actor: Actor,
    nomination_id: int,
    data: NominationDecide,
    *,
    expected_version: int | None,
    lang: str = "vi",
) -> NominationPublic:
    """Make the award: onto an existing decision, or on a new decision of one award."""

    def may_decide(_n: Nomination) -> None:
        authorize(actor, "decisions.write")

    def make_award(n: Nomination) -> None:
        line = AwardLine(
            award_type=_award_code(session, n),
            recipient_unit_id=n.candidate_unit_id,
            recipient_person_id=n.candidate_person_id,
            citation=data.citation or n.achievements,
        )
        if data.decision_id is not None:
            try:
                award = awards.add_award(session, actor, data.decision_id, line, nomination_id=n.id)
            except NotFound:  # the decision named in the body: a reference, not the URL's object
                raise Invalid(FieldIssue("decision_id", "No such decision", "not_found")) from None
        else:
            missing = [f for f in ("number", "signed_on", "issuer_id") if getattr(data, f) is None]
            if missing:
                raise Invalid(
                    *[FieldIssue(f, "This field is required", "missing") for f in missing]
                )
            created = awards.create_decision(
                session,
                actor,
                DecisionCreate(
                    number=data.number,
                    signed_on=data.signed_on,
                    issuer_id=data.issuer_id,  # type: ignore[arg-type]
                    kind=DecisionKind.merit,
                    year=n.year,
                    awards=[line],
                ),
                nomination_ids={0: n.id},  # type: ignore[dict-item]
            )
            _load(session, actor, nomination_id)  # the decision committed: lock the row again
            award = session.get(Award, created.awards[0].id)  # type: ignore[assignment]
        n.award_id = award.id
        n.eligibility = award.eligibility

    return _move(
        session,
        actor,
        nomination_id,
        "decide",
        expected_version,
        lang,
        guard=may_decide,
        effect=make_award,
    )
