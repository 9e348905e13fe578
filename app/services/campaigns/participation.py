"""What units and people do within a campaign: registrations (đăng ký thi đua), exemplars
(điển hình) named by the managing unit, and the mid-term and final reviews."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.core.errors import Conflict, FieldIssue, Forbidden, Invalid, NotFound
from app.core.types import utcnow
from app.models.campaigns import (
    Campaign,
    CampaignParticipant,
    CampaignRef,
    CampaignReview,
    CampaignStatus,
    Exemplar,
    ExemplarCreate,
    ExemplarPublic,
    Registration,
    RegistrationCreate,
    RegistrationPublic,
    RegistrationStatus,
    RegistrationSummary,
    ReviewCreate,
    ReviewPublic,
)
from app.models.people import Person
from app.models.units import Unit
from app.services import audit, workflow
from app.services.campaigns.campaigns import can_manage, get_managed, get_visible, visible
from app.services.scope import Actor, authorize, in_subtree, unit_in_scope
from app.services.units import unit_ref

# ---- registrations -------------------------------------------------------------------------


def registration_actions(
    actor: Actor, reg: Registration, campaign: Campaign, manages: bool
) -> list[str]:
    """workflow.REGISTRATION's steps open to the caller: a registration is sent while the
    campaign is launched, and accepted or returned by the managing unit."""
    launched = campaign.status == CampaignStatus.launched
    return workflow.allowed(
        actor,
        workflow.REGISTRATION,
        reg.status,
        {"submit": launched, "accept": manages, "return": manages},
    )


def _registration_public(
    reg: Registration, unit: Unit, person: Person | None, actions: list[str]
) -> RegistrationPublic:
    return RegistrationPublic.model_validate(
        reg,
        update={
            "unit": unit_ref(unit),
            "person_name": person.full_name if person else None,
            "allowed_actions": actions,
        },
    )


def list_registrations(session: Session, actor: Actor, campaign_id: int) -> RegistrationSummary:
    authorize(actor, "campaigns.read")
    campaign = get_visible(session, actor, campaign_id)
    manages = can_manage(session, actor, campaign)
    rows = session.exec(
        select(Registration, Unit, Person)
        .join(Unit, Unit.id == Registration.unit_id)
        .outerjoin(Person, Person.id == Registration.person_id)
        .where(Registration.campaign_id == campaign_id, in_subtree(actor))
        .order_by(Unit.path, Registration.id)
    ).all()
    registered = {reg.unit_id for reg, _, _ in rows if reg.status != RegistrationStatus.draft}
    participants = session.exec(
        select(Unit)
        .join(CampaignParticipant, CampaignParticipant.unit_id == Unit.id)
        .where(CampaignParticipant.campaign_id == campaign_id, in_subtree(actor))
        .order_by(Unit.name)
    ).all()
    return RegistrationSummary(
        items=[
            _registration_public(r, u, p, registration_actions(actor, r, campaign, manages))
            for r, u, p in rows
        ],
        not_registered=[unit_ref(u) for u in participants if u.id not in registered],
    )


def create_registration(
    session: Session, actor: Actor, campaign_id: int, data: RegistrationCreate
) -> RegistrationPublic:
    authorize(actor, "registrations.write")
    campaign = get_visible(session, actor, campaign_id)
    if campaign.status != CampaignStatus.launched:
        raise Conflict("Registrations open when the campaign is launched and close with it")
    unit = unit_in_scope(session, actor, data.unit_id, field="unit_id")
    if session.get(CampaignParticipant, (campaign.id, unit.id)) is None:
        raise Invalid(
            FieldIssue("unit_id", "This unit does not take part in the campaign", "not_participant")
        )
    person = None
    if data.person_id is not None:
        person = session.get(Person, data.person_id)
        if person is None or person.unit_id != unit.id:
            raise Invalid(
                FieldIssue("person_id", "This person does not belong to the unit", "invalid")
            )
    twin = select(Registration.id).where(
        Registration.campaign_id == campaign.id,
        Registration.unit_id == unit.id,
        Registration.person_id == data.person_id
        if data.person_id is not None
        else col(Registration.person_id).is_(None),
    )
    if session.exec(twin).first() is not None:  # NULLs never clash in a unique key: check here
        raise Conflict("This unit or person is already registered in the campaign")
    reg = Registration(
        campaign_id=campaign.id,  # type: ignore[arg-type]
        unit_id=unit.id,  # type: ignore[arg-type]
        person_id=data.person_id,
        titles=list(dict.fromkeys(data.titles)),
        note=data.note,
    )
    session.add(reg)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        raise Conflict("This unit or person is already registered in the campaign") from None
    audit.record(
        session, actor, "create", "registration", reg.id, unit_id=unit.id, after=audit.snapshot(reg)
    )
    session.commit()
    actions = registration_actions(actor, reg, campaign, can_manage(session, actor, campaign))
    return _registration_public(reg, unit, person, actions)


def _registration(
    session: Session, actor: Actor, campaign_id: int, registration_id: int
) -> tuple[Registration, Unit, Campaign]:
    campaign = get_visible(session, actor, campaign_id)
    row = session.exec(
        select(Registration, Unit)
        .join(Unit, Unit.id == Registration.unit_id)
        .where(
            Registration.id == registration_id,
            Registration.campaign_id == campaign_id,
            in_subtree(actor),
        )
        .with_for_update(of=Registration)  # type: ignore[arg-type]
    ).first()
    if row is None:
        raise NotFound("No such {entity}", params={"entity": "registration"})
    return row[0], row[1], campaign


def transition_registration(
    session: Session,
    actor: Actor,
    campaign_id: int,
    registration_id: int,
    action: str,
    *,
    reason: str | None = None,
    expected_version: int | None = None,
) -> RegistrationPublic:
    """submit (the unit, while the campaign is launched), accept or return with a reason
    (the managing unit): workflow.REGISTRATION."""

    def allowed_here(row: tuple[Registration, Unit, Campaign]) -> None:
        campaign = row[2]
        if action == "submit":
            if campaign.status != CampaignStatus.launched:
                raise Conflict("Registrations open when the campaign is launched and close with it")
        elif not can_manage(session, actor, campaign):
            raise Forbidden("Only the managing unit may change this campaign")

    def record_outcome(row: tuple[Registration, Unit, Campaign]) -> None:
        reg = row[0]
        if action == "submit":
            reg.submitted_at, reg.reason = utcnow(), None
        else:
            reg.reason = reason
            reg.decided_by = actor.username

    reg, unit, campaign = workflow.transition(
        session,
        actor,
        workflow.REGISTRATION,
        action,
        lambda: _registration(session, actor, campaign_id, registration_id),
        entity="registration",
        unit_of=lambda row: row[1].id,
        expected_version=expected_version,
        reason=reason,
        guard=allowed_here,
        effect=record_outcome,
    )
    person = session.get(Person, reg.person_id) if reg.person_id else None
    actions = registration_actions(actor, reg, campaign, can_manage(session, actor, campaign))
    return _registration_public(reg, unit, person, actions)


# ---- exemplars -----------------------------------------------------------------------------


def _exemplar_public(
    e: Exemplar, campaign: Campaign, unit: Unit | None, person: Person | None
) -> ExemplarPublic:
    return ExemplarPublic.model_validate(
        e,
        update={
            "campaign": CampaignRef.model_validate(campaign),
            "unit": unit_ref(unit) if unit else None,
            "person_name": person.full_name if person else None,
        },
    )


def list_exemplars(
    session: Session, actor: Actor, *, campaign_id: int | None = None, unit_id: int | None = None
) -> list[ExemplarPublic]:
    authorize(actor, "campaigns.read")
    if campaign_id is not None:
        get_visible(session, actor, campaign_id)
    stmt = (
        select(Exemplar, Campaign, Unit, Person)
        .join(Campaign, Campaign.id == Exemplar.campaign_id)
        .outerjoin(Person, Person.id == Exemplar.person_id)
        .outerjoin(Unit, Unit.id == Exemplar.unit_id)
        .where(visible(actor))
    )
    if campaign_id is not None:
        stmt = stmt.where(Exemplar.campaign_id == campaign_id)
    if unit_id is not None:
        unit = unit_in_scope(session, actor, unit_id)
        staff = select(Person.id).where(Person.unit_id == unit.id)
        stmt = stmt.where((Exemplar.unit_id == unit.id) | col(Exemplar.person_id).in_(staff))
    rows = session.exec(stmt.order_by(col(Exemplar.from_on).desc(), Exemplar.id)).all()
    return [_exemplar_public(e, c, u, p) for e, c, u, p in rows]


def add_exemplar(
    session: Session, actor: Actor, campaign_id: int, data: ExemplarCreate
) -> ExemplarPublic:
    campaign = get_managed(session, actor, campaign_id)
    unit = person = None
    if data.unit_id is not None:
        unit = unit_in_scope(session, actor, data.unit_id, field="unit_id")
    else:
        row = session.exec(
            select(Person)
            .join(Unit, Unit.id == Person.unit_id)
            .where(Person.id == data.person_id, in_subtree(actor))
        ).first()
        if row is None:
            raise Invalid(FieldIssue("person_id", "No such person in your scope", "not_found"))
        person = row
    exemplar = Exemplar(campaign_id=campaign.id, **data.model_dump())  # type: ignore[arg-type]
    session.add(exemplar)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "exemplar",
        exemplar.id,
        unit_id=campaign.owner_unit_id,
        after=audit.snapshot(exemplar),
    )
    session.commit()
    return _exemplar_public(exemplar, campaign, unit, person)


# ---- reviews -------------------------------------------------------------------------------


def list_reviews(session: Session, actor: Actor, campaign_id: int) -> list[ReviewPublic]:
    authorize(actor, "campaigns.read")
    get_visible(session, actor, campaign_id)
    rows = session.exec(
        select(CampaignReview)
        .where(CampaignReview.campaign_id == campaign_id)
        .order_by(CampaignReview.held_on)
    ).all()
    return [ReviewPublic.model_validate(r) for r in rows]


def add_review(
    session: Session, actor: Actor, campaign_id: int, data: ReviewCreate
) -> ReviewPublic:
    campaign = get_managed(session, actor, campaign_id)
    review = CampaignReview(campaign_id=campaign.id, created_by=actor.username, **data.model_dump())  # type: ignore[arg-type]
    session.add(review)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "campaign_review",
        review.id,
        unit_id=campaign.owner_unit_id,
        after=audit.snapshot(review),
    )
    session.commit()
    return ReviewPublic.model_validate(review)
