"""A restructuring plan from a spreadsheet, for those who write it in Excel rather than JSON.

The first sheet holds the plan, one `key | value` row each: `title`, `effective_on`,
`basis_number`, `basis_date`, `basis_title`. The second holds the events, under a header row
naming its columns (any order, any subset):

    event | kind | units | new_code | new_name | new_level | new_parent | successors |
    name | code | level | parent | effective_on | basis_number | basis_date | note

`units` and `successors` list unit codes separated by commas. Rows with the same `event`
number make one event (a split into several new units takes one row per new unit); a row
without a number is an event of its own. The result is the same dictionary as a JSON plan,
validated the same way, so that its errors name the same fields."""

from datetime import date, datetime
from typing import Any

from app.core.errors import FieldIssue, Invalid
from app.services.spreadsheets import open_xlsx, sheet_rows

EVENT_FIELDS = ("kind", "name", "code", "level", "parent", "effective_on", "note")
NEW_UNIT = {"new_code": "code", "new_name": "name", "new_level": "kind", "new_parent": "parent"}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _codes(value: Any) -> list[str]:
    return [c.strip() for c in (_text(value) or "").split(",") if c.strip()]


def _basis(number: Any, signed_on: Any, title: Any = None) -> dict[str, Any] | None:
    if _text(number) is None:
        return None
    return {"number": _text(number), "signed_on": _text(signed_on), "title": _text(title)}


def plan_from_xlsx(data: bytes) -> dict[str, Any]:
    book = open_xlsx(data)
    if len(book.worksheets) < 2:
        raise Invalid(
            FieldIssue("file", "The workbook needs a plan sheet and an events sheet", "sheets")
        )
    head = {
        _text(row[0]): row[1]
        for row in sheet_rows(book.worksheets[0])
        if len(row) >= 2 and _text(row[0])
    }
    rows = [r for r in sheet_rows(book.worksheets[1]) if any(_text(c) for c in r)]
    if not rows:
        raise Invalid(FieldIssue("file", "The events sheet is empty", "empty"))
    columns = [(_text(c) or "").lower() for c in rows[0]]
    events: list[dict[str, Any]] = []
    numbered: dict[str, dict[str, Any]] = {}
    for raw in rows[1:]:
        row = {columns[i]: raw[i] for i in range(min(len(columns), len(raw))) if columns[i]}
        number = _text(row.get("event"))
        event = numbered.get(number) if number else None
        if event is None:
            event = {f: _text(row.get(f)) for f in EVENT_FIELDS if _text(row.get(f))}
            event["units"] = _codes(row.get("units"))
            event["successors"] = _codes(row.get("successors"))
            event["new_units"] = []
            basis = _basis(row.get("basis_number"), row.get("basis_date"))
            if basis:
                event["basis"] = basis
            events.append(event)
            if number:
                numbered[number] = event
        new = {key: _text(row.get(column)) for column, key in NEW_UNIT.items()}
        if new["code"]:
            event["new_units"].append({k: v for k, v in new.items() if v})
    return {
        "title": _text(head.get("title")),
        "effective_on": _text(head.get("effective_on")),
        "basis": _basis(head.get("basis_number"), head.get("basis_date"), head.get("basis_title")),
        "events": events,
    }
