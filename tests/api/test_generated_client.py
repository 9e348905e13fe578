"""An integrator's view: openapi-python-client builds a client from the live OpenAPI document
(with the settings in docs/openapi-python-client.yaml), and the README's curl tour runs through
it against a real server: tokens, filters, Idempotency-Key and ETags, figures and rankings,
downloads that open as .docx/.xlsx/CSV, and uploads as multipart forms.

Before the document declared its files, the generator skipped the document upload, the summary
call crashed on `format=docx` and the template call raised on its own 200."""

import csv
import importlib
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from docx import Document
from openapi_python_client.strings import snake_case
from openpyxl import load_workbook

from app.core.config import PROJECT_ROOT
from bench.live import live_server
from tests.api.conftest import shared_api
from tests.factories import PASSWORD
from tests.reporting import GOOD

PACKAGE = "thidua_generated_client"
SETTINGS = PROJECT_ROOT / "docs" / "openapi-python-client.yaml"
METHODS = ("get", "post", "put", "patch", "delete")


class Generated:
    """The generated package, with its operations looked up the way the docs name them."""

    def __init__(self, spec: dict[str, Any], output: str) -> None:
        self.spec = spec
        self.output = output
        self.models = importlib.import_module(f"{PACKAGE}.models")
        self.types = importlib.import_module(f"{PACKAGE}.types")
        self.client = importlib.import_module(f"{PACKAGE}.client")

    def module_name(self, method: str, path: str) -> str:
        operation = self.spec["paths"][path][method]
        tag = snake_case(operation["tags"][0])
        return f"{PACKAGE}.api.{tag}.{snake_case(operation['operationId'])}"

    def op(self, method: str, path: str) -> ModuleType:
        """`op("post", "/people")`: the module of POST /api/v1/people."""
        return importlib.import_module(self.module_name(method, f"/api/v1{path}"))

    def file(self, content: bytes, name: str, mime_type: str) -> Any:
        return self.types.File(payload=io.BytesIO(content), file_name=name, mime_type=mime_type)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    root = tmp_path_factory.mktemp("generated")
    spec = shared_api().openapi()
    (root / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    # The shipped settings, without the formatting hooks (ruff on PATH is the integrator's).
    settings = SETTINGS.read_text(encoding="utf-8") + "\npost_hooks: []\n"
    (root / "settings.yaml").write_text(settings, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            "spec.json",
            "--config",
            "settings.yaml",
            "--output-path",
            PACKAGE,
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    sys.path.insert(0, str(root))
    try:
        yield Generated(spec, output)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] == PACKAGE]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with live_server(shared_api()) as url:
        yield url


def login(gen: Generated, base_url: str, username: str) -> Any:
    """The password grant, then a client that sends the token."""
    issue = gen.op("post", "/auth/token")
    grant = issue.sync(
        client=gen.client.Client(base_url=base_url),
        body=gen.models.BodyIssueTokenApiV1AuthTokenPost(username=username, password=PASSWORD),
    )
    assert isinstance(grant, gen.models.TokenGrant), grant
    return gen.client.AuthenticatedClient(base_url=base_url, token=grant.access_token)


def test_every_operation_is_generated_without_a_warning(generated):
    operations = [
        (method, path)
        for path, item in generated.spec["paths"].items()
        for method in item
        if method in METHODS
    ]
    assert len(operations) > 100
    for method, path in operations:
        module = importlib.import_module(generated.module_name(method, path))
        assert callable(module.sync_detailed), f"{method.upper()} {path}"
    assert "WARNING" not in generated.output and "will not be generated" not in generated.output


def test_units_people_idempotency_and_etags(generated, base_url, world):
    gen, w = generated, world
    client = login(gen, base_url, "admin_a")

    offices = gen.op("get", "/units").sync(client=client, kind="district_office", limit=1)
    assert offices.total == 2 and offices.limit == 1 and len(offices.items) == 1  # the subtree
    assert {u.kind for u in offices.items} == {"district_office"}
    unit = gen.op("get", "/units").sync(client=client, q="CC_A1").items[0]
    assert unit.id == w.unit_id("CC_A1")

    create = gen.op("post", "/people")
    body = gen.models.PersonCreate(full_name="Võ Văn Tám", unit_id=unit.id)
    first = create.sync_detailed(client=client, body=body, idempotency_key="readme-1")
    assert first.status_code == 201
    person = first.parsed
    assert first.headers["etag"] == '"1"'
    assert first.headers["location"] == f"/api/v1/people/{person.id}"
    again = create.sync_detailed(client=client, body=body, idempotency_key="readme-1")
    assert again.parsed.id == person.id and again.headers["idempotent-replayed"] == "true"

    etag = gen.op("get", "/people/{person_id}").sync_detailed(person.id, client=client)
    assert etag.headers["etag"] == '"1"'
    patch = gen.op("patch", "/people/{person_id}")
    changed = patch.sync_detailed(
        person.id,
        client=client,
        body=gen.models.PersonUpdate(position="Chấp hành viên"),
        if_match=etag.headers["etag"],
    )
    assert changed.status_code == 200 and changed.parsed.position == "Chấp hành viên"
    assert changed.headers["etag"] == '"2"'
    stale = patch.sync_detailed(
        person.id,
        client=client,
        body=gen.models.PersonUpdate(position="Thư ký"),
        if_match=etag.headers["etag"],
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, gen.models.Problem)


def test_figures_ranking_export_template_and_multipart_import(generated, base_url, figures_world):
    gen, w = generated, figures_world
    client = login(gen, base_url, "admin_a")
    unit_id = w.unit_id("CC_A1")

    report = gen.op("post", "/reports").sync(
        client=client,
        body=gen.models.ReportCreate(
            unit_id=unit_id,
            period="2022-Q1",
            values=gen.models.ReportCreateValues.from_dict(GOOD),
        ),
    )
    assert report.indicators["ty_le_viec"] == 82.5
    for action in ("submit", "approve"):
        done = gen.op("post", f"/reports/{{report_id}}/{action}").sync(report.id, client=client)
        assert isinstance(done, gen.models.ReportDetail), done
    assert done.status == "approved"
    ranking = gen.op("get", "/rankings").sync(client=client, period="2022-Q1")
    assert [(item.rank, item.unit.id) for item in ranking.items] == [(1, unit_id)]

    export = gen.op("get", "/reports/export")
    as_ = gen.models.ExportReportsApiV1ReportsExportGetFormat
    exported = export.sync(client=client, period="2022-Q1", format_=as_.CSV)
    assert isinstance(exported, gen.types.File)
    csv_bytes = exported.payload.read()
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert [r["viec_thi_hanh_xong"] for r in rows] == [str(GOOD["viec_thi_hanh_xong"])]
    sheet = export.sync(client=client, period="2022-Q1", format_=as_.XLSX)
    assert load_workbook(sheet.payload).active.max_row == 2

    template = gen.op("get", "/reports/template").sync(
        client=client, unit_id=w.unit_id("CC_A2"), period="2022-Q1"
    )
    assert isinstance(template, gen.types.File)
    assert load_workbook(template.payload).worksheets

    summary = gen.op("post", "/reports/import").sync(
        client=client,
        dry_run=True,
        body=gen.models.FileUpload(file=gen.file(csv_bytes, "q1.csv", "text/csv")),
    )
    assert isinstance(summary, gen.models.ImportSummary), summary
    assert (summary.dry_run, summary.unchanged, summary.rejected) == (True, 1, 0)


def test_award_summary_downloads_and_a_document_upload(generated, base_url, figures_world):
    gen, w = generated, figures_world
    client = login(gen, base_url, "admin_a")

    summary = gen.op("get", "/summary/awards")
    as_ = gen.models.SummaryApiV1SummaryAwardsGetFormat
    docx = summary.sync(client=client, year=2022, unit_id=w.unit_id("CUC_A"), format_=as_.DOCX)
    assert isinstance(docx, gen.types.File)
    assert Document(docx.payload).paragraphs
    xlsx = summary.sync(client=client, year=2022, unit_id=w.unit_id("CUC_A"), format_=as_.XLSX)
    assert load_workbook(xlsx.payload).worksheets

    types = gen.op("get", "/award-types").sync(client=client, limit=500)
    assert isinstance(types, gen.models.PageAwardTypePublic)
    assert types.total == len(types.items) > 0
    metrics = gen.op("get", "/metrics").sync(client=client)
    assert {m.code for m in metrics.items} >= set(GOOD)

    campaign = gen.op("post", "/campaigns").sync(
        client=client,
        body=gen.models.CampaignCreate.from_dict(
            {
                "title": "Phong trào thi đua “Đồng Khởi mới” năm 2022",
                "kind": "thuong_xuyen",
                "launched_by_id": w.unit_id("CUC_A"),
                "year": 2022,
                "participant_ids": [w.unit_id("CC_A1")],
            }
        ),
    )
    document = gen.op("post", "/campaigns/{campaign_id}/documents").sync(
        campaign.id,
        client=client,
        body=gen.models.DocumentCreate.from_dict(
            {
                "number": "01-CT/TU",
                "issued_on": "2020-10-17",
                "issuer": "Ban Thường vụ Tỉnh ủy",
                "kind": "chi_thi",
                "title": "Chỉ thị",
            }
        ),
    )
    pdf = b"%PDF-1.4 generated client"
    path = "/campaigns/{campaign_id}/documents/{document_id}/file"
    attached = gen.op("put", path).sync(
        campaign.id,
        document.id,
        client=client,
        body=gen.models.FileUpload(file=gen.file(pdf, "01-CT-TU.pdf", "application/pdf")),
    )
    assert isinstance(attached, gen.models.DocumentPublic), attached
    assert attached.file_size == len(pdf) and attached.file_name == "01-CT-TU.pdf"
    got = gen.op("get", path).sync(campaign.id, document.id, client=client)
    assert isinstance(got, gen.types.File) and got.payload.read() == pdf


def test_the_shipped_settings_name_every_file_type_the_document_uses(generated):
    listed = {
        line.split(":")[0].strip()
        for line in Path(SETTINGS).read_text(encoding="utf-8").splitlines()
        if line.startswith("  ")
    }
    used = set()
    for item in generated.spec["paths"].values():
        for operation in item.values():
            bodies = [operation.get("requestBody", {}), *operation["responses"].values()]
            for media_types in (b.get("content", {}) for b in bodies):
                used |= {
                    t
                    for t, media in media_types.items()
                    if media.get("schema", {}).get("format") == "binary"
                }
    assert used - {"application/octet-stream"} == listed
