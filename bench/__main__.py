"""`python -m bench [--quick] [--db sqlite|postgresql|both]`: generate the national-scale data
set on each database, time the scenarios, write docs/benchmarks.md.

Each database runs in its own process (settings and engine are read once per process); this
one collects their JSON and writes the report. `--quick` (5 provinces, 2 years) writes to
var/bench/benchmarks-quick.md so that the committed report always holds a full run.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench.config import ROOT, VAR
from bench.report import write_report


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="5 provinces, 2 years")
    parser.add_argument("--out", type=Path, help="where to write the report")
    parser.add_argument("--writers", type=int, default=16, help="concurrent writers (race)")
    parser.add_argument("--seconds", type=float, default=10, help="how long they write")
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    VAR.mkdir(parents=True, exist_ok=True)
    label = "quick" if args.quick else "full"
    outcomes = []
    started = time.perf_counter()
    for db in databases:
        out = VAR / f"{db}-{label}.json"
        command = [sys.executable, "-m", "bench.run", "--db", db, "--json", str(out)]
        command += ["--writers", str(args.writers), "--seconds", str(args.seconds)]
        if args.quick:
            command.append("--quick")
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            print(f"bench: the {db} run failed", file=sys.stderr)
            return 1
        outcomes.append(json.loads(out.read_text()))
    target = args.out or (
        VAR / "benchmarks-quick.md" if args.quick else ROOT / "docs" / "benchmarks.md"
    )
    write_report(outcomes, target)
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"bench: wrote {shown} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
