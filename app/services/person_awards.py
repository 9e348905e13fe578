"""A person's award history, which follows the person across units: every award of the person,
wherever they were when awarded, each with its unit (and its issuer) named as they were on the
decision's signing date. Whoever sees the person (their current unit is in the caller's scope)
sees all of it; an award of a unit outside that scope is read-only for them (no `revoke`)."""

from sqlmodel import Session, col, select

from app.models.awards import Award, AwardPublic, Decision
from app.models.units import Unit
from app.services.awards.awards import publish_awards
from app.services.common import page
from app.services.people import get_person
from app.services.scope import Actor, authorize


def person_awards(
    session: Session,
    actor: Actor,
    person_id: int,
    *,
    include_revoked: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AwardPublic], int]:
    authorize(actor, "awards.read")
    person, _ = get_person(session, actor, person_id)
    stmt = (
        select(Award)
        .join(Decision, Decision.id == Award.decision_id)
        .where(Award.recipient_person_id == person.id)
    )
    if not include_revoked:
        stmt = stmt.where(col(Award.revoked_at).is_(None))
    rows, total = page(
        session,
        stmt.order_by(col(Award.year).desc(), col(Decision.signed_on).desc(), col(Award.id)),
        limit=limit,
        offset=offset,
    )
    published = publish_awards(session, rows, actor)
    return _as_signed(session, actor, rows, published), total


def _as_signed(
    session: Session, actor: Actor, rows: list[Award], published: list[AwardPublic]
) -> list[AwardPublic]:
    """Units are named as on each decision's signing date by `publish_awards`; an award of a
    unit outside the caller's scope is read-only for them."""
    paths = dict(
        session.exec(
            select(Unit.id, Unit.path).where(col(Unit.id).in_({a.unit_id for a in rows}))
        ).all()
    )
    return [
        pub if actor.sees(paths[award.unit_id]) else pub.model_copy(update={"allowed_actions": []})
        for award, pub in zip(rows, published, strict=True)
    ]
