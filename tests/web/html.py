"""Read a page as a page: the markup parsed by BeautifulSoup (with the standard library's
html.parser), then what a user sees where they see it: an element by CSS selector, its text,
a form's values, the error beside a field, the CSRF token, a table's rows, the links."""

import re
from typing import Any

from bs4 import BeautifulSoup, Tag

Page = Any  # a response, its text, or an element already parsed

_NOT_SENT = {"submit", "button", "reset", "image", "file"}
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML's ASCII whitespace, not U+00A0


def parse(page: Page) -> Tag:
    """The parsed document of a response or of its text; an element is returned as it is."""
    if isinstance(page, Tag):
        return page
    return BeautifulSoup(page if isinstance(page, str) else page.text, "html.parser")


def select(page: Page, css: str) -> list[Tag]:
    """Every element the CSS selector matches, in document order."""
    return parse(page).select(css)


def one(page: Page, css: str) -> Tag:
    """The one element the CSS selector matches (none, or several, fails the test)."""
    found = select(page, css)
    assert len(found) == 1, f"{len(found)} elements match {css!r}"
    return found[0]


def text(page: Page) -> str:
    """What a reader sees of an element: its text, tags as spaces, runs of spaces and line
    breaks collapsed to one space as a browser does (a non-breaking space stays as it is)."""
    return _SPACES.sub(" ", parse(page).get_text(" ")).strip(" ")


class Fields(dict[str, str]):
    """A form's values as a browser sends them: name → value; `all(name)` for a repeated name."""

    def __init__(self) -> None:
        super().__init__()
        self._all: dict[str, list[str]] = {}

    def add(self, name: str, value: str) -> None:
        self._all.setdefault(name, []).append(value)
        self.setdefault(name, value)

    def all(self, name: str) -> list[str]:
        return self._all.get(name, [])


def form_fields(page: Page) -> Fields:
    """The values a browser would send from a form (or any part of a page): ticked boxes and
    chosen radio buttons only, a select's chosen option (else its first), a textarea's text;
    no disabled control, no button, no control that belongs to another form."""
    root = parse(page)
    own = root.get("id") if root.name == "form" else None
    fields = Fields()
    for control in root.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.has_attr("form") and control["form"] != own:
            continue
        if control.name == "textarea":
            fields.add(name, control.get_text())
        elif control.name == "select":
            options = control.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            for option in chosen:
                fields.add(name, option.get("value", option.get_text()))
        else:
            kind = control.get("type", "text").lower()
            if kind in _NOT_SENT:
                continue
            if kind in ("checkbox", "radio") and not control.has_attr("checked"):
                continue
            default = "on" if kind in ("checkbox", "radio") else ""
            fields.add(name, control.get("value", default))
    return fields


def field_error(page: Page, name: str) -> str:
    """The message shown beside a field (`e-<name>`, as _forms.html writes it), checked to be
    wired for screen readers: the field (`f-<name>`, or a group of fields) names the message in
    aria-describedby, and every control that does is marked aria-invalid."""
    doc = parse(page)
    error_id = f"e-{name}"
    error = doc.find(id=error_id)
    assert error is not None, f"no error shown beside {name}"
    described = [
        element
        for element in doc.find_all(attrs={"aria-describedby": True})
        if error_id in element["aria-describedby"].split()
    ]
    assert described, f"the error beside {name} describes no field"
    field = doc.find(id=f"f-{name}")
    assert field is None or any(field is d for d in described), f"{name} does not name its error"
    for control in described:
        if control.name in ("input", "select", "textarea"):
            assert control.get("aria-invalid") == "true", f"{name} is not marked invalid"
    return text(error)


def csrf_token(page: Page) -> str:
    """The anti-forgery token the page carries (its csrf-token meta tag)."""
    meta = parse(page).find("meta", attrs={"name": "csrf-token"})
    assert meta is not None, "the page carries no csrf-token meta tag"
    return meta["content"]


def table_rows(page: Page) -> list[list[str]]:
    """Each row (<tr>) of a table, or of any part of a page, as the texts of its cells; a row
    given alone is the one row."""
    root = parse(page)
    rows = [root] if root.name == "tr" else root.find_all("tr")
    return [[text(cell) for cell in tr.find_all(["th", "td"])] for tr in rows]


def row(page: Page, mentioning: str) -> Tag:
    """The first table row whose text mentions `mentioning`."""
    for found in parse(page).find_all("tr"):
        if mentioning in text(found):
            return found
    raise AssertionError(f"no row mentions {mentioning!r}")


def links(page: Page, showing: str | None = None) -> list[str]:
    """The addresses of the links (<a href>) in document order; with `showing`, only those of
    the links whose text is exactly that."""
    return [
        a["href"]
        for a in parse(page).find_all("a", href=True)
        if showing is None or text(a) == showing
    ]


def inline_code(page: Page) -> list[str]:
    """What the Content-Security-Policy would refuse to run: inline scripts, style elements and
    attributes, event-handler attributes (onclick=…, hx-on…). Empty on a page that keeps it."""
    found = []
    for element in parse(page).find_all(True):
        if element.name == "script" and not element.has_attr("src"):
            found.append("an inline <script>")
        if element.name == "style":
            found.append("a <style> element")
        for attribute in element.attrs:
            if attribute == "style" or attribute.startswith(("on", "hx-on")):
                found.append(f"<{element.name} {attribute}=…>")
    return found
