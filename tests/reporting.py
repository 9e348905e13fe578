"""Helpers for the figures tests: the THADS catalogue, periods and targets on top of `world`."""

import pytest
from sqlmodel import Session

from app.models.periods import Period, PeriodStatus
from app.models.targets import Target
from app.services.awards import catalogue as award_catalogue
from app.services.reports import catalogue
from app.services.reports.periods import add_working_days, bounds, code_for
from tests.factories import World

# A consistent set of values (every error rule holds): 82,50 % cases, 27,59 % money.
GOOD = {
    "viec_cu_chuyen_sang": 300000,
    "viec_thu_ly_moi": 500000,
    "viec_uy_thac": 10000,
    "viec_co_dieu_kien": 653719,
    "viec_chua_co_dieu_kien": 136281,
    "viec_thi_hanh_xong": 500000,
    "viec_dinh_chi": 39290,
    "tien_cu_chuyen_sang": 900000,
    "tien_thu_ly_moi": 600000,
    "tien_uy_thac": 25000,
    "tien_co_dieu_kien": 966810,
    "tien_chua_co_dieu_kien": 508190,
    "tien_thi_hanh_xong": 266732,
    "tien_dinh_chi": 0,
}


def make_period(
    session: Session, year: int, quarter: int, status: PeriodStatus = PeriodStatus.open
) -> Period:
    starts, ends = bounds(year, quarter)
    period = Period(
        code=code_for(year, quarter),
        year=year,
        quarter=quarter,
        starts_on=starts,
        ends_on=ends,
        due_on=add_working_days(ends, 2, set()),
        status=status,
    )
    session.add(period)
    session.flush()
    return period


def make_target(
    session: Session, year: int, indicator_code: str, value: float, unit_id: int | None = None
) -> None:
    cat = catalogue.load(session)
    indicator = next(i for i in cat.indicator_rows if i.code == indicator_code)
    session.add(
        Target(year=year, indicator_id=indicator.id, unit_id=unit_id, value_bp=round(value * 100))
    )  # type: ignore[arg-type]


@pytest.fixture
def figures_world(session: Session, world: World) -> World:
    catalogue.ensure_catalogue(session)
    award_catalogue.ensure_award_types(session)
    for quarter in (1, 2, 3, 4):
        make_period(session, 2022, quarter, PeriodStatus.open)
    make_period(session, 2021, 4, PeriodStatus.closed)
    make_target(session, 2022, "ty_le_viec", 81.5)
    make_target(session, 2022, "ty_le_tien", 40.1)
    session.commit()
    return world
