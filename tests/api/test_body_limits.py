"""Request bodies are bounded while they stream in, before authentication or parsing (413)."""

import json
import select
import socket
from collections.abc import Iterator

import pytest

from app.api.main import create_api
from app.core.config import get_settings
from bench.live import live_server
from tests.api.helpers import problem
from tests.reporting import GOOD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024


def chunks(total: int, counter: list[int] | None = None) -> Iterator[bytes]:
    """`total` bytes of JSON-looking text in 64 KiB pieces; counts the pieces handed out."""
    sent = 0
    while sent < total:
        piece = b" " * min(CHUNK, total - sent)
        sent += len(piece)
        if counter is not None:
            counter.append(len(piece))
        yield piece


def test_json_over_the_limit_without_a_token_is_413_not_401(api):
    limit = get_settings().max_json_bytes
    r = api.post(
        "/api/v1/reports/validate",
        content=b" " * (limit + 1),
        headers={"Content-Type": "application/json"},
    )
    body = problem(r, 413)
    assert body["title"] == "Nội dung yêu cầu quá lớn"
    assert body["detail"] == "Nội dung yêu cầu quá lớn (tối đa 1 MB)"
    assert r.headers["x-content-type-options"] == "nosniff"  # the API's headers still apply


def test_the_413_speaks_english_when_asked(api):
    limit = get_settings().max_json_bytes
    r = api.post(
        "/api/v1/units",
        content=b"{" + b" " * limit + b"}",
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    assert problem(r, 413)["detail"] == "Request body too large (at most 1 MB)"


def test_a_chunked_json_body_over_the_limit_is_413(api):
    limit = get_settings().max_json_bytes
    r = api.post(
        "/api/v1/reports/validate",
        content=chunks(limit + CHUNK),
        headers={"Content-Type": "application/json"},
    )
    assert "content-length" not in r.request.headers  # really sent without a declared length
    problem(r, 413)


def test_a_body_without_a_type_is_held_to_the_json_limit(api):
    r = api.post("/api/v1/auth/token", content=b"x" * (get_settings().max_json_bytes + 1))
    problem(r, 413)


@pytest.mark.parametrize(
    "content_type",
    ["text/csv", XLSX, "application/pdf", "application/octet-stream", "image/png"],
)
def test_a_raw_upload_over_5_mib_is_413(api, world, content_type):
    limit = get_settings().max_upload_bytes
    assert limit == 5 * 1024 * 1024
    r = api.post(
        "/api/v1/reports/import",
        content=b"a" * (limit + 1),
        headers=world.headers("reviewer_a", **{"Content-Type": content_type}),
    )
    assert problem(r, 413)["detail"] == "Nội dung yêu cầu quá lớn (tối đa 5 MB)"


def test_a_multipart_upload_over_5_mib_is_413(api, world):
    big = b"a" * (get_settings().max_upload_bytes + 1)
    r = api.post(
        "/api/v1/reports/import",
        files={"file": ("so-lieu.csv", big, "text/csv")},
        headers=world.headers("reviewer_a"),
    )
    problem(r, 413)


def test_a_json_body_just_under_the_limit_still_works(api, figures_world):
    w = figures_world
    report = {"unit_id": w.unit_id("CC_A1"), "period": "2022-Q1", "values": GOOD}
    text = json.dumps(report).encode()
    padded = text + b" " * (get_settings().max_json_bytes - len(text))  # JSON allows spaces
    r = api.post(
        "/api/v1/reports/validate",
        content=padded,
        headers=w.headers("reporter_a1", **{"Content-Type": "application/json"}),
    )
    assert r.status_code == 200, r.text


def test_an_upload_above_the_json_limit_but_under_5_mib_reaches_the_import(api, figures_world):
    w = figures_world
    header = ",".join(["unit", "period", *GOOD])
    row = ",".join(["CC_A1", "2022-Q1", *[str(v) for v in GOOD.values()]])
    body = f"{header}\n{row}\n".encode()
    body += b"\n" * (get_settings().max_upload_bytes - len(body))  # blank lines, 5 MiB exactly
    r = api.post(
        "/api/v1/reports/import?dry_run=true",
        content=body,
        headers=w.headers("reviewer_a", **{"Content-Type": "text/csv"}),
    )
    assert r.status_code != 413, r.text
    assert r.status_code in (200, 422), r.text


# --- the body is never held whole: a real server, a real socket -------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    with live_server(create_api(), name="uvicorn-for-body-limits") as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port)


def _answered(sock: socket.socket) -> bool:
    readable, _, _ = select.select([sock], [], [], 0)
    return bool(readable)


def test_a_300_mb_chunked_body_is_refused_long_before_its_end(server):
    """TestClient reads a request body whole before the app sees it, so this one goes over a
    socket: the server must answer 413 while most of the 300 MB has not even been produced."""
    host, port = server
    total = 300 * 1024 * 1024
    handed_out: list[int] = []
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/reports/validate HTTP/1.1\r\n"
            b"Host: testserver\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for piece in chunks(total, handed_out):
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                if _answered(sock):
                    break
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server stopped reading and closed: the answer is already waiting
        reply = b""
        while b"\r\n\r\n" not in reply:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:  # queued bytes come first; a reset after them ends it
                break
            if not data:
                break
            reply += data
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert b"application/problem+json" in reply.lower()
    assert sum(handed_out) < total // 10, f"{sum(handed_out)} bytes produced before the 413"


def test_a_declared_length_over_the_limit_is_refused_before_any_byte_is_sent(server):
    host, port = server
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/reports/validate HTTP/1.1\r\n"
            b"Host: testserver\r\nContent-Type: application/json\r\n"
            b"Content-Length: 314572800\r\n\r\n"
        )
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]


def test_a_bulk_json_import_is_held_to_the_upload_limit(api, figures_world):
    """A province's year of figures as JSON is an upload: past 1 MiB it still reaches the
    import (which bounds its rows), and past the upload limit it is refused."""
    w = figures_world
    rows = [{"unit": "CC_A1", "period": "2022-Q1", "values": GOOD}]
    text = json.dumps({"rows": rows}).encode()
    padded = text + b" " * (2 * get_settings().max_json_bytes - len(text))
    r = api.post(
        "/api/v1/reports/import?dry_run=true",
        content=padded,
        headers=w.headers("reviewer_a", **{"Content-Type": "application/json"}),
    )
    assert r.status_code == 200, r.text
    over = text + b" " * (get_settings().max_upload_bytes + 1 - len(text))
    r = api.post(
        "/api/v1/reports/import?dry_run=true",
        content=over,
        headers=w.headers("reviewer_a", **{"Content-Type": "application/json"}),
    )
    assert r.status_code == 413
