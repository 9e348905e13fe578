from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from app.api.deps import CurrentActor, IdempotencyKey, IfMatch, PageDep, SessionDep
from app.api.openapi import READ_ERRORS, WRITE_ERRORS
from app.api.responses import create_once, no_content, with_etag
from app.core.types import Id
from app.models.base import Page
from app.models.periods import (
    HolidayCreate,
    HolidayPublic,
    LockExceptionCreate,
    LockExceptionPublic,
    PeriodCreate,
    PeriodPublic,
    PeriodStatus,
    PeriodUpdate,
)
from app.models.units import UnitRef
from app.services.reports import periods
from app.services.scope import authorize

router = APIRouter(tags=["periods"])


@router.get("/periods", responses=READ_ERRORS)
def list_periods(
    session: SessionDep,
    actor: CurrentActor,
    paging: PageDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Statistics year")] = None,
    status: PeriodStatus | None = None,
) -> Page[PeriodPublic]:
    """Cumulative quarters: 2022-Q1 covers 01/10/2021–31/12/2021, 2022-Q4 the whole year to 30/09/2022."""
    authorize(actor, "reports.read")
    rows, total = periods.list_periods(
        session, year=year, status=status, limit=paging.limit, offset=paging.offset
    )
    return Page(
        items=[periods.to_public(p, actor) for p in rows],
        total=total,
        limit=paging.limit,
        offset=paging.offset,
    )


@router.post("/periods", status_code=201, response_model=PeriodPublic, responses=WRITE_ERRORS)
def create_period(
    data: PeriodCreate,
    request: Request,
    session: SessionDep,
    actor: CurrentActor,
    key: IdempotencyKey,
) -> JSONResponse:
    """Reviewers: create a quarter; its dates and due date (2 working days) are computed."""

    def work() -> tuple[PeriodPublic, int, str]:
        period = periods.create_period(session, actor, data)
        return periods.to_public(period, actor), period.version, f"/api/v1/periods/{period.code}"

    return create_once(session, actor, request, key, data, work)


@router.get("/periods/{code}", response_model=PeriodPublic, responses=READ_ERRORS)
def get_period(code: str, session: SessionDep, actor: CurrentActor) -> JSONResponse:
    authorize(actor, "reports.read")
    period = periods.get_by_code(session, code)
    return with_etag(periods.to_public(period, actor), period.version)


@router.patch("/periods/{code}", response_model=PeriodPublic, responses=WRITE_ERRORS)
def update_period(
    code: str, data: PeriodUpdate, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    """Reviewers: move the due date."""
    period = periods.update_period(session, actor, code, data, expected)
    return with_etag(periods.to_public(period, actor), period.version)


@router.post("/periods/{code}/open", response_model=PeriodPublic, responses=WRITE_ERRORS)
def open_period(
    code: str, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    period = periods.set_status(session, actor, code, PeriodStatus.open, expected)
    return with_etag(periods.to_public(period, actor), period.version)


@router.post("/periods/{code}/close", response_model=PeriodPublic, responses=WRITE_ERRORS)
def close_period(
    code: str, session: SessionDep, actor: CurrentActor, expected: IfMatch
) -> JSONResponse:
    """Closed periods take no changes, except from units given a lock exception."""
    period = periods.set_status(session, actor, code, PeriodStatus.closed, expected)
    return with_etag(periods.to_public(period, actor), period.version)


@router.get("/periods/{code}/exceptions", responses=READ_ERRORS)
def list_exceptions(
    code: str, session: SessionDep, actor: CurrentActor
) -> list[LockExceptionPublic]:
    return [
        LockExceptionPublic.model_validate(
            e, update={"period": code, "unit": UnitRef.model_validate(u)}
        )
        for e, u in periods.list_exceptions(session, actor, code)
    ]


@router.post("/periods/{code}/exceptions", status_code=201, responses=WRITE_ERRORS)
def add_exception(
    code: str, data: LockExceptionCreate, session: SessionDep, actor: CurrentActor
) -> LockExceptionPublic:
    """Reopen a closed period for one unit, with the reason."""
    exc, unit = periods.add_exception(session, actor, code, data)
    return LockExceptionPublic.model_validate(
        exc, update={"period": code, "unit": UnitRef.model_validate(unit)}
    )


@router.delete("/periods/{code}/exceptions/{exception_id}", status_code=204, responses=WRITE_ERRORS)
def remove_exception(
    code: str, exception_id: Id, session: SessionDep, actor: CurrentActor
) -> Response:
    periods.remove_exception(session, actor, code, exception_id)
    return no_content()


@router.get("/holidays", responses=READ_ERRORS)
def list_holidays(
    session: SessionDep,
    actor: CurrentActor,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> list[HolidayPublic]:
    """Public holidays skipped when due dates are counted."""
    authorize(actor, "reports.read")
    return [HolidayPublic.model_validate(h) for h in periods.list_holidays(session, year)]


@router.post("/holidays", status_code=201, responses=WRITE_ERRORS)
def add_holiday(data: HolidayCreate, session: SessionDep, actor: CurrentActor) -> HolidayPublic:
    return HolidayPublic.model_validate(periods.add_holiday(session, actor, data))


@router.delete("/holidays/{day}", status_code=204, responses=WRITE_ERRORS)
def remove_holiday(day: date, session: SessionDep, actor: CurrentActor) -> Response:
    periods.remove_holiday(session, actor, day)
    return no_content()
