"""Writers racing on the same records through a real server: no acknowledged write is lost.

N writer threads, each with its own connection, read a report and write it back with
If-Match, over and over for M seconds. Every 200 is an acknowledged write; the report's
version, read at the end, is what was stored. Lost updates = acknowledged − stored, and must
be 0 on both databases. Then 50 clients submit one draft at the same moment: one may win.
"""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from bench.live import live_server

API = "/api/v1"


def _writer(
    base: str, token: str, report_ids: list[int], metric: str, deadline: float, index: int
) -> Counter[str]:
    seen: Counter[str] = Counter()
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        n = 0
        while time.monotonic() < deadline:
            report_id = report_ids[n % len(report_ids)]
            n += 1
            current = client.get(f"{API}/reports/{report_id}")
            seen["requests"] += 1
            if current.status_code != 200:
                seen["errors"] += 1
                continue
            value = current.json()["values"].get(metric) or 0
            # A value no other writer sends: a write that changes nothing would be a 200
            # that stores no version, and would read as a lost update.
            sent = client.patch(
                f"{API}/reports/{report_id}",
                headers={"If-Match": current.headers["etag"]},
                json={"values": {metric: value + 1 + index}},
            )
            seen["requests"] += 1
            if sent.status_code == 200:
                seen["acknowledged"] += 1
            elif sent.status_code in (409, 412):
                seen["refused as stale"] += 1
            elif sent.status_code == 503:
                seen["busy"] += 1
            else:
                seen["errors"] += 1
    return seen


def _versions(base: str, token: str, report_ids: list[int]) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        return sum(client.get(f"{API}/reports/{i}").json()["version"] for i in report_ids)


def _submit_race(
    base: str, token: str, report_id: int, values: dict[str, int], clients: int
) -> Counter[int]:
    headers = {"Authorization": f"Bearer {token}"}
    ready = httpx.patch(
        f"{base}{API}/reports/{report_id}", headers=headers, json={"values": values}, timeout=30
    )
    if ready.status_code != 200:
        raise RuntimeError(f"preparing the submit race: {ready.status_code} {ready.text[:300]}")
    barrier = threading.Barrier(clients)

    def one(_: int) -> int:
        with httpx.Client(base_url=base, timeout=60) as client:
            barrier.wait(timeout=30)
            return client.post(
                f"{API}/reports/{report_id}/submit",
                headers={"Authorization": f"Bearer {token}"},
            ).status_code

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return Counter(pool.map(one, range(clients)))


def run(
    app: Any,
    token: str,
    report_ids: list[int],
    metric: str,
    *,
    writers: int = 16,
    seconds: float = 10,
    submit: tuple[str, int, dict[str, int]] | None = None,
    submitters: int = 50,
) -> dict[str, Any]:
    """`submit`: (token, report id, complete values) of a draft that 50 clients then submit."""
    with live_server(app) as base:
        before = _versions(base, token, report_ids)
        deadline = time.monotonic() + seconds
        with ThreadPoolExecutor(max_workers=writers) as pool:
            counts = sum(
                pool.map(
                    lambda i: _writer(base, token, report_ids, metric, deadline, i),
                    range(writers),
                ),
                Counter(),
            )
        stored = _versions(base, token, report_ids) - before
        submits = _submit_race(base, *submit, submitters) if submit else Counter()
    return {
        "writers": writers,
        "seconds": seconds,
        "records": len(report_ids),
        "requests": counts["requests"],
        "errors": counts["errors"],
        "busy": counts["busy"],
        "refused_as_stale": counts["refused as stale"],
        "acknowledged": counts["acknowledged"],
        "stored": stored,
        "lost": counts["acknowledged"] - stored,
        "submitters": submitters if submit else 0,
        "submits_won": submits.get(200, 0),
        "submits_refused": submits.get(409, 0),
        "submits_other": sum(v for k, v in submits.items() if k not in (200, 409)),
    }
