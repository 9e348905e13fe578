"""The demo runs to any day from 1 October 2025 on: the current period is the earliest still
due, open with its offices at every stage; every earlier one is closed and approved."""

from datetime import date

import pytest
from sqlmodel import col, select

from app.demo import loader
from app.models.periods import Period, PeriodStatus
from app.models.reports import Report, ReportStatus
from app.models.units import Unit


@pytest.mark.parametrize(
    "today",
    [date(2025, 10, 1), date(2026, 4, 3), date(2027, 12, 31)],
    ids=["first-day-of-2026-year", "after-2026-q2-ends", "last-day-supported"],
)
def test_the_demo_runs_to_the_day_asked(session, today):
    loader.load(session, today=today)
    *closed, current = session.exec(select(Period).order_by(Period.year, Period.quarter)).all()
    assert closed[-1].due_on < today <= current.due_on
    assert current.status == PeriodStatus.open
    assert all(p.status == PeriodStatus.closed for p in closed)
    late = session.exec(
        select(Report.status).where(
            col(Report.period_id).in_([p.id for p in closed]),
            Report.status != ReportStatus.approved,
        )
    ).all()
    assert late == []
    now = dict(
        session.exec(
            select(Unit.code, Report.status)
            .join(Unit, Unit.id == Report.unit_id)
            .where(Report.period_id == current.id)
        ).all()
    )
    assert len(now) == 6 and set(now) <= {f"PKV{n}-VINHLONG" for n in range(1, 8)}
    assert sorted(now.values()) == sorted(
        ["approved", "approved", "submitted", "submitted", "returned", "draft"]
    )
    # Submitted and approved on days already past, never in the future.
    stamps = session.exec(
        select(Report.submitted_at, Report.approved_at).where(Report.period_id == current.id)
    ).all()
    assert all(s is None or s.date() < today for pair in stamps for s in pair)


def test_the_demo_refuses_a_day_before_the_2025_change_is_reported(session):
    with pytest.raises(ValueError, match="1 October 2025"):
        loader.load(session, today=date(2025, 9, 30))
