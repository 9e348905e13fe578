"""Figures written as files: the CSV and .xlsx export of a period, and the .xlsx entry template
of one report (read back by app.services.reports.imports)."""

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.protection import SheetProtection
from sqlmodel import Session, select

from app.core.errors import FieldIssue, Invalid
from app.models.reports import Report, ReportStatus
from app.models.units import Unit
from app.services import spreadsheets
from app.services.levels import reports_figures
from app.services.reports import catalogue, evaluation, periods
from app.services.reports.formulas import Sum
from app.services.reports.reports import values_of
from app.services.scope import Actor, authorize, in_subtree, unit_in_scope

TEMPLATE_SHEET = "Báo cáo"
META_SHEET = "_thidua"


def export_rows(
    session: Session, actor: Actor, period_code: str, *, status: ReportStatus | None, lang: str
) -> tuple[list[str], list[list[Any]]]:
    authorize(actor, "reports.read")
    cat = catalogue.load(session)
    period = periods.get_by_code(session, period_code)
    stmt = (
        select(Report, Unit)
        .join(Unit, Unit.id == Report.unit_id)
        .where(Report.period_id == period.id, in_subtree(actor))
        .order_by(Unit.path)
    )
    if status is not None:
        stmt = stmt.where(Report.status == status)
    rows = session.exec(stmt).all()
    vals = values_of(session, cat, [r.id for r, _ in rows])  # type: ignore[misc]
    derived_codes = [c for c, _ in cat.derived]
    indicator_codes = [c for c, _, _ in cat.indicators]
    header = [
        "unit",
        "unit_name",
        "period",
        "status",
        *cat.inputs,
        *derived_codes,
        *indicator_codes,
    ]
    table = []
    for report, unit in rows:
        v = vals[report.id]  # type: ignore[index]
        ev = evaluation.evaluate(cat, v, lang=lang)
        table.append(
            [
                unit.code,
                unit.name,
                period.code,
                report.status,
                *[v.get(c) for c in cat.inputs],
                *[ev.derived.get(c) for c in derived_codes],
                *[ev.indicators.get(c) for c in indicator_codes],
            ]
        )
    return header, table


def to_csv(header: list[str], table: list[list[Any]]) -> bytes:
    return spreadsheets.to_csv(header, table)  # formula-like text made inert


HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
DERIVED_FILL = PatternFill("solid", fgColor="F2F2F2")


def to_xlsx(header: list[str], table: list[list[Any]], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Số liệu"
    spreadsheets.append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for row in table:
        spreadsheets.append_row(sheet, row)
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = (
            42 if name == "unit_name" else max(14, len(name) + 2)
        )
    sheet.freeze_panes = "C2"
    book.properties.title = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def excel_sum(formula: Sum, rows: dict[str, int]) -> str | None:
    """`viec_a + viec_b - 3` as `C8+C9-3` over column C; None when a term is not on the
    sheet (last quarter's figures, say), and the cell then keeps its computed value."""
    parts = []
    for term in formula.terms:
        if term.source == "const":
            piece = str(term.constant)
        elif term.source == "" and term.name in rows:
            piece = f"C{rows[term.name]}"
        else:
            return None
        parts.append(("-" if term.sign < 0 else "+") + piece)
    return "".join(parts).removeprefix("+") or "0"


def template(session: Session, actor: Actor, unit_id: int, period_code: str) -> tuple[str, bytes]:
    """One report's entry sheet, labelled in Vietnamese, pre-filled with the current values.
    Uploaded back unchanged it changes nothing."""
    authorize(actor, "reports.read")
    cat = catalogue.load(session)
    unit = unit_in_scope(session, actor, unit_id)
    if not reports_figures(unit):
        raise Invalid(
            FieldIssue(
                "unit_id", "Reports are made by offices of the enforcement system", "invalid"
            )
        )
    period = periods.get_by_code(session, period_code)
    report = session.exec(
        select(Report).where(Report.unit_id == unit.id, Report.period_id == period.id)
    ).first()
    values = values_of(session, cat, [report.id])[report.id] if report else {}  # type: ignore[index,list-item]
    ev = evaluation.evaluate(cat, values)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TEMPLATE_SHEET
    sheet["A1"] = "BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"Đơn vị: {unit.name}"
    sheet["A3"] = (
        f"Kỳ báo cáo: {period.code} ({period.quarter * 3} tháng, từ {period.starts_on:%d/%m/%Y} "
        f"đến {period.ends_on:%d/%m/%Y}); hạn nộp {period.due_on:%d/%m/%Y}"
    )
    sheet["A4"] = (
        "Chỉ nhập vào các ô trắng ở cột C (số nguyên không âm); các dòng màu xám được tính tự động."
    )
    sheet["A4"].font = Font(italic=True)
    sheet.append([])
    sheet.append(["Mã chỉ tiêu", "Chỉ tiêu", "Giá trị"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    sections = {"viec": "I. VỀ VIỆC (số việc)", "tien": "II. VỀ TIỀN (đồng)"}
    current = None
    rows: dict[str, int] = {}  # metric code -> its row, for the live formulas below
    for metric in cat.metrics:
        if metric.dimension != current:
            current = metric.dimension
            spreadsheets.append_row(sheet, ["", sections.get(str(current), str(current)), ""])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
                cell.fill = SECTION_FILL
        is_input = metric.kind == "input"
        value = values.get(metric.code) if is_input else ev.derived.get(metric.code)
        spreadsheets.append_row(sheet, [metric.code, metric.name_vi, value])
        rows[metric.code] = sheet.max_row
        target = sheet.cell(row=sheet.max_row, column=3)
        target.number_format = "#,##0"
        if is_input:
            target.protection = Protection(locked=False)
        else:
            for cell in sheet[sheet.max_row]:
                cell.fill = DERIVED_FILL
    # The grey rows recompute as the clerk types, in Excel as on the form: the derived
    # metrics and the rates are live formulas over the input cells. (The import reads only
    # the white input cells, so a formula never reaches the database.)
    for code, formula in cat.derived:
        live = excel_sum(formula, rows)
        if live is not None:
            sheet.cell(row=rows[code], column=3).value = f"={live}"
    sheet.append([])
    for code, name in [(i.code, i.name_vi) for i in cat.indicator_rows]:
        spreadsheets.append_row(sheet, [code, name + " (%)", ev.indicators.get(code)])
        num, den = next((n, d) for c, n, d in cat.indicators if c == code)
        top, bottom = excel_sum(num, rows), excel_sum(den, rows)
        if top is not None and bottom is not None:
            sheet.cell(
                row=sheet.max_row, column=3
            ).value = f'=IF(({bottom})=0,"",ROUND(({top})/({bottom})*100,2))'
        for cell in sheet[sheet.max_row]:
            cell.fill = DERIVED_FILL
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 52
    sheet.column_dimensions["C"].width = 22
    sheet.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False)
    sheet.cell(row=1, column=1).alignment = Alignment(wrap_text=False)
    meta = book.create_sheet(META_SHEET)
    meta["A1"], meta["B1"] = "unit", unit.code
    meta["A2"], meta["B2"] = "period", period.code
    meta.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return f"bao-cao-{unit.code}-{period.code}.xlsx", out.getvalue()
