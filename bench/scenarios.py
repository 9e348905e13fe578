"""The timed scenarios, in process over ASGI (httpx), each interleaved with its raw SQL floor.

The app is assembled as `app.main.create_app` does, with one addition: a recorder between the
pages and the API, so that a page's API calls can be replayed on their own and the web layer
priced as (page) − (its API calls).
"""

import asyncio
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import Engine, delete, select
from sqlmodel import col
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.main import create_api
from app.main import ThiduaApp
from app.models import AuditEntry, Metric, Period, Report, ReportEvent, ReportValue, Unit
from app.services.reports import periods
from app.web.main import create_web
from app.web.session import SESSION_COOKIE
from bench import floors
from bench.config import Size
from bench.generate import Built
from bench.timing import QueryCounter, Samples, measure

API = "/api/v1"
Wave = list[tuple[str, str, list[tuple[bytes, bytes]]]]


class BenchError(RuntimeError):
    pass


@dataclass
class Result:
    name: str
    who: str
    api: dict[str, Any]
    floor: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class Recorder:
    """Passes requests on to the API; while `on`, notes them in waves of concurrent calls."""

    def __init__(self, api: ASGIApp) -> None:
        self.api = api
        self.on = False
        self.waves: list[Wave] = []
        self._active = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.on and scope["type"] == "http":
            if self._active == 0:
                self.waves.append([])
            query = scope.get("query_string", b"").decode()
            url = scope["path"] + (f"?{query}" if query else "")
            self.waves[-1].append((scope["method"], url, list(scope["headers"])))
        self._active += 1
        try:
            await self.api(scope, receive, send)
        finally:
            self._active -= 1


def undo_import(engine: Engine, period_ids: list[int]) -> None:
    """Remove what an import into these periods wrote (untimed, between runs)."""
    ids = select(Report.id).where(col(Report.period_id).in_(period_ids))
    with engine.begin() as conn:
        conn.execute(
            delete(AuditEntry).where(
                AuditEntry.entity == "report", col(AuditEntry.entity_id).in_(ids)
            )
        )
        conn.execute(delete(ReportEvent).where(col(ReportEvent.report_id).in_(ids)))
        conn.execute(delete(ReportValue).where(col(ReportValue.report_id).in_(ids)))
        conn.execute(delete(Report).where(col(Report.period_id).in_(period_ids)))


class Bench:
    def __init__(self, engine: Engine, built: Built, size: Size, db: str) -> None:
        self.engine, self.built, self.size, self.db = engine, built, size, db
        api = create_api()
        self.recorder = Recorder(api)
        self.app = ThiduaApp(api, create_web(self.recorder))
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://bench.local", timeout=600
        )
        self.counter = QueryCounter(engine)
        self.results: list[Result] = []
        with engine.connect() as conn:
            self.metric_ids = dict(conn.execute(select(Metric.code, Metric.id)).all())
            self.paths = dict(conn.execute(select(Unit.id, Unit.path)).all())
            self.period_ids = dict(conn.execute(select(Period.code, Period.id)).all())
            self.unit_ids = dict(conn.execute(select(Unit.code, Unit.id)).all())

    # ---- plumbing ----------------------------------------------------------------------------

    async def request(
        self, method: str, url: str, role: str, expect: int = 200, **kw: Any
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.built.tokens[role]}", **kw.pop("headers", {})}
        response = await self.client.request(method, url, headers=headers, **kw)
        if response.status_code != expect:
            raise BenchError(f"{method} {url}: {response.status_code} {response.text[:500]}")
        return response

    async def timed(self, *calls: Callable[[int], Any], runs: int = 0, **kw: Any) -> list[Samples]:
        kw.setdefault("warmup", self.size.warmup)
        return await measure(*calls, runs=runs or self.size.requests, counter=self.counter, **kw)

    def add(self, name: str, who: str, api: Samples, floor: Samples | None, **extra: Any) -> None:
        extra["load"] = round(os.getloadavg()[0], 2)  # other work on the machine shows here
        result = Result(name, who, api.summary(), floor.summary() if floor else None, extra)
        self.results.append(result)
        f = f"{result.floor['median_ms']:.2f}" if result.floor else "-"
        print(
            f"  [{self.db}] {name:<44} median {result.api['median_ms']:8.2f} ms  "
            f"p95 {result.api['p95_ms']:8.2f} ms  queries {result.api['queries']:>3}  floor {f}",
            flush=True,
        )

    # ---- scenarios ---------------------------------------------------------------------------

    async def rankings(self) -> None:
        period = f"{self.size.last_year}-Q4"
        for name, role, parent in (
            ("national ranking", "admin", self.built.general_id),
            ("province ranking", "reviewer", self.built.province_id),
        ):
            url = f"{API}/rankings?period={period}&parent_id={parent}"
            first = await self.request("GET", url, role)
            offices, size = len(first.json()["items"]), len(first.content)

            async def call(_i: int, url: str = url, role: str = role) -> None:
                await self.request("GET", url, role)

            floor = floors.ranking(self.engine, self.metric_ids, period, parent, self.paths[parent])
            base, api = await self.timed(floor, call)
            self.add(f"{name} ({offices} offices)", role, api, base, offices=offices, bytes=size)

    async def save_and_validate(self) -> None:
        report_id, values = self.built.draft_report_id, self.built.draft_values
        changed = ("viec_thi_hanh_xong", "viec_dinh_chi", "tien_thi_hanh_xong")
        # Alternate +1 / +0 so that every save really changes the values (and stays valid).
        variants = [{c: values[c] + bump for c in changed} for bump in (1, 0)]
        url = f"{API}/reports/{report_id}"
        version = {"v": (await self.request("GET", url, "reporter")).json()["version"]}

        async def save(i: int) -> None:
            response = await self.request(
                "PATCH",
                url,
                "reporter",
                json={"values": variants[i % 2]},
                headers={"If-Match": f'"{version["v"]}"'},
            )
            version["v"] = response.json()["version"]

        # The floor writes another office's draft: this one's version belongs to the API.
        floor = floors.save(self.engine, self.built.floor_report_id, self.metric_ids, variants)
        base, api = await self.timed(floor, save)
        self.add("report save (PATCH, 3 values)", "reporter", api, base)

        period = f"{self.size.draft_year}-Q1"
        body = {"unit_id": self.built.district_id, "period": period, "values": values}

        async def validate(_i: int) -> None:
            await self.request("POST", f"{API}/reports/validate", "reporter", json=body)

        prev_year = periods.code_for(self.size.draft_year - 1, 4)
        no_quarter = "-"  # a Q1 has no previous quarter in its year; last year's Q4 only
        floor = floors.validate(self.engine, self.built.district_id, no_quarter, prev_year)
        base, api = await self.timed(floor, validate)
        self.add("report validate (dry run)", "reporter", api, base)

    def page_list(self) -> list[tuple[str, str, str]]:
        """The pages timed against the API calls they make: (name, path, who)."""
        national = f"period={self.size.last_year}-Q4&parent_id={self.built.general_id}"
        return [
            ("figures page `/reports/{id}`", f"/reports/{self.built.draft_report_id}", "reporter"),
            ("national rankings page `/rankings`", f"/rankings?{national}", "admin"),
            ("home page `/`", "/", "reviewer"),
            ("people list `/people`", "/people", "reviewer"),
        ]

    async def pages(self) -> None:
        for name, path, who in self.page_list():
            cookie = {"Cookie": f"{SESSION_COOKIE}={self.built.tokens[who]}"}

            async def page(_i: int, path: str = path, cookie: dict[str, str] = cookie) -> None:
                response = await self.client.get(path, headers=cookie)
                if response.status_code != 200 or "html" not in response.headers["content-type"]:
                    raise BenchError(f"GET {path}: {response.status_code}")

            self.recorder.waves, self.recorder.on = [], True
            await page(0)
            self.recorder.on = False
            waves = self.recorder.waves

            async def replay(_i: int, waves: list[Wave] = waves) -> None:
                for wave in waves:
                    await asyncio.gather(*(self._send_raw(m, u, h) for m, u, h in wave))

            web, api = await self.timed(page, replay)
            calls = sum(len(w) for w in waves)
            hop = web.median - api.median
            self.add(
                f"{name} through the web layer",
                who,
                web,
                None,
                api_calls=calls,
                hop_ms=round(hop, 2),
            )
            self.add(f"… its {calls} API calls alone", who, api, None, api_calls=calls)

    async def _send_raw(self, method: str, url: str, headers: list[tuple[bytes, bytes]]) -> None:
        keep = {b"authorization", b"accept", b"accept-language", b"content-type"}
        sent = {k.decode(): v.decode() for k, v in headers if k.lower() in keep}
        response = await self.client.request(method, url, headers=sent)
        if response.status_code >= 400:
            raise BenchError(f"replay {method} {url}: {response.status_code}")

    async def bulk_import(self) -> None:
        year, n = self.size.import_year, len(self.built.import_rows)
        period_ids = [self.period_ids[periods.code_for(year, q)] for q in (1, 2, 3, 4)]
        body = json.dumps({"rows": self.built.import_rows}).encode()
        headers = {"Content-Type": "application/json"}
        summary: dict[str, Any] = {}

        async def post(_i: int) -> None:
            response = await self.request(
                "POST", f"{API}/reports/import", "admin", content=body, headers=headers
            )
            summary.update(response.json())

        prepared = [
            {
                "unit": r["unit"],
                "period": r["period"],
                "metric_values": [(self.metric_ids[c], v) for c, v in r["values"].items()],
            }
            for r in self.built.import_rows
        ]
        # Each round: empty the periods, the floor (rolled back), then the import itself.
        floor = floors.import_year(self.engine, prepared, self.unit_ids, self.period_ids)
        runs = self.size.import_runs
        base, api = await self.timed(
            floor, post, runs=runs, warmup=1, between=lambda: undo_import(self.engine, period_ids)
        )
        if summary.get("created") != n:
            raise BenchError(f"import summary {summary}")
        self.add(f"bulk import, one year ({n:,} reports)", "admin", api, base, rows=n)

        # The last import stays: sending it again changes nothing.
        floor = floors.read_year(self.engine, year)
        base, api = await self.timed(floor, post, runs=runs * 2, warmup=1)
        if summary.get("unchanged") != n:
            raise BenchError(f"re-import summary {summary}")
        self.add("re-import of the same year (all unchanged)", "admin", api, base, rows=n)

    async def run(self) -> list[Result]:
        try:
            await self.rankings()
            await self.save_and_validate()
            await self.pages()
            await self.bulk_import()
        finally:
            await self.client.aclose()
        return self.results
