"""Vietnamese by default, English on request; every text translated; Vietnamese number formats."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.web import formatting, i18n
from tests.web.conftest import log_in, page_token, signed_in
from tests.web.html import field_error, one, text

WEB_DIR = Path(i18n.__file__).parent
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
OPTIONS = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def _msgids() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB_DIR), METHOD_MAP, OPTIONS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_has_a_vietnamese_translation():
    translated = {}
    for path in i18n.catalog_files("vi"):
        with path.open("rb") as po:
            translated.update({m.id: m.string for m in read_po(po) if m.id and not m.fuzzy})
    msgids = _msgids()

    assert len(msgids) > 100  # the extraction really read the templates
    missing = sorted(m for m in msgids if not translated.get(m))
    assert not missing, f"untranslated: {missing}"
    untranslated_copies = sorted(m for m in msgids if translated[m] == m)
    assert not untranslated_copies


def test_pages_are_vietnamese_by_default(web, world):
    html = web.get("/login").text
    assert one(html, "html")["lang"] == "vi"
    assert "Đăng nhập" in html and "Tên đăng nhập" in html and "Mật khẩu" in html


def test_the_english_switch_shows_english_and_api_messages_follow(web, world):
    switch = web.get("/lang/en?next=/login", follow_redirects=False)
    assert switch.status_code == 303 and switch.headers["location"] == "/login"
    assert "lang=en" in switch.headers["set-cookie"]

    page = web.get("/login").text
    assert one(page, "html")["lang"] == "en"
    assert text(one(page, 'label[for="f-username"]')).startswith("Username")
    assert "Tên đăng nhập" not in page
    wrong = log_in(web, "reporter_a1", "wrong")
    assert "Incorrect username or password" in wrong.text  # the API answered in English

    signed_in(web, "reporter_a1")
    home = web.get("/").text
    assert "What you can reach" in home and "Reporter" in home
    bad = web.post(
        "/people/new",
        data={"full_name": "", "unit_id": "", "csrf_token": page_token(web, "/people/new")},
    )
    assert field_error(bad, "full_name") == "Must not be empty"

    web.get("/lang/vi?next=/")
    assert "Phạm vi làm việc" in web.get("/").text


def test_language_switch_only_goes_back_to_local_pages(web):
    response = web.get("/lang/en?next=https://evil.example/", follow_redirects=False)
    assert response.headers["location"] == "/"


def test_an_unknown_language_falls_back_to_vietnamese(web, world):
    web.cookies.set("lang", "fr")
    assert "Đăng nhập" in web.get("/login").text


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1234567, "1.234.567"), (0, "0"), (539290, "539.290"), (-1500, "-1.500")],
)
def test_numbers_are_grouped_with_dots(value, expected):
    assert formatting.number(value, lang="vi") == expected


def test_percentages_have_a_decimal_comma_and_round_half_up():
    assert formatting.percent(82.5, lang="vi") == "82,50\u00a0%"
    assert formatting.percent(539290 / 653719 * 100, lang="vi") == "82,50\u00a0%"
    assert formatting.percent(266732 / 966810 * 100, lang="vi") == "27,59\u00a0%"
    assert formatting.percent(0.125, places=2, lang="vi") == "0,13\u00a0%"
    assert formatting.number(1234.5, places=1, lang="en") == "1,234.5"


def test_dates_and_times_on_the_vietnamese_clock():
    assert formatting.day("2022-09-30") == "30/09/2022"
    assert formatting.moment("2022-12-31T17:30:00Z") == "01/01/2023 00:30"
    assert formatting.moment("2022-06-01T01:05:00+00:00") == "01/06/2022 08:05"
    assert formatting.day(None) == "" and formatting.moment("") == ""


def test_english_pages_name_periods_and_rates_in_english(web, figures_world):
    signed_in(web, "reporter_a1")
    sheet = f"/reports/new?unit_id={figures_world.unit_id('CC_A1')}&period=2022-Q4"
    vi = web.get(sheet).text
    assert "Quý IV/2022 (12 tháng, 01/10/2021 – 30/09/2022)" in vi
    assert "Tỷ lệ thi hành xong về việc" in vi and "Tổng số việc thụ lý" in vi

    web.get("/lang/en?next=/")
    en = web.get(sheet).text
    assert "Q4 2022 (12 months, 01/10/2021 – 30/09/2022)" in en
    assert "Completion rate (cases)" in en and "Completion rate (money)" in en
    assert "Total cases accepted" in en
    assert "Quý" not in en and "Tỷ lệ thi hành xong" not in en and "Tổng số" not in en
