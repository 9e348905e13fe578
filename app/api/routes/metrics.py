from fastapi import APIRouter

from app.api.deps import CurrentActor, SessionDep
from app.api.openapi import READ_ERRORS
from app.models.metrics import IndicatorPublic, MetricPublic, ValidationRulePublic
from app.services import catalogue

router = APIRouter(tags=["metrics"])


@router.get("/metrics", responses=READ_ERRORS)
def list_metrics(session: SessionDep, actor: CurrentActor) -> list[MetricPublic]:
    """Inputs and derived values of a report, in form order."""
    return catalogue.list_metrics(session, actor)


@router.get("/indicators", responses=READ_ERRORS)
def list_indicators(session: SessionDep, actor: CurrentActor) -> list[IndicatorPublic]:
    """Rates computed from the metrics: numerator ÷ denominator × 100, rounded half-up to 2 decimals."""
    return catalogue.list_indicators(session, actor)


@router.get("/validation-rules", responses=READ_ERRORS)
def list_rules(session: SessionDep, actor: CurrentActor) -> list[ValidationRulePublic]:
    """`error` rules block submission; `warning` rules are shown but allow it."""
    return catalogue.list_rules(session, actor)
