from fastapi import APIRouter

from app.api.deps import CurrentActor, PageDep, SessionDep
from app.api.openapi import READ_ERRORS
from app.api.responses import ENVELOPE_ALIAS, Envelope, page_or_array
from app.models.base import Page
from app.models.metrics import IndicatorPublic, MetricPublic, ValidationRulePublic
from app.services.reports import catalogue

router = APIRouter(tags=["metrics"])


@router.get(
    "/metrics",
    responses=READ_ERRORS,
    response_model=Page[MetricPublic] | list[MetricPublic],
    description="Inputs and derived values of a report, in form order." + ENVELOPE_ALIAS,
)
def list_metrics(
    session: SessionDep, actor: CurrentActor, paging: PageDep, envelope: Envelope = True
) -> Page[MetricPublic] | list[MetricPublic]:
    return page_or_array(catalogue.list_metrics(session, actor), paging, envelope)


@router.get(
    "/indicators",
    responses=READ_ERRORS,
    response_model=Page[IndicatorPublic] | list[IndicatorPublic],
    description="Rates computed from the metrics: numerator ÷ denominator × 100, rounded "
    "half-up to 2 decimals." + ENVELOPE_ALIAS,
)
def list_indicators(
    session: SessionDep, actor: CurrentActor, paging: PageDep, envelope: Envelope = True
) -> Page[IndicatorPublic] | list[IndicatorPublic]:
    return page_or_array(catalogue.list_indicators(session, actor), paging, envelope)


@router.get(
    "/validation-rules",
    responses=READ_ERRORS,
    response_model=Page[ValidationRulePublic] | list[ValidationRulePublic],
    description="`error` rules block submission; `warning` rules are shown but allow it."
    + ENVELOPE_ALIAS,
)
def list_rules(
    session: SessionDep, actor: CurrentActor, paging: PageDep, envelope: Envelope = True
) -> Page[ValidationRulePublic] | list[ValidationRulePublic]:
    return page_or_array(catalogue.list_rules(session, actor), paging, envelope)
