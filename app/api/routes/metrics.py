from fastapi import APIRouter
from sqlmodel import select

from app.api.deps import CurrentActor, SessionDep
from app.api.openapi import READ_ERRORS
from app.models.metrics import (
    Indicator,
    IndicatorPublic,
    Metric,
    MetricPublic,
    ValidationRule,
    ValidationRulePublic,
)
from app.services.scope import authorize

router = APIRouter(tags=["metrics"])


@router.get("/metrics", responses=READ_ERRORS)
def list_metrics(session: SessionDep, actor: CurrentActor) -> list[MetricPublic]:
    """Inputs and derived values of a report, in form order."""
    authorize(actor, "reports.read")
    rows = session.exec(select(Metric).order_by(Metric.position, Metric.id)).all()
    return [MetricPublic.model_validate(m) for m in rows]


@router.get("/indicators", responses=READ_ERRORS)
def list_indicators(session: SessionDep, actor: CurrentActor) -> list[IndicatorPublic]:
    """Rates computed from the metrics: numerator ÷ denominator × 100, rounded half-up to 2 decimals."""
    authorize(actor, "reports.read")
    rows = session.exec(select(Indicator).order_by(Indicator.position, Indicator.id)).all()
    return [IndicatorPublic.model_validate(i) for i in rows]


@router.get("/validation-rules", responses=READ_ERRORS)
def list_rules(session: SessionDep, actor: CurrentActor) -> list[ValidationRulePublic]:
    """`error` rules block submission; `warning` rules are shown but allow it."""
    authorize(actor, "reports.read")
    rows = session.exec(
        select(ValidationRule).order_by(ValidationRule.position, ValidationRule.id)
    ).all()
    return [
        ValidationRulePublic.model_validate(
            r, update={"fields": [f for f in r.fields.split(",") if f]}
        )
        for r in rows
    ]
