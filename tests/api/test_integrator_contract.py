"""What integrators rely on beyond the JSON bodies: files as multipart forms beside raw bodies,
catalogue lists in the page envelope (with the bare array kept as an alias), and an OpenAPI
document that declares the headers and the binary files the API sends."""

import pytest

from app.core.config import get_settings
from tests.api.test_campaigns import URL as CAMPAIGNS
from tests.api.test_campaigns import new_campaign
from tests.api.test_report_io import XLSX, csv_of
from tests.reporting import GOOD

IMPORT = "/api/v1/reports/import"
SPEC = "/api/v1/openapi.json"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def new_document(api, w) -> tuple[int, int]:
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
    return cid, did


# ---- multipart uploads ---------------------------------------------------------------------


def test_a_csv_import_as_a_multipart_form_is_applied(api, figures_world):
    w = figures_world
    body = csv_of([("CC_A1", "2022-Q1", GOOD), ("CC_A2", "2022-Q1", GOOD)])
    r = api.post(
        IMPORT, headers=w.headers("reviewer_a"), files={"file": ("q1.csv", body, "text/csv")}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["created"], r.json()["applied"]) == (2, True)
    listed = api.get("/api/v1/reports", params={"period": "2022-Q1"}, headers=w.headers("admin_a"))
    assert listed.json()["total"] == 2


def test_a_part_without_a_useful_type_is_read_by_its_file_extension(api, figures_world):
    w = figures_world
    csv_body = csv_of([("CC_A1", "2022-Q1", GOOD)])
    api.post(IMPORT, headers=w.headers("reviewer_a"), files={"file": ("q1.csv", csv_body)})
    sheet = api.get(
        "/api/v1/reports/export",
        params={"period": "2022-Q1", "format": "xlsx"},
        headers=w.headers("reviewer_a"),
    ).content
    r = api.post(
        IMPORT,
        params={"dry_run": "true"},
        headers=w.headers("reviewer_a"),
        files={"file": ("so-lieu.xlsx", sheet, "application/octet-stream")},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["unchanged"], r.json()["rejected"]) == (1, 0)


def test_a_form_without_a_file_or_of_an_unknown_type_is_refused_on_the_file_field(
    api, figures_world
):
    w = figures_world
    empty = api.post(IMPORT, headers=w.headers("reviewer_a"), files={"other": ("a.csv", b"x")})
    assert empty.status_code == 422
    assert [e["field"] for e in empty.json()["errors"]] == ["file"]
    odd = api.post(
        IMPORT, headers=w.headers("reviewer_a"), files={"file": ("q1.txt", b"x", "text/plain")}
    )
    assert odd.status_code == 422
    assert [(e["field"], e["code"]) for e in odd.json()["errors"]] == [("file", "unsupported")]


def test_a_document_file_as_a_multipart_form_keeps_its_name_and_type(api, figures_world):
    w = figures_world
    cid, did = new_document(api, w)
    png = b"\x89PNG\r\n\x1a\n demo"
    put = api.put(
        f"{CAMPAIGNS}/{cid}/documents/{did}/file",
        headers=w.headers("reviewer_a"),
        files={"file": ("bang-khen.png", png, "application/octet-stream")},
    )
    assert put.status_code == 200, put.text
    assert put.json()["file_name"] == "bang-khen.png"
    got = api.get(f"{CAMPAIGNS}/{cid}/documents/{did}/file", headers=w.headers("reviewer_a"))
    assert got.content == png and got.headers["content-type"] == "image/png"
    html = api.put(
        f"{CAMPAIGNS}/{cid}/documents/{did}/file",
        headers=w.headers("reviewer_a"),
        files={"file": ("trang.html", b"<script>", "text/html")},
    )
    assert html.status_code == 422


def test_a_multipart_document_past_the_upload_limit_is_refused(api, figures_world, monkeypatch):
    w = figures_world
    cid, did = new_document(api, w)
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 64 * 1024)
    put = api.put(
        f"{CAMPAIGNS}/{cid}/documents/{did}/file",
        headers=w.headers("reviewer_a"),
        files={"file": ("to.pdf", b"%PDF-1.4 " + b"0" * (128 * 1024), "application/pdf")},
    )
    assert put.status_code == 413
    got = api.get(f"{CAMPAIGNS}/{cid}/documents/{did}/file", headers=w.headers("reviewer_a"))
    assert got.status_code == 404


# ---- catalogue lists -----------------------------------------------------------------------

CATALOGUES = ["/api/v1/metrics", "/api/v1/indicators", "/api/v1/validation-rules"]


@pytest.mark.parametrize("path", [*CATALOGUES, "/api/v1/award-types"])
def test_catalogue_lists_use_the_envelope_and_keep_the_bare_array_as_an_alias(
    api, figures_world, path
):
    w = figures_world
    every = api.get(path, params={"envelope": "false"}, headers=w.headers("viewer_a")).json()
    assert isinstance(every, list) and len(every) >= 2
    page = api.get(path, params={"limit": 1, "offset": 1}, headers=w.headers("viewer_a")).json()
    assert page == {"items": every[1:2], "total": len(every), "limit": 1, "offset": 1}
    default = api.get(path, headers=w.headers("viewer_a")).json()
    assert default["items"] == every[:50] and default["total"] == len(every)


def test_the_document_says_the_bare_array_is_an_alias_for_one_release(api):
    paths = api.get(SPEC).json()["paths"]
    for path in [*CATALOGUES, "/api/v1/award-types"]:
        operation = paths[path]["get"]
        assert "envelope=false" in operation["description"]
        [envelope] = [p for p in operation["parameters"] if p["name"] == "envelope"]
        assert envelope["deprecated"] is True
        variants = operation["responses"]["200"]["content"]["application/json"]["schema"]
        page, array = variants["anyOf"]
        assert page["$ref"].startswith("#/components/schemas/Page_") and array["type"] == "array"


# ---- the OpenAPI document ------------------------------------------------------------------


def test_the_document_declares_etag_location_and_replay_headers(api):
    paths = api.get(SPEC).json()["paths"]
    created = paths["/api/v1/people"]["post"]["responses"]["201"]["headers"]
    assert set(created) == {"ETag", "Location", "Idempotent-Replayed"}
    for method in ("get", "patch"):
        ok = paths["/api/v1/people/{person_id}"][method]["responses"]["200"]
        assert set(ok["headers"]) == {"ETag"}
    submit = paths["/api/v1/reports/{report_id}/submit"]["post"]["responses"]["200"]
    assert "ETag" in submit["headers"]
    # Only where the API sends them: a plain create has no Location, a list no ETag.
    plain = paths["/api/v1/campaigns/{campaign_id}/documents"]["post"]["responses"]["201"]
    assert "headers" not in plain
    assert "headers" not in paths["/api/v1/people"]["get"]["responses"]["200"]
    throttled = paths["/api/v1/auth/token"]["post"]["responses"]["429"]
    assert "Retry-After" in throttled["headers"]
    assert "Retry-After" in paths["/api/v1/health"]["get"]["responses"]["503"]["headers"]


def test_the_document_declares_downloads_as_binary(api):
    paths = api.get(SPEC).json()["paths"]
    binary = {"type": "string", "format": "binary"}
    downloads = {
        "/api/v1/reports/export": {"text/csv", XLSX},
        "/api/v1/reports/template": {XLSX},
        "/api/v1/campaigns/{campaign_id}/documents/{document_id}/file": {
            "application/octet-stream",
            "application/pdf",
            "application/msword",
            DOCX,
            "image/png",
            "image/jpeg",
        },
    }
    for path, kinds in downloads.items():
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert set(content) == kinds
        assert all(media["schema"] == binary for media in content.values())
    summary = paths["/api/v1/summary/awards"]["get"]["responses"]["200"]["content"]
    # Files first: a generated client reads the first type it knows, never a file as JSON.
    assert list(summary) == [DOCX, XLSX, "application/json"]
    assert summary[DOCX]["schema"] == summary[XLSX]["schema"] == binary


@pytest.mark.parametrize(
    "path, method",
    [
        (IMPORT, "post"),
        ("/api/v1/campaigns/{campaign_id}/documents/{document_id}/file", "put"),
    ],
)
def test_the_document_offers_multipart_beside_the_raw_bodies(api, path, method):
    spec = api.get(SPEC).json()
    content = spec["paths"][path][method]["requestBody"]["content"]
    assert "multipart/form-data" in content and len(content) > 2
    form = content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert spec["components"]["schemas"][form]["properties"]["file"]["format"] == "binary"
