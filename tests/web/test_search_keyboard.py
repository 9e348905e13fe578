"""Search boxes submit on Enter, with or without JavaScript: each is a real GET form with a submit
button, and every box in it belongs to it. The recipient picker is an ARIA combobox (listbox
popup, options with aria-selected); Enter in the award history's picker searches by the name as
typed: one match becomes the filter, several are offered to choose from."""

import re

import pytest
from bs4 import BeautifulSoup, Tag

from tests.web.conftest import signed_in

SEARCH_PAGES = [
    "/awards",
    "/decisions",
    "/nominations",
    "/campaigns",
    "/people",
    "/units",
    "/reports",
]
TYPED = {"text", "search", None}  # the boxes a user types into


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def search_form(html: str) -> Tag:
    forms = parse(html).select("form[role=search]")
    assert len(forms) == 1, f"{len(forms)} search forms"
    return forms[0]


def boxes_sent_by(form: Tag) -> list[Tag]:
    """The text boxes whose Enter submits this form: inside it and not given to another one."""
    return [
        box
        for box in form.select("input")
        if box.get("type") in TYPED and box.get("form") in (None, form.get("id"))
    ]


@pytest.mark.parametrize("path", SEARCH_PAGES)
def test_every_search_is_a_get_form_with_a_submit_button(web, figures_world, path):
    signed_in(web, "reviewer_a")
    page = web.get(path)
    assert page.status_code == 200
    form = search_form(page.text)

    assert form.get("method") == "get" and form.get("action") == path
    assert form.select("button[type=submit]"), "no submit button: Enter has nothing to press"
    typed = [box for box in form.select("input") if box.get("type") in TYPED]
    # No box is cut off from the form (Enter in it would do nothing).
    assert boxes_sent_by(form) == typed
    for box in typed:
        # A live search may fetch as the user types, but never on keydown (which could cancel
        # the Enter that submits).
        assert "keydown" not in (box.get("hx-trigger") or "")


def test_the_admin_user_search_is_a_get_form_too(web, figures_world):
    signed_in(web, "admin_a")
    form = search_form(web.get("/admin/users").text)
    assert form.get("method") == "get" and form.select("button[type=submit]")
    assert boxes_sent_by(form) == form.select("input[type=search]")


def test_the_award_history_picker_is_an_aria_combobox_in_the_search_form(web, figures_world):
    signed_in(web, "reviewer_a")
    form = search_form(web.get("/awards").text)
    box = form.select_one("input[role=combobox]")

    assert box is not None and box in boxes_sent_by(form)
    assert box["type"] == "text"  # Escape in a type=search box would wipe what was typed
    assert box["aria-expanded"] == "false"
    assert box["aria-autocomplete"] == "list"
    listbox = form.select_one(f"#{box['aria-controls']}")
    assert listbox is not None and listbox["role"] == "listbox"
    assert form.select_one(f"label[for={box['id']}]").get_text(strip=True) == "Cá nhân hoặc đơn vị"
    assert box["hx-target"] == f"#{listbox['id']}"


def test_the_matches_are_options_of_the_listbox(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    found = web.get(
        "/awards/recipients",
        params={"field": "who", "who_q": "giong"},
        headers={"HX-Request": "true"},
    ).text
    page = parse(found)
    options = page.select("[role=option]")
    names = [" ".join(o.get_text(" ").split()) for o in options]
    assert any(n.startswith("Chi cục THADS huyện Giồng Trôm") for n in names)
    assert any(n.startswith("Công an huyện Giồng Trôm") for n in names)
    ids = [o["id"] for o in options]
    assert len(set(ids)) == len(ids) and all(o["aria-selected"] == "false" for o in options)
    # Options are picked from the text box (aria-activedescendant): never in the Tab order.
    assert all(o["tabindex"] == "-1" for o in options)
    assert f"recipient=unit:{w.unit_id('EXT_A1')}" in found
    status = page.select_one("#st-who")
    assert status["hx-swap-oob"] == "innerHTML"
    assert "Tìm thấy 2 kết quả" in status.get_text()


def test_the_pages_load_the_combobox_keyboard_script(web, figures_world):
    signed_in(web, "reviewer_a")
    html = web.get("/awards").text
    script = re.search(r'<script src="(/static/combobox\.js\?v=[0-9a-f]+)" defer></script>', html)
    assert script
    served = web.get(script.group(1))
    assert served.status_code == 200
    for key in ("ArrowDown", "ArrowUp", "Enter", "Escape", "aria-activedescendant"):
        assert key in served.text


def test_enter_with_one_match_filters_by_it(web, figures_world):
    w = figures_world
    signed_in(web, "reviewer_a")
    page = parse(web.get("/awards", params={"who_q": "tran thi binh"}).text)
    chosen = page.select_one("#w-who")
    hidden = chosen.select_one("input[type=hidden][name=who]")
    assert hidden is not None and hidden["value"] == f"person:{w.person_id('staff_a2')}"
    assert "Trần Thị Bình" in chosen.select_one(".chosen-name").get_text()


def test_enter_with_several_matches_offers_them_and_keeps_the_text(web, figures_world):
    signed_in(web, "reviewer_a")
    page = parse(web.get("/awards", params={"who_q": "giong"}).text)
    box = page.select_one("#w-who input[role=combobox]")
    assert box["value"] == "giong"
    assert box["aria-expanded"] == "true"
    assert len(page.select(f"#{box['aria-controls']} [role=option]")) == 2
    assert page.select_one("#w-who input[name=who]") is None  # not filtered until a pick


def test_a_picker_in_a_form_that_saves_does_not_send_it_on_enter(web, figures_world):
    """In the nomination form the typed name is not a field: Enter in the box sends nothing."""
    signed_in(web, "reviewer_a")
    page = parse(web.get("/nominations/new").text)
    box = page.select_one("#w-candidate input[role=combobox]")
    assert box is not None and box.get("form") == "picker-only"
    assert page.select_one("form#picker-only") is None


def test_changing_the_choice_keeps_the_history_box_in_its_search_form(web, figures_world):
    """After "Change the choice" the box comes back empty, still sent by Enter in the history."""
    signed_in(web, "reviewer_a")
    headers = {"HX-Request": "true"}
    again = parse(web.get("/awards/recipients/pick", params={"field": "who"}, headers=headers).text)
    box = again.select_one("input[role=combobox]")
    assert box is not None and not box.has_attr("form") and box["name"] == "who_q"
    elsewhere = parse(
        web.get("/awards/recipients/pick", params={"field": "candidate"}, headers=headers).text
    )
    assert elsewhere.select_one("input[role=combobox]")["form"] == "picker-only"
