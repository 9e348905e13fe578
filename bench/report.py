"""docs/benchmarks.md from the runs' JSON: the machine, the settings, a table per database,
the in-process hop, and what dominates. No absolute path of this machine goes in."""

import os
import platform
import sqlite3
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.notes import CHANGES, NOT_MEASURED, TITLES, findings

PACKAGES = ["fastapi", "starlette", "sqlalchemy", "sqlmodel", "pydantic", "psycopg", "httpx"]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine(outcomes: list[dict[str, Any]]) -> list[str]:
    servers = ", ".join(o["server"] for o in outcomes)
    loads = "; ".join(
        f"{TITLES[o['db']]} run {' → '.join(str(x) for x in o['load'])}" for o in outcomes
    )
    rows = [
        ("CPU", _cpu_model()),
        ("cores", str(os.cpu_count())),
        ("memory", _memory_gib()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("databases", servers or f"SQLite {sqlite3.sqlite_version}"),
        ("load (1 min): start → peak → end", loads),
        ("packages", ", ".join(f"{p} {version(p)}" for p in PACKAGES)),
    ]
    return ["| | |", "|---|---|", *[f"| {k} | {v} |" for k, v in rows]]


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}" if value >= 100 else f"{value:.2f}"


def results_table(outcome: dict[str, Any]) -> list[str]:
    lines = [
        "| scenario | as | median ms | p95 ms | queries per request | raw SQL floor median ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in outcome["results"]:
        api, floor = r["api"], r["floor"]
        queries = str(api["queries"])
        if api["queries_max"] != api["queries"]:
            queries += f" (max {api['queries_max']})"
        lines.append(
            f"| {r['name']} | {r['who']} | {_ms(api['median_ms'])} | {_ms(api['p95_ms'])} "
            f"| {queries} | {_ms(floor['median_ms'] if floor else None)} |"
        )
    return lines


def generation_table(outcomes: list[dict[str, Any]]) -> list[str]:
    steps = ["migrate", "build", "insert", "analyze", "total"]
    lines = [
        "| database | " + " | ".join(f"{s} s" for s in steps) + " |",
        "|---|" + "---:|" * len(steps),
    ]
    for o in outcomes:
        g = o["generate_seconds"]
        cells = " | ".join(f"{g.get(s, 0):.1f}" for s in steps)
        lines.append(f"| {TITLES[o['db']]} | {cells} |")
    return lines


def hop_table(outcomes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| database | page | page median ms | its API calls alone, median ms | API calls "
        "| web layer's cost ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        results = o["results"]
        for i, r in enumerate(results):
            if "hop_ms" in r["extra"]:
                alone = results[i + 1]["api"]["median_ms"]
                page = r["name"].removesuffix(" through the web layer")
                lines.append(
                    f"| {TITLES[o['db']]} | {page} | {_ms(r['api']['median_ms'])} | {_ms(alone)} "
                    f"| {r['extra']['api_calls']} | {_ms(r['extra']['hop_ms'])} |"
                )
    return lines


def concurrency_table(outcomes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| database | writers × s | requests | errors | busy (503) | refused as stale "
        "| acknowledged writes | stored writes | lost updates | 50 simultaneous submits |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for o in outcomes:
        c = o.get("concurrency")
        if not c:
            continue
        submits = f"{c['submits_won']} won, {c['submits_refused']} refused (409)"
        if c["submits_other"]:
            submits += f", {c['submits_other']} other"
        lines.append(
            f"| {TITLES[o['db']]} | {c['writers']} × {c['seconds']:g} | {c['requests']:,} "
            f"| {c['errors']} | {c['busy']} | {c['refused_as_stale']:,} | {c['acknowledged']:,} "
            f"| {c['stored']:,} | **{c['lost']}** | {submits} |"
        )
    return lines


def settings(outcomes: list[dict[str, Any]]) -> list[str]:
    size, counts = outcomes[0]["size"], outcomes[0]["counts"]
    return [
        f"- Data set `{size['label']}`: {counts['provinces']} Cục THADS tỉnh, "
        f"{counts['district_offices']:,} Chi cục ({size['districts'][0]}–{size['districts'][1]} "
        f"per province), {counts['units']:,} units in all (with each Cục's 5 internal offices), "
        f"{counts['people']:,} people, statistics years {size['first_year']}–{size['last_year']} "
        f"closed ({counts['periods']} periods with the scenario quarters), {counts['reports']:,} "
        f"reports ({size['approved_share']:.0%} approved) with {counts['report_values']:,} values, "
        f"default targets per year. Generated deterministically (fixed seeds) by "
        "`bench/generate.py` and loaded with Core bulk inserts after `alembic upgrade head`.",
        f"- Requests: {size['requests']} timed after {size['warmup']} warm-up per scenario; the "
        f"bulk import {size['import_runs']} timed after 1 warm-up (the database is put back "
        f"between runs, untimed), the re-import {2 * size['import_runs']}. p95 is nearest-rank "
        "(of 5 samples, the largest).",
        "- In process: `httpx.AsyncClient` over `httpx.ASGITransport` against the app assembled "
        "as `app.main.create_app()` does; sync endpoints run in AnyIO's thread pool as in "
        "production; one request at a time, so these are latencies, not throughput.",
        "- Queries per request: statements seen by SQLAlchemy's `before_cursor_execute` on the "
        "app's engine (an executemany counts once; the most common count, and the maximum when "
        "it differs — a session token's `last_used_at` touch adds one statement a minute).",
        "- The raw SQL floor: the same database work as hand-written SQL (`bench/floors.py`) "
        "on the same engine, run alternately with the API call (so both see the same machine): "
        "what no amount of Python tuning can beat.",
        "- Before timing, the generator's garbage is collected and what the process holds is "
        "frozen (`gc.freeze()`), so a full collection over the data set kept for the scenarios "
        "does not land on a request.",
        *_load_warning(outcomes),
    ]


def _load_warning(outcomes: list[dict[str, Any]]) -> list[str]:
    peak = max(max(o["load"]) for o in outcomes)
    cores = os.cpu_count() or 1
    if peak <= cores:
        return []
    return [
        f"- The machine was shared during this run (1-minute load up to {peak:.1f} on {cores} "
        "cores): every absolute time is inflated, floors included. The ratios to the floors, "
        "the statement counts and the before/after comparisons hold better than the "
        "milliseconds."
    ]


def write_report(outcomes: list[dict[str, Any]], target: Path) -> None:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m bench`) on {now}. Reproduce with `make bench`; "
        "`python -m bench --quick --db sqlite` is a check in seconds.",
        "",
        "## Machine",
        "",
        *machine(outcomes),
        "",
        "## Settings",
        "",
        *settings(outcomes),
        "",
        "## Generating the data set",
        "",
        *generation_table(outcomes),
        "",
    ]
    for o in outcomes:
        lines += [f"## {TITLES[o['db']]}", "", *results_table(o), ""]
    lines += [
        "## Concurrent writers",
        "",
        "Writer threads, each with its own connection, read one report and write it back with "
        "If-Match, over and over, through a real uvicorn server (one worker) on this database. "
        "Stored writes are the versions the report gained; lost updates = acknowledged − "
        "stored, and must be 0. Then 50 clients submit one draft at the same moment: exactly "
        "one may win. `python -m bench --writers N --seconds M` changes the load.",
        "",
        *concurrency_table(outcomes),
        "",
        "## The web layer's hop",
        "",
        "A page through the web app against the same API calls replayed alone (concurrent "
        "ones again concurrently). The difference is what the pages add: their own request, "
        "the in-process client, parsing the API's JSON, rendering the template.",
        "",
        *hop_table(outcomes),
        "",
        "## What dominates",
        "",
        *findings(outcomes),
        "",
        "## Changes this harness led to",
        "",
        *CHANGES,
        "",
        "## Not measured yet",
        "",
        *NOT_MEASURED,
        "",
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines))
