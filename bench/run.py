"""One database, in its own process: generate the data set, run the scenarios, write JSON.

`python -m bench.run --db sqlite --json var/bench/sqlite.json [--quick]`; `python -m bench`
runs this once per database and writes the report.
"""

import argparse
import asyncio
import gc
import json
import os
import sqlite3
import time
from pathlib import Path

from bench.config import DATABASES, FULL, QUICK, VAR, use_database


def server_version(db: str) -> str:
    if db == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    from sqlalchemy import text

    from app.core.db import get_engine

    with get_engine().connect() as conn:
        return "PostgreSQL " + str(conn.execute(text("SHOW server_version")).scalar())


def race(engine, built, size, *, writers: int, seconds: float) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Lost updates under concurrent writers, and one submit among 50 (bench.concurrency)."""
    from sqlalchemy import select

    from app.api.main import create_api
    from app.models import Period, Report
    from bench import concurrency

    with engine.connect() as conn:
        other = conn.execute(
            select(Report.id)
            .join(Period, Period.id == Report.period_id)
            .where(
                Period.code == f"{size.draft_year}-Q1",
                Report.status == "draft",
                Report.id != built.draft_report_id,
            )
            .order_by(Report.id)
            .limit(1)
        ).scalar_one()
    return concurrency.run(
        create_api(),
        built.tokens["reporter"],
        [built.draft_report_id],
        "viec_thu_ly_moi",
        writers=writers,
        seconds=seconds,
        submit=(built.tokens["admin"], other, built.draft_values),
    )


def run(db: str, quick: bool, writers: int = 16, seconds: float = 10) -> dict[str, object]:
    size = QUICK if quick else FULL
    VAR.mkdir(parents=True, exist_ok=True)
    use_database(DATABASES[db])  # before the app is imported
    from app.core.db import get_engine
    from bench.generate import generate
    from bench.load import remove_sqlite_file
    from bench.scenarios import Bench

    load_before = os.getloadavg()[0]
    if db == "sqlite":
        remove_sqlite_file()
    engine = get_engine()
    print(f"[{db}] generating the {size.label} data set …", flush=True)
    built = generate(engine, size)
    print(f"[{db}] generated in {built.seconds['total']:.1f} s: {built.counts}", flush=True)
    # The generator's garbage gone and what is left frozen: a full collection over the data
    # set held by this process would otherwise show up as a 100 ms request now and then.
    gc.collect()
    gc.freeze()
    started = time.perf_counter()
    results = asyncio.run(Bench(engine, built, size, db).run())
    print(f"[{db}] {writers} writers for {seconds:g} s through a real server …", flush=True)
    races = race(engine, built, size, writers=writers, seconds=seconds)
    return {
        "db": db,
        "server": server_version(db),
        "size": size.as_dict(),
        "counts": built.counts,
        "generate_seconds": {k: round(v, 2) for k, v in built.seconds.items()},
        "scenario_seconds": round(time.perf_counter() - started, 1),
        "results": [r.__dict__ for r in results],
        "concurrency": races,
        # Other work on the machine shows in the numbers: the 1-minute load at the start, its
        # peak after the scenarios, at the end.
        "load": [
            round(load_before, 2),
            max(r.extra["load"] for r in results),
            round(os.getloadavg()[0], 2),
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--db", choices=sorted(DATABASES), required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--writers", type=int, default=16, help="concurrent writers")
    parser.add_argument("--seconds", type=float, default=10, help="how long they write")
    args = parser.parse_args()
    outcome = run(args.db, args.quick, args.writers, args.seconds)
    args.json.write_text(json.dumps(outcome, indent=2, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
