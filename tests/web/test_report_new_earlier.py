"""The figures form before a report exists (/reports/new) shows, beside each field, the office's
value of last quarter and of the same quarter last year, the same notes the report's own page
shows once a draft is saved; a first quarter has no "last quarter" (figures add up from
January)."""

from bs4 import BeautifulSoup

from tests.reporting import GOOD
from tests.web.conftest import page_token, signed_in

REPORTS = "/api/v1/reports"
LAST_YEAR = {**GOOD, "viec_thu_ly_moi": 400000, "viec_co_dieu_kien": 553719}
Q3 = {**GOOD, "viec_thu_ly_moi": 450000, "viec_co_dieu_kien": 603719}


def _report(api, world, period: str, values: dict[str, int]) -> None:
    response = api.post(
        REPORTS,
        headers=world.headers("reporter_a1"),
        json={"unit_id": world.unit_id("CC_A1"), "period": period, "values": values},
    )
    assert response.status_code == 201, response.text


def _earlier_of_2021_q4_and_2022_q3(api, world) -> None:
    assert api.post("/api/v1/periods/2021-Q4/open", headers=world.headers("admin_a")).is_success
    _report(api, world, "2021-Q4", LAST_YEAR)
    _report(api, world, "2022-Q3", Q3)


def notes_beside(html: str) -> dict[str, str]:
    """Each input of the form → the "earlier" note in its row ('' when there is none)."""
    page = BeautifulSoup(html, "html.parser")
    form = page.select_one("form#figures-form")
    assert form is not None, "no figures form"
    notes = {}
    for row in form.select(".figure-row"):
        field = row.select_one("input")
        if field is None:
            continue
        note = row.select_one(".earlier")
        notes[field["name"]] = " ".join(note.get_text(" ").split()) if note else ""
    assert len(notes) == 14
    return notes


def test_the_new_form_shows_last_quarter_and_the_same_quarter_last_year(web, api, figures_world):
    w = figures_world
    _earlier_of_2021_q4_and_2022_q3(api, w)
    signed_in(web, "reporter_a1")

    page = web.get(f"/reports/new?unit_id={w.unit_id('CC_A1')}&period=2022-Q4")
    assert page.status_code == 200
    notes = notes_beside(page.text)
    assert notes["viec_thu_ly_moi"] == "Quý trước: 450.000 · Cùng kỳ năm trước: 400.000"
    assert notes["tien_thi_hanh_xong"] == "Quý trước: 266.732 · Cùng kỳ năm trước: 266.732"
    assert all(note.startswith("Quý trước: ") for note in notes.values())


def test_the_notes_are_the_same_before_and_after_the_draft_is_saved(web, api, figures_world):
    w = figures_world
    _earlier_of_2021_q4_and_2022_q3(api, w)
    signed_in(web, "reporter_a1")
    new = f"/reports/new?unit_id={w.unit_id('CC_A1')}&period=2022-Q4"
    before = notes_beside(web.get(new).text)

    saved = web.post(
        "/reports/new",
        data={
            "csrf_token": page_token(web, new),
            "unit_id": str(w.unit_id("CC_A1")),
            "period": "2022-Q4",
            "viec_thu_ly_moi": "1.000",
            "action": "save",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text[:500]
    after = notes_beside(web.get(saved.headers["location"]).text)
    assert after == before


def test_the_notes_stay_when_the_form_comes_back_with_an_error(web, api, figures_world):
    w = figures_world
    _earlier_of_2021_q4_and_2022_q3(api, w)
    signed_in(web, "reporter_a1")
    new = f"/reports/new?unit_id={w.unit_id('CC_A1')}&period=2022-Q4"
    refused = web.post(
        "/reports/new",
        data={
            "csrf_token": page_token(web, new),
            "unit_id": str(w.unit_id("CC_A1")),
            "period": "2022-Q4",
            "viec_thu_ly_moi": "-5",
            "action": "save",
        },
        follow_redirects=False,
    )
    assert refused.status_code == 422
    notes = notes_beside(refused.text)
    assert notes["viec_thu_ly_moi"] == "Quý trước: 450.000 · Cùng kỳ năm trước: 400.000"


def test_a_first_quarter_has_no_last_quarter(web, api, figures_world):
    w = figures_world
    _earlier_of_2021_q4_and_2022_q3(api, w)
    signed_in(web, "reporter_a1")
    q1 = notes_beside(web.get(f"/reports/new?unit_id={w.unit_id('CC_A1')}&period=2022-Q1").text)
    assert set(q1.values()) == {""}  # no 2021-Q1 report, and Q4 of 2021 is not "last quarter"
    q2 = notes_beside(web.get(f"/reports/new?unit_id={w.unit_id('CC_A1')}&period=2022-Q2").text)
    assert set(q2.values()) == {""}  # no 2022-Q1 report yet


def test_another_office_does_not_see_these_figures(web, api, figures_world):
    w = figures_world
    _earlier_of_2021_q4_and_2022_q3(api, w)
    signed_in(web, "reporter_a2")
    page = web.get(f"/reports/new?unit_id={w.unit_id('CC_A2')}&period=2022-Q4")
    assert set(notes_beside(page.text).values()) == {""}
