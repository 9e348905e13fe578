"""Spreadsheets and CSV read within bounds, and written so that no cell runs as a formula.

Reading: a small upload can unpack into a huge sheet (a zip bomb, one cell at CV20000 that
makes a reader fill every cell before it, 50 MB of XML squeezed into 100 KB). Everything is
measured before a cell is read: the upload, the unpacked size of the zip, then every XML part
with a streaming scan that stops at the first row, column or element over its limit. Only then
does openpyxl open the file, read-only, and its rows are still counted as they stream.

Writing: text that starts like a formula (=, +, -, @, tab, CR) is made inert, so a unit named
=HYPERLINK(...) stays text in Excel and LibreOffice.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.core.config import get_settings
from app.core.errors import FieldIssue, Invalid

MIB = 1024 * 1024
# Parts other than worksheets are parsed whole by openpyxl (styles, workbook, relationships):
# a real one is a few thousand elements.
MAX_OTHER_PART_ELEMENTS = 200_000
# A worksheet's elements outside its cells (columns, merged cells, views…).
MAX_SHEET_FRAME_ELEMENTS = 100_000
# Elements inside one cell or one shared string (rich-text runs and their formatting).
MAX_ELEMENTS_PER_CELL = 64
MAX_ZIP_ENTRIES = 1_000
# Distinct texts per data row: unit code and name, period, status, with room to spare.
SHARED_STRINGS_PER_ROW = 4
MAX_CSV_CELL_CHARS = 1024  # a CSV line may hold at most this many characters per column


@dataclass(frozen=True)
class Limits:
    upload_bytes: int
    rows: int  # data rows, besides the header
    columns: int
    uncompressed_bytes: int

    @classmethod
    def current(cls) -> "Limits":
        s = get_settings()
        return cls(
            s.max_upload_bytes,
            s.import_max_rows,
            s.import_max_columns,
            s.import_max_uncompressed_bytes,
        )

    @property
    def sheet_rows(self) -> int:
        return self.rows + 1  # the header

    @property
    def shared_strings(self) -> int:
        return self.sheet_rows * SHARED_STRINGS_PER_ROW

    @property
    def line_chars(self) -> int:
        return self.columns * MAX_CSV_CELL_CHARS


def megabytes(size: int) -> str:
    return f"{size / MIB:g}"


def unreadable() -> Invalid:
    return Invalid(FieldIssue("file", "The file could not be read", "format"))


def too_large(size: int) -> Invalid:
    return Invalid(
        FieldIssue(
            "file",
            "The file is too large (at most {limit} MB)",
            "too_large",
            {"limit": megabytes(size)},
        )
    )


def too_many_rows(limits: Limits) -> Invalid:
    return Invalid(
        FieldIssue(
            "file",
            "The file has too many rows (at most {limit})",
            "too_many_rows",
            {"limit": limits.rows},
        )
    )


def too_many_columns(limits: Limits) -> Invalid:
    return Invalid(
        FieldIssue(
            "file",
            "The file has too many columns (at most {limit})",
            "too_many_columns",
            {"limit": limits.columns},
        )
    )


def too_large_unpacked(size: int) -> Invalid:
    return Invalid(
        FieldIssue(
            "file",
            "The file is too large once unpacked (at most {limit} MB)",
            "too_large",
            {"limit": megabytes(size)},
        )
    )


def too_many_texts(limits: Limits) -> Invalid:
    return Invalid(
        FieldIssue(
            "file",
            "The file holds too many different texts (at most {limit})",
            "too_many_texts",
            {"limit": limits.shared_strings},
        )
    )


def check_upload(data: bytes, limits: Limits) -> None:
    if len(data) > limits.upload_bytes:
        raise too_large(limits.upload_bytes)


# ---- CSV -----------------------------------------------------------------------------------


def _bounded_lines(text: str, limits: Limits) -> Iterator[str]:
    for line in io.StringIO(text, newline=""):
        if len(line) > limits.line_chars:
            raise Invalid(
                FieldIssue(
                    "file",
                    "A line of the file is too long (at most {limit} characters)",
                    "line_too_long",
                    {"limit": limits.line_chars},
                )
            )
        yield line


def csv_records(data: bytes, limits: Limits | None = None) -> list[list[str]]:
    """The records of a UTF-8 CSV file, refused (422) past the limits or when unreadable."""
    limits = limits or Limits.current()
    check_upload(data, limits)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(FieldIssue("file", "The file could not be read", "encoding")) from None
    records: list[list[str]] = []
    try:
        for record in csv.reader(_bounded_lines(text, limits)):
            if len(records) >= limits.sheet_rows:
                raise too_many_rows(limits)
            if len(record) > limits.columns:
                raise too_many_columns(limits)
            records.append(record)
    except csv.Error:  # a field past csv's own size limit, a stray quote, a NUL…
        raise unreadable() from None
    return records


# ---- .xlsx: measuring before reading ------------------------------------------------------


class _Over(Exception):
    """Raised inside the expat callbacks; carries the 422 to raise."""

    def __init__(self, error: Invalid) -> None:
        self.error = error


_COLUMN = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _column_index(ref: str) -> int | None:
    found = _COLUMN.match(ref)
    if not found:
        return None
    index = 0
    for letter in found.group(1):
        index = index * 26 + ord(letter) - 64
    return index


class _PartScan:
    """Counts one XML part's elements with expat (no tree is built) and stops at the first one
    past a limit. The rules depend on the root: a worksheet, the shared strings, or anything
    else openpyxl parses whole."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.root: str | None = None
        self.depth = 0
        self.frame = 0  # elements outside rows / strings
        self.items = 0  # rows or shared strings
        self.item_depth = 0  # depth of the open row / string, 0 if none
        self.in_item = 0  # elements inside the current row / string
        self.cells = 0
        self.cell_depth = 0
        self.in_cell = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = tag.rsplit(" ", 1)[-1]  # namespace_separator " "
        self.depth += 1
        if self.root is None:
            self.root = name
            return
        if self.root == "worksheet":
            self._sheet(name, attrs)
        elif self.root == "sst":
            self._strings(name)
        else:
            self.frame += 1
            if self.frame > MAX_OTHER_PART_ELEMENTS:
                raise _Over(too_large_unpacked(self.limits.uncompressed_bytes))

    def _sheet(self, name: str, attrs: dict[str, str]) -> None:
        limits = self.limits
        if self.item_depth:  # inside a row
            self.in_item += 1
            if self.cell_depth:
                self.in_cell += 1
                if self.in_cell > MAX_ELEMENTS_PER_CELL:
                    raise _Over(unreadable())
            elif name == "c":
                self.cells += 1
                self.cell_depth = self.depth
                self.in_cell = 0
                column = _column_index(attrs.get("r", "")) or self.cells
                if self.cells > limits.columns or column > limits.columns:
                    raise _Over(too_many_columns(limits))
            else:
                raise _Over(unreadable())  # a row holds cells only (extLst aside: refused)
        elif name == "row":
            self.items += 1
            self.item_depth = self.depth
            self.cells = 0
            number = attrs.get("r", "")
            row = int(number) if number.isdigit() else self.items
            if self.items > limits.sheet_rows or row > limits.sheet_rows:
                raise _Over(too_many_rows(limits))
        else:
            self.frame += 1
            if self.frame > MAX_SHEET_FRAME_ELEMENTS:
                raise _Over(too_large_unpacked(limits.uncompressed_bytes))

    def _strings(self, name: str) -> None:
        if self.item_depth:
            self.in_item += 1
            if self.in_item > MAX_ELEMENTS_PER_CELL:
                raise _Over(unreadable())
        elif name == "si":
            self.items += 1
            self.item_depth = self.depth
            self.in_item = 0
            if self.items > self.limits.shared_strings:
                raise _Over(too_many_texts(self.limits))
        else:
            self.frame += 1
            if self.frame > MAX_SHEET_FRAME_ELEMENTS:
                raise _Over(too_large_unpacked(self.limits.uncompressed_bytes))

    def end(self, _tag: str) -> None:
        if self.depth == self.cell_depth:
            self.cell_depth = 0
        if self.depth == self.item_depth:
            self.item_depth = 0
            self.in_item = 0
        self.depth -= 1


def _refuse_doctype(*_args: Any) -> None:
    raise _Over(unreadable())  # no DTD, hence no entity expansion


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    scan = _PartScan(limits)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    with archive.open(info) as source:
        while chunk := source.read(256 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def check_xlsx(data: bytes, limits: Limits) -> None:
    """Refuse (422) an .xlsx that is not a zip, unpacks past the limit, or holds a part past
    its limits; reads the parts as streams, never whole."""
    check_upload(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise unreadable() from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise unreadable()
    # zipfile stops at each entry's declared size (and then fails its CRC), so the declared
    # sizes bound what unpacking can produce.
    if sum(i.file_size for i in infos) > limits.uncompressed_bytes:
        raise too_large_unpacked(limits.uncompressed_bytes)
    try:
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                _scan_part(archive, info, limits)
    except _Over as over:
        raise over.error from None
    except (expat.ExpatError, zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise unreadable() from None  # bad XML, a bad CRC, an encrypted or odd entry


def open_xlsx(data: bytes, limits: Limits | None = None) -> Workbook:
    """The workbook, read-only and streamed, once check_xlsx has measured it; the declared
    dimension of every sheet is checked too."""
    limits = limits or Limits.current()
    check_xlsx(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise unreadable() from None
    for sheet in book.worksheets:
        if (sheet.max_row or 0) > limits.sheet_rows:
            raise too_many_rows(limits)
        if (sheet.max_column or 0) > limits.columns:
            raise too_many_columns(limits)
    return book


def sheet_rows(
    sheet: Any, limits: Limits | None = None, *, values_only: bool = True
) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet, streamed; a missing or lying dimension is still bounded
    (missing rows come back empty from openpyxl, and count)."""
    limits = limits or Limits.current()
    try:
        rows = sheet.iter_rows(values_only=values_only)
        for number, row in enumerate(rows, start=1):
            if number > limits.sheet_rows:
                raise too_many_rows(limits)
            if len(row) > limits.columns:
                raise too_many_columns(limits)
            yield row
    except Invalid:
        raise
    except Exception:  # bad XML or a bad CRC met while streaming
        raise unreadable() from None


# ---- writing -------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading quote defuses a formula-like text.
    Numbers (a negative one too) stay numbers."""
    if value is None:
        return ""
    return "'" + value if is_formula_like(value) else value


def to_csv(header: Iterable[Any], table: Iterable[Iterable[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in header])
    writer.writerows([[csv_cell(c) for c in row] for row in table])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 correctly


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """sheet.append, except that text is stored as text: openpyxl would store "=…" as a live
    formula. The quote prefix keeps it text when someone edits the cell in Excel too."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
