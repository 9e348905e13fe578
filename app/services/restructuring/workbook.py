"""A restructuring plan from a spreadsheet, for those who write it in Excel rather than JSON.

The first sheet holds the plan, one `key | value` row each: `title`, `effective_on`,
`basis_number`, `basis_date`, `basis_title`. The second holds the events, under a header row
naming its columns (any order, any subset):

    event | kind | units | new_code | new_name | new_level | new_parent | successors |
    name | code | level | parent | effective_on | basis_number | basis_date | note

`units` and `successors` list unit codes separated by commas. Rows with the same `event`
number make one event (a split into several new units takes one row per new unit); a row
without a number is an event of its own. Dates are cells of date type, ISO text or dd/mm/yyyy.
The result is the same dictionary as a JSON plan, validated the same way, so that its errors
name the same fields; `SheetPlan.where` says which sheet and row a field came from.

`template()` writes an empty plan in this layout, with an example and a sheet that explains
each column in Vietnamese."""

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from app.core.errors import FieldIssue, Invalid
from app.services.spreadsheets import append_row, open_xlsx, sheet_rows

EVENT_FIELDS = ("kind", "name", "code", "level", "parent", "effective_on", "note")
NEW_UNIT = {"new_code": "code", "new_name": "name", "new_level": "kind", "new_parent": "parent"}
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
PLAN_KEYS = ("title", "effective_on", "basis_number", "basis_date", "basis_title")
# Where a plan field comes from on the plan sheet.
PLAN_FIELDS = {
    "title": "title",
    "effective_on": "effective_on",
    "basis": "basis_number",
    "basis.number": "basis_number",
    "basis.signed_on": "basis_date",
    "basis.title": "basis_title",
}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    # A date typed as text the Vietnamese way (01/07/2025) reads as the ISO day it names;
    # an impossible one stays as typed, for the plan's validation to name it.
    found = DAY_MONTH_YEAR.match(text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text or None


def _codes(value: Any) -> list[str]:
    return [c.strip() for c in (_text(value) or "").split(",") if c.strip()]


def _basis(number: Any, signed_on: Any, title: Any = None) -> dict[str, Any] | None:
    if _text(number) is None:
        return None
    return {"number": _text(number), "signed_on": _text(signed_on), "title": _text(title)}


@dataclass
class SheetPlan:
    """The plan read from a workbook, and the sheet and row (1-based, as Excel numbers them)
    each of its parts came from."""

    plan: dict[str, Any]
    rows: dict[str, tuple[str, int]] = field(default_factory=dict)  # field prefix -> place

    def where(self, name: str) -> tuple[str, int] | None:
        """The place of the longest known prefix of a field path (events.3.new_units.1.code →
        the row of that new unit; events.3.units.0 → the event's first row)."""
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            place = self.rows.get(".".join(parts[:end]))
            if place is not None:
                return place
        return None


def read_plan(data: bytes) -> SheetPlan:
    book = open_xlsx(data)
    if len(book.worksheets) < 2:
        raise Invalid(
            FieldIssue("file", "The workbook needs a plan sheet and an events sheet", "sheets")
        )
    plan_sheet, events_sheet = book.worksheets[0], book.worksheets[1]
    rows: dict[str, tuple[str, int]] = {}
    head: dict[str | None, Any] = {}
    for number, row in enumerate(sheet_rows(plan_sheet), start=1):
        key = _text(row[0]) if row else None
        if len(row) >= 2 and key:
            head[key] = row[1]
            rows.setdefault(f"sheet:{key}", (plan_sheet.title, number))
    for name, key in PLAN_FIELDS.items():
        if f"sheet:{key}" in rows:
            rows[name] = rows[f"sheet:{key}"]
    numbered_rows = [
        (n, r) for n, r in enumerate(sheet_rows(events_sheet), start=1) if any(_text(c) for c in r)
    ]
    if not numbered_rows:
        raise Invalid(FieldIssue("file", "The events sheet is empty", "empty"))
    columns = [(_text(c) or "").lower() for c in numbered_rows[0][1]]
    events: list[dict[str, Any]] = []
    numbered: dict[str, dict[str, Any]] = {}
    for line, raw in numbered_rows[1:]:
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
            rows[f"events.{len(events)}"] = (events_sheet.title, line)
            events.append(event)
            if number:
                numbered[number] = event
        new = {key: _text(row.get(column)) for column, key in NEW_UNIT.items()}
        if new["code"]:
            index = events.index(event)
            where = f"events.{index}.new_units.{len(event['new_units'])}"
            rows[where] = (events_sheet.title, line)
            event["new_units"].append({k: v for k, v in new.items() if v})
    read = {
        "title": _text(head.get("title")),
        "effective_on": _text(head.get("effective_on")),
        "basis": _basis(head.get("basis_number"), head.get("basis_date"), head.get("basis_title")),
        "events": events,
    }
    plan = {k: v for k, v in read.items() if v is not None}  # an empty cell reads as "required"
    return SheetPlan(plan, {k: v for k, v in rows.items() if not k.startswith("sheet:")})


def plan_from_xlsx(data: bytes) -> dict[str, Any]:
    return read_plan(data).plan


# ---- the template ------------------------------------------------------------------------

EVENT_COLUMNS = (
    "event",
    "kind",
    "units",
    "new_code",
    "new_name",
    "new_level",
    "new_parent",
    "successors",
    "name",
    "code",
    "level",
    "parent",
    "effective_on",
    "basis_number",
    "basis_date",
    "note",
)
GUIDE = (
    ("Trang", "Cột", "Ý nghĩa"),
    ("Phương án", "title", "Tên phương án sắp xếp (bắt buộc)"),
    ("Phương án", "effective_on", "Ngày cơ cấu mới bắt đầu có hiệu lực, dd/mm/yyyy (bắt buộc)"),
    ("Phương án", "basis_number", "Số văn bản làm căn cứ, ví dụ 1898/QĐ-BTP (bắt buộc)"),
    ("Phương án", "basis_date", "Ngày ký văn bản căn cứ, dd/mm/yyyy"),
    ("Phương án", "basis_title", "Trích yếu văn bản căn cứ"),
    ("Sự kiện", "event", "Số thứ tự sự kiện; các dòng cùng số là một sự kiện (chia tách)"),
    (
        "Sự kiện",
        "kind",
        "Loại: create (thành lập), rename (đổi tên), move (điều chuyển), "
        "merge (hợp nhất, sáp nhập), split (chia tách), dissolve (giải thể)",
    ),
    ("Sự kiện", "units", "Mã các đơn vị hiện có mà sự kiện tác động, cách nhau bằng dấu phẩy"),
    ("Sự kiện", "new_code", "Mã đơn vị mới do sự kiện thành lập"),
    ("Sự kiện", "new_name", "Tên đơn vị mới"),
    ("Sự kiện", "new_level", "Cấp của đơn vị mới (mã cấp trong bảng cấp đơn vị)"),
    ("Sự kiện", "new_parent", "Mã đơn vị cấp trên của đơn vị mới"),
    ("Sự kiện", "successors", "Mã các đơn vị hiện có tiếp nhận, cách nhau bằng dấu phẩy"),
    ("Sự kiện", "name", "rename: tên mới"),
    ("Sự kiện", "code", "rename: mã mới"),
    ("Sự kiện", "level", "rename: cấp mới"),
    ("Sự kiện", "parent", "move: mã đơn vị cấp trên mới"),
    ("Sự kiện", "effective_on", "Ngày hiệu lực riêng của sự kiện (mặc định: ngày của phương án)"),
    ("Sự kiện", "basis_number", "Số văn bản căn cứ riêng (mặc định: căn cứ của phương án)"),
    ("Sự kiện", "basis_date", "Ngày ký văn bản căn cứ riêng"),
    ("Sự kiện", "note", "Ghi chú"),
)


def template() -> bytes:
    """An empty plan: the plan sheet's keys, the events sheet's header with one example row
    (to replace), and a guide to every column."""
    book = Workbook()
    plan = book.active
    assert plan is not None
    plan.title = "Phương án"
    append_row(plan, ("key", "value"))
    for key in PLAN_KEYS:
        append_row(plan, (key, None))
    events = book.create_sheet("Sự kiện")
    append_row(events, EVENT_COLUMNS)
    example = dict.fromkeys(EVENT_COLUMNS)
    example.update(event=1, kind="rename", units="MA_DON_VI", name="Tên mới của đơn vị")
    append_row(events, [example[c] for c in EVENT_COLUMNS])
    guide = book.create_sheet("Hướng dẫn")
    for line in GUIDE:
        append_row(guide, line)
    for sheet in (plan, events, guide):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
