"""Hostile uploads: spreadsheets and CSV past their limits, broken zips and zip bombs are refused
with a 422 that names the limit, and nothing is imported; campaign documents are bounded too."""

import io
import struct
import zipfile

import pytest
from openpyxl import Workbook

from app.core.config import get_settings
from app.core.errors import Invalid
from app.core.messages import translate
from app.services.campaigns import documents
from tests.api.test_campaigns import URL as CAMPAIGNS
from tests.api.test_campaigns import new_campaign

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT = "/api/v1/reports/import"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def crafted_xlsx(sheet_xml: bytes, shared_strings: bytes | None = None) -> bytes:
    """The smallest workbook openpyxl opens, around the given sheet XML."""
    strings = shared_strings is not None
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>'
        + (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>'
            if strings
            else ""
        )
        + "</Types>"
    )
    root_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    book = (
        f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    book_rels = (
        f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            if strings
            else ""
        )
        + "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", book)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if strings:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return out.getvalue()


def sheet_xml(rows: bytes, dimension: str | None = "A1:B2") -> bytes:
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    return (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">'.encode()
        + dim
        + b"<sheetData>"
        + rows
        + b"</sheetData></worksheet>"
    )


HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>unit</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>period</t></is></c></row>'
)


def data_rows(count: int, start: int = 2) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>CC_A1</t></is></c>'
        b'<c r="B%d" t="inlineStr"><is><t>2022-Q1</t></is></c></row>' % (n, n, n)
        for n in range(start, start + count)
    )


def post(api, w, content: bytes, kind: str = XLSX, **params):
    return api.post(
        IMPORT,
        params=params,
        headers=w.headers("reviewer_a", **{"Content-Type": kind, "Accept-Language": "en"}),
        content=content,
    )


def assert_refused(api, w, response, *words: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    [error] = response.json()["errors"]
    assert error["field"] == "file"
    for word in words:
        assert word in error["message"], error["message"]
    assert api.get("/api/v1/reports", headers=w.headers("reviewer_a")).json()["total"] == 0


# ---- .xlsx ---------------------------------------------------------------------------------


def test_a_cell_far_to_the_right_is_refused_naming_the_column_limit(api, figures_world):
    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "unit", "period"
    sheet["CV20000"] = 1
    out = io.BytesIO()
    book.save(out)
    r = post(api, figures_world, out.getvalue(), dry_run=True)
    assert_refused(api, figures_world, r, "too many columns", "64")


def test_tens_of_megabytes_of_sheet_xml_in_a_small_zip_are_refused(api, figures_world):
    limit = get_settings().import_max_uncompressed_bytes
    row = b'<row><c t="inlineStr"><is><t>' + b"x" * 1000 + b"</t></is></c></row>"
    bomb = crafted_xlsx(sheet_xml(row * (limit // len(row) + 10), dimension=None))
    assert len(bomb) < get_settings().max_upload_bytes // 10  # small on the wire
    r = post(api, figures_world, bomb)
    assert_refused(api, figures_world, r, "too large once unpacked", "50 MB")


def test_a_lying_dimension_is_still_bounded_by_the_rows_read(api, figures_world):
    rows = get_settings().import_max_rows
    lying = crafted_xlsx(sheet_xml(HEADER_ROW + data_rows(rows + 5), dimension="A1:B2"))
    r = post(api, figures_world, lying)
    assert_refused(api, figures_world, r, "too many rows", str(rows))


def test_a_row_far_below_and_a_huge_declared_dimension_are_refused(api, figures_world):
    far = crafted_xlsx(sheet_xml(HEADER_ROW + data_rows(1, start=1_000_000), dimension=None))
    assert_refused(api, figures_world, post(api, figures_world, far), "too many rows")
    declared = crafted_xlsx(sheet_xml(HEADER_ROW, dimension="A1:B1048576"))
    assert_refused(api, figures_world, post(api, figures_world, declared), "too many rows")


def test_a_row_of_many_cells_is_refused_before_it_is_built(api, figures_world):
    cells = b"".join(b"<c><v>1</v></c>" for _ in range(100_000))
    wide = crafted_xlsx(sheet_xml(HEADER_ROW + b'<row r="2">' + cells + b"</row>"))
    assert_refused(api, figures_world, post(api, figures_world, wide), "too many columns")


def test_a_huge_shared_strings_part_is_refused(api, figures_world):
    strings = (
        f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode()
        + b"".join(b"<si><t>s%d</t></si>" % n for n in range(200_000))
        + b"</sst>"
    )
    sheet = sheet_xml(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', dimension="A1")
    r = post(api, figures_world, crafted_xlsx(sheet, strings))
    assert_refused(api, figures_world, r, "too many different texts")


def _lie_about_sizes(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size of one entry, in its local header and the central
    directory, as a zip bomb would."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    raw = bytearray(data)
    struct.pack_into("<I", raw, info.header_offset + 22, size)
    offset = raw.find(b"PK\x01\x02")
    while offset != -1:
        name_length = struct.unpack_from("<H", raw, offset + 28)[0]
        if bytes(raw[offset + 46 : offset + 46 + name_length]) == name.encode():
            struct.pack_into("<I", raw, offset + 24, size)
        offset = raw.find(b"PK\x01\x02", offset + 46)
    return bytes(raw)


def test_an_entry_that_lies_about_its_size_is_refused(api, figures_world):
    honest = crafted_xlsx(sheet_xml(HEADER_ROW + data_rows(3000), dimension=None))
    lying = _lie_about_sizes(honest, "xl/worksheets/sheet1.xml", 1000)
    assert_refused(api, figures_world, post(api, figures_world, lying), "could not be read")


def _zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


@pytest.mark.parametrize(
    "content",
    [b"not a zip", b"PK\x03\x04" + b"\x00" * 200, _zip_of_text()],
    ids=["text", "truncated-zip", "zip-without-workbook"],
)
def test_a_broken_file_is_refused_not_crashed_on(api, figures_world, content):
    assert_refused(api, figures_world, post(api, figures_world, content), "could not be read")


def test_entity_declarations_are_refused(api, figures_world):
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>')[21:]
    )
    r = post(api, figures_world, crafted_xlsx(sheet))
    assert_refused(api, figures_world, r, "could not be read")


def test_vietnamese_message_names_the_limit(api, figures_world):
    w = figures_world
    book = Workbook()
    book.active["CV1"] = 1
    out = io.BytesIO()
    book.save(out)
    r = api.post(
        IMPORT, headers=w.headers("reviewer_a", **{"Content-Type": XLSX}), content=out.getvalue()
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"] == "Tệp có quá nhiều cột (tối đa 64)"


# ---- CSV -----------------------------------------------------------------------------------


def test_csv_with_too_many_rows_is_refused(api, figures_world):
    rows = get_settings().import_max_rows
    body = b"unit,period\n" + b"CC_A1,2022-Q1\n" * (rows + 1)
    r = post(api, figures_world, body, kind="text/csv")
    assert_refused(api, figures_world, r, "too many rows", str(rows))


def test_csv_with_too_many_columns_is_refused(api, figures_world):
    body = ",".join(["unit", "period", *[f"c{i}" for i in range(100)]]).encode() + b"\n"
    r = post(api, figures_world, body, kind="text/csv")
    assert_refused(api, figures_world, r, "too many columns", "64")


def test_csv_with_a_very_long_line_or_field_is_refused(api, figures_world):
    long_line = b"unit,period\nCC_A1," + b"9" * 200_000 + b"\n"
    r = post(api, figures_world, long_line, kind="text/csv")
    assert_refused(api, figures_world, r, "line of the file is too long")
    # one quoted field of short lines, past what the csv module accepts
    long_field = b'unit,period,note\nCC_A1,2022-Q1,"' + (b"a" * 100 + b"\n") * 2000 + b'"\n'
    r = post(api, figures_world, long_field, kind="text/csv")
    assert_refused(api, figures_world, r, "could not be read")


def test_csv_that_is_not_utf8_is_refused(api, figures_world):
    r = post(
        api, figures_world, "unit,period\nCục Bến Tre,2022-Q1\n".encode("utf-16"), kind="text/csv"
    )
    assert_refused(api, figures_world, r, "could not be read")


# ---- campaign documents --------------------------------------------------------------------


def test_a_document_past_the_upload_limit_is_refused_and_not_stored(
    api, figures_world, monkeypatch
):
    w = figures_world
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 1024 * 1024)
    cid = new_campaign(api, w).json()["id"]
    did = api.post(
        f"{CAMPAIGNS}/{cid}/documents",
        headers=w.headers("reviewer_a"),
        json={
            "number": "01-CT/TU",
            "issued_on": "2020-10-17",
            "issuer": "Ban Thường vụ Tỉnh ủy",
            "kind": "chi_thi",
            "title": "Chỉ thị",
        },
    ).json()["id"]
    put = api.put(
        f"{CAMPAIGNS}/{cid}/documents/{did}/file",
        headers=w.headers("reviewer_a", **{"Content-Type": "application/pdf"}),
        content=b"%PDF-1.4 " + b"0" * (1024 * 1024),
    )
    assert put.status_code in (413, 422)  # the body limit may refuse it even earlier
    got = api.get(f"{CAMPAIGNS}/{cid}/documents/{did}/file", headers=w.headers("reviewer_a"))
    assert got.status_code == 404


def test_the_document_limit_is_the_configured_one(monkeypatch):
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 1024 * 1024)
    documents.check_file("application/pdf", 1024 * 1024)
    with pytest.raises(Invalid) as refused:
        documents.check_file("application/pdf", 1024 * 1024 + 1)
    [issue] = refused.value.errors
    assert issue.field == "file" and issue.params == {"limit": "1"}
    assert translate(issue.message, "vi", issue.params) == (
        "Tệp phải có dung lượng từ 1 byte đến 1 MB"
    )
    with pytest.raises(Invalid):
        documents.check_file("text/html", 10)
