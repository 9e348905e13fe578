"""Dates are shown and stamped in the offices' time zone (Asia/Ho_Chi_Minh, UTC+7): a moment
stored in UTC late in the evening is the next day in Vietnam, never a day off."""

import io
from datetime import UTC, datetime

from docx import Document

from app.web.formatting import day, moment


def test_a_utc_evening_is_the_next_day_on_screen():
    evening = datetime(2022, 3, 1, 20, 30, tzinfo=UTC)  # 03:30 on 2 March in Hà Nội
    assert day(evening) == "02/03/2022"
    assert day("2022-03-01T20:30:00Z") == "02/03/2022"  # as the API sends it
    assert day("2022-03-01T20:30:00+00:00") == "02/03/2022"
    assert moment(evening) == "02/03/2022 03:30"
    assert day("2022-03-01") == "01/03/2022"  # a plain date stays the date it is


def test_the_summary_docx_is_dated_by_the_local_day(api, figures_world, monkeypatch):
    from app.api.routes import awards as routes

    # 18:00 UTC on New Year's Eve is already 1 January in Vietnam.
    monkeypatch.setattr(routes, "utcnow", lambda: datetime(2022, 12, 31, 18, 0, tzinfo=UTC))
    w = figures_world
    r = api.get(
        "/api/v1/summary/awards",
        params={"year": 2022, "unit_id": w.unit_id("CUC_A"), "format": "docx"},
        headers=w.headers("reviewer_a"),
    )
    assert r.status_code == 200, r.text
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "01/01/2023" in text and "31/12/2022" not in text
