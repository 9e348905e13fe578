"""Measurable criteria of a campaign, bound to indicators, and each participant's progress
computed from its figures (approved, or a preview with the rest)."""

from itertools import pairwise

from sqlmodel import Session, col, select

from app.core.errors import FieldIssue, Invalid, NotFound
from app.models.campaigns import (
    CampaignCriterion,
    CampaignParticipant,
    CampaignProgress,
    CriterionCreate,
    CriterionProgress,
    CriterionPublic,
    ProgressItem,
    Tier,
)
from app.models.periods import Period
from app.models.reports import Report, ReportStatus
from app.models.units import Unit, UnitRef
from app.services import audit
from app.services.campaigns.campaigns import get_managed, get_visible
from app.services.levels import reviewed_by_parent_clause
from app.services.reports import catalogue, evaluation
from app.services.reports.reports import values_of
from app.services.scope import Actor, authorize, in_subtree


def to_public(c: CampaignCriterion, cat: catalogue.Catalogue) -> CriterionPublic:
    indicator = next(i for i in cat.indicator_rows if i.id == c.indicator_id)
    return CriterionPublic(
        id=c.id,  # type: ignore[arg-type]
        indicator=indicator.code,
        indicator_name=indicator.name_vi,
        period=c.period,
        threshold=c.threshold_bp / 100 if c.threshold_bp is not None else None,
        caseload_metric=cat.codes.get(c.caseload_metric_id) if c.caseload_metric_id else None,  # type: ignore[arg-type]
        tiers=[Tier.model_validate(t) for t in c.tiers] if c.tiers else None,
        description=c.description,
    )


def list_criteria(session: Session, actor: Actor, campaign_id: int) -> list[CriterionPublic]:
    authorize(actor, "campaigns.read")
    get_visible(session, actor, campaign_id)
    cat = catalogue.load(session)
    rows = session.exec(
        select(CampaignCriterion)
        .where(CampaignCriterion.campaign_id == campaign_id)
        .order_by(CampaignCriterion.id)
    ).all()
    return [to_public(c, cat) for c in rows]


def add_criterion(
    session: Session, actor: Actor, campaign_id: int, data: CriterionCreate
) -> CriterionPublic:
    campaign = get_managed(session, actor, campaign_id)
    cat = catalogue.load(session)
    indicator = next((i for i in cat.indicator_rows if i.code == data.indicator), None)
    issues = []
    if indicator is None:
        issues.append(FieldIssue("indicator", "Unknown indicator", "not_found"))
    if session.exec(select(Period.id).where(Period.code == data.period)).first() is None:
        issues.append(FieldIssue("period", "No such period", "not_found"))
    caseload_id = None
    if data.tiers:
        code = data.caseload_metric or "viec_phai_thi_hanh"
        if code not in cat.ids:
            issues.append(FieldIssue("caseload_metric", "Unknown metric", "not_found"))
        caseload_id = cat.ids.get(code)
        bands = sorted(data.tiers, key=lambda t: t.min_caseload)
        for a, b in pairwise(bands):
            if a.max_caseload is None or a.max_caseload >= b.min_caseload:
                issues.append(FieldIssue("tiers", "Caseload bands must not overlap", "overlap"))
                break
    if issues:
        raise Invalid(*issues)
    criterion = CampaignCriterion(
        campaign_id=campaign.id,  # type: ignore[arg-type]
        indicator_id=indicator.id,  # type: ignore[union-attr,arg-type]
        period=data.period,
        threshold_bp=round(data.threshold * 100) if data.threshold is not None else None,
        caseload_metric_id=caseload_id,
        tiers=[t.model_dump() for t in sorted(data.tiers, key=lambda t: t.min_caseload)]
        if data.tiers
        else None,
        description=data.description,
    )
    session.add(criterion)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "campaign_criterion",
        criterion.id,
        unit_id=campaign.owner_unit_id,
        after=data.model_dump(mode="json"),
    )
    session.commit()
    return to_public(criterion, cat)


def remove_criterion(session: Session, actor: Actor, campaign_id: int, criterion_id: int) -> None:
    campaign = get_managed(session, actor, campaign_id)
    criterion = session.exec(
        select(CampaignCriterion).where(
            CampaignCriterion.id == criterion_id, CampaignCriterion.campaign_id == campaign_id
        )
    ).first()
    if criterion is None:
        raise NotFound("No such {entity}", params={"entity": "criterion"})
    audit.record(
        session,
        actor,
        "delete",
        "campaign_criterion",
        criterion.id,
        unit_id=campaign.owner_unit_id,
        before=audit.snapshot(criterion),
    )
    session.delete(criterion)
    session.commit()


def threshold_for(criterion: CriterionPublic, caseload: int | None) -> float | None:
    if criterion.tiers is None:
        return criterion.threshold
    if caseload is None:
        return None
    for tier in criterion.tiers:
        if caseload >= tier.min_caseload and (
            tier.max_caseload is None or caseload <= tier.max_caseload
        ):
            return tier.threshold
    return None  # below the smallest band: the criterion does not apply


def progress(
    session: Session, actor: Actor, campaign_id: int, *, preview: bool = False
) -> CampaignProgress:
    authorize(actor, "campaigns.read")
    get_visible(session, actor, campaign_id)
    cat = catalogue.load(session)
    criteria = session.exec(
        select(CampaignCriterion)
        .where(CampaignCriterion.campaign_id == campaign_id)
        .order_by(CampaignCriterion.id)
    ).all()
    units = session.exec(
        select(Unit)
        .join(CampaignParticipant, CampaignParticipant.unit_id == Unit.id)
        .where(CampaignParticipant.campaign_id == campaign_id, reviewed_by_parent_clause())
        .order_by(Unit.name)
    ).all()
    in_scope = set(session.exec(select(Unit.id).where(in_subtree(actor))).all())
    codes = {c.period for c in criteria}
    reports = session.exec(
        select(Report, Period.code)
        .join(Period, Period.id == Report.period_id)
        .where(col(Period.code).in_(codes), col(Report.unit_id).in_([u.id for u in units]))
    ).all()
    by_key = {
        (r.unit_id, code): r for r, code in reports if preview or r.status == ReportStatus.approved
    }
    vals = values_of(session, cat, [r.id for r in by_key.values()])  # type: ignore[misc]
    formulas = {code: (num, den) for code, num, den in cat.indicators}
    out = []
    for criterion in criteria:
        public = to_public(criterion, cat)
        num_f, den_f = formulas[public.indicator]
        items = []
        for unit in units:
            report = by_key.get((unit.id, criterion.period))  # type: ignore[arg-type]
            if report is None:
                items.append(
                    ProgressItem(
                        unit=UnitRef.model_validate(unit),
                        status="not_reported",
                        rate=None,
                        threshold=public.threshold,
                        numerator=None,
                        denominator=None,
                        caseload=None,
                        approved=False,
                        report_id=None,
                    )
                )
                continue
            scope = {**vals[report.id], **evaluation.derive(cat, vals[report.id])}  # type: ignore[index]
            numerator, denominator = num_f.evaluate(scope), den_f.evaluate(scope)
            value = evaluation.rate(numerator, denominator)
            caseload = scope.get(public.caseload_metric) if public.caseload_metric else None
            threshold = threshold_for(public, caseload)
            met = value is not None and threshold is not None and value >= threshold
            items.append(
                ProgressItem(
                    unit=UnitRef.model_validate(unit),
                    status="met" if met else "not_met",
                    rate=value,
                    threshold=threshold,
                    numerator=numerator,
                    denominator=denominator,
                    caseload=caseload,
                    approved=report.status == ReportStatus.approved,
                    report_id=report.id,
                )
            )
        out.append(
            CriterionProgress(
                criterion=public,
                met=sum(1 for i in items if i.status == "met"),
                not_met=sum(1 for i in items if i.status == "not_met"),
                not_reported=sum(1 for i in items if i.status == "not_reported"),
                # The counts cover every participant; the figures only the caller's subtree.
                items=[i for i in items if i.unit.id in in_scope],
            )
        )
    return CampaignProgress(campaign_id=campaign_id, preview=preview, criteria=out)
